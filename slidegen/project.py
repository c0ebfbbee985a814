"""Where a project's folders are, from its root and its configuration."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from slidegen.config import SiteConfig


class Project(BaseModel):
    """A project folder and its validated configuration."""

    model_config = ConfigDict(frozen=True)

    root: Path
    config: SiteConfig

    @property
    def content_dir(self) -> Path:
        """Folder of deck files."""
        return self.root / self.config.content_dir

    @property
    def static_dir(self) -> Path:
        """Folder that paths starting with / point into."""
        return self.root / self.config.static_dir

    @property
    def themes_dir(self) -> Path:
        """The project's own themes, which override built-in ones."""
        return self.root / self.config.themes_dir

    @property
    def out_dir(self) -> Path:
        """Where the build goes."""
        return self.root / self.config.out_dir

    def rel(self, path: Path) -> str:
        """A path as shown in diagnostics: relative to the project, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def deck_files(self) -> list[Path]:
        """Every *.json under the content folder, skipping hidden files and folders, sorted."""
        if not self.content_dir.is_dir():
            return []
        found = (
            p
            for p in self.content_dir.rglob("*.json")
            if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(self.content_dir).parts)
        )
        return sorted(found, key=lambda p: p.relative_to(self.content_dir).as_posix())
