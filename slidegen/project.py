"""Where a project's folders are, from its root and its configuration."""

from __future__ import annotations

import os
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

    def input_dirs(self) -> list[Path]:
        """The folders a build reads: watched for changes, never used as output."""
        return [self.content_dir, self.static_dir, self.themes_dir]

    @property
    def out_dir(self) -> Path:
        """Where the build goes."""
        return self.root / self.config.out_dir

    def rel(self, path: Path) -> str:
        """A path as shown in diagnostics: relative to the project, with forward slashes."""
        text, root = str(path), str(self.root) + os.sep
        if text.startswith(root):
            return text[len(root) :].replace(os.sep, "/")
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def deck_files(self) -> list[Path]:
        """Every *.json under the content folder, skipping hidden files and folders, sorted."""
        found: list[tuple[str, Path]] = []
        for folder, dirs, files in os.walk(self.content_dir):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            base = Path(folder)
            found += [
                (str(base / name), base / name)
                for name in files
                if name.endswith(".json") and not name.startswith(".")
            ]
        content = str(self.content_dir)
        return [path for _, path in sorted(found, key=lambda f: f[0][len(content) :])]
