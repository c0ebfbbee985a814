"""What `slidegen themes` shows: every usable theme, where it comes from and what it extends."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from slidegen.theme import BUILTIN_THEMES, is_theme


class ThemeEntry(BaseModel):
    """One theme a project can name in slidegen.toml or with --theme."""

    model_config = ConfigDict(frozen=True)

    name: str
    folder: Path
    project: bool
    overrides_builtin: bool = False
    extends: str = ""
    description: str = ""

    @property
    def origin(self) -> str:
        """Where the theme comes from, in words."""
        if not self.project:
            where = "built-in"
        elif self.overrides_builtin:
            where = "project, overrides built-in"
        else:
            where = "project"
        return f"{where}, extends {self.extends}" if self.extends else where


def list_themes(project_themes: Path) -> list[ThemeEntry]:
    """Built-in themes and the project's own, by name; a project theme replaces a built-in one."""
    found: dict[str, ThemeEntry] = {}
    for root, project in ((BUILTIN_THEMES, False), (project_themes, True)):
        # In slidegen's own checkout the project's themes/ is the built-in folder.
        if not root.is_dir() or (project and root.resolve() == BUILTIN_THEMES.resolve()):
            continue
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            entry = _entry(folder, project)
            if entry is not None:
                found[entry.name] = entry
    return sorted(found.values(), key=lambda e: (e.project, e.name))


def _entry(folder: Path, project: bool) -> ThemeEntry | None:
    """A folder with a theme.toml, or a project folder overriding parts of a built-in theme."""
    if not is_theme(folder):
        return None
    builtin = (BUILTIN_THEMES / folder.name / "theme.toml").is_file() and project
    toml = folder / "theme.toml"
    if not toml.is_file():
        return ThemeEntry(name=folder.name, folder=folder, project=True, overrides_builtin=True)
    try:
        data = tomllib.loads(toml.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        data = {}  # `slidegen build` reports the broken file with its position
    return ThemeEntry(
        name=folder.name,
        folder=folder,
        project=project,
        overrides_builtin=builtin,
        extends=str(data.get("extends", "")),
        description=str(data.get("description", "")),
    )
