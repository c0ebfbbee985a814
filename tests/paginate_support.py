"""Helpers for the pagination tests: a pager on the default theme, reading text, stress decks."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from slidegen.config import DEFAULT_SCREENS, Screen
from slidegen.diagnostics import Report
from slidegen.paginate import Pager
from slidegen.theme import resolve_theme
from tests.media_files import mp4

_BLOCKS = frozenset(
    {
        *("p", "div", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th"),
        *("caption", "blockquote", "pre", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "hr"),
    }
)
WORDS = [
    *("жоба", "білім", "мектеп", "балалар", "оқушылар", "мұғалім", "бағдарлама", "цифрлық"),
    *("сабақ", "қала", "ауыл", "облыс", "республика", "технология", "IT-сынып", "оқыту"),
    *("дамыту", "қолдау", "ұйымдастыру", "мүмкіндік"),
]


def pager(
    screens: tuple[Screen, ...] = DEFAULT_SCREENS,
    options: dict[str, str] | None = None,
    link_codes: bool = False,
) -> Pager:
    """A pager with the default theme's metrics."""
    report = Report()
    theme = resolve_theme("default", Path("/nonexistent"), options or {}, report)
    assert theme is not None, [d.format() for d in report]
    return Pager(theme.metrics, screens, theme.options, link_codes)


class _Reader(HTMLParser):
    """Text as a reader sees it: blocks and line breaks separate words, repeats are skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.parts.append(" ")
            return
        repeated = "sg-repeat" in (dict(attrs).get("class") or "").split()
        if self.skipping or repeated:
            self.skipping += 1
        self.stack.append(tag)
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            return
        self.stack.pop()
        if self.skipping:
            self.skipping -= 1
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def reading_text(html: str) -> str:
    """The words of some HTML, single-spaced, without content repeated on a continued slide."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return re.sub(r"\s+", " ", "".join(reader.parts)).strip()


def sentence(seed: int, words: int) -> str:
    """A plausible Kazakh sentence, deterministic for a seed."""
    chosen = [WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(words)]
    return " ".join(chosen).capitalize() + "."


def paragraph(seed: int, sentences: int) -> str:
    """Several sentences."""
    return " ".join(sentence(seed + i, 6 + (seed + i) % 9) for i in range(sentences))


def stress_decks() -> dict[str, dict[str, object]]:
    """Decks no slide can hold: file name → deck JSON (as a dict)."""
    long_paragraphs = "\n\n".join(paragraph(i, 9) for i in range(14))
    key_values = "\n".join(f"Көрсеткіш {i + 1}\t{sentence(i, 3 + i % 11)}" for i in range(60))
    bullets = "\n".join(f"•\t{sentence(i, 4 + i % 12)}" for i in range(40))
    numbered = "\n".join(f"{i + 1}.\t{sentence(i + 3, 3 + i % 7)}" for i in range(40))
    header_table = "| № | Атауы | Саны |\n|---|---|---|\n" + "\n".join(
        f"| {i + 1} | {sentence(i, 2 + i % 6)} | {i * 37} |" for i in range(45)
    )
    article = "\n".join(paragraph(i * 3, 4) for i in range(16))
    cjk = "".join("中文字符测试汉字数据内容显示屏幕"[i % 16] for i in range(2000))
    url = "https://example.kz/" + "/".join(f"section{i:04d}" for i in range(180))
    url = url[:2000]
    mixed = "\n\n".join(
        [
            f"## Бөлім {i + 1}\n\n{paragraph(i, 5)}\n\n- {sentence(i, 5)}\n- {sentence(i + 1, 7)}"
            for i in range(6)
        ]
    )
    blocks: dict[str, list[dict[str, object]]] = {
        "long-paragraphs": [{"title": "Ұзақ мәтін", "block": 2, "text": long_paragraphs}],
        "key-value-60": [{"title": "Жобаның паспорты", "block": 2, "text": key_values}],
        "list-40": [{"title": "Тізім", "block": 2, "text": bullets}],
        "ordered-40": [{"title": "Нөмірленген тізім", "block": 2, "text": numbered}],
        "header-table-45": [{"title": "Кесте", "block": 2, "text": header_table}],
        "article-br": [{"title": "Мақала", "block": 2, "text": article}],
        "cjk-2000": [{"title": "中文", "block": 2, "text": cjk}],
        "url-2000": [{"title": "Сілтеме", "block": 2, "text": url}],
        "headings": [{"title": "Бөлімдер", "block": 2, "text": mixed}],
        "text-image": [
            {
                "title": "Сурет пен мәтін",
                "block": 3,
                "img_path": "/img/logo.png",
                "text": long_paragraphs[:4000],
            }
        ],
        "video-caption": [
            {
                "title": "Бейне",
                "block": 5,
                "video": "/video/clip.mp4",
                "text": long_paragraphs[:3000],
            }
        ],
        "map-text": [{"title": "Карта", "block": 6, "map": "Астана", "text": article[:3000]}],
        "cover-text": [{"title": "Мұқаба", "block": 1, "text": long_paragraphs[:2500]}],
    }
    return {
        f"9.{index + 1}-{name}.json": {
            "ID": f"9.{index + 1}",
            "name": name,
            "lang": "kk",
            "content": content,
        }
        for index, (name, content) in enumerate(blocks.items())
    }


def write_stress_decks(project: Path) -> list[str]:
    """Write the stress decks (and the video one shows) into a project; return their IDs."""
    ids = []
    for name, deck in stress_decks().items():
        text = json.dumps(deck, ensure_ascii=False, indent=1)
        (project / "content" / name).write_text(text, "utf-8")
        ids.append(str(deck["ID"]))
    (project / "static" / "video").mkdir(parents=True, exist_ok=True)
    (project / "static" / "video" / "clip.mp4").write_bytes(mp4())
    return ids
