"""Write each seed's block-text HTML to tests/artifacts/text/, screenshots if Chromium exists."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

from slidegen.text import to_html

ROOT = Path(__file__).resolve().parent
SEEDS = ROOT.parents[1] / "shared" / "seeds"
OUT = ROOT / "artifacts" / "text"
CHROMIUM = Path("/usr/bin/chromium")
# Enough of a theme to see the structure: table rules, list bullets, headings.
STYLE = (
    "body{font:18px/1.4 sans-serif;max-width:1200px;margin:1em auto}"
    "th,td{border:1px solid #999;padding:.3em;vertical-align:top;text-align:left}"
    "table{border-collapse:collapse}"
)


def seed_texts() -> dict[str, str]:
    """Return block text per seed name; the deck's broken JSON gives one text per block."""
    texts = {
        path.stem: path.read_text(encoding="utf-8")
        for path in sorted(SEEDS.glob("*"))
        if path.suffix in (".txt", ".md")
    }
    deck = (SEEDS / "deck-1.5.1.1.1.json").read_text(encoding="utf-8")
    for n, text in enumerate(re.findall(r'"text": "(.*?)"', deck, re.DOTALL), start=1):
        texts[f"deck-1.5.1.1.1-block{n}"] = text
    return texts


def page(title: str, body: str) -> str:
    """Wrap block HTML in a minimal UTF-8 page."""
    return (
        f'<!doctype html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{STYLE}</style></head>\n<body>\n<h1>{html.escape(title)}</h1>\n{body}\n"
        "</body></html>\n"
    )


def screenshot(target: Path) -> None:
    """Render one page to a PNG beside it with headless Chromium."""
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        f"--screenshot={target.with_suffix('.png')}",
        "--window-size=1280,2000",
        target.as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def main() -> int:
    """Write every seed's page, then screenshot them."""
    if not SEEDS.is_dir():
        print(f"no seeds at {SEEDS}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in seed_texts().items():
        result = to_html(text)
        target = OUT / f"{name}.html"
        target.write_text(page(name, result.html), encoding="utf-8")
        print(f"{target}  removed={result.removed}")
        if CHROMIUM.exists() and shutil.which(str(CHROMIUM)):
            screenshot(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
