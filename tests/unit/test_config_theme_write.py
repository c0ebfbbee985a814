"""Config validation, theme resolution and the atomic output swap."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment

from slidegen.config import load_config
from slidegen.diagnostics import Report
from slidegen.theme import options_css, resolve_theme
from slidegen.write import Output, UnsafeOutputError, check_output_dir, write_output


def config(tmp_path: Path, text: str):
    """Load `text` as slidegen.toml."""
    (tmp_path / "slidegen.toml").write_text(text, encoding="utf-8")
    report = Report()
    return load_config(tmp_path, report), report


def test_config_defaults_and_values(tmp_path: Path) -> None:
    """A valid config is read; kiosk and menu settings are typed."""
    cfg, report = config(
        tmp_path, 'title = "T"\nlang = "ru"\n[kiosk]\nslide_duration = 5\n[menu]\n"1.2" = "X"\n'
    )
    assert cfg is not None and report.errors == 0
    assert (cfg.title, cfg.lang, cfg.kiosk.slide_duration, cfg.menu) == ("T", "ru", 5, {"1.2": "X"})


def test_config_syntax_error_has_position(tmp_path: Path) -> None:
    """A TOML syntax error names the line and column."""
    cfg, report = config(tmp_path, 'title = "T"\nlang = \n')
    assert cfg is None
    diag = next(iter(report))
    assert (diag.file, diag.line, diag.code) == ("slidegen.toml", 2, "config-syntax")


def test_config_type_errors_and_unknown_keys(tmp_path: Path) -> None:
    """Wrong types are errors at their line; unknown keys warn with a hint."""
    cfg, report = config(tmp_path, 'titel = "T"\n[kiosk]\nslide_duration = "soon"\nidle = 3\n')
    assert cfg is None
    found = [(d.severity.value, d.code, d.line) for d in report]
    assert ("warning", "unknown-key", 1) in found
    assert ("error", "config", 3) in found
    assert ("error", "config", 4) in found
    assert any('did you mean "title"' in d.message for d in report)


@pytest.mark.parametrize("folder", ["../elsewhere", "/tmp/x", "."])
def test_config_paths_stay_inside_project(tmp_path: Path, folder: str) -> None:
    """Folder settings may not leave the project."""
    cfg, report = config(tmp_path, f'out_dir = "{folder}"\n')
    assert cfg is None and report.errors == 1


def test_theme_extends_and_single_template_override(tmp_path: Path) -> None:
    """A project theme extends default, overrides one template, and can reach the original."""
    theme_dir = tmp_path / "themes" / "mine"
    (theme_dir / "templates").mkdir(parents=True)
    (theme_dir / "theme.toml").write_text(
        'name = "mine"\nextends = "default"\n[options]\naccent = "#ff0000"\n'
    )
    (theme_dir / "templates" / "base.html").write_text('MINE{% include "!default/base.html" %}')
    report = Report()
    theme = resolve_theme("mine", tmp_path / "themes", {"bg": "#000"}, report)
    assert theme is not None, [d.format() for d in report]
    assert theme.names == ["mine", "default"]
    assert theme.options["accent"] == "#ff0000" and theme.options["bg"] == "#000"
    assert "--sg-accent: #ff0000;" in options_css(theme)
    env = Environment(loader=theme.loader())
    assert env.loader.get_source(env, "base.html")[0].startswith("MINE")
    assert "<!doctype html>" in env.loader.get_source(env, "!default/base.html")[0]


def test_theme_option_injection_refused(tmp_path: Path) -> None:
    """An option value cannot close the CSS rule and inject more."""
    report = Report()
    assert resolve_theme("default", tmp_path, {"bg": "red; } body { display:none"}, report) is None
    assert report.errors == 1


def test_write_swaps_and_old_build_survives_failure(tmp_path: Path) -> None:
    """Output appears whole; an exception mid-write leaves the previous build intact."""
    out = tmp_path / "build"
    write_output(Output(pages={"manifest.json": b"{}", "index.html": b"one"}), out)
    assert (out / "index.html").read_bytes() == b"one"
    broken = Output(pages={"manifest.json": b"{}"}, copies={"x.bin": tmp_path / "missing-file"})
    with pytest.raises(OSError):
        write_output(broken, out)
    assert (out / "index.html").read_bytes() == b"one"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".build")] == []


def test_output_dir_safety(tmp_path: Path) -> None:
    """The project, its folders, and foreign non-empty folders are never used as output."""
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(UnsafeOutputError):
        check_output_dir(tmp_path, tmp_path, [content])
    with pytest.raises(UnsafeOutputError):
        check_output_dir(content, tmp_path, [content])
    other = tmp_path / "docs"
    other.mkdir()
    (other / "a.txt").write_text("x")
    with pytest.raises(UnsafeOutputError):
        check_output_dir(other, tmp_path, [content])
    check_output_dir(tmp_path / "fresh", tmp_path, [content])
