"""Generate a large project from the seed texts, for benchmarks."""

from __future__ import annotations

import json
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_TEXTS = (
    "article-el-umiti.txt",
    "article-it-center.txt",
    "project-charter.txt",
    "letter-deputies.md",
)


def seed_paragraphs() -> list[str]:
    """Paragraphs of the seed documents (a fallback text when the seeds are absent)."""
    paragraphs: list[str] = []
    for name in SEED_TEXTS:
        path = SEEDS / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            paragraphs += [p.strip() for p in text.split("\n\n") if p.strip()]
    return paragraphs or ["Қазақстан Республикасы білім беру жүйесі. " * 20]


def generate(root: Path, decks: int = 1000, slides: int = 10) -> Path:
    """Write `decks` deck files of `slides` blocks each under root/content; return root."""
    paragraphs = seed_paragraphs()
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    (root / "slidegen.toml").write_text(
        'title = "Bench"\n[menu]\n' + "".join(f'"{s}" = "Section {s}"\n' for s in range(1, 11)),
        encoding="utf-8",
    )
    for n in range(decks):
        section, item = divmod(n, 100)
        blocks = [
            {
                "title": f"Slide {i + 1}",
                "block": "2",
                "text": paragraphs[(n * slides + i) % len(paragraphs)][:900],
            }
            for i in range(slides)
        ]
        deck = {"ID": f"{section + 1}.{item + 1}", "name": f"Deck {n + 1}", "content": blocks}
        (content / f"deck-{n:04d}.json").write_text(
            json.dumps(deck, ensure_ascii=False), encoding="utf-8"
        )
    return root
