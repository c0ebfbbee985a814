"""Media and the Content-Security-Policy in Chromium, from file:// as kiosks open them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, BrowserContext, Page, Route

from slidegen.cli import main
from tests.browser.conftest import screenshot
from tests.conftest import build_into
from tests.media_files import jpeg, png_rgba

pytestmark = pytest.mark.browser
# Records violations from the first byte on; console errors are collected too.
_WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A landscape context that records CSP violations on every page."""
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    ctx.add_init_script(_WATCH)
    yield ctx
    ctx.close()


def visit(context: BrowserContext, url: str) -> tuple[Page, list[str], list[str]]:
    """Open a page; return it, its console errors and the URLs it requested."""
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)
    return page, errors, requests


def loaded(page: Page) -> dict[str, object]:
    """Whether the page's styles, scripts and images really loaded."""
    return page.evaluate(
        """() => ({
          violations: window.__violations,
          styled: getComputedStyle(document.body).overflow === "hidden",
          scripted: typeof window.SG === "object",
          images: Array.from(document.images).map(i => [i.currentSrc.slice(0, 40), i.naturalWidth])
        })"""
    )


def test_sample_site_has_no_csp_violation(sample_build: Path, context: BrowserContext) -> None:
    """Every page of the sample site: styles, scripts and images load under the policy."""
    pages = sorted(sample_build.rglob("*.html"))
    assert len(pages) >= 5
    for path in pages:
        page, errors, _ = visit(context, path.as_uri())
        state = loaded(page)
        assert state["violations"] == [] and errors == [], (path, state, errors)
        assert state["styled"] and state["scripted"], path
        assert all(width > 0 for _, width in state["images"]), (path, state)
        page.close()


MEDIA_DECK = {
    "ID": "1",
    "name": "Media",
    "logo_path": "/img/logo.png",
    "content": [
        {"title": "Photo", "block": 4, "img_path": "/img/photo.jpg"},
        {"title": "Alpha", "block": 3, "img_path": "/img/alpha.png", "text": "www.gov.kz"},
        {"title": "Map", "block": 6, "map": "43.2383,76.9453", "text": "Abai square"},
        {"title": "Film", "block": 5, "video": "https://youtu.be/dQw4w9WgXcQ"},
    ],
}


@pytest.fixture
def media_project(make_project) -> Path:
    """Rotated photo, transparent PNG, a map and a YouTube player."""
    return make_project(
        {
            "static/img/logo.png": png_rgba(120, 60),
            "static/img/photo.jpg": jpeg(4800, 2700, orientation=8),
            "static/img/alpha.png": png_rgba(900, 600),
            "content/d.json": json.dumps(MEDIA_DECK),
        }
    )


def test_media_deck_from_file_url(
    media_project: Path, tmp_path: Path, context: BrowserContext
) -> None:
    """Images load with their declared size; no violation, no request leaves the folder."""
    out = tmp_path / "out"
    build_into(media_project, out)
    page, errors, requests = visit(context, (out / "deck" / "1.html").as_uri())
    context.set_offline(True)
    state = loaded(page)
    assert state["violations"] == [] and errors == [], (state, errors)
    assert len(state["images"]) == 3 and all(w > 0 for _, w in state["images"])
    box = page.evaluate(
        "() => { const i = document.querySelector('#slide-1 img');"
        " return [i.naturalWidth, i.naturalHeight, i.getAttribute('width'),"
        " i.getAttribute('height')]; }"
    )
    assert box == [2160, 3840, "2160", "3840"]
    prefix = out.resolve().as_uri() + "/"
    assert [u for u in requests if not u.startswith(prefix) and not u.startswith("data:")] == []
    screenshot(page, "media-photo-landscape")
    for index in (2, 3, 4):
        page.evaluate(f"() => {{ location.hash = '#{index}'; }}")
        page.wait_for_timeout(300)
        screenshot(page, f"media-slide{index}-offline")
    assert page.locator("#slide-4 [data-offline-note] .sg-qr-code").is_visible()


def test_single_file_export_opens_alone(
    media_project: Path, tmp_path: Path, context: BrowserContext
) -> None:
    """A deck page copied alone into an empty folder shows every image, under its own CSP."""
    target = tmp_path / "usb"
    result = CliRunner().invoke(
        main, ["--project", str(media_project), "export", "--single-file", str(target)]
    )
    assert result.exit_code == 0, result.output
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(target / "deck" / "1.html", alone / "deck.html")
    context.set_offline(True)
    page, errors, requests = visit(context, (alone / "deck.html").as_uri())
    state = loaded(page)
    assert state["violations"] == [] and errors == [], (state, errors)
    assert state["styled"] and state["scripted"]
    assert len(state["images"]) == 3
    assert all(src.startswith("data:image/") and width > 0 for src, width in state["images"])
    assert [u for u in requests if not u.startswith("data:")] == [(alone / "deck.html").as_uri()]
    screenshot(page, "single-file-alone")


def test_online_map_and_player_load_under_the_policy(
    media_project: Path, tmp_path: Path, context: BrowserContext
) -> None:
    """Online, the runtime loads the allowlisted map and player hosts; the CSP lets them in."""
    out = tmp_path / "out"
    build_into(media_project, out)
    served: list[str] = []

    def fake(route: Route) -> None:  # no network here: answer for the providers
        served.append(route.request.url)
        route.fulfill(body="<!doctype html><title>provider</title>", content_type="text/html")

    context.route("https://www.openstreetmap.org/**", fake)
    context.route("https://www.youtube-nocookie.com/**", fake)
    page, errors, _ = visit(context, (out / "deck" / "1.html").as_uri() + "#3")
    frame = page.locator("#slide-3 iframe.sg-map-frame")
    frame.wait_for(state="visible")
    page.wait_for_timeout(300)
    assert (frame.get_attribute("src") or "").startswith("https://www.openstreetmap.org/export/")
    assert page.locator("#slide-3 .sg-map > .sg-qr").is_visible()
    page.evaluate("() => { location.hash = '#4'; }")
    page.wait_for_timeout(500)
    assert served and served[0].startswith("https://www.openstreetmap.org/export/embed.html")
    assert any(u.startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ") for u in served)
    assert loaded(page)["violations"] == [] and errors == [], errors
    screenshot(page, "media-player-online")
