"""An open page under `slidegen serve` reloads itself after a save, and shows errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.serving import Served

pytestmark = pytest.mark.browser

CONNECTED = """() => !!(window.LiveReload && LiveReload.connector && LiveReload.connector.socket
    && LiveReload.connector.socket.readyState === 1)"""


def _connected(page: Page) -> None:
    """Wait until the reloaded page's livereload socket is open and has said hello.

    A save made while a page is still loading reaches no socket; an editor's next save would
    reload it, but a test must not race the reconnection.
    """
    page.wait_for_function(CONNECTED, timeout=10_000)
    page.wait_for_timeout(300)


def test_page_reloads_on_save_and_shows_overlay(sample_project: Path, open_page) -> None:
    """Save → the page reloads with the change; a broken save → overlay; a fix → it is gone."""
    server = Served(sample_project)
    try:
        watched = open_page(server.url + "deck/2.1.html")
        page = watched.page
        _connected(page)
        charter = sample_project / "content" / "2.1-charter.json"
        text = charter.read_text(encoding="utf-8")
        with page.expect_navigation(timeout=10_000):
            charter.write_text(text.replace("Жобаның жарғысы", "ЖАҢА АТАУ", 1), "utf-8")
        page.wait_for_function("() => document.title.includes('ЖАҢА АТАУ')", timeout=10_000)
        _connected(page)
        with page.expect_navigation(timeout=10_000):
            charter.write_text('{"ID": "2.1", "name": "a "b""}', encoding="utf-8")
        overlay = page.locator("#sg-dev-overlay")
        assert "unescaped-quote" in overlay.inner_text()
        _connected(page)
        with page.expect_navigation(timeout=10_000):
            charter.write_text(text, encoding="utf-8")
        assert page.locator("#sg-dev-overlay").count() == 0
        failed = [r.url for r in watched.failed]
        assert [e for e in watched.errors if "livereload" not in e] == [], failed
        assert all(u.startswith(server.url) for u in watched.requests)
    finally:
        server.stop()
