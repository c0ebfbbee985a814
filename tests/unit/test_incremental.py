"""Incremental rebuilds produce exactly what a clean build produces, and only redo what changed."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from slidegen.build import BuildOptions
from slidegen.rebuild import Session
from tests.conftest import build_into
from tests.golden.snapshot import snapshot


def deck(deck_id: str, title: str, text: str = "Body text") -> str:
    """A small deck file."""
    body = {"ID": deck_id, "name": title, "content": [{"title": title, "block": 2, "text": text}]}
    return json.dumps(body, ensure_ascii=False)


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


HEADER = "themes/default/templates/_header.html"
OPTION = 'theme = "default"\n[theme_options]\naccent = "#aa0000"'

EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("edit a deck's text", lambda p: _edit(p / "content/1.1-el-umiti.json", "Елбасы", "ЕЛБАСЫ")),
    ("add a deck", lambda p: (p / "content/3.1.json").write_text(deck("3.1", "New"))),
    ("rename a deck file", lambda p: (p / "content/3.1.json").rename(p / "content/3.1-x.json")),
    ("change a menu title", lambda p: _edit(p / "slidegen.toml", '"Құжаттар"', '"Құжат"')),
    ("delete a deck", lambda p: (p / "content/2.2-letter.json").unlink()),
    ("replace the logo", lambda p: (p / "static/img/logo.png").write_bytes(_png(40))),
    ("override a template", lambda p: _theme_override(p)),
    ("edit the override", lambda p: _edit(p / HEADER, "<!--x-->", "<!--y-->")),
    ("add a theme option", lambda p: _edit(p / "slidegen.toml", 'theme = "default"', OPTION)),
]


def _png(size: int) -> bytes:
    """A small real PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _theme_override(project: Path) -> None:
    """A project theme that overrides one template of the built-in default theme."""
    theme = project / "themes" / "default"
    (theme / "templates").mkdir(parents=True)
    builtin = Path(__file__).resolve().parents[2] / "themes" / "default"
    (theme / "theme.toml").write_text((builtin / "theme.toml").read_text(encoding="utf-8"))
    header = (builtin / "templates" / "_header.html").read_text(encoding="utf-8")
    (theme / "templates" / "_header.html").write_text("<!--x-->" + header, encoding="utf-8")


def test_incremental_equals_clean_after_each_edit(sample_project: Path, tmp_path: Path) -> None:
    """After every scripted edit, the session's output is byte-identical to a clean build."""
    out = tmp_path / "live"
    session = Session(sample_project, BuildOptions(), out)
    assert session.build().ok
    for name, edit in EDITS:
        edit(sample_project)
        outcome = session.build()
        assert outcome.ok, (name, [d.format() for d in outcome.diagnostics])
        clean = tmp_path / f"clean-{len(name)}"
        build_into(sample_project, clean)
        assert snapshot(out) == snapshot(clean), name


def test_one_deck_edit_renders_one_deck_and_writes_little(
    sample_project: Path, tmp_path: Path
) -> None:
    """Unchanged decks are neither re-read nor re-rendered nor re-written."""
    session = Session(sample_project, BuildOptions(), tmp_path / "live")
    first = session.build()
    assert first.stats.decks_rendered == 5
    noop = session.build()
    assert (noop.stats.files_loaded, noop.stats.decks_rendered, noop.written) == (0, 0, 0)
    _edit(sample_project / "content/2.1-charter.json", "Жобаның жарғысы", "Жарғы")
    edited = session.build()
    assert edited.stats.files_loaded == 1
    assert edited.stats.decks_rendered == 1
    # The deck page, its section's menu page and the manifest; nothing else.
    assert edited.written <= 4, edited


def test_failed_rebuild_keeps_last_good_output(sample_project: Path, tmp_path: Path) -> None:
    """A deck broken beyond repair fails the rebuild; the previous output stays as it was."""
    out = tmp_path / "live"
    session = Session(sample_project, BuildOptions(), out)
    assert session.build().ok
    before = snapshot(out)
    (sample_project / "content/2.1-charter.json").write_text('{"ID": "2.1", "name": "a "b""}')
    outcome = session.build()
    assert not outcome.ok
    assert any(d.code == "unescaped-quote" for d in outcome.diagnostics)
    assert snapshot(out) == before


@pytest.mark.parametrize("broken", ['title = "x', 'theme = "nope"'])
def test_bad_config_keeps_last_good_output(
    sample_project: Path, tmp_path: Path, broken: str
) -> None:
    """A broken slidegen.toml or theme fails the rebuild without touching the output."""
    out = tmp_path / "live"
    session = Session(sample_project, BuildOptions(), out)
    assert session.build().ok
    before = snapshot(out)
    (sample_project / "slidegen.toml").write_text(broken + "\n", encoding="utf-8")
    assert not session.build().ok
    assert snapshot(out) == before


def test_adding_a_deck_rerenders_only_it_and_its_neighbour(
    sample_project: Path, tmp_path: Path
) -> None:
    """A new last deck changes the previous last deck's "next" link, and nothing else."""
    session = Session(sample_project, BuildOptions(), tmp_path / "live")
    session.build()
    (sample_project / "content/9.json").write_text(deck("9", "Last"), encoding="utf-8")
    outcome = session.build()
    assert outcome.ok
    assert outcome.stats.decks_rendered == 2
