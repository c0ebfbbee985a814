"""The real press-office samples, used as block text, come out with the right structure."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from slidegen.text import to_html

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
DECK = SEEDS / "deck-1.5.1.1.1.json"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed folder {SEEDS} is absent")

_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"})
_INLINE = frozenset(
    {"a", "abbr", "b", "code", "em", "i", "mark", "s", "small", "span", "strong", "sub", "sup", "u"}
)
_WORD = re.compile(r"[^\W_]+")


@dataclass
class Node:
    """An element of a parsed HTML fragment."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def elements(self) -> list[Node]:
        """Child elements, without text."""
        return [child for child in self.children if isinstance(child, Node)]

    def iter(self, tag: str) -> Iterator[Node]:
        """Descendant elements with this tag, in document order."""
        for child in self.elements():
            if child.tag == tag:
                yield child
            yield from child.iter(tag)

    def text(self) -> str:
        """Text content, whitespace collapsed."""
        parts = [c if isinstance(c, str) else f" {c.text()} " for c in self.children]
        return " ".join("".join(parts).split())


class _TreeBuilder(HTMLParser):
    """Build a Node tree from HTML, closing elements the simple way."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack = [Node("#root")]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


class _VisibleText(HTMLParser):
    """Text as a reader sees it: blocks separate words, inline tags do not, <ol> shows numbers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.counters: list[int | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _INLINE:
            self.parts.append(" ")
        if tag in ("ol", "ul"):
            self.counters.append(int(dict(attrs).get("start") or 1) if tag == "ol" else None)
        elif tag == "li" and self.counters and self.counters[-1] is not None:
            self.parts.append(f"{self.counters[-1]}. ")
            self.counters[-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in _INLINE:
            self.parts.append(" ")
        if tag in ("ol", "ul") and self.counters:
            self.counters.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def tree(html: str) -> Node:
    """Parse HTML into a Node tree."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.stack[0]


def visible_words(html: str) -> list[str]:
    """Words (maximal runs of letters and digits) a reader sees, in order."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return _WORD.findall("".join(parser.parts))


def source_words(text: str) -> list[str]:
    """Words of a seed's content: tags are markup, not words; inline tags join their text."""
    text = re.sub(r"</?(?:sup|sub|strong|em|b|i|u|s|a|span)\b[^>]*>", "", text)
    return _WORD.findall(re.sub(r"<[^>]*>", " ", text))


def seed(name: str) -> str:
    """Read one seed file."""
    return (SEEDS / name).read_text(encoding="utf-8")


def deck_texts() -> list[str]:
    """The deck's `text` values, sliced out: the file is not valid JSON (raw TABs, commas)."""
    return re.findall(r'"text": "(.*?)"', seed(DECK.name), re.DOTALL)


def all_seed_texts() -> list[tuple[str, str]]:
    """(id, text) for every seed used as block text."""
    files = [
        "project-charter.txt",
        "letter-deputies.md",
        "article-el-umiti.txt",
        "article-it-center.txt",
    ]
    texts = [(name, seed(name)) for name in files]
    return texts + [(f"deck-block{n}", t) for n, t in enumerate(deck_texts(), start=1)]


def test_deck_has_the_two_known_text_blocks() -> None:
    texts = deck_texts()
    assert len(texts) == 2
    assert texts[0].startswith("Паспорт партийного проекта")
    assert texts[1].count("\t") == 17


def test_charter_is_one_table_with_a_row_per_key() -> None:
    text = seed("project-charter.txt")
    keys = [line.split("\t")[0] for line in text.splitlines() if re.match(r"[^\t\s][^\t]*\t", line)]
    assert len(keys) == 19
    root = tree(to_html(text).html)
    assert [p.text() for p in root.elements() if p.tag == "p"] == ["Жобаның жарғысы"]
    (table,) = root.iter("table")
    rows = list(table.iter("tr"))
    assert [row.elements()[0].text() for row in rows] == keys
    assert all([c.tag for c in row.elements()] == ["th", "td"] for row in rows)
    assert all(row.elements()[0].attrs == {"scope": "row"} for row in rows)


def test_charter_cells_keep_paragraphs_list_and_continuation() -> None:
    result = to_html(seed("project-charter.txt"))
    assert "style=" not in result.html
    assert result.removed == ["style attribute"]
    cells = {row.elements()[0].text(): row.elements()[1] for row in tree(result.html).iter("tr")}
    reason = cells["Бастаманы негіздеу"]
    assert [c.tag for c in reason.elements()] == ["p", "p", "p", "p"]
    assert reason.elements()[3].text().startswith("Сондықтан біздің жоба")
    (limits,) = cells["Жобаның шектеулері"].iter("ul")
    items = [li.text() for li in limits.elements()]
    assert len(items) == 7
    assert (items[0], items[-1]) == ("Компьютерлік техника сапасының төмендігі", "Форс-мажор")
    assert cells["Бастамашы"].children == ["ШҚО білім басқармасы"]


def test_letter_heading_footnotes_signature_and_letterhead() -> None:
    html = to_html(seed("letter-deputies.md")).html
    root = tree(html)
    headings = [h for tag in ("h2", "h3") for h in root.iter(tag)]
    assert [h.text() for h in headings] == ["Құрметті депутаттар!"]
    assert not list(root.iter("h1"))
    markers = ["1", "2", "3", "4", "5", "6"]
    # Marker 1 sits in the text, then its footnote; markers 2-6 come before their footnotes.
    assert [s.text() for s in root.iter("sup")] == ["1", *markers, *markers[1:]]
    assert [s.text() for s in root.iter("strong")] == ["Т. Дүйсенова"]
    letterhead = root.elements()[0]
    assert letterhead.tag == "p"
    assert [c.tag for c in letterhead.elements()] == ["br", "br"]
    assert letterhead.text() == "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ПРЕМЬЕР-МИНИСТРІНІҢ ОРЫНБАСАРЫ"
    assert "№ _____" in [p.text() for p in root.iter("p")]
    assert [e.text() for e in root.iter("em")] == [
        "физика, математика,",
        "информатика, химия және географияны тереңдетіп оқыту",
    ]


def test_deck_first_block_is_one_paragraph() -> None:
    root = tree(to_html(deck_texts()[0]).html)
    assert [(e.tag, e.text()) for e in root.elements()] == [
        ("p", "Паспорт партийного проекта «Бесплатные IT-классы для детей»")
    ]


def test_deck_second_block_has_key_value_table_and_bullet_lists() -> None:
    root = tree(to_html(deck_texts()[1]).html)
    assert [e.tag for e in root.elements()] == ["p", "table"]
    rows = list(root.iter("tr"))
    assert [row.elements()[0].text() for row in rows] == [
        "Жоба өзектілігінің негіздемесі",
        "Жобаның мақсаты",
        "Жобаның міндеттері",
        "Жобаны іске асыру мерзімдері",
        "Іске асыру тетіктері",
    ]
    lists = [[len(ul.elements()) for ul in row.elements()[1].iter("ul")] for row in rows]
    assert lists == [[3], [], [4, 3], [], [5]]
    tasks = next(rows[2].elements()[1].iter("ul"))
    nested = tasks.elements()[1]
    assert nested.text().startswith("8 жастан 16 жасқа дейінгі 150 мыңдай баланы")
    assert [li.text() for li in next(nested.iter("ul")).elements()] == [
        "ауыл мектептерінен - 70%",
        "қала мектептерінен - 30%",
        "арнайы (түзеу) мектептерден - 100%.",
    ]
    grounds = rows[0].elements()[1]
    intro = grounds.elements()[0]
    assert intro.tag == "p"
    assert len(list(intro.iter("br"))) == 5
    assert intro.text().endswith("Жоба:")


@pytest.mark.parametrize("name", ["article-el-umiti.txt", "article-it-center.txt"])
def test_articles_are_paragraphs_with_br_for_single_newlines(name: str) -> None:
    text = seed(name)
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    breaks = sum(len(b.strip().splitlines()) - 1 for b in blocks)
    root = tree(to_html(text).html)
    assert [e.tag for e in root.elements()] == ["p"] * len(blocks)
    assert sum(len(list(p.iter("br"))) for p in root.elements()) == breaks > 0


@pytest.mark.parametrize(("name", "text"), all_seed_texts(), ids=lambda v: v[:24])
def test_every_word_of_every_seed_appears_in_order(name: str, text: str) -> None:
    assert visible_words(to_html(text).html) == source_words(text)


@pytest.mark.parametrize(("name", "text"), all_seed_texts(), ids=lambda v: v[:24])
def test_seed_output_is_deterministic(name: str, text: str) -> None:
    assert to_html(text) == to_html(text)
