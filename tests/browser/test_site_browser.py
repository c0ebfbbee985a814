"""The built sample site in headless chromium over file://: menus, navigation, no network."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def _visible_slide(page: Page) -> int:
    return page.evaluate(
        "[...document.querySelectorAll('.sg-slide')].findIndex(s => !s.hidden) + 1"
    )


def _swipe(page: Page, dx: int) -> None:
    """Dispatch a horizontal touch swipe on the deck."""
    page.evaluate(
        """dx => {
          const deck = document.getElementById('deck');
          const touch = x => new Touch({identifier: 1, target: deck, clientX: x, clientY: 400});
          const start = {changedTouches: [touch(600)], bubbles: true};
          deck.dispatchEvent(new TouchEvent('touchstart', start));
          deck.dispatchEvent(new TouchEvent('touchend',
            {changedTouches: [touch(600 + dx)], bubbles: true, cancelable: true}));
        }""",
        dx,
    )


def test_menu_to_deck_by_taps(sample_build: Path, open_page) -> None:
    """From home, tapping tiles reaches a deck; breadcrumbs and back lead home again."""
    watched = open_page((sample_build / "index.html").as_uri())
    page = watched.page
    assert page.locator("html").get_attribute("lang") == "kk"
    screenshot(page, "home-landscape")
    page.get_by_role("link", name="Құжаттар").click()
    assert page.url.endswith("menu/2.html")
    page.get_by_role("link", name="Жобаның жарғысы").click()
    assert page.url.endswith("deck/2.1.html")
    # The charter's one table, paginated: one piece of it on each of several slides.
    tables = page.locator(".sg-slide table").count()
    assert tables > 1 and page.locator(".sg-slide:has(table)").count() == tables
    screenshot(page, "charter-landscape")
    page.locator(".sg-breadcrumbs a", has_text="Құжаттар").click()
    assert page.url.endswith("menu/2.html")
    assert watched.errors == []
    assert watched.outside(sample_build) == []


def test_deck_navigation_keys_taps_swipe_hash(sample_build: Path, open_page) -> None:
    """Keys, tap zones, swipe and the #N deep link all move between slides."""
    url = (sample_build / "deck" / "1.5.1.1.1.html").as_uri()
    watched = open_page(url)
    page = watched.page
    assert _visible_slide(page) == 1
    page.keyboard.press("ArrowRight")
    assert _visible_slide(page) == 2
    assert page.url.endswith("#2")
    assert page.locator("[data-counter]").inner_text() == "2"
    page.keyboard.press("ArrowLeft")
    assert _visible_slide(page) == 1
    page.mouse.click(1800, 600)
    assert _visible_slide(page) == 2
    page.mouse.click(100, 600)
    assert _visible_slide(page) == 1
    _swipe(page, -300)
    assert _visible_slide(page) == 2
    _swipe(page, 300)
    assert _visible_slide(page) == 1
    page.goto(url + "#2")
    page.reload()
    assert _visible_slide(page) == 2
    screenshot(page, "seed-deck-slide2-landscape")
    page.keyboard.press("Escape")
    page.wait_for_url("**/menu/1.5.1.1.html")
    assert watched.errors == []
    assert watched.outside(sample_build) == []


def test_letter_headings_and_footnotes_render(sample_build: Path, open_page) -> None:
    """The letter keeps its heading, bold signature and footnote markers as structure."""
    watched = open_page((sample_build / "deck" / "2.2.html").as_uri())
    page = watched.page
    # `slidegen import` makes the "###" salutation the title of the body's slide(s).
    title = page.locator(".sg-title", has_text="Құрметті депутаттар!")
    body = page.locator(".sg-slide").filter(has=title).locator(".sg-body")
    assert body.count() >= 1
    assert body.locator("sup").count() >= 6
    assert body.locator("strong", has_text="Т. Дүйсенова").count() == 1
    screenshot(page, "letter-landscape")
    assert watched.errors == []
    assert watched.outside(sample_build) == []
