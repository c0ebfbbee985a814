"""What the built pages give the kiosk runtime: settings, play order, build id, no inline code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from slidegen.config import KioskConfig
from slidegen.versions import PENDING, file_digests, page_versions, stamp_page
from tests.conftest import build_into

CONFIG = """
title = "Site"
[kiosk]
slide_duration = 7.5
idle_timeout = 0
loop = false
update_check = 30
cursor_hide = 2
"""


def _deck(deck_id: str, *durations: float | None) -> str:
    blocks = [
        {"title": f"S{i}", "block": 2, "text": "x", **({"duration": d} if d else {})}
        for i, d in enumerate(durations, 1)
    ]
    return json.dumps({"ID": deck_id, "name": f"Deck {deck_id}", "content": blocks})


@pytest.fixture
def built(make_project) -> Path:
    """Three decks given out of order, built with kiosk settings."""
    project = make_project(
        {
            "content/c.json": _deck("2", None),
            "content/a.json": _deck("1.2", 4, None),
            "content/b.json": _deck("1.10", None),
        },
        CONFIG,
    )
    build_into(project, project / "build")
    return project / "build"


def _attrs(page: str, tag: str) -> dict[str, str]:
    match = re.search(rf"<{tag}\b([^>]*)>", page)
    assert match, tag
    return dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))


def test_kiosk_settings_reach_every_page_as_data_attributes(built: Path) -> None:
    """slidegen.toml [kiosk] is on <body> of each page, where the runtime reads it."""
    for rel in ("index.html", "menu/1.html", "deck/2.html", "play.html"):
        body = _attrs((built / rel).read_text(), "body")
        assert body["data-duration"] == "7.5"
        assert body["data-idle"] == "0" and body["data-loop"] == "0"
        assert body["data-update"] == "30" and body["data-cursor"] == "2"
        assert body["data-root"] == ("" if "/" not in rel else "../")
        assert body["data-path"] == rel


def test_deck_pages_know_their_neighbours_in_id_order(built: Path) -> None:
    """1.2 → 1.10 → 2 (numeric ID order, as in the menu); the ends have none (play.html wraps)."""
    order = ["deck/1.2.html", "deck/1.10.html", "deck/2.html"]
    for at, rel in enumerate(order):
        body = _attrs((built / rel).read_text(), "body")
        assert body["data-prev"] == (order[at - 1] if at else "")
        assert body["data-next"] == (order[at + 1] if at + 1 < len(order) else "")
        assert "data-first" not in body and "data-last" not in body
    assert _attrs((built / "deck/1.2.html").read_text(), "body")["data-back"] == "menu/1.html"


def test_block_duration_is_on_its_slide(built: Path) -> None:
    """A block's own duration is a data-duration on its slide; others have none."""
    page = (built / "deck" / "1.2.html").read_text()
    sections = re.findall(r"<section\b[^>]*>", page)
    assert len(sections) == 2
    assert 'data-duration="4"' in sections[0] and "data-duration" not in sections[1]
    assert 'aria-roledescription="слайд"' in sections[0]


def test_play_page_lists_every_deck_in_id_order(built: Path) -> None:
    """play.html names every deck in play order, with links that start a play session."""
    page = (built / "play.html").read_text()
    items = re.findall(r'data-play-item="([^"]+)"', page)
    assert items == ["deck/1.2.html", "deck/1.10.html", "deck/2.html"]
    assert 'href="deck/1.2.html?play=1"' in page
    assert "theme/js/play.js" in page


def test_every_page_carries_its_version_listed_in_the_manifest(built: Path) -> None:
    """Each page's version is the one manifest.json lists for it; nothing is left pending."""
    listed = json.loads((built / "manifest.json").read_text())["pages"]
    pages = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html"))
    assert sorted(listed) == pages and len(pages) >= 6
    for rel in pages:
        text = (built / rel).read_text()
        assert f'<meta name="slidegen-page" content="{listed[rel]}">' in text, rel
        assert PENDING not in text


def test_versions_change_only_for_changed_pages(make_project) -> None:
    """Editing one deck's text changes that page's version only; a theme option changes all."""
    project = make_project({"content/a.json": _deck("1.1", None), "content/b.json": _deck("2")})
    out = project / "build"

    def versions() -> dict[str, str]:
        build_into(project, out)
        return json.loads((out / "manifest.json").read_text())["pages"]

    first = versions()
    deck = project / "content" / "a.json"
    deck.write_text(deck.read_text().replace('"text": "x"', '"text": "changed"'))
    second = versions()
    assert {k for k in first if first[k] != second[k]} == {"deck/1.1.html"}
    (project / "slidegen.toml").write_text('[theme_options]\naccent = "#8a1538"\n')
    third = versions()
    assert all(third[k] != second[k] for k in second)


def test_stamping_touches_only_the_meta_of_html_pages(tmp_path: Path) -> None:
    """Stamping is exact: other text that looks alike and non-HTML files stay as they are."""
    meta = f'<meta name="slidegen-page" content="{PENDING}">'
    pages = {"a.html": f"{meta}<p>{PENDING}</p>".encode(), "b.json": meta.encode()}
    versions = page_versions(pages, {})
    assert list(versions) == ["a.html"] and re.fullmatch(r"[0-9a-f]{16}", versions["a.html"])
    stamped = {n: stamp_page(d, versions[n]) if n in versions else d for n, d in pages.items()}
    expected = f'<meta name="slidegen-page" content="{versions["a.html"]}"><p>{PENDING}</p>'
    assert stamped["a.html"] == expected.encode()
    assert stamped["b.json"] == pages["b.json"]
    theme_file = tmp_path / "nav.js"
    theme_file.write_text("x")
    assert page_versions(pages, file_digests({"theme/js/nav.js": theme_file})) != versions


def test_pages_have_no_inline_script_or_handler(built: Path) -> None:
    """Only script files: a Content-Security-Policy of 'self' scripts runs the whole runtime."""
    for page in built.rglob("*.html"):
        text = page.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), page
        assert not re.search(r"\son[a-z]+\s*=", text), page
        assert "javascript:" not in text
        for src in re.findall(r'<script src="([^"]+)"', text):
            assert (page.parent / src).resolve().is_file(), (page, src)


def test_runtime_scripts_are_small_classic_scripts(built: Path) -> None:
    """Each runtime script is a small strict-mode IIFE: no modules, no framework, no network
    but the manifest poll."""
    scripts = sorted((built / "theme" / "js").glob("*.js"))
    ours = [s for s in scripts if s.name != "fit.js"]
    assert len(ours) >= 10
    for script in ours:
        code = script.read_text()
        assert len(code.encode()) < 12_000, script.name
        assert code.lstrip().startswith("/*"), script.name  # says what it is for
        assert '"use strict"' in code
        assert not re.search(r"^\s*(import|export)\s", code, re.MULTILINE), script.name
        assert "setInterval" not in code, script.name  # one timer at a time, re-armed
        if script.name != "update.js":
            assert "fetch(" not in code and "XMLHttpRequest" not in code, script.name


def test_kiosk_config_accepts_zero_to_switch_off_and_refuses_negatives() -> None:
    """0 switches idle, update checks and cursor hiding off; a slide needs a positive time."""
    assert KioskConfig(idle_timeout=0, update_check=0, cursor_hide=0).idle_timeout == 0
    with pytest.raises(ValueError):
        KioskConfig(slide_duration=0)
    with pytest.raises(ValueError):
        KioskConfig(idle_timeout=-1)
