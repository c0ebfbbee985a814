"""Each built-in theme on the sample site: screenshots to look at, colours, focus, Kazakh fonts."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from slidegen.build import BuildOptions, run_pipeline
from slidegen.diagnostics import Report
from slidegen.write import write_output
from tests.browser.conftest import SCREENS, screenshot
from tests.conftest import REPO

pytestmark = pytest.mark.browser

THEMES = ("default", "dark", "high-contrast")
KAZAKH = "Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі"
SYSTEM_FONTS = {"Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial"}


@pytest.fixture(scope="module", params=THEMES)
def themed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The sample site built with one theme (as `slidegen build --theme NAME`)."""
    report = Report()
    result = run_pipeline(REPO, BuildOptions(theme=request.param), report)
    assert result.output is not None, [d.format() for d in report]
    out = tmp_path_factory.mktemp(f"theme-{request.param}") / "build"
    write_output(result.output, out)
    return request.param, out


def _option(out: Path, name: str) -> str:
    css = (out / "theme" / "options.css").read_text()
    line = next(x for x in css.splitlines() if x.strip().startswith(f"--sg-{name}:"))
    return line.split(":", 1)[1].strip().rstrip(";")


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def _fonts_used(page: Page, selector: str) -> list[dict[str, object]]:
    """The platform fonts Chromium really drew the text of `selector` with (DevTools protocol)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    return fonts


def test_theme_screens(themed: tuple[str, Path], open_page) -> None:
    """Home, a text slide and a portrait slide per theme: saved for a person to look at."""
    name, out = themed
    home = open_page((out / "index.html").as_uri())
    screenshot(home.page, f"theme-{name}-home-landscape")
    bg = home.page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert bg == _rgb(_option(out, "bg"))
    text = open_page((out / "deck" / "1.5.1.1.1.html").as_uri() + "#2")
    screenshot(text.page, f"theme-{name}-text-landscape")
    portrait = open_page((out / "deck" / "2.1.html").as_uri(), "portrait")
    screenshot(portrait.page, f"theme-{name}-slide-portrait")
    small = open_page((out / "deck" / "1.2.html").as_uri() + "#2", "small")
    screenshot(small.page, f"theme-{name}-slide-small")
    for watched in (home, text, portrait, small):
        assert watched.errors == []
        assert watched.outside(out) == []


@pytest.mark.parametrize("screen", list(SCREENS))
def test_controls_are_finger_sized_and_focus_is_visible(
    themed: tuple[str, Path], open_page, screen: str
) -> None:
    """Buttons are at least 44 px on every screen; keyboard focus draws the theme's ring."""
    name, out = themed
    page = open_page((out / "deck" / "1.2.html").as_uri(), screen).page
    for box in page.locator(".sg-controls .sg-btn:visible").evaluate_all(
        "bs => bs.map(b => { const r = b.getBoundingClientRect(); return [r.width, r.height]; })"
    ):
        assert min(box) >= 44, (name, screen, box)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth),"
        " s.outlineColor]; })()"
    )
    assert focused[0] == "A" and focused[1] == "solid" and focused[2] >= 2, focused
    assert focused[3] == _rgb(_option(out, "focus"))


def test_kazakh_letters_come_from_system_fonts(themed: tuple[str, Path], open_page) -> None:
    """Every Kazakh letter is drawn with a font of the theme's stack, in body and title text."""
    name, out = themed
    page = open_page((out / "deck" / "2.1.html").as_uri()).page
    page.evaluate(
        """text => {
          const slide = document.querySelector('.sg-slide:not([hidden])');
          const title = document.createElement('h1');
          title.className = 'sg-title'; title.id = 'kk-title'; title.textContent = text;
          const body = document.createElement('div');
          body.className = 'sg-body'; body.id = 'kk-body'; body.textContent = text;
          slide.prepend(title, body);
        }""",
        KAZAKH,
    )
    letters = len(KAZAKH.replace(" ", ""))
    for selector in ("#kk-title", "#kk-body"):
        fonts = _fonts_used(page, selector)
        assert {f["familyName"] for f in fonts} <= SYSTEM_FONTS, (name, fonts)
        assert not any(f["isCustomFont"] for f in fonts)
        drawn = sum(int(f["glyphCount"]) for f in fonts)
        assert drawn >= letters, (name, selector, fonts)


@pytest.mark.parametrize("position", ["right", "center"])
def test_logo_position_option_moves_the_logo(make_project, open_page, position: str) -> None:
    """theme_options logo-position puts the logo at the right or in the middle of the header."""
    import shutil

    project = make_project({}, f'[theme_options]\nlogo-position = "{position}"\n')
    shutil.copytree(REPO / "content", project / "content", dirs_exist_ok=True)
    shutil.copytree(REPO / "static", project / "static")
    report = Report()
    result = run_pipeline(project, BuildOptions(), report)
    assert result.output is not None
    write_output(result.output, project / "build")
    page = open_page((project / "build" / "deck" / "1.5.1.1.1.html").as_uri()).page
    screenshot(page, f"logo-{position}-landscape")
    logo = page.locator(".sg-home").bounding_box()
    crumbs = page.locator(".sg-breadcrumbs").bounding_box()
    assert logo is not None and crumbs is not None
    width = SCREENS["landscape"][0]
    centre = logo["x"] + logo["width"] / 2
    if position == "right":
        assert logo["x"] > crumbs["x"] + crumbs["width"] and logo["x"] + logo["width"] > width * 0.9
    else:
        assert abs(centre - width / 2) < width * 0.05


def test_no_slide_overflows_in_any_theme(themed: tuple[str, Path], open_page) -> None:
    """A theme's colours, borders and sizes never push a slide of the sample site off screen."""
    name, out = themed
    overflowing = []
    for screen in SCREENS:
        page = open_page((out / "index.html").as_uri(), screen).page
        for deck in sorted((out / "deck").glob("*.html")):
            page.goto(deck.as_uri())
            for number in range(1, page.locator(".sg-slide").count() + 1):
                page.evaluate(f"location.hash = '#{number}'")
                page.wait_for_function(
                    "n => !document.querySelectorAll('.sg-slide')[n - 1].hidden", arg=number
                )
                over = page.evaluate(
                    "(() => { const s = document.querySelector('.sg-slide:not([hidden])');"
                    " return Math.max(s.scrollHeight - s.clientHeight,"
                    " s.scrollWidth - s.clientWidth); })()"
                )
                if over > 1:
                    overflowing.append((screen, deck.name, number, over))
    assert overflowing == [], name
