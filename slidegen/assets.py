"""Resolve media paths inside the project and plan their copies under content-hashed names."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from slidegen.diagnostics import Position, Report

_SLUG = re.compile(r"[^A-Za-z0-9_-]+")


class Assets:
    """Collects the media a build references; each file is copied once under a hashed name."""

    def __init__(self, project: Path, static_dir: Path, report: Report) -> None:
        self.project = project.resolve()
        self.static_dir = static_dir
        self.report = report
        self.files: dict[str, Path] = {}

    def url_for(self, raw: str, deck_file: str, field: str, pos: Position | None) -> str | None:
        """Output-relative URL of a referenced file; None (with a diagnostic) when unusable."""
        value = raw.strip()
        if not value:
            return None
        scheme = urlsplit(value).scheme.lower()
        if scheme in ("http", "https"):
            self.report.warning(
                "remote-media",
                f'"{field}" points to the internet ({value});'
                " it will not show on an offline screen."
                " Put the file in static/ and write its path instead",
                deck_file,
                pos,
            )
            return value
        source = self._local(value, deck_file, field, pos, scheme)
        return self._plan_copy(source) if source else None

    def _local(
        self, value: str, deck_file: str, field: str, pos: Position | None, scheme: str
    ) -> Path | None:
        """Resolve a local path, refusing anything that leaves the project."""
        decoded = unquote(value)
        if (len(scheme) > 1) or "\\" in decoded or ".." in PurePosixPath(decoded).parts:
            self._refuse(value, deck_file, field, pos)
            return None
        if decoded.startswith("/"):
            candidate = self.static_dir / decoded.lstrip("/")
        else:
            candidate = (self.project / deck_file).parent / decoded
        resolved = candidate.resolve()
        if not resolved.is_relative_to(self.project):
            self._refuse(value, deck_file, field, pos)
            return None
        if not resolved.is_file():
            where = "static/" if decoded.startswith("/") else "the deck file's folder"
            self.report.warning(
                "missing-file",
                f'"{field}": {value} not found (looked in {where}); a placeholder is shown',
                deck_file,
                pos,
            )
            return None
        return resolved

    def _refuse(self, value: str, deck_file: str, field: str, pos: Position | None) -> None:
        self.report.warning(
            "unsafe-path",
            f'"{field}": {value} is refused: paths must stay inside the project'
            ' ("/img/x.png" for static/img/x.png, or a path next to the deck file)',
            deck_file,
            pos,
        )

    def _plan_copy(self, source: Path) -> str:
        """Name the output file after its content so browsers and kiosks never see stale media."""
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10]
        stem = _SLUG.sub("-", source.stem).strip("-")[:40] or "file"
        url = f"media/{stem}.{digest}{source.suffix.lower()}"
        self.files[url] = source
        return url
