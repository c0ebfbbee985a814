"""Find a theme and the themes it extends; build the Jinja loader for the chain."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, PrefixLoader
from pydantic import BaseModel, ConfigDict, ValidationError

from slidegen.diagnostics import Report
from slidegen.metrics import ThemeMetrics, merge_tables


def _builtin_themes() -> Path:
    """Built-in themes: inside the installed wheel, or the repo's themes/ in a source checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "themes"
    return installed if installed.is_dir() else package.parent / "themes"


BUILTIN_THEMES = _builtin_themes()
OptionValue = str | int | float | bool
_SAFE_CSS = re.compile(r"[#\w\s.,%()'\"/+-]*")


class ThemeSpec(BaseModel):
    """What a theme's theme.toml says."""

    model_config = ConfigDict(extra="forbid")

    name: str
    extends: str = ""
    description: str = ""
    options: dict[str, OptionValue] = {}
    metrics: dict[str, Any] = {}


class Theme(BaseModel):
    """A resolved theme: its own folder first, then the folders of the themes it extends."""

    model_config = ConfigDict(frozen=True)

    name: str
    folders: list[Path]
    names: list[str]
    options: dict[str, OptionValue]
    metrics: ThemeMetrics

    def loader(self) -> BaseLoader:
        """Templates from the most specific theme first; `!name/x.html` reaches a parent's."""
        chain = ChoiceLoader([FileSystemLoader(f / "templates") for f in self.folders])
        prefixed = {
            f"!{name}": FileSystemLoader(folder / "templates")
            for name, folder in zip(self.names, self.folders, strict=True)
        }
        return ChoiceLoader([PrefixLoader(prefixed, delimiter="/"), chain])

    def static_folders(self) -> list[Path]:
        """Static folders from the base theme up, so a child's files win when copied last."""
        return [f / "static" for f in reversed(self.folders) if (f / "static").is_dir()]


def theme_folder(name: str, project_themes: Path, skip: list[Path] | None = None) -> Path | None:
    """A project's own theme of that name wins over a built-in one; `skip` folders in use."""
    for root in (project_themes, BUILTIN_THEMES):
        folder = root / name
        if is_theme(folder) and folder.resolve() not in (skip or []):
            return folder
    return None


def is_theme(folder: Path) -> bool:
    """A theme has a theme.toml; an override of a built-in theme may be just templates/static."""
    if (folder / "theme.toml").is_file():
        return True
    overrides = (folder / "templates").is_dir() or (folder / "static").is_dir()
    return overrides and (BUILTIN_THEMES / folder.name / "theme.toml").is_file()


def available_themes(project_themes: Path) -> list[str]:
    """Every theme name that can be used."""
    roots = [r for r in (project_themes, BUILTIN_THEMES) if r.is_dir()]
    return sorted({f.name for root in roots for f in root.iterdir() if is_theme(f)})


def resolve_theme(
    name: str, project_themes: Path, overrides: dict[str, OptionValue], report: Report
) -> Theme | None:
    """Resolve `name` and its `extends` chain; report a missing or looping theme."""
    folders: list[Path] = []
    names: list[str] = []
    options: dict[str, OptionValue] = {}
    metrics: dict[str, Any] = {}
    current = name
    while current:
        # Folders already in the chain are skipped, so a project theme can extend the built-in
        # theme of the same name, and a name with no folder left is a loop.
        folder = theme_folder(current, project_themes, [f.resolve() for f in folders])
        if folder is None:
            known = ", ".join(available_themes(project_themes)) or "none"
            problem = (
                f"extends itself through {' → '.join(names)}"
                if current in names
                else f"not found; available: {known}"
            )
            report.error("theme", f'theme "{current}" {problem}', "slidegen.toml")
            return None
        spec = _read_spec(folder, report)
        if spec is None:
            return None
        folders.append(folder)
        names.append(current)
        options = spec.options | options
        metrics = merge_tables(spec.metrics, metrics)
        current = spec.extends or _builtin_below(current, folder)
    merged = options | overrides
    for key, value in merged.items():
        if not _SAFE_CSS.fullmatch(str(value)) or not re.fullmatch(r"[a-z][a-z0-9-]*", key):
            report.error(
                "theme-option",
                f'theme option {key} = "{value}" is not a plain CSS value',
                "slidegen.toml",
            )
            return None
    resolved = _metrics(metrics, folders[0], report)
    if resolved is None:
        return None
    return Theme(name=name, folders=folders, names=names, options=merged, metrics=resolved)


def _metrics(table: dict[str, Any], folder: Path, report: Report) -> ThemeMetrics | None:
    """The chain's merged [metrics]; a chain without any borrows the default theme's."""
    if not table:
        fallback = _read_spec(BUILTIN_THEMES / "default", report)
        table = fallback.metrics if fallback is not None else {}
    try:
        return ThemeMetrics.model_validate(table)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in ("metrics", *err["loc"]))
        reason = err["msg"].removeprefix("Value error, ")
        report.error("theme", f"{where}: {reason}", str(folder / "theme.toml"))
        return None


def _builtin_below(name: str, folder: Path) -> str:
    """A project theme named like a built-in one falls back to it for what it does not override."""
    builtin = BUILTIN_THEMES / name
    is_override = folder.resolve() != builtin.resolve() and (builtin / "theme.toml").is_file()
    return name if is_override else ""


def _read_spec(folder: Path, report: Report) -> ThemeSpec | None:
    toml = folder / "theme.toml"
    if not toml.is_file():
        return ThemeSpec(name=folder.name)
    try:
        return ThemeSpec.model_validate(tomllib.loads(toml.read_text(encoding="utf-8")))
    except (tomllib.TOMLDecodeError, ValidationError, UnicodeDecodeError) as exc:
        report.error("theme", f"invalid theme.toml: {exc}".splitlines()[0], str(toml))
        return None


def options_css(theme: Theme) -> str:
    """Theme options as CSS custom properties on :root."""
    lines = [f"  --sg-{key}: {_css_value(value)};" for key, value in sorted(theme.options.items())]
    return ":root {\n" + "\n".join(lines) + "\n}\n"


def _css_value(value: OptionValue) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
