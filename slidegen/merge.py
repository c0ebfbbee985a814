"""Merge deck files that share an ID into one deck, in `slide_now` order."""

from __future__ import annotations

from collections import defaultdict

from slidegen.diagnostics import Report
from slidegen.ids import DeckKey
from slidegen.model import Deck, LoadedPart


def merge_parts(parts: list[LoadedPart], report: Report) -> list[Deck]:
    """Group parts by ID, merge each group, and return the decks in ID order."""
    groups: dict[DeckKey, list[LoadedPart]] = defaultdict(list)
    for part in sorted(parts, key=lambda p: p.file):
        groups[part.key].append(part)
    return [_merge(group, report) for _, group in sorted(groups.items())]


def _merge(group: list[LoadedPart], report: Report) -> Deck:
    """Merge one ID's files; duplicates of a page are reported and left out."""
    pages: dict[int, LoadedPart] = {}
    for loaded in group:
        now = loaded.part.slide_now
        if now in pages:
            first = pages[now].file
            report.error(
                "duplicate-id",
                f'"ID" "{loaded.part.id}" page {now} is also in {first}; give this deck another'
                ' ID, or a different "slide_now" if it continues that deck; this file is skipped',
                loaded.file,
                loaded.fields.get("slide_now") or loaded.fields.get("ID"),
            )
            continue
        pages[now] = loaded
    ordered = [pages[n] for n in sorted(pages)]
    _check_paging(ordered, report)
    head = ordered[0].part
    for other in ordered[1:]:
        for field in ("name", "logo_title", "logo_path", "lang"):
            theirs, ours = getattr(other.part, field), getattr(head, field)
            if theirs and ours and theirs != ours:
                report.warning(
                    "conflicting-field",
                    f'"{field}" differs from page 1 ({ordered[0].file}); page 1\'s value is used',
                    other.file,
                    other.fields.get(field),
                )
    return Deck(
        id=head.id,
        key=ordered[0].key,
        name=head.name,
        logo_title=head.logo_title,
        logo_path=head.logo_path,
        logo_file=ordered[0].file,
        logo_pos=ordered[0].fields.get("logo_path"),
        lang=head.lang,
        files=[p.file for p in ordered],
        blocks=[b for p in ordered for b in p.blocks],
    )


def _check_paging(ordered: list[LoadedPart], report: Report) -> None:
    """Report wrong `slide_max` values and gaps in `slide_now`; both are repaired."""
    count = len(ordered)
    for number, loaded in enumerate(ordered, start=1):
        part = loaded.part
        if part.slide_max != count:
            report.warning(
                "slide-max",
                f'"slide_max" is {part.slide_max} but deck "{part.id}" has {count} file(s);'
                f" using {count}",
                loaded.file,
                loaded.fields.get("slide_max"),
            )
        if part.slide_now != number:
            report.warning(
                "slide-now",
                f'"slide_now" {part.slide_now} read as page {number} of {count}'
                " (pages are merged in order)",
                loaded.file,
                loaded.fields.get("slide_now"),
            )
