"""Long content on real screens: every slide of the sample site and of generated stress decks fits
at 1920x1080, 1080x1920 and 1280x720, with readable text, and the theme's metrics match the CSS."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from slidegen.build import BuildOptions, run_pipeline
from slidegen.config import Screen
from slidegen.diagnostics import Report
from slidegen.model import Layout
from slidegen.paginate.runs import Advances, Style
from slidegen.text import to_html
from slidegen.theme import resolve_theme
from slidegen.write import write_output
from tests.browser.conftest import SCREENS, screenshot
from tests.conftest import REPO, build_into
from tests.paginate_support import pager, paragraph, write_stress_decks

pytestmark = pytest.mark.browser

# Everything a slide shows, measured in the page: what leaves the slide or its text box, the
# smallest body text, and what fit.js did.
MEASURE = """() => {
  const slide = document.querySelector('.sg-slide:not([hidden])');
  const box = slide.getBoundingClientRect();
  const css = getComputedStyle(slide);
  const content = {top: box.top + parseFloat(css.paddingTop) - 1,
    left: box.left + parseFloat(css.paddingLeft) - 1,
    bottom: box.bottom - parseFloat(css.paddingBottom) + 1,
    right: box.right - parseFloat(css.paddingRight) + 1};
  const out = (r, b) => r.width > 0 && r.height > 0 &&
    (r.top < b.top || r.left < b.left || r.bottom > b.bottom || r.right > b.right);
  const name = e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') +
    ' "' + (e.textContent || '').trim().slice(0, 40) + '"';
  const problems = [];
  const outer = {top: box.top - 1, left: box.left - 1,
    bottom: box.bottom + 1, right: box.right + 1};
  for (const e of slide.querySelectorAll('*')) {
    if (out(e.getBoundingClientRect(), outer)) problems.push('leaves the slide: ' + name(e));
  }
  for (const e of slide.querySelectorAll('.sg-title, .sg-body, .sg-body *')) {
    if (out(e.getBoundingClientRect(), content)) problems.push('leaves the text area: ' + name(e));
  }
  for (const body of slide.querySelectorAll('.sg-body')) {
    const b = body.getBoundingClientRect();
    const own = {top: b.top - 1, left: b.left - 1, bottom: b.bottom + 1, right: b.right + 1};
    for (const e of body.querySelectorAll('*')) {
      if (out(e.getBoundingClientRect(), own)) problems.push('leaves its text box: ' + name(e));
    }
  }
  // List numbers hang left of their item: the number must fit the list's indent.
  for (const ol of slide.querySelectorAll('.sg-body ol')) {
    const items = [...ol.children].filter(li => li.tagName === 'LI');
    const probe = document.createElement('span');
    probe.style.cssText = 'position:absolute;white-space:pre;visibility:hidden';
    probe.textContent = (parseInt(ol.getAttribute('start') || '1', 10) + items.length - 1) + '. ';
    ol.appendChild(probe);
    if (probe.getBoundingClientRect().width > parseFloat(getComputedStyle(ol).paddingLeft) + 1) {
      problems.push('list numbers wider than their indent: ' + name(ol));
    }
    probe.remove();
  }
  let smallest = Infinity;
  for (const e of slide.querySelectorAll('.sg-title, .sg-body, .sg-body *')) {
    if (e.closest('sup, sub')) continue;
    const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (text) smallest = Math.min(smallest, parseFloat(getComputedStyle(e).fontSize));
  }
  return {id: slide.id, problems: problems.slice(0, 5), smallest: smallest,
          fit: slide.dataset.fit || null, overflow: slide.hasAttribute('data-overflow'),
          count: document.querySelectorAll('.sg-slide').length,
          counter: (document.querySelector('.sg-counter') || {}).textContent || ''};
}"""


def minimum_px(width: int, height: int) -> float:
    """The readable minimum the issue sets: 28px on a 1080px-high 16:9 screen, scaled."""
    return 28 / 1080 * min(height, width * 1080 / 1920)


class Visit:
    """A page at one screen size that records console warnings and errors from the start."""

    def __init__(self, browser: Browser, screen: str) -> None:
        width, height = SCREENS[screen]
        self.size = (width, height)
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page: Page = self.context.new_page()
        self.page.emulate_media(reduced_motion="reduce")
        self.warnings: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _console(self, message) -> None:
        if message.type == "warning":
            self.warnings.append(message.text)
        elif message.type == "error":
            self.errors.append(message.text)

    def slides(self, url: str) -> Iterator[dict]:
        """Open a deck and show each slide in turn; yield what each one measures."""
        self.page.goto(url)
        count = self.page.evaluate("document.querySelectorAll('.sg-slide').length")
        for number in range(1, count + 1):
            self.page.evaluate(f"location.hash = '#{number}'")
            self.page.wait_for_function(
                f"document.getElementById('slide-{number}') && "
                f"!document.getElementById('slide-{number}').hidden"
            )
            yield {"number": number, **self.page.evaluate(MEASURE)}


@pytest.fixture(scope="module")
def stress_sites(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The sample site plus the stress decks, built once per theme."""
    root = tmp_path_factory.mktemp("stress") / "site"
    for name in ("content", "static"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "slidegen.toml", root / "slidegen.toml")
    write_stress_decks(root)
    built: dict[str, Path] = {}

    def build(theme: str) -> Path:
        if theme not in built:
            report = Report()
            result = run_pipeline(root, BuildOptions(theme=theme), report)
            assert result.output is not None, [d.format() for d in report]
            built[theme] = root / f"build-{theme}"
            write_output(result.output, built[theme])
        return built[theme]

    return build


CASES = [
    ("default", "landscape"),
    ("default", "portrait"),
    ("default", "small"),
    ("high-contrast", "landscape"),  # larger text, outlines
    ("high-contrast", "portrait"),
]


@pytest.mark.parametrize(("theme", "screen"), CASES)
def test_every_slide_fits_with_readable_text(
    browser: Browser, stress_sites: Callable[[str], Path], theme: str, screen: str
) -> None:
    """Sample and stress decks: nothing leaves a slide, no text is below the minimum, and the
    sample decks fit by pagination alone (fit.js never had to shrink them)."""
    stress_site = stress_sites(theme)
    visit = Visit(browser, screen)
    least = minimum_px(*visit.size)
    problems: list[str] = []
    shrunk: list[str] = []
    try:
        for deck in sorted((stress_site / "deck").glob("*.html")):
            stress = deck.stem.startswith("9.")
            for seen in visit.slides(deck.as_uri()):
                where = f"{deck.name}#{seen['number']}"
                problems += [f"{where}: {p}" for p in seen["problems"]]
                if seen["overflow"]:
                    problems.append(f"{where}: flagged data-overflow by fit.js")
                if seen["smallest"] < least - 0.5:
                    problems.append(f"{where}: text at {seen['smallest']:.1f}px < {least:.1f}px")
                if seen["fit"]:
                    shrunk.append(f"{where} ({seen['fit']})")
                    if not stress:
                        problems.append(f"{where}: the sample deck needed fit.js ({seen['fit']})")
                assert seen["counter"].replace(" ", "").endswith(f"/{seen['count']}")
        assert problems == [], "\n".join(problems)
        assert visit.warnings == [] and visit.errors == []
    finally:
        visit.context.close()
    shrunk_list = ", ".join(shrunk) or "none"
    print(f"{theme} {screen}: fit.js shrank {len(shrunk)} stress slide(s): {shrunk_list}")


def test_seed_block_is_paginated_on_every_screen(browser: Browser, sample_build: Path) -> None:
    """The seed deck's ~3,000-character block: several slides titled "… k/n", for a person to
    look at in tests/artifacts/screens/paginated-*.png."""
    url = (sample_build / "deck" / "1.5.1.1.1.html").as_uri()
    for screen in SCREENS:
        visit = Visit(browser, screen)
        try:
            parts = []
            for seen in visit.slides(url):
                part = visit.page.evaluate(
                    "(document.querySelector('.sg-slide:not([hidden]) .sg-part') || {}).textContent"
                )
                if part:
                    parts.append(part)
                    name = f"paginated-1.5.1.1.1-{screen}-{part.replace('/', 'of')}"
                    screenshot(visit.page, name)
                assert seen["problems"] == [] and not seen["fit"], seen
            count = len(parts)
            assert count >= 2
            assert parts == [f"{n}/{count}" for n in range(1, count + 1)]
        finally:
            visit.context.close()


def test_fit_shrinks_what_pagination_did_not_plan_for(
    browser: Browser, make_project, tmp_path: Path
) -> None:
    """Slides paginated for a taller totem than the one showing them: fit.js shrinks them
    smoothly but not below the minimum; on a wall screen, what still cannot fit is flagged and
    reported with a console warning."""
    tall, totem = Screen(width=1080, height=2300), Screen(width=1080, height=1920)
    long = ""
    for count in range(1, 80):  # as much as one 1080x2300 slide holds
        more = "\n\n".join(paragraph(i, 2) for i in range(count))
        if len(pager((tall,)).paginate(to_html(more).html, "Ұзын мәтін", Layout.TEXT).parts) > 1:
            break
        long = more
    assert len(pager((totem,)).paginate(to_html(long).html, "Ұзын мәтін", Layout.TEXT).parts) > 1
    block = {"title": "Ұзын мәтін", "block": 2, "text": long}
    deck = json.dumps({"ID": "1", "name": "Ұзын", "content": [block]}, ensure_ascii=False)
    project = make_project({"content/long.json": deck}, 'screens = ["1080x2300"]\n')
    out = tmp_path / "out"
    build_into(project, out)
    visit = Visit(browser, "portrait")
    least = minimum_px(*visit.size)
    try:
        fits = [seen for seen in visit.slides((out / "deck" / "1.html").as_uri())]
        assert any(seen["fit"] for seen in fits), fits
        for seen in fits:
            assert seen["smallest"] >= least - 0.5
            assert seen["problems"] == [] and not seen["overflow"], seen
            assert seen["fit"] is None or 0.55 <= float(seen["fit"]) < 1, seen
        assert visit.errors == [] and visit.warnings == []
    finally:
        visit.context.close()

    higher = make_project({"content/long.json": deck}, 'screens = ["1080x3840"]\n')
    build_into(higher, tmp_path / "tall")
    visit = Visit(browser, "landscape")
    try:
        seen = next(visit.slides((tmp_path / "tall" / "deck" / "1.html").as_uri()))
        assert seen["overflow"], seen
        assert seen["smallest"] >= minimum_px(*visit.size) - 0.5
        assert any("slidegen fit" in w for w in visit.warnings), visit.warnings
        assert visit.errors == []
    finally:
        visit.context.close()


# The page's own geometry in em of body text, for comparison with the [metrics] table.
GEOMETRY = """(sample) => {
  const fs = parseFloat(getComputedStyle(document.body).fontSize);
  const slide = document.querySelector('.sg-slide:not([hidden])');
  const r = slide.getBoundingClientRect(), css = getComputedStyle(slide);
  const innerH = r.height - parseFloat(css.paddingTop) - parseFloat(css.paddingBottom);
  const innerW = r.width - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight);
  const title = slide.querySelector('.sg-title');
  const body = slide.querySelector('.sg-body');
  const probe = document.createElement('span');
  probe.style.whiteSpace = 'pre';
  probe.textContent = sample;
  body.appendChild(probe);
  const advance = probe.getBoundingClientRect().width / fs;
  probe.remove();
  return {font: fs,
          frameHeight: (innerHeight - innerH) / fs, frameWidth: (innerWidth - innerW) / fs,
          title: title.getBoundingClientRect().height / fs,
          titleGap: parseFloat(getComputedStyle(title).marginBottom) / fs,
          lineHeight: parseFloat(getComputedStyle(body).lineHeight) / fs, advance: advance};
}"""
SAMPLE = "Қазіргі заманғы әлемді цифрлық технологияларсыз елестету мүмкін емес, 2018 ж. «Нұр Отан»"


@pytest.mark.parametrize("name", ["default", "dark", "high-contrast"])
def test_theme_metrics_match_the_page(browser: Browser, tmp_path: Path, name: str) -> None:
    """The [metrics] of each built-in theme are what Chromium draws, or safely more."""
    report = Report()
    result = run_pipeline(REPO, BuildOptions(theme=name), report)
    assert result.output is not None, [d.format() for d in report]
    sample_build = tmp_path / "build"
    write_output(result.output, sample_build)
    theme = resolve_theme(name, Path("/nonexistent"), {}, report)
    assert theme is not None
    m = theme.metrics
    estimate = sum(Advances(m.text).width(ch, Style()) for ch in SAMPLE)
    for screen in SCREENS:
        visit = Visit(browser, screen)
        try:
            visit.page.goto((sample_build / "deck" / "1.5.1.1.1.html").as_uri())
            seen = visit.page.evaluate(GEOMETRY, SAMPLE)
        finally:
            visit.context.close()
        width, height = SCREENS[screen]
        frame = m.frame.portrait if height > width else m.frame.landscape
        base = float(theme.options[m.font.size_option])
        expected = max(
            m.font.min_px, min(base / 100 * height, base / 100 * m.font.width_ratio * width)
        )
        assert seen["font"] == pytest.approx(expected, rel=0.01), screen
        assert frame.height >= seen["frameHeight"] - 0.02, (screen, seen)
        assert frame.width >= seen["frameWidth"] - 0.02, (screen, seen)
        title = m.title.size * m.title.line_height
        assert (
            title >= seen["title"] - 0.02 and m.title.size * m.title.gap >= seen["titleGap"] - 0.02
        )
        assert m.text.line_height >= seen["lineHeight"] - 0.01
        assert estimate >= seen["advance"], (estimate, seen["advance"])
        assert estimate <= seen["advance"] * 1.12, "metrics far too wide: slides waste room"
