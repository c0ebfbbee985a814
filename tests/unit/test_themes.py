"""Built-in themes: contrast of their colours, the theme chain, options as CSS, the list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from slidegen.cli import main
from slidegen.diagnostics import Report
from slidegen.theme import BUILTIN_THEMES, Theme, resolve_theme
from tests.conftest import build_into

BUILTIN = ("default", "dark", "high-contrast")
DECK = '{"ID": "1.1", "name": "Deck", "content": [{"title": "T", "block": 2, "text": "Body"}]}'

# (foreground option, background option): every pair the stylesheet puts text on.
TEXT_PAIRS = [
    ("fg", "bg"),  # body text
    ("muted", "bg"),  # table keys, counters, cover text
    ("link", "bg"),  # links in text
    ("surface-fg", "surface"),  # header, buttons, placeholders
    ("muted", "surface"),  # breadcrumbs on the header
    ("accent-fg", "accent"),  # deck tiles, pressed buttons
    ("tile-fg", "tile"),  # section tiles
]
# Non-text contrast (WCAG 1.4.11): the focus ring and the progress bar against the page.
SHAPE_PAIRS = [("focus", "bg"), ("focus", "surface"), ("accent", "bg")]


def _luminance(colour: str) -> float:
    """Relative luminance of a #rrggbb colour (WCAG 2.x)."""
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", colour), colour
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _theme(name: str, tmp_path: Path, overrides: dict[str, str] | None = None) -> Theme:
    report = Report()
    theme = resolve_theme(name, tmp_path / "themes", overrides or {}, report)
    assert theme is not None, [d.format() for d in report]
    return theme


def test_contrast_ratio_matches_known_values() -> None:
    """The formula itself: black on white is 21, a colour on itself 1, #767676 on white 4.54."""
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#0b5394", "#0b5394") == pytest.approx(1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_theme_text_contrast(name: str, tmp_path: Path) -> None:
    """Body text reaches WCAG AA (4.5:1) in every theme, AAA (7:1) in high-contrast."""
    options = _theme(name, tmp_path).options
    least = 7.0 if name == "high-contrast" else 4.5
    for fg, bg in TEXT_PAIRS:
        ratio = contrast(str(options[fg]), str(options[bg]))
        assert ratio >= least, f"{name}: {fg} on {bg} is {ratio:.2f}:1, needs {least}:1"
    for fg, bg in SHAPE_PAIRS:
        ratio = contrast(str(options[fg]), str(options[bg]))
        assert ratio >= 3.0, f"{name}: {fg} against {bg} is {ratio:.2f}:1, needs 3:1"


def test_contrast_check_catches_a_poor_override(tmp_path: Path) -> None:
    """The same check fails for a grey that is too light, so the test above can fail."""
    options = _theme("default", tmp_path, {"muted": "#999999"}).options
    assert contrast(str(options["muted"]), str(options["bg"])) < 4.5


@pytest.mark.parametrize("name", ["dark", "high-contrast"])
def test_builtin_themes_extend_default(name: str, tmp_path: Path) -> None:
    """dark and high-contrast change colours and inherit fonts and templates from default."""
    theme = _theme(name, tmp_path)
    default = _theme("default", tmp_path)
    assert theme.names == [name, "default"]
    assert theme.options["font"] == default.options["font"]
    assert theme.options["bg"] != default.options["bg"]
    assert theme.folders[-1] == BUILTIN_THEMES / "default"


def test_every_theme_font_stack_is_local_and_covers_kazakh(tmp_path: Path) -> None:
    """Fonts are system fonts that hold Kazakh Cyrillic; nothing is loaded from the net."""
    for name in BUILTIN:
        font = str(_theme(name, tmp_path).options["font"])
        assert "DejaVu Sans" in font and "Noto Sans" in font and font.endswith("sans-serif")
    css = "\n".join(p.read_text() for p in BUILTIN_THEMES.rglob("*.css"))
    assert "@font-face" not in css and "url(http" not in css and "@import" not in css


def test_project_theme_options_become_css_properties(make_project) -> None:
    """[theme_options] colours, font family, base size and logo position reach the pages."""
    config = """
title = "T"
[theme_options]
accent = "#8a1538"
font = "'Liberation Sans', sans-serif"
base-size = 3.4
logo-position = "right"
"""
    project = make_project({"content/a.json": DECK}, config)
    report = build_into(project, project / "build")
    css = (project / "build" / "theme" / "options.css").read_text()
    assert "--sg-accent: #8a1538;" in css
    assert "--sg-font: 'Liberation Sans', sans-serif;" in css
    assert "--sg-base-size: 3.4;" in css
    page = (project / "build" / "deck" / "1.1.html").read_text()
    assert 'class="sg sg-logo-right sg-deck-page"' in page
    assert not [d for d in report if d.code == "theme-option"]


def test_unknown_logo_position_is_a_warning_with_the_choices(make_project) -> None:
    """A logo-position the stylesheet does not know falls back to left, with a warning."""
    config = '[theme_options]\nlogo-position = "top"\n'
    project = make_project({"content/a.json": DECK}, config)
    report = build_into(project, project / "build")
    warnings = [d.format() for d in report if d.code == "theme-option"]
    assert len(warnings) == 1 and "left, center, right, none" in warnings[0]
    assert "sg-logo-left" in (project / "build" / "index.html").read_text()


def test_project_theme_overrides_one_template_and_reaches_the_original(make_project) -> None:
    """A project theme extending default overrides deck.html through `!default/deck.html`."""
    project = make_project(
        {
            "content/a.json": DECK,
            "themes/brand/theme.toml": 'name = "brand"\nextends = "dark"\n',
            "themes/brand/templates/deck.html": (
                '{% extends "!default/deck.html" %}'
                "{% block body_class %}sg-deck-page brand-deck{% endblock %}"
            ),
        },
        'theme = "brand"\n',
    )
    build_into(project, project / "build")
    page = (project / "build" / "deck" / "1.1.html").read_text()
    assert "sg-deck-page brand-deck" in page
    assert page.count('class="sg-slide ') == 1 and "theme/js/nav.js" in page
    menu = (project / "build" / "index.html").read_text()
    assert "brand-deck" not in menu  # other templates still come from default
    assert "--sg-bg: #121418;" in (project / "build" / "theme" / "options.css").read_text()


def test_project_folder_named_like_a_builtin_theme_wins(make_project) -> None:
    """themes/default/ in a project replaces the built-in default's templates it provides."""
    project = make_project(
        {
            "content/a.json": DECK,
            "themes/default/templates/_header.html": '<header class="house-header">H</header>',
        }
    )
    build_into(project, project / "build")
    page = (project / "build" / "deck" / "1.1.html").read_text()
    assert '<header class="house-header">H</header>' in page
    assert "theme/js/core.js" in page


def _themes_output(project: Path, *args: str) -> list[str]:
    result = CliRunner().invoke(main, ["--project", str(project), *args, "themes"])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_themes_command_lists_builtin_and_project_themes(make_project) -> None:
    """`slidegen themes` names each theme, where it comes from, what it extends, and marks the
    one in use."""
    project = make_project(
        {
            "content/a.json": DECK,
            "themes/brand/theme.toml": 'name = "brand"\nextends = "dark"\ndescription = "Ours"\n',
            "themes/default/templates/_header.html": "<header></header>",
            "themes/notes/readme.txt": "not a theme",
        },
        'theme = "brand"\n',
    )
    lines = _themes_output(project)
    by_name = {line[2:].split()[0]: line for line in lines}
    assert sorted(by_name) == ["brand", "dark", "default", "high-contrast"]
    assert by_name["brand"].startswith("* ") and "project, extends dark" in by_name["brand"]
    assert by_name["brand"].endswith("Ours")
    assert "project, overrides built-in" in by_name["default"]
    assert "built-in, extends default" in by_name["dark"] and by_name["dark"].startswith("  ")
    verbose = _themes_output(project, "-v")
    assert any(line.strip() == str(project / "themes" / "brand") for line in verbose)
