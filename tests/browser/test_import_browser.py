"""Seed documents imported with `slidegen import`, built, and shown in headless chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Page

from slidegen.cli import main
from tests.browser.conftest import screenshot
from tests.conftest import SEEDS, build_into

pytestmark = pytest.mark.browser


@pytest.fixture
def imported_build(sample_project: Path, tmp_path: Path) -> Path:
    """The sample site with the charter and the letter imported afresh, built."""
    imports = (
        ("project-charter.txt", "2.1", []),
        ("letter-deputies.md", "2.2", ["--title", "Депутаттарға хат"]),
    )
    for seed, deck_id, extra in imports:
        args = ["--project", str(sample_project), "import", str(SEEDS / seed), "--id", deck_id]
        result = CliRunner().invoke(main, [*args, *extra, "--force"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    out = tmp_path / "build"
    build_into(sample_project, out)
    return out


def _titles(page: Page) -> list[str]:
    """Each slide's title, "" for a slide without one."""
    return page.locator(".sg-slide").evaluate_all(
        "slides => slides.map(s => s.querySelector('.sg-title')?.textContent.trim() ?? '')"
    )


def _show(page: Page, number: int) -> None:
    """Go to slide `number` (1-based) by its #N deep link."""
    page.evaluate("n => { location.hash = '#' + n; }", number)
    page.wait_for_function("n => !document.getElementById('slide-' + n).hidden", arg=number)
    # Let a slide transition finish, so a screenshot shows the slide as a person sees it.
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running')", timeout=5000
    )


def test_imported_charter_shows_its_rows_as_a_table(imported_build: Path, open_page) -> None:
    """The charter's Key<TAB>Value rows come out as one table with a header cell per row."""
    watched = open_page((imported_build / "deck" / "2.1.html").as_uri())
    page = watched.page
    assert _titles(page)[0] == "Жобаның жарғысы"
    assert page.locator(".sg-slide table").count() >= 1
    keys = page.locator(".sg-slide table th").all_inner_texts()
    assert keys[0] == "Жобаның атауы"
    assert "Жобаның негізгі (кезеңдері)" in keys
    with_table = page.locator(".sg-slide").evaluate_all(
        "slides => slides.map(s => s.querySelector('table') !== null)"
    )
    number = with_table.index(True) + 1
    _show(page, number)
    assert page.locator(f"#slide-{number} table").is_visible()
    screenshot(page, "import-charter-landscape")
    assert watched.errors == []
    assert watched.outside(imported_build) == []


@pytest.mark.parametrize("screen", ["landscape", "portrait"])
def test_imported_letter_keeps_heading_and_footnotes(
    imported_build: Path, open_page, screen: str
) -> None:
    """Letterhead, then the salutation as a slide title, then the footnotes block after it."""
    watched = open_page((imported_build / "deck" / "2.2.html").as_uri(), screen)
    page = watched.page
    titles = _titles(page)
    assert titles[0] == "Депутаттарға хат"
    assert titles[1] == ""
    body_at = next(i for i, t in enumerate(titles) if t.startswith("Құрметті депутаттар!"))
    notes_at = next(i for i, t in enumerate(titles) if t.startswith("Ескертпелер"))
    assert 1 < body_at < notes_at
    slides = page.locator(".sg-slide")
    letterhead = slides.nth(1).locator(".sg-body").text_content() or ""
    assert "ПРЕМЬЕР-МИНИСТРІНІҢ" in letterhead and "№ ДС-322" in letterhead
    letter = slides.filter(has=page.locator(".sg-title", has_text="Құрметті депутаттар!"))
    cited = letter.locator(".sg-body sup").all_text_contents()
    assert sorted(set(cited)) == ["1", "2", "3", "4", "5", "6"]
    assert letter.locator("strong", has_text="Т. Дүйсенова").count() == 1
    notes = slides.nth(notes_at).locator(".sg-body")
    assert notes.locator("sup").all_text_contents() == ["1", "2", "3", "4", "5", "6"]
    _show(page, 2)
    screenshot(page, f"import-letter-letterhead-{screen}")
    _show(page, body_at + 1)
    screenshot(page, f"import-letter-body-{screen}")
    _show(page, notes_at + 1)
    assert notes.is_visible()
    screenshot(page, f"import-letter-notes-{screen}")
    assert watched.errors == []
    assert watched.outside(imported_build) == []
