"""Resolve media paths without leaving the project, prepare the files, and name them by content."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from pydantic import BaseModel, ConfigDict

from slidegen.config import MediaConfig
from slidegen.diagnostics import Position, Report
from slidegen.images import ImageCache, ImageSettings, ImageStats, file_digest, prepare_image
from slidegen.project import Project
from slidegen.suggest import did_you_mean
from slidegen.text.sanitize import link_scheme
from slidegen.video import Verdict, VideoCheck, check_video

# Screens are given in CSS pixels; a 4K panel shows 1920×1080 of them at 2 device pixels each.
PIXEL_RATIO = 2
_SLUG = re.compile(r"[^A-Za-z0-9_-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DRIVE = re.compile(r"^[A-Za-z]:")
_EXAMPLES = {"video": "/video/clip.mp4"}


def how_to(field: str) -> str:
    """What to write instead, with an example that fits the field."""
    example = _EXAMPLES.get(field, "/img/photo.jpg")
    return (
        f'put the file in static/ and write "{example}" (for static{example}),'
        " or a path next to the deck file"
    )


class MediaRef(BaseModel):
    """Where a media path was written, so a diagnostic can name deck file, block and field."""

    model_config = ConfigDict(frozen=True)

    file: str
    field: str
    block: int | None = None
    pos: Position | None = None

    @property
    def subject(self) -> str:
        """`block 3 "img_path"`, or just `"logo_path"` for a deck-level field."""
        return f'block {self.block} "{self.field}"' if self.block else f'"{self.field}"'


class Picture(BaseModel):
    """An image in the output: output-relative URL and its pixel size for width/height."""

    model_config = ConfigDict(frozen=True)

    url: str
    width: int | None = None
    height: int | None = None


class VideoFile(BaseModel):
    """A local video copied into the output as it is."""

    model_config = ConfigDict(frozen=True)

    url: str
    mime: str
    poster: Picture | None = None


class Assets:
    """Collects the media a build references; each file is prepared and copied once."""

    def __init__(
        self,
        project: Path,
        static_dir: Path,
        report: Report,
        settings: ImageSettings | None = None,
        cache: ImageCache | None = None,
        media: MediaConfig | None = None,
    ) -> None:
        self.project = project.resolve()
        self.static_dir = static_dir
        # static/ may itself be a link to a shared folder: the project chose that one.
        self.roots = (self.project, static_dir.resolve())
        self.report = report
        self.settings = settings or ImageSettings()
        self._cache = cache
        self.media = media or MediaConfig()
        self.stats = ImageStats()
        self.files: dict[str, Path] = {}
        self._pictures: dict[Path, tuple[Picture | None, str]] = {}
        self._videos: dict[Path, tuple[str, VideoCheck]] = {}

    @property
    def cache(self) -> ImageCache:
        """The image cache, created on first use: a project without images gets no folder."""
        if self._cache is None:
            self._cache = ImageCache.for_project(self.project)
        return self._cache

    @classmethod
    def for_project(cls, project: Project, report: Report) -> Assets:
        """Assets with the project's [media] settings and its image cache."""
        config = project.config
        long_side = max(max(s.width, s.height) for s in config.screens)
        short_side = max(min(s.width, s.height) for s in config.screens)
        settings = ImageSettings(
            max_long=long_side * PIXEL_RATIO,
            max_short=short_side * PIXEL_RATIO,
            quality=config.media.image_quality,
        )
        return cls(project.root, project.static_dir, report, settings, media=config.media)

    def url_for(self, raw: str, deck_file: str, field: str, pos: Position | None) -> str | None:
        """Output-relative URL of a referenced image (the logo); None when unusable."""
        picture = self.image(raw, MediaRef(file=deck_file, field=field, pos=pos))
        return picture.url if picture else None

    def image(self, raw: str, ref: MediaRef) -> Picture | None:
        """A prepared image, or None (with a diagnostic) so the slide shows a placeholder."""
        path = self.locate(raw, ref)
        if path is None:
            return None
        if path not in self._pictures:
            self._pictures[path] = self._prepare(path)
        picture, problem = self._pictures[path]
        if problem:
            self.report.warning(
                "bad-image",
                f"{ref.subject}: {raw.strip()} {problem}; a placeholder is shown."
                " Replace the file with a JPEG or PNG",
                ref.file,
                ref.pos,
            )
        return picture

    def _prepare(self, path: Path) -> tuple[Picture | None, str]:
        try:
            digest = file_digest(path)
        except OSError as exc:
            return None, f"cannot be read ({exc.strerror})"
        result = prepare_image(path, digest, self.settings, self.cache, self.stats)
        if result.info.problem:
            return None, result.info.problem
        url = self._register(path, result.path, result.name_hash, result.info.ext)
        width, height = result.info.width or None, result.info.height or None
        return Picture(url=url, width=width, height=height), ""

    def video_file(self, raw: str, ref: MediaRef) -> VideoFile | None:
        """A local video Chromium can play, copied as it is; None (with a diagnostic) otherwise."""
        path = self.locate(raw, ref)
        if path is None:
            return None
        if path not in self._videos:
            try:
                check = check_video(path)
                url = "" if check.verdict is Verdict.NO else self._copy(path)
            except OSError as exc:
                message = f"{ref.subject}: {raw.strip()} cannot be read ({exc.strerror})"
                self.report.warning("bad-video", message, ref.file, ref.pos)
                return None
            self._videos[path] = (url, check)
        url, check = self._videos[path]
        if check.verdict is Verdict.NO:
            self.report.warning(
                "unplayable-video",
                f"{ref.subject}: {raw.strip()} {check.reason}; a placeholder is shown",
                ref.file,
                ref.pos,
            )
            return None
        if check.verdict is Verdict.MAYBE:
            self.report.warning(
                "video-format", f"{ref.subject}: {raw.strip()} {check.reason}", ref.file, ref.pos
            )
        return VideoFile(url=url, mime=check.mime)

    def locate(self, raw: str, ref: MediaRef) -> Path | None:
        """The local file a path names, refusing anything that would read outside the project."""
        value = raw.strip()
        if not value:
            return None
        decoded = unquote(value)
        reason = _refusal(value, decoded)
        if reason == "remote":
            self.report.warning(
                "remote-media",
                f"{ref.subject}: {value} is on the internet and would not show on an offline"
                f" screen; download it, then {how_to(ref.field)}",
                ref.file,
                ref.pos,
            )
            return None
        if reason:
            self._refuse(value, reason, ref)
            return None
        if decoded.startswith("/"):
            candidate = self.static_dir / decoded.lstrip("/")
        else:
            candidate = (self.project / ref.file).parent / decoded
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError):  # a symlink loop
            self._refuse(value, "it is a broken or looping symbolic link", ref)
            return None
        if not any(resolved.is_relative_to(root) for root in self.roots):
            self._refuse(value, "it leads outside the project through a symbolic link", ref)
            return None
        if not resolved.is_file():
            self._missing(value, decoded, candidate, ref)
            return None
        return resolved

    def _refuse(self, value: str, reason: str, ref: MediaRef) -> None:
        self.report.error(
            "unsafe-path",
            f'{ref.subject}: "{value}" is refused: {reason}; {how_to(ref.field)}',
            ref.file,
            ref.pos,
        )

    def _missing(self, value: str, decoded: str, candidate: Path, ref: MediaRef) -> None:
        where = "static/" if decoded.startswith("/") else "the deck file's folder"
        hint = ""
        folder = candidate.parent
        if folder.is_dir():
            names = {p.name.lower(): p.name for p in folder.iterdir() if p.is_file()}
            same = names.get(candidate.name.lower())
            if same:
                hint = f' (the file is named "{same}": the screens tell capitals apart)'
            else:
                hint = did_you_mean(candidate.name, sorted(names.values()))
        self.report.warning(
            "missing-file",
            f"{ref.subject}: {value} not found (looked in {where}){hint}; a placeholder is shown",
            ref.file,
            ref.pos,
        )

    def _copy(self, source: Path) -> str:
        return self._register(source, source, file_digest(source)[:10], source.suffix.lower())

    def _register(self, source: Path, path: Path, digest: str, ext: str) -> str:
        """Name the output file after its content so screens never show a stale copy."""
        stem = _SLUG.sub("-", source.stem).strip("-")[:40] or "file"
        url = f"media/{stem}.{digest}{ext}"
        self.files[url] = path
        return url


def _refusal(value: str, decoded: str) -> str:
    """Why a written path is not a local file inside the project ("" if it may be one)."""
    if _CONTROL.search(decoded):
        return "it contains control characters"
    if "\\" in decoded:
        return 'backslashes are not allowed in paths; use "/"'
    if _DRIVE.match(decoded):
        return "it is a path on one computer's disk"
    name = link_scheme(value) or link_scheme(decoded)
    if name:
        if name in ("http", "https"):
            return "remote"
        if name == "file":
            return "file: links point at one computer's disk"
        return f"{name}: is not a file"
    if decoded.startswith("//"):
        return "it is a network path"
    parts = PurePosixPath(decoded).parts
    if ".." in parts:
        return 'paths may not climb out of their folder with ".."'
    if any(p.startswith(".") for p in parts if p not in ("/", ".")):
        return "hidden files and folders are not published"
    return ""
