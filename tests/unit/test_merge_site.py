"""Merging split decks, duplicate IDs, and the menu tree with its section titles."""

from __future__ import annotations

from pathlib import Path

from slidegen.config import SiteConfig
from slidegen.deckfile import load_deck_file
from slidegen.diagnostics import Report
from slidegen.merge import merge_parts
from slidegen.site import build_site


def parts(tmp_path: Path, files: dict[str, str], report: Report):
    """Load several deck files."""
    loaded = []
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        part = load_deck_file(path, name, report)
        assert part is not None, [d.format() for d in report]
        loaded.append(part)
    return loaded


def deck(id_: str, now: int, maxi: int, title: str) -> str:
    """A small deck file."""
    return (
        f'{{"ID": "{id_}", "slide_now": {now}, "slide_max": {maxi},'
        f' "content": [{{"title": "{title}", "block": 1}}]}}'
    )


def test_split_deck_merges_in_slide_now_order_and_repairs_slide_max(tmp_path: Path) -> None:
    """Pages merge by slide_now, whatever the file order; a wrong slide_max is a warning."""
    report = Report()
    loaded = parts(
        tmp_path,
        {"a.json": deck("1", 2, 2, "second"), "b.json": deck("1", 1, 3, "first")},
        report,
    )
    decks = merge_parts(loaded, report)
    assert len(decks) == 1
    assert [b.block.title for b in decks[0].blocks] == ["first", "second"]
    assert decks[0].files == ["b.json", "a.json"]
    assert [(d.code, d.file) for d in report] == [("slide-max", "b.json")]


def test_duplicate_id_is_an_error_and_first_file_wins(tmp_path: Path) -> None:
    """Two files claiming the same page of the same ID: the later one is skipped."""
    report = Report()
    loaded = parts(
        tmp_path, {"a.json": deck("2", 1, 1, "A"), "b.json": deck("2", 1, 1, "B")}, report
    )
    decks = merge_parts(loaded, report)
    assert [b.block.title for b in decks[0].blocks] == ["A"]
    error = next(d for d in report if d.code == "duplicate-id")
    assert error.file == "b.json" and "a.json" in error.message


def test_menu_tree_titles_and_fallback(tmp_path: Path) -> None:
    """Section titles: [menu], else a deck with that ID, else a fallback with a warning."""
    report = Report()
    loaded = parts(
        tmp_path,
        {
            "a.json": deck("1.1", 1, 1, "Deck one-one"),
            "b.json": deck("1.2.1", 1, 1, "Deep deck"),
            "c.json": '{"ID": "2", "name": "Named deck", "content": [{"title": "x", "block": 1}]}',
            "d.json": deck("2.1", 1, 1, "Child of deck"),
        },
        report,
    )
    site = build_site(SiteConfig(menu={"1": "News"}), merge_parts(loaded, report), report)
    top = site.root.children
    assert [(n.id, n.title) for n in top] == [("1", "News"), ("2", "Named deck")]
    assert [n.id for n in top[0].children] == ["1.1", "1.2"]
    section = top[0].children[1]
    assert section.title == "Deep deck" and section.url == "menu/1.2.html"
    assert [d.code for d in report] == ["section-title"]
    assert top[1].deck is not None and top[1].url == "menu/2.html"
    assert [n.title for n in site.trail((1, 2, 1))] == ["Slides", "News", "Deep deck"]
    assert [d.id for d in site.decks] == ["1.1", "1.2.1", "2", "2.1"]


def test_bare_number_name_uses_first_block_title(tmp_path: Path) -> None:
    """A deck named "1" is labelled by its first block's title."""
    report = Report()
    loaded = parts(
        tmp_path, {"a.json": '{"ID": "5", "name": "1", "content": [{"title": "Real"}]}'}, report
    )
    assert merge_parts(loaded, report)[0].label == "Real"
