"""The build pipeline: discover, load, merge, arrange, render, then (optionally) write."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from slidegen import __version__
from slidegen.assets import Assets
from slidegen.cache import BuildCache, fingerprint, stat_key, tree_fingerprint
from slidegen.config import load_config
from slidegen.deckfile import load_deck_file
from slidegen.diagnostics import Report
from slidegen.ids import DeckKey
from slidegen.merge import merge_parts
from slidegen.model import Deck, LoadedPart
from slidegen.paginate import Pager
from slidegen.project import Project
from slidegen.render import PlayItem, Renderer, RenderError, report_render_error
from slidegen.site import MenuNode, Site, build_site, deck_url
from slidegen.slides import deck_slides
from slidegen.text import TextRenderer
from slidegen.theme import Theme, options_css, resolve_theme
from slidegen.versions import file_digests, page_versions, stamp_page
from slidegen.write import MARKER, Output


class BuildOptions(BaseModel):
    """What the command line may override."""

    model_config = ConfigDict(frozen=True)

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
    project = Project(root=root.resolve(), config=config.model_copy(update=updates))
    if not project.content_dir.is_dir():
        report.error(
            "no-content",
            f"no {config.content_dir}/ folder here; put deck .json files in it, or run"
            " `slidegen new DIR` to start a project",
            project.rel(project.content_dir),
        )
        return None
    return project


def run_pipeline(
    root: Path, options: BuildOptions, report: Report, cache: BuildCache | None = None
) -> BuildResult:
    """Run every stage but the write; bad decks are reported and skipped.

    With a cache (watch and serve keep one), unchanged files are not re-read and decks whose
    inputs are unchanged are not re-rendered; the result is the same as without it.
    """
    project = open_project(root, options, report)
    if project is None:
        return BuildResult()
    # A one-off build uses a fresh cache: one code path, and the same output either way.
    cache = cache or BuildCache()
    cache.start()
    files = project.deck_files()
    parts = [loaded for path in files if (loaded := _load(project, path, report, cache))]
    cache.forget_missing({project.rel(p) for p in files})
    decks = merge_parts(parts, report)
    site = build_site(project.config, decks, report)
    theme = resolve_theme(
        project.config.theme, project.themes_dir, project.config.theme_options, report
    )
    if theme is None:
        return BuildResult(project=project, decks=len(decks))
    try:
        output = render_site(project, site, theme, report, cache)
    except RenderError as exc:
        report_render_error(exc, report)
        return BuildResult(project=project, decks=len(decks))
    return BuildResult(
        project=project,
        decks=len(decks),
        files=len(output.pages) + len(output.copies),
        output=output,
    )


def _load(project: Project, path: Path, report: Report, cache: BuildCache) -> LoadedPart | None:
    """Load one deck file, unless the cache has it from an unchanged file."""
    rel = project.rel(path)
    return cache.load(path, rel, report, lambda: load_deck_file(path, rel, report))


_MEDIA_URL = re.compile(rb"media/[^\"'\s<>()]+")


def render_site(
    project: Project, site: Site, theme: Theme, report: Report, cache: BuildCache
) -> Output:
    """Every page, theme file and media copy of the site; unchanged pages come from the cache."""
    assets = Assets.for_project(project, report)
    renderer = Renderer(site, theme, report, cache.templates)
    text = TextRenderer()
    pager = Pager(
        theme.metrics, project.config.screens, theme.options, project.config.media.link_qr
    )
    theme_copies = _theme_copies(theme)
    theme_digests = file_digests(theme_copies)
    shared = fingerprint(project.config.model_dump_json(), tree_fingerprint(theme.folders), theme)
    pages: dict[str, bytes] = {}
    for node in site.sections():
        key = fingerprint(shared, _menu_inputs(site, node))
        pages[node.url] = cache.memo(node.url, key, lambda n=node: renderer.menu_page(n).encode())
    slide_counts: dict[str, int] = {}
    copies: dict[str, Path] = {}
    trails = site.trail_keys()
    for index, deck in enumerate(site.decks):
        key = _deck_key(project, site, index, shared, trails, cache)
        hit = cache.deck(deck.id, key)
        if hit is None:
            mark = report.mark()
            slides = deck_slides(deck, assets, text, report, pager)
            logo = assets.url_for(deck.logo_path, deck.logo_file, "logo_path", deck.logo_pos)
            page = renderer.deck_page(deck, slides, logo).encode()
            used = {m.decode() for m in _MEDIA_URL.findall(page)}
            deck_copies = {u: p for u, p in assets.files.items() if u in used}
            hit = cache.store_deck(deck.id, key, page, len(slides), deck_copies, report.since(mark))
        else:
            report.extend(hit.diagnostics)
        pages[deck_url(deck.id)], slide_counts[deck.id] = hit.page, hit.slides
        copies.update(hit.copies)
    # play.html: the page a screen without touch opens; plays every deck in ID order.
    play = [
        PlayItem(title=d.label, url=deck_url(d.id), slides=slide_counts[d.id]) for d in site.decks
    ]
    key = fingerprint(shared, [(p.title, p.url, p.slides) for p in play])
    pages["play.html"] = cache.memo("play.html", key, lambda: renderer.play_page(play).encode())
    pages["theme/options.css"] = options_css(theme).encode()
    copies.update(theme_copies)
    # Each page carries its version, listed in manifest.json: a screen reloads (and a rebuild
    # rewrites) only the pages whose content or theme changed. See slidegen/versions.py.
    versions = page_versions(pages, theme_digests, cache.digest)
    pages = {
        # Memoised by version, so unchanged pages keep their bytes (and identity).
        name: cache.memo(
            f"stamped:{name}", versions[name], lambda d=data, v=versions[name]: stamp_page(d, v)
        )
        if name in versions
        else data
        for name, data in pages.items()
    }
    pages[MARKER] = _manifest(site.decks, slide_counts, pages, copies, theme_digests, versions)
    return Output(pages=pages, copies=dict(sorted(copies.items())))


def _theme_copies(theme: Theme) -> dict[str, Path]:
    """The theme's static files by output path; a child theme's file wins over its parent's."""
    copies: dict[str, Path] = {}
    for folder in theme.static_folders():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            copies[f"theme/{path.relative_to(folder).as_posix()}"] = path
    return copies


def _menu_inputs(site: Site, node: MenuNode) -> tuple[object, ...]:
    """What a menu page shows: its entries, its trail and the deck listed on it."""
    entries = tuple((c.title, c.url, c.is_section) for c in node.children)
    trail = tuple((n.title, n.url) for n in site.trail(node.key)) if node.key else ()
    deck = (node.deck.id, node.deck.label) if node.deck else None
    return (node.key, node.title, entries, trail, deck)


def _deck_key(
    project: Project,
    site: Site,
    index: int,
    shared: str,
    trails: dict[DeckKey, str],
    cache: BuildCache,
) -> str:
    """All inputs of one deck page: its files, its place in the menu and play order, its media."""
    deck = site.decks[index]
    # Deck pages link to their neighbours in play order (play.html handles the wrap-around).
    around = (index - 1, index + 1)
    neighbours = tuple(site.decks[i].id if 0 <= i < len(site.decks) else "" for i in around)
    trail = trails[deck.key[:-1]]
    files = tuple((f, cache.file_stat(f)) for f in deck.files)
    return fingerprint(shared, files, trail, neighbours, _media_inputs(project, deck))


def _media_inputs(project: Project, deck: Deck) -> tuple[object, ...]:
    """The files a deck's media fields may point at, with their stat keys (present or not)."""
    refs = [(deck.logo_file, deck.logo_path)]
    for placed in deck.blocks:
        block = placed.block
        media = (block.img_path, block.video, block.poster)
        refs += [(placed.origin.file, v) for v in media if v]
    found = []
    for file, raw in refs:
        value = raw.strip()
        if not value or "://" in value:
            continue
        base = project.static_dir if value.startswith("/") else (project.root / file).parent
        found.append((value, stat_key(base / value.lstrip("/"))))
    return tuple(found)


def _manifest(
    decks: list[Deck],
    slide_counts: dict[str, int],
    pages: dict[str, bytes],
    copies: dict[str, Path],
    theme_digests: dict[str, bytes],
    versions: dict[str, str],
) -> bytes:
    """Build id from the output's content, so an unchanged site keeps its id."""
    digest = hashlib.sha256()
    for name in sorted(pages):
        # A page's version already hashes its content; other files are small.
        known = versions.get(name)
        page_digest = known.encode() if known else hashlib.sha256(pages[name]).digest()
        digest.update(name.encode() + b"\0" + page_digest)
    empty = hashlib.sha256(b"").digest()
    for name in sorted(copies):
        # Media names already carry their content hash.
        digest.update(name.encode() + b"\0" + theme_digests.get(name, empty))
    head = {"generator": "slidegen", "version": __version__, "build": digest.hexdigest()[:16]}
    entries = [
        json.dumps(
            {"id": d.id, "title": d.label, "url": deck_url(d.id), "slides": slide_counts[d.id]},
            ensure_ascii=False,
        )
        for d in decks
    ]
    # One deck per line: readable, and json's C encoder only works without indent.
    fields = [f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in head.items()]
    decks_json = "[\n    " + ",\n    ".join(entries) + "\n  ]" if entries else "[]"
    # Page versions, one per line, for the runtime's live update (slidegen/versions.py).
    listed = [f"{json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(versions.items())]
    pages_json = "{\n    " + ",\n    ".join(listed) + "\n  }" if listed else "{}"
    parts = [*fields, f'  "decks": {decks_json}', f'  "pages": {pages_json}']
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode()
