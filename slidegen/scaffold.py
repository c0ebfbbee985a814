"""`slidegen new`: a small working project to start from."""

from __future__ import annotations

from pathlib import Path

from slidegen.fix import clean_json

CONFIG = """\
# slidegen project settings. Every key is optional; see `slidegen --help`.
title = "{title}"
theme = "default"
lang = "kk"

[kiosk]
slide_duration = 10   # seconds per slide when playing unattended
idle_timeout = 90     # seconds without a touch before the screen returns home

[menu]
"1" = "Жаңалықтар"
"""

WELCOME = {
    "ID": "1.1",
    "name": "Қош келдіңіз",
    "logo_title": "",
    "logo_path": "",
    "slide_max": 1,
    "slide_now": 1,
    "content": [
        {"title": "Қош келдіңіз!", "block": 1, "text": "Бұл — slidegen жобасының үлгісі."},
        {
            "title": "Мәтін",
            "block": 2,
            "text": "Мәтінді **Markdown** түрінде жазыңыз немесе Word-тан қойыңыз.\n\n"
            "•\tТізім элементі\n•\tТағы бір элемент\n\nКілт\tМәні",
        },
    ],
}


class ScaffoldError(Exception):
    """The target folder cannot take a new project."""


def create_project(target: Path) -> list[Path]:
    """Write a new project into `target` (which must be empty or absent); return the files."""
    if target.exists() and any(target.iterdir()):
        raise ScaffoldError(f"{target} is not empty; choose a new folder")
    files = {
        target / "slidegen.toml": CONFIG.format(title=target.resolve().name or "Slides"),
        target / "content" / "1.1.json": clean_json(WELCOME),
        target / "static" / "img" / ".keep": "",
        target / ".gitignore": "/build/\n*.bak\n",
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)
