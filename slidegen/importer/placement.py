"""Where an imported deck goes: its ID, its file, and never over someone else's deck."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from slidegen.deckfile import read_deck_value
from slidegen.diagnostics import Report
from slidegen.ids import DeckKey, format_id, parse_id
from slidegen.importer.notes import warn
from slidegen.project import Project


class PlacementError(Exception):
    """The deck cannot be placed as asked; the message says what to do instead."""


class ExistingDeck(BaseModel):
    """A deck file already in the project, as far as the importer needs it."""

    model_config = ConfigDict(frozen=True)

    path: Path
    key: DeckKey
    logo_title: str = ""
    logo_path: str = ""


class Target(BaseModel):
    """The ID and file an imported deck gets."""

    model_config = ConfigDict(frozen=True)

    key: DeckKey
    path: Path
    replaces: bool = False

    @property
    def id(self) -> str:
        """The dotted ID."""
        return format_id(self.key)


def scan_decks(project: Project, report: Report) -> list[ExistingDeck]:
    """Every deck file's ID and logo, read with the project's own tolerant loader."""
    found: list[ExistingDeck] = []
    for path in project.deck_files():
        rel = project.rel(path)
        # The loader's repair messages are about other files: `slidegen check` shows them.
        read = read_deck_value(path, rel, Report())
        value = read[0] if read is not None else None
        fields = value if isinstance(value, dict) else {}
        raw = fields.get("ID", fields.get("id"))
        key = parse_id(raw.strip()) if isinstance(raw, str) else None
        if key is None and isinstance(raw, int) and raw > 0:
            key = (raw,)
        key = key or parse_id(path.stem)
        if key is None:
            warn(report, "import-unknown-id", rel, "cannot tell this deck's ID; check it differs")
            continue
        found.append(
            ExistingDeck(
                path=path,
                key=key,
                logo_title=_text(fields.get("logo_title")),
                logo_path=_text(fields.get("logo_path")),
            )
        )
    return found


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def next_free(parent: DeckKey, taken: set[DeckKey]) -> DeckKey:
    """The ID after the last one in use directly under `parent` (menu sections count)."""
    used = [
        key[len(parent)] for key in taken if len(key) > len(parent) and key[: len(parent)] == parent
    ]
    return (*parent, max(used, default=0) + 1)


def place(
    key: DeckKey,
    slug: str,
    out: Path | None,
    force: bool,
    project: Project,
    decks: list[ExistingDeck],
) -> Target:
    """Choose the file for deck `key`; refuse to overwrite anything without --force."""
    holders = [d.path for d in decks if d.key == key]
    ident = format_id(key)
    shown = ", ".join(project.rel(p) for p in holders)
    if holders and not force:
        parent = format_id(key[:-1]) if len(key) > 1 else ""
        pick = f"--under {parent}" if parent else "leaving out --id"
        raise PlacementError(
            f"ID {ident} is already used by {shown}; add --force to replace that deck,"
            f" or choose a free ID ({pick} picks the next one)"
        )
    if holders and len(holders) > 1:
        raise PlacementError(
            f"deck {ident} is split over {len(holders)} files ({shown}); remove them first,"
            " or choose another ID"
        )
    if out is not None and not out.is_dir() and out.suffix.lower() != ".json":
        raise PlacementError(f"--out {out}: give a .json file name or an existing folder")
    if out is not None:
        path = out / f"{ident}-{slug}.json" if out.is_dir() else out
    elif holders:
        path = holders[0]
    else:
        path = project.content_dir / f"{ident}-{slug}.json"
    if holders and path.resolve() != holders[0].resolve():
        raise PlacementError(
            f"ID {ident} is used by {shown}; --force replaces a deck in its own file, so leave"
            f" out --out or give --out {project.rel(holders[0])}"
        )
    if path.is_dir():
        raise PlacementError(f"{project.rel(path)} is a folder; give a .json file name")
    if path.exists() and not force:
        raise PlacementError(
            f"{project.rel(path)} already exists; add --force to overwrite it,"
            " or give another --out"
        )
    return Target(key=key, path=path, replaces=path.exists())


def house_logo(decks: list[ExistingDeck], leaving: set[Path]) -> tuple[str, str] | None:
    """The logo most of the project's other decks show, if any do."""
    pairs = Counter(
        (d.logo_title, d.logo_path)
        for d in decks
        if d.path.resolve() not in leaving and (d.logo_title or d.logo_path)
    )
    return pairs.most_common(1)[0][0] if pairs else None
