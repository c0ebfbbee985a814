"""`slidegen import`: plan every deck first, refuse before writing anything, then write."""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from slidegen.build import BuildOptions, open_project
from slidegen.diagnostics import Report
from slidegen.ids import DeckKey, parse_id
from slidegen.importer.deckdraft import DeckOut, make_deck
from slidegen.importer.elements import SourceDoc
from slidegen.importer.footnotes import notes_title
from slidegen.importer.notes import note
from slidegen.importer.placement import (
    ExistingDeck,
    PlacementError,
    Target,
    house_logo,
    next_free,
    place,
    scan_decks,
)
from slidegen.importer.readers import Format, FormatError, format_for, read_document, sniff
from slidegen.importer.slug import slugify
from slidegen.importer.structure import arrange
from slidegen.importer.verify import missing_words, shown_words
from slidegen.model import is_lang_tag
from slidegen.project import Project
from slidegen.text import to_html
from slidegen.write import write_file

STDIN = Path("-")


class ImportUsageError(ValueError):
    """The command was asked for something it must refuse; exit 2, nothing written."""


class ImportRequest(BaseModel):
    """What the command line asked for."""

    model_config = ConfigDict(frozen=True)

    files: list[Path]
    deck_id: str | None = None
    under: str | None = None
    title: str = ""
    out: Path | None = None
    format: Format | None = None
    logo_title: str | None = None
    logo_path: str | None = None
    lang: str | None = None
    force: bool = False
    dry_run: bool = False


class Planned(BaseModel):
    """One document read, arranged and placed, ready to write."""

    model_config = ConfigDict(frozen=True)

    source: str
    doc: SourceDoc
    deck: DeckOut
    target: Target


class ImportResult(BaseModel):
    """What happened: the decks planned (and written unless a dry run) and failed inputs."""

    model_config = ConfigDict(frozen=True)

    planned: list[Planned] = []
    failed: int = 0


def run_import(request: ImportRequest, root: Path, report: Report) -> ImportResult:
    """Import every file; raises ImportUsageError before writing anything it must refuse."""
    _check_options(request)
    formats = {path: _format(path, request.format) for path in request.files}
    project = open_project(root, BuildOptions(), report)
    if project is None:
        return ImportResult(failed=len(request.files))
    decks = scan_decks(project, report)
    taken: set[DeckKey] = {d.key for d in decks} | {
        key for key in map(parse_id, project.config.menu) if key is not None
    }
    planned: list[Planned] = []
    failed = 0
    for path in request.files:
        plan = _plan_one(path, formats[path], request, project, decks, taken, planned, report)
        if plan is None:
            failed += 1
            continue
        planned.append(plan)
        taken.add(plan.target.key)
    if not request.dry_run:
        for plan in planned:
            _write(plan, project)
    return ImportResult(planned=planned, failed=failed)


def _check_options(request: ImportRequest) -> None:
    """Option combinations that cannot mean anything."""
    if request.deck_id is not None and request.under is not None:
        raise ImportUsageError("give --id or --under, not both")
    for option, value in (("--id", request.deck_id), ("--under", request.under)):
        if value is not None and parse_id(value.strip()) is None:
            raise ImportUsageError(
                f'{option} "{value}" is not an ID: use dotted positive numbers such as 1.5.2'
            )
    if request.lang is not None and not is_lang_tag(request.lang):
        raise ImportUsageError(f'--lang "{request.lang}": use a language tag such as kk, ru or en')
    several = len(request.files) > 1
    if several and request.deck_id is not None:
        raise ImportUsageError("--id names one deck; to import several files use --under")
    if several and request.title:
        raise ImportUsageError("--title names one deck; import the files one at a time")
    if several and request.out is not None and not request.out.is_dir():
        raise ImportUsageError("with several files, --out must be an existing folder")
    if request.files.count(STDIN) > 1:
        raise ImportUsageError("standard input (-) can be read only once")


def _format(path: Path, given: Format | None) -> Format | None:
    """The reader for a file; None for stdin without --format, sniffed once read."""
    if path == STDIN:
        return given
    try:
        return format_for(path, given)
    except FormatError as exc:
        raise ImportUsageError(str(exc)) from exc


def _plan_one(
    path: Path,
    fmt: Format | None,
    request: ImportRequest,
    project: Project,
    decks: list[ExistingDeck],
    taken: set[DeckKey],
    planned: list[Planned],
    report: Report,
) -> Planned | None:
    """Read, arrange, verify and place one document; None (reported) when it cannot be."""
    source = "<stdin>" if path == STDIN else str(path)
    data = _read_bytes(path, source, report)
    if data is None:
        return None
    fmt = fmt or sniff(data)
    if path == STDIN and request.format is None:
        note(report, source, f"read as .{fmt.value} (give --format to say otherwise)")
    prefix = slugify(path.stem if path != STDIN else "", fallback="import")
    base = path.parent if path != STDIN else Path.cwd()
    doc = read_document(data, fmt, source, base, prefix, report)
    if doc is None:
        return None
    if not doc.elements:
        report.error("empty-document", "nothing to import: the document has no text", source)
        return None
    lang = request.lang or project.config.lang
    arranged = arrange(doc, request.title, notes_title(lang), report)
    key = _deck_key(request, taken)
    target = _target(key, slugify(arranged.title), request, project, decks, planned)
    leaving = {target.path.resolve()} if target.replaces else set()
    logo = _logo(request, decks, leaving, source, report)
    deck = make_deck(arranged, target.id, logo, request.lang)
    if not _verified(doc, deck, source, report):
        return None
    return Planned(source=source, doc=doc, deck=deck, target=target)


def _read_bytes(path: Path, source: str, report: Report) -> bytes | None:
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        report.error(
            "unreadable",
            f"cannot read the file: {reason}; check the name and its permissions",
            source,
        )
        return None


def _deck_key(request: ImportRequest, taken: set[DeckKey]) -> DeckKey:
    """--id as given, else the next free ID under --under (or at the top level)."""
    if request.deck_id is not None:
        key = parse_id(request.deck_id.strip())
        assert key is not None  # checked in _check_options
        return key
    parent = parse_id(request.under.strip()) if request.under else ()
    return next_free(parent or (), taken)


def _target(
    key: DeckKey,
    slug: str,
    request: ImportRequest,
    project: Project,
    decks: list[ExistingDeck],
    planned: list[Planned],
) -> Target:
    try:
        target = place(key, slug, request.out, request.force, project, decks)
    except PlacementError as exc:
        raise ImportUsageError(str(exc)) from exc
    if any(p.target.path.resolve() == target.path.resolve() for p in planned):
        raise ImportUsageError(f"two documents would both be written to {project.rel(target.path)}")
    return target


def _logo(
    request: ImportRequest,
    decks: list[ExistingDeck],
    leaving: set[Path],
    source: str,
    report: Report,
) -> tuple[str, str]:
    """--logo-title/--logo, else what most other decks show."""
    usual = house_logo(decks, leaving) or ("", "")
    title = request.logo_title if request.logo_title is not None else usual[0]
    path = request.logo_path if request.logo_path is not None else usual[1]
    if (request.logo_title is None or request.logo_path is None) and usual != ("", ""):
        note(report, source, f'logo "{title}" {path} as on the other decks (--logo-title, --logo)')
    return title, path


def _verified(doc: SourceDoc, deck: DeckOut, source: str, report: Report) -> bool:
    """Refuse a deck that lost a word; warn about what the build would remove from it."""
    blocks = [(b.title, b.text) for b in deck.content]
    lost = missing_words(doc.plain, shown_words(deck.name, blocks))
    if lost:
        sample = ", ".join(f'"{w}"' for w in lost[:8])
        report.error(
            "import-lost-text",
            f"the deck would not show {len(lost)} word(s) of the document ({sample});"
            " nothing written: please report this with the document",
            source,
        )
        return False
    for number, block in enumerate(deck.content, start=1):
        for removed in to_html(block.text).removed:
            report.warning(
                "unsafe-html",
                f"block {number}: the build will remove {removed} (not allowed on a kiosk)",
                source,
            )
    return True


def _write(plan: Planned, project: Project) -> None:
    """Pictures first, then the deck file, each written whole or not at all."""
    for image in plan.doc.images:
        path = project.static_dir / image.path
        if path.is_file() and path.read_bytes() == image.data:
            continue
        write_file(path, image.data)
    write_file(plan.target.path, plan.deck.to_json().encode("utf-8"))
