"""Each built-in theme's pages of the sample site match their stored snapshot byte for byte."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest

from slidegen.build import BuildOptions, run_pipeline
from slidegen.diagnostics import Report
from slidegen.write import write_output
from tests.conftest import REPO
from tests.golden.snapshot import snapshot

THEMES = ("default", "dark", "high-contrast")
# A deck page, the menus around it, the play page and the theme's CSS properties.
PAGES = ("index.html", "menu/1.html", "deck/1.2.html", "play.html", "theme/options.css")
EXPECTED_THEMES = Path(__file__).resolve().parent / "expected-themes"
HINT = "if the change is intended, run `make golden-update` and review the diff"


def theme_snapshot(theme: str, out: Path) -> dict[str, bytes]:
    """The sample site built as `slidegen build --theme THEME` into `out`, as stored files."""
    report = Report()
    result = run_pipeline(REPO, BuildOptions(theme=theme), report)
    assert result.output is not None, [d.format() for d in report]
    write_output(result.output, out)
    files = snapshot(out)
    return {rel: files[rel] for rel in PAGES}


def write_theme_snapshots(tmp: Path) -> int:
    """Replace expected-themes/ with the current output; returns the number of files written."""
    shutil.rmtree(EXPECTED_THEMES, ignore_errors=True)
    count = 0
    for theme in THEMES:
        for rel, data in theme_snapshot(theme, tmp / theme).items():
            target = EXPECTED_THEMES / theme / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            count += 1
    return count


@pytest.mark.parametrize("theme", THEMES)
def test_theme_pages_match_golden(theme: str, tmp_path: Path) -> None:
    """Same files, same bytes; a failure shows the first differing lines."""
    actual = theme_snapshot(theme, tmp_path / "build")
    folder = EXPECTED_THEMES / theme
    for rel in PAGES:
        stored = folder / rel
        assert stored.is_file(), f"no snapshot {stored.relative_to(REPO)}; {HINT}"
        expected = stored.read_bytes()
        if actual[rel] != expected:
            diff = difflib.unified_diff(
                expected.decode(errors="replace").splitlines(),
                actual[rel].decode(errors="replace").splitlines(),
                f"expected-themes/{theme}/{rel}",
                f"actual/{rel}",
                lineterm="",
                n=1,
            )
            raise AssertionError("\n".join([*list(diff)[:40], HINT]))


def test_themes_differ_where_they_should(tmp_path: Path) -> None:
    """Each theme has its own CSS properties; dark only recolours, so its markup is default's
    (high-contrast's larger text may split slides differently)."""
    pages = {t: theme_snapshot(t, tmp_path / t) for t in THEMES}
    assert len({p["theme/options.css"] for p in pages.values()}) == len(THEMES)
    build = re.compile(rb'<meta name="slidegen-page" content="(\w+)">')
    ids = {build.search(p["deck/1.2.html"]).group(1) for p in pages.values()}
    assert len(ids) == len(THEMES)
    default, dark = (build.sub(b"", pages[t]["deck/1.2.html"]) for t in ("default", "dark"))
    assert default == dark
