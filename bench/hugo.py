"""The same corpus as a Hugo site (Markdown pages), for a reference build time."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

LAYOUT = """<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>{{ .Title }}</title>
</head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>
"""
LIST = """<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>{{ .Title }}</title>
</head><body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">
{{ .Title }}</a></li>{{ end }}</ul></body></html>
"""


def hugo_available() -> bool:
    """Whether Debian's hugo is installed."""
    return shutil.which("hugo") is not None


def hugo_site(corpus: Path, root: Path) -> Path:
    """Write each deck of `corpus` as a Markdown page (slides as sections) of a Hugo site."""
    (root / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (root / "layouts" / "_default" / "single.html").write_text(LAYOUT, encoding="utf-8")
    (root / "layouts" / "_default" / "list.html").write_text(LIST, encoding="utf-8")
    (root / "layouts" / "index.html").write_text(LIST, encoding="utf-8")
    (root / "config.toml").write_text(
        'baseURL = "/"\ntitle = "Bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
        "[markup.goldmark.renderer]\nunsafe = true\nhardWraps = true\n",
        encoding="utf-8",
    )
    for path in sorted((corpus / "content").glob("*.json")):
        deck = json.loads(path.read_text(encoding="utf-8"))
        section = deck["ID"].split(".")[0]
        body = "\n\n".join(f"## {b['title']}\n\n{b['text']}" for b in deck["content"])
        target = root / "content" / f"s{section}" / f"{path.stem}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'---\ntitle: "{deck["name"]}"\n---\n\n{body}\n', encoding="utf-8")
    return root
