"""The build pipeline: discover, load, merge, arrange, render, then (optionally) write."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from slidegen import __version__
from slidegen.assets import Assets
from slidegen.config import load_config
from slidegen.deckfile import load_deck_file
from slidegen.diagnostics import Report
from slidegen.merge import merge_parts
from slidegen.model import Deck
from slidegen.project import Project
from slidegen.render import Renderer, RenderError, report_render_error
from slidegen.site import Site, build_site, deck_url
from slidegen.slides import deck_slides
from slidegen.theme import Theme, options_css, resolve_theme
from slidegen.write import MARKER, Output


class BuildOptions(BaseModel):
    """What the command line may override."""

    model_config = ConfigDict(frozen=True)

    out: Path | None = None
    theme: str | None = None


class BuildResult(BaseModel):
    """What a pipeline run produced; `output` is None when nothing can be written."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    project: Project | None = None
    decks: int = 0
    files: int = 0
    output: Output | None = None


def open_project(root: Path, options: BuildOptions, report: Report) -> Project | None:
    """Read the configuration and apply command-line overrides."""
    config = load_config(root, report)
    if config is None:
        return None
    updates: dict[str, object] = {}
    if options.theme:
        updates["theme"] = options.theme
    project = Project(root=root, config=config.model_copy(update=updates))
    if not project.content_dir.is_dir():
        report.error(
            "no-content",
            f"no {config.content_dir}/ folder here; put deck .json files in it, or run"
            " `slidegen new DIR` to start a project",
            project.rel(project.content_dir),
        )
        return None
    return project


def run_pipeline(root: Path, options: BuildOptions, report: Report) -> BuildResult:
    """Run every stage but the write; bad decks are reported and skipped."""
    project = open_project(root, options, report)
    if project is None:
        return BuildResult()
    parts = [
        loaded
        for path in project.deck_files()
        if (loaded := load_deck_file(path, project.rel(path), report)) is not None
    ]
    decks = merge_parts(parts, report)
    site = build_site(project.config, decks, report)
    theme = resolve_theme(
        project.config.theme, project.themes_dir, project.config.theme_options, report
    )
    if theme is None:
        return BuildResult(project=project, decks=len(decks))
    try:
        output = render_site(project, site, theme, report)
    except RenderError as exc:
        report_render_error(exc, report)
        return BuildResult(project=project, decks=len(decks))
    return BuildResult(
        project=project,
        decks=len(decks),
        files=len(output.pages) + len(output.copies),
        output=output,
    )


def render_site(project: Project, site: Site, theme: Theme, report: Report) -> Output:
    """Every page, theme file and media copy of the site."""
    assets = Assets(project.root, project.static_dir, report)
    renderer = Renderer(site, theme)
    pages: dict[str, bytes] = {}
    for node in site.sections():
        pages[node.url] = renderer.menu_page(node).encode()
    slide_counts: dict[str, int] = {}
    for deck in site.decks:
        slides = deck_slides(deck, assets, report)
        logo = _logo_url(deck, assets)
        pages[deck_url(deck.id)] = renderer.deck_page(deck, slides, logo).encode()
        slide_counts[deck.id] = len(slides)
    pages["theme/options.css"] = options_css(theme).encode()
    copies = dict(assets.files)
    for folder in theme.static_folders():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            copies[f"theme/{path.relative_to(folder).as_posix()}"] = path
    pages[MARKER] = _manifest(site.decks, slide_counts, pages, copies)
    return Output(pages=pages, copies=copies)


def _logo_url(deck: Deck, assets: Assets) -> str | None:
    return assets.url_for(deck.logo_path, deck.logo_file, "logo_path", deck.logo_pos)


def _manifest(
    decks: list[Deck],
    slide_counts: dict[str, int],
    pages: dict[str, bytes],
    copies: dict[str, Path],
) -> bytes:
    """Build id from the output's content, so an unchanged site keeps its id."""
    digest = hashlib.sha256()
    for name in sorted(pages):
        digest.update(name.encode() + b"\0" + pages[name] + b"\0")
    for name in sorted(copies):
        # Media names already carry their content hash; theme files are small.
        body = b"" if name.startswith("media/") else copies[name].read_bytes()
        digest.update(name.encode() + b"\0" + body + b"\0")
    manifest = {
        "generator": "slidegen",
        "version": __version__,
        "build": digest.hexdigest()[:16],
        "decks": [
            {"id": d.id, "title": d.label, "url": deck_url(d.id), "slides": slide_counts[d.id]}
            for d in decks
        ],
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
