"""The kiosk runtime in headless chromium, over file:// and over a local http server."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from slidegen.csp import FRAME_HOSTS
from tests.browser.conftest import SCREENS, Watched, screenshot
from tests.browser.kiosk_site import Place, make_site, record_clip, serve
from tests.conftest import build_into

pytestmark = pytest.mark.browser

NEXT, PREV, HOME = "Келесі слайд", "Алдыңғы слайд", "Басты бет"


@pytest.fixture(scope="module")
def kiosk_project(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The runtime test project, with a 1.5 s clip recorded by the browser."""
    return make_site(tmp_path_factory.mktemp("kiosk") / "project", record_clip(browser, 1500))


@pytest.fixture(scope="module")
def kiosk_build(kiosk_project: Path) -> Path:
    """Its build, shared by the tests that only read it."""
    out = kiosk_project.parent / "build"
    build_into(kiosk_project, out)
    return out


@pytest.fixture(params=["file", "http"])
def place(request: pytest.FixtureRequest, kiosk_build: Path) -> Iterator[Place]:
    """The build opened from disk, then served by a local server that stops after the test."""
    if request.param == "file":
        yield Place(kiosk_build, kiosk_build.resolve().as_uri() + "/")
        return
    with serve(kiosk_build) as base:
        yield Place(kiosk_build, base)


@pytest.fixture
def fresh_build(kiosk_project: Path, tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A private copy of the project and its build, for tests that rebuild it."""
    project = tmp_path / "project"
    shutil.copytree(kiosk_project, project)
    out = tmp_path / "build"
    build_into(project, out)
    yield project, out


@pytest.fixture
def kiosk_page(browser: Browser) -> Iterator[Callable[..., Watched]]:
    """Open a URL in a fresh touch context whose embeds from the net get a stub page."""
    contexts: list[BrowserContext] = []

    def open_(
        url: str,
        screen: str = "landscape",
        *,
        offline: bool = False,
        init_script: str = "",
        **options: Any,
    ) -> Watched:
        width, height = SCREENS[screen]
        context = browser.new_context(
            viewport={"width": width, "height": height}, has_touch=True, **options
        )
        contexts.append(context)
        context.route(
            re.compile(r"^https://"),
            lambda route: route.fulfill(body="<!doctype html><title>stub</title>", status=200),
        )
        if init_script:
            context.add_init_script(init_script)
        context.set_offline(offline)
        watched = Watched(context.new_page())
        watched.page.goto(url)
        return watched

    yield open_
    for context in contexts:
        context.close()


def visible(page: Page) -> int:
    """Number (1-based) of the slide on screen, 0 when none."""
    return page.evaluate(
        "[...document.querySelectorAll('.sg-slide')].findIndex(s => !s.hidden) + 1"
    )


def wait_slide(page: Page, number: int, timeout: float = 5000) -> None:
    """Wait until slide `number` is the one on screen."""
    page.wait_for_function(
        "n => [...document.querySelectorAll('.sg-slide')].findIndex(s => !s.hidden) + 1 === n",
        arg=number,
        timeout=timeout,
    )


def swipe(page: Page, dx: int) -> None:
    """A horizontal one-finger swipe on the deck, as touch events."""
    page.evaluate(
        """dx => {
          const deck = document.getElementById('deck');
          const r = deck.getBoundingClientRect();
          const y = r.top + r.height / 2, x0 = r.left + r.width / 2;
          const touch = x => new Touch({identifier: 1, target: deck, clientX: x, clientY: y});
          deck.dispatchEvent(new TouchEvent('touchstart',
            {touches: [touch(x0)], changedTouches: [touch(x0)], bubbles: true}));
          deck.dispatchEvent(new TouchEvent('touchend',
            {touches: [], changedTouches: [touch(x0 + dx)], bubbles: true, cancelable: true}));
        }""",
        dx,
    )


def deck_point(page: Page, fraction: float) -> tuple[float, float]:
    """A point on the deck at `fraction` of its width, halfway down."""
    box = page.locator("#deck").bounding_box()
    assert box is not None
    return box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2


def assert_clean(watched: Watched, place: Place) -> None:
    """No console error, no failed or outside request but the embeds of a shown slide."""
    assert watched.errors == []
    assert [r.url for r in watched.failed] == []
    assert [u for u in place.outside(watched) if not u.startswith(FRAME_HOSTS)] == []


@pytest.mark.parametrize("screen", list(SCREENS))
def test_keys_buttons_taps_swipes_and_deep_link(place: Place, kiosk_page, screen: str) -> None:
    """Every way of turning a slide works on every screen, from disk and from a server."""
    watched = kiosk_page(place.url("deck/1.1.html"), screen)
    page = watched.page
    assert visible(page) == 1
    for key, expected in [
        ("ArrowRight", 2),
        ("ArrowLeft", 1),
        ("PageDown", 2),
        ("PageUp", 1),
        ("Space", 2),
        ("Shift+Space", 1),
        ("End", 3),
        ("Home", 1),
        ("ArrowDown", 2),
        ("ArrowUp", 1),
    ]:
        page.keyboard.press(key)
        assert visible(page) == expected, key
    page.get_by_role("button", name=NEXT).click()
    assert visible(page) == 2
    page.get_by_role("button", name=PREV).click()
    assert visible(page) == 1
    page.mouse.click(*deck_point(page, 0.9))
    assert visible(page) == 2
    page.mouse.click(*deck_point(page, 0.5))  # the right two thirds go forward
    assert visible(page) == 3
    page.mouse.click(*deck_point(page, 0.2))
    assert visible(page) == 2
    page.touchscreen.tap(*deck_point(page, 0.1))
    assert visible(page) == 1
    page.touchscreen.tap(*deck_point(page, 0.7))
    assert visible(page) == 2
    swipe(page, -300)
    assert visible(page) == 3
    swipe(page, 300)
    assert visible(page) == 2
    swipe(page, -20)  # too short for a swipe
    assert visible(page) == 2
    assert page.locator("[data-counter]").inner_text() == "2"
    assert page.locator("[data-announce]").inner_text() == "Слайд 2 / 3: Екінші слайд"
    assert page.url.endswith("#2")
    page.goto(place.url("deck/1.1.html#3"))
    page.reload()
    assert visible(page) == 3
    page.keyboard.press("Escape")
    page.wait_for_url("**/menu/1.html")
    assert_clean(watched, place)


def test_links_out_of_the_site_are_not_followed(place: Place, kiosk_page) -> None:
    """A tap on a link to the net in slide text leaves the visitor on the kiosk."""
    watched = kiosk_page(place.url("deck/1.1.html#3"))
    page = watched.page
    link = page.locator(".sg-slide:not([hidden]) .sg-body a[href^='https://example.org']")
    link.click()
    page.wait_for_timeout(300)
    assert page.url == place.url("deck/1.1.html#3")
    assert visible(page) == 3  # not taken as a tap zone either
    assert not any("example.org" in u for u in watched.requests)
    assert_clean(watched, place)


def test_last_slide_leads_back_to_its_section(place: Place, kiosk_page) -> None:
    """Outside a play session, forward from the last slide returns to the deck's section."""
    watched = kiosk_page(place.url("deck/1.2.html#2"))
    assert visible(watched.page) == 2
    watched.page.keyboard.press("ArrowRight")
    watched.page.wait_for_url("**/menu/1.html")
    watched.page.keyboard.press("Escape")  # a menu page goes up one level too
    watched.page.wait_for_url("**/index.html")
    assert_clean(watched, place)


def test_autoplay_durations_progress_and_loop(place: Place, kiosk_page) -> None:
    """?autoplay=N advances; a block's own duration wins; one deck loops; controls step aside."""
    watched = kiosk_page(place.url("deck/1.1.html?autoplay=0.5"))
    page = watched.page
    page.evaluate(
        "window.__shown = []; document.addEventListener('sg:slide',"
        " e => __shown.push([e.detail.index, performance.now()]))"
    )
    assert page.locator(".sg-progress").get_attribute("data-state") == "run"
    assert "sg-autoplaying" in (page.locator("html").get_attribute("class") or "")
    page.wait_for_timeout(250)
    screenshot(page, f"runtime-autoplay-{place.kind}")
    assert (
        page.locator("[data-go=next]").evaluate("b => getComputedStyle(b).visibility") == "hidden"
    )
    wait_slide(page, 2)
    wait_slide(page, 3, timeout=6000)
    wait_slide(page, 1, timeout=4000)  # loop = true in slidegen.toml: the deck starts over
    shown = page.evaluate("__shown")
    assert [s[0] for s in shown[:3]] == [1, 2, 0]
    stay_on_second = shown[1][1] - shown[0][1]
    assert 1800 <= stay_on_second <= 4000, stay_on_second  # its block says duration 2
    assert_clean(watched, place)


def test_autoplay_without_loop_ends_in_the_section(place: Place, kiosk_page) -> None:
    """With loop=0 an auto-advancing deck goes back to its section at the end."""
    watched = kiosk_page(place.url("deck/1.2.html?autoplay=0.5&loop=0"))
    watched.page.wait_for_url("**/menu/1.html?*", timeout=5000)
    assert "autoplay=0.5" in watched.page.url  # the screen's settings stay with it
    assert_clean(watched, place)


def test_touch_pauses_autoplay_and_idle_resumes_it(place: Place, kiosk_page) -> None:
    """A touch stops the clock and shows the controls; quiet for ?idle seconds plays on."""
    watched = kiosk_page(place.url("deck/1.2.html?autoplay=0.6&idle=1.5"))
    page = watched.page
    page.locator(".sg-counter").tap()
    assert page.locator(".sg-progress").get_attribute("data-state") == "pause"
    toggle = page.locator("[data-toggle-play]")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert (
        page.locator("[data-go=next]").evaluate("b => getComputedStyle(b).visibility") == "visible"
    )
    page.wait_for_timeout(1000)
    assert visible(page) == 1  # paused: no advance although 0.6 s passed
    screenshot(page, f"runtime-paused-{place.kind}")
    wait_slide(page, 2, timeout=4000)  # idle after 1.5 s: playing again
    assert toggle.get_attribute("aria-pressed") == "false"
    page.locator(".sg-counter").tap()
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()  # the play button resumes: its own touch does not pause again
    assert toggle.get_attribute("aria-pressed") == "false"
    assert page.locator(".sg-progress").get_attribute("data-state") == "run"
    assert_clean(watched, place)


def test_idle_timeout_returns_home(place: Place, kiosk_page) -> None:
    """An interactive deck left alone goes back to the home menu, keeping the screen's settings."""
    watched = kiosk_page(place.url("deck/1.2.html?idle=1"))
    watched.page.wait_for_url("**/index.html?idle=1", timeout=5000)
    watched.page.wait_for_timeout(1500)
    assert watched.page.url.endswith("index.html?idle=1")  # and stays there
    assert_clean(watched, place)


def test_play_page_plays_every_deck_in_order_and_wraps(place: Place, kiosk_page) -> None:
    """play.html runs through all decks in ID order and starts over after the last."""
    watched = kiosk_page(place.url("play.html?autoplay=0.5"))
    page = watched.page
    visited: list[str] = []
    page.on(
        "framenavigated",
        lambda f: (
            visited.append(f.url.split("/")[-1].split("?")[0]) if f == page.main_frame else None
        ),
    )
    page.wait_for_url("**/deck/1.1.html?*")
    page.wait_for_function("() => location.pathname.endsWith('/deck/1.2.html')", timeout=8000)
    for name in ("2.1", "3.1", "3.2", "1.1"):
        page.wait_for_function(
            f"() => location.pathname.endsWith('/deck/{name}.html')", timeout=10000
        )
    assert "play=1" in page.url and "hold" not in page.url
    decks = [v for v in visited if v != "play.html"]  # the wrap goes through play.html
    order = [v for i, v in enumerate(decks) if i == 0 or decks[i - 1] != v]
    start = order.index("1.2.html")  # the listener may or may not have seen 1.1 open
    assert order[start : start + 5] == ["1.2.html", "2.1.html", "3.1.html", "3.2.html", "1.1.html"]
    assert_clean(watched, place)


def test_play_session_touch_browse_then_idle_resumes_play(place: Place, kiosk_page) -> None:
    """A visitor touches a playing screen and browses; when they leave, play resumes."""
    watched = kiosk_page(place.url("play.html?autoplay=0.6&idle=1.5"))
    page = watched.page
    page.wait_for_url("**/deck/1.1.html?*")
    page.locator(".sg-counter").tap()
    page.get_by_role("link", name=HOME).last.click()
    page.wait_for_url("**/index.html?*")
    assert "hold=1" in page.url
    tile = page.locator(".sg-tile").first
    assert "play=1" in (tile.get_attribute("href") or "")
    page.wait_for_url("**/deck/1.1.html?*", timeout=6000)  # idle: back where play was
    assert "hold" not in page.url
    page.locator(".sg-counter").tap()  # a visitor again, this time staying on the deck
    assert page.locator(".sg-progress").get_attribute("data-state") == "pause"
    page.get_by_role("button", name=NEXT).click()
    page.wait_for_function(
        "() => document.querySelector('.sg-progress').dataset.state === 'run'", timeout=6000
    )  # idle: plays on from where the visitor left it
    assert page.locator(".sg-progress").get_attribute("data-state") == "run"
    assert_clean(watched, place)


def test_deck_a_visitor_opened_waits_then_plays_on(place: Place, kiosk_page) -> None:
    """In a play session a deck opened by a tap (hold) starts paused and plays on when idle."""
    watched = kiosk_page(place.url("deck/1.2.html?play=1&autoplay=0.6&idle=1&hold=1"))
    page = watched.page
    assert page.locator(".sg-progress").get_attribute("data-state") == "pause"
    assert visible(page) == 1
    page.wait_for_function(
        "() => document.querySelector('.sg-progress').dataset.state === 'run'", timeout=5000
    )
    assert "hold" not in page.url and "play=1" in page.url  # a reload now would not pause
    page.wait_for_url("**/deck/2.1.html?*", timeout=5000)  # and on to the next deck
    assert_clean(watched, place)


def test_play_session_end_without_loop_and_with_loop(place: Place, kiosk_page) -> None:
    """The last deck leads to the first (loop) or ends the session at home (loop=0)."""
    watched = kiosk_page(place.url("deck/2.1.html?play=1&autoplay=0.5&loop=0"))
    watched.page.wait_for_url("**/deck/3.1.html?*", timeout=5000)
    watched = kiosk_page(place.url("deck/3.2.html?play=1&autoplay=0.5&loop=0"))
    watched.page.wait_for_url("**/index.html*", timeout=8000)
    assert "play=" not in watched.page.url
    watched = kiosk_page(place.url("deck/3.2.html?play=1&autoplay=0.5"))
    watched.page.wait_for_url("**/deck/1.1.html?*", timeout=8000)
    watched.page.keyboard.press("ArrowLeft")  # before the first slide: the previous deck's last
    watched.page.wait_for_url("**/deck/3.2.html?*#*", timeout=5000)
    assert visible(watched.page) == 2
    assert_clean(watched, place)


def test_video_plays_muted_inline_and_holds_the_slide_until_it_ends(
    place: Place, kiosk_page
) -> None:
    """The clip plays muted and inline; autoplay waits for its end; leaving pauses it."""
    watched = kiosk_page(place.url("deck/3.1.html?autoplay=0.5"))
    page = watched.page
    video = page.locator("video").first
    page.wait_for_function(
        "() => { const v = document.querySelector('video'); return v && !v.paused; }"
    )
    assert video.evaluate("v => [v.muted, v.playsInline, v.hasAttribute('playsinline')]") == [
        True,
        True,
        True,
    ]
    page.evaluate(
        "window.__endedThen = null; document.addEventListener('sg:slide',"
        " () => { __endedThen = document.querySelector('video').ended; }, {once: true})"
    )
    wait_slide(page, 2, timeout=8000)
    assert page.evaluate("__endedThen") is True  # not after 0.5 s: when the clip was over
    assert video.evaluate("v => v.paused")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => !document.querySelector('video').paused")
    unmute = page.locator("[data-unmute]")
    assert unmute.is_visible()
    unmute.click()
    assert video.evaluate("v => v.muted") is False
    screenshot(page, f"runtime-video-{place.kind}")
    assert unmute.get_attribute("aria-pressed") == "true"
    page.keyboard.press("ArrowRight")
    assert video.evaluate("v => v.paused")
    assert unmute.is_hidden()
    assert_clean(watched, place)


def test_embeds_wait_for_their_slide_and_show_a_placeholder_offline(
    kiosk_build: Path, kiosk_page
) -> None:
    """Offline, embedded video and map are never requested and show their placeholder; back
    online they load."""
    watched = kiosk_page((kiosk_build / "deck" / "3.2.html").as_uri(), offline=True)
    page = watched.page
    note = page.locator(".sg-slide:not([hidden]) [data-offline-note]")
    note.wait_for(state="visible")
    assert page.locator(".sg-slide:not([hidden]) iframe").is_hidden()
    page.keyboard.press("ArrowRight")
    map_note = page.locator(".sg-slide:not([hidden]) [data-offline-note]")
    map_note.wait_for(state="visible")
    assert page.locator(".sg-slide:not([hidden]) iframe").is_hidden()
    page.wait_for_timeout(400)
    screenshot(page, "runtime-offline-map")
    assert [u for u in watched.requests if u.startswith("https://")] == []
    page.context.set_offline(False)
    page.wait_for_function(
        "() => !!document.querySelector('.sg-slide:not([hidden]) iframe').getAttribute('src')"
    )
    assert map_note.is_hidden()
    assert page.locator(".sg-slide:not([hidden]) iframe").is_visible()
    assert page.locator(".sg-slide[hidden] iframe").get_attribute("src") is None
    page.keyboard.press("ArrowLeft")  # the video is loaded when its slide is shown again
    assert page.locator(".sg-slide:not([hidden]) iframe").get_attribute("src")
    assert note.count() == 0 or note.is_hidden()
    assert watched.errors == []


def test_manifest_change_reloads_at_next_slide_over_http(fresh_build, kiosk_page) -> None:
    """Served over http, a changed page is noticed and reloads at the next slide turn; a screen
    showing a page that did not change stays as it is."""
    project, out = fresh_build
    with serve(out) as base:
        watched = kiosk_page(base + "deck/1.1.html?update=1")
        other = kiosk_page(base + "deck/1.2.html?update=1")
        page = watched.page
        old = page.locator("meta[name=slidegen-page]").get_attribute("content")
        for p in (page, other.page):
            p.evaluate("window.__sameDocument = true")
        deck = project / "content" / "1.1.json"
        deck.write_text(deck.read_text(encoding="utf-8").replace("Екінші слайд", "Жаңа слайд"))
        build_into(project, out)
        page.wait_for_timeout(2500)  # the manifest was read, but no slide boundary yet
        assert page.evaluate("window.__sameDocument") is True
        assert any(u.endswith("manifest.json") for u in watched.requests)
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => window.__sameDocument === undefined")
        page.wait_for_load_state()
        assert page.url.endswith("#2")
        assert page.locator("meta[name=slidegen-page]").get_attribute("content") != old
        assert page.locator(".sg-slide:not([hidden]) .sg-title").inner_text() == "Жаңа слайд"
        page.wait_for_timeout(1500)
        page.keyboard.press("ArrowRight")  # no second reload for the same version
        assert visible(page) == 3
        other.page.keyboard.press("ArrowRight")
        assert other.page.evaluate("window.__sameDocument") is True
        assert any(u.endswith("manifest.json") for u in other.requests)
        for w in (watched, other):
            assert w.errors == []
            assert [u for u in w.requests if not u.startswith(base)] == []


def test_menu_page_reloads_once_left_alone_over_http(fresh_build, kiosk_page) -> None:
    """A menu page without slides reloads for its new version when nobody touches it."""
    project, out = fresh_build
    with serve(out) as base:
        watched = kiosk_page(base + "menu/1.html?update=1")
        page = watched.page
        page.evaluate("window.__sameDocument = true")
        config = project / "slidegen.toml"
        config.write_text(config.read_text(encoding="utf-8").replace("Бірінші бөлім", "Жаңалықтар"))
        build_into(project, out)
        page.wait_for_function("() => window.__sameDocument === undefined", timeout=8000)
        page.wait_for_load_state()
        assert page.locator(".sg-menu-title").inner_text() == "Жаңалықтар"
        assert watched.errors == []


def test_no_manifest_request_and_no_reload_from_file(fresh_build, kiosk_page) -> None:
    """Opened from disk the page never asks for the manifest, even when the build changes."""
    project, out = fresh_build
    watched = kiosk_page((out / "deck" / "1.1.html").as_uri() + "?update=1")
    page = watched.page
    page.evaluate("window.__sameDocument = true")
    deck = project / "content" / "1.1.json"
    deck.write_text(deck.read_text(encoding="utf-8").replace("Екінші слайд", "Жаңа слайд"))
    build_into(project, out)
    page.wait_for_timeout(2500)
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__sameDocument") is True
    assert not any(u.endswith("manifest.json") for u in watched.requests)
    assert watched.errors == []


_COUNT_TIMERS = """
(() => {
  const live = new Set();
  const set = window.setTimeout, clear = window.clearTimeout;
  window.setTimeout = function (fn, ms, ...rest) {
    const id = set(function () {
      live.delete(id);
      return typeof fn === 'function' && fn.apply(this, arguments);
    }, ms, ...rest);
    live.add(id); return id;
  };
  window.clearTimeout = function (id) { live.delete(id); return clear(id); };
  window.setInterval = () => { throw new Error('no setInterval in the runtime'); };
  window.__liveTimers = () => live.size;
})();
"""


def _listener_count(page: Page) -> int:
    """Event listeners on window and document, read through the DevTools protocol."""
    session = page.context.new_cdp_session(page)
    total = 0
    for expression in ("window", "document"):
        handle = session.send("Runtime.evaluate", {"expression": expression})
        found = session.send(
            "DOMDebugger.getEventListeners", {"objectId": handle["result"]["objectId"]}
        )
        total += len(found["listeners"])
    session.detach()
    return total


def test_long_loop_does_not_grow_timers_listeners_or_nodes(kiosk_build: Path, kiosk_page) -> None:
    """Many slide turns later there are as many timers, listeners and nodes as after the first."""
    url = (kiosk_build / "deck" / "1.2.html").as_uri() + "?autoplay=0.5&update=1&cursor=1"
    watched = kiosk_page(url, "small", init_script=_COUNT_TIMERS)
    page = watched.page
    page.evaluate("window.__turns = 0; document.addEventListener('sg:slide', () => __turns++)")
    page.wait_for_function("() => __turns >= 2", timeout=5000)
    first = (_listener_count(page), page.evaluate("document.getElementsByTagName('*').length"))
    timers_first = page.evaluate("__liveTimers()")
    page.wait_for_function("() => __turns >= 14", timeout=15000)
    later = (_listener_count(page), page.evaluate("document.getElementsByTagName('*').length"))
    assert later == first
    assert page.evaluate("__liveTimers()") <= max(timers_first, 5)
    assert watched.errors == []


_FAKE_WAKE_LOCK = """Object.defineProperty(navigator, 'wakeLock', {configurable: true, value: {
  request(type) {
    (window.__wake = window.__wake || []).push(type);
    const sentinel = new EventTarget();
    sentinel.release = () => {
      sentinel.dispatchEvent(new Event('release'));
      return Promise.resolve();
    };
    window.__sentinel = sentinel;
    return Promise.resolve(sentinel);
  }}});"""


def test_wake_lock_is_asked_again_after_visibility_change(kiosk_build: Path, kiosk_page) -> None:
    """The screen wake lock is requested at load and again once the page is visible again."""
    watched = kiosk_page((kiosk_build / "index.html").as_uri(), init_script=_FAKE_WAKE_LOCK)
    page = watched.page
    page.wait_for_function("() => (window.__wake || []).length === 1")
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    page.wait_for_timeout(200)
    assert page.evaluate("__wake.length") == 1  # still held: not asked twice
    page.evaluate("__sentinel.release(); document.dispatchEvent(new Event('visibilitychange'))")
    page.wait_for_function("() => __wake.length === 2")
    assert page.evaluate("__wake") == ["screen", "screen"]
    assert watched.errors == []


def test_cursor_hides_when_still_and_returns_on_move(kiosk_build: Path, kiosk_page) -> None:
    """?cursor=N hides the pointer after N still seconds; moving shows it again."""
    watched = kiosk_page((kiosk_build / "index.html").as_uri() + "?cursor=0.5")
    page = watched.page
    page.mouse.move(300, 300)
    page.wait_for_function("() => document.documentElement.classList.contains('sg-cursor-hidden')")
    assert page.evaluate("getComputedStyle(document.body).cursor") == "none"
    page.mouse.move(320, 310)
    assert "sg-cursor-hidden" not in (page.locator("html").get_attribute("class") or "")


@pytest.mark.parametrize(
    ("motion", "animation", "easing"),
    [("reduce", "none", "steps(3)"), ("no-preference", "sg-enter", "linear")],
)
def test_reduced_motion_turns_animation_off(
    kiosk_build: Path, kiosk_page, motion: str, animation: str, easing: str
) -> None:
    """prefers-reduced-motion: no slide animation, and the progress bar moves in steps."""
    url = (kiosk_build / "deck" / "1.2.html").as_uri() + "?autoplay=3"
    page = kiosk_page(url, reduced_motion=motion).page
    assert page.locator(".sg-slide").first.evaluate("s => getComputedStyle(s).animationName") == (
        "none"  # the first slide is just there
    )
    page.keyboard.press("ArrowRight")
    slide = page.locator(".sg-slide").nth(1)
    assert slide.evaluate("s => getComputedStyle(s).animationName") == animation
    timing = page.evaluate(
        "document.querySelector('[data-progress]').getAnimations()[0].effect.getTiming().easing"
    )
    assert timing == easing


def test_query_settings_travel_with_links(place: Place, kiosk_page) -> None:
    """Links carry the screen's query settings, so one build serves differently set screens."""
    watched = kiosk_page(place.url("index.html?idle=30&autoplay=4"))
    href = watched.page.locator(".sg-tile").first.get_attribute("href") or ""
    assert href == "menu/1.html?autoplay=4&idle=30"
    watched.page.locator(".sg-tile").first.click()
    assert "idle=30" in watched.page.url and "hold" not in watched.page.url
    assert_clean(watched, place)


def test_fullscreen_on_request(kiosk_build: Path, kiosk_page) -> None:
    """The F key asks for fullscreen and leaves it again."""
    page = kiosk_page((kiosk_build / "deck" / "1.1.html").as_uri()).page
    page.keyboard.press("f")
    page.wait_for_function("() => !!document.fullscreenElement")
    page.keyboard.press("f")
    page.wait_for_function("() => !document.fullscreenElement")
