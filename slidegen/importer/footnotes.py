"""Footnotes: found by their `<sup>N</sup>` marks, moved next to the text that cites them."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from slidegen.diagnostics import Report
from slidegen.importer.elements import Element, Kind
from slidegen.importer.notes import note

# A footnote mark as every reader writes it: <sup>N</sup>, also <sup>[N]</sup>.
CITATION = re.compile(r"<sup>\s*\[?(\d{1,4})\]?\s*</sup>")
_SENTENCE_END = re.compile(r"[.!?…:;]$")
_MARKUP_END = "*_)»”\"' \t\n"
_MARKUP_START = "*_«“\"'([ \t"

NOTES_TITLES = {"kk": "Ескертпелер", "ru": "Примечания", "en": "Notes"}


class Detached(BaseModel):
    """The document without its cited footnotes, and those footnotes by number."""

    model_config = ConfigDict(frozen=True)

    elements: list[Element]
    footnotes: dict[int, Element]


def notes_title(lang: str) -> str:
    """The title of a notes block in the deck's language (English when unknown)."""
    return NOTES_TITLES.get(lang.split("-")[0].lower(), NOTES_TITLES["en"])


def citations(text: str) -> list[int]:
    """Footnote numbers a text cites, in order."""
    return [int(n) for n in CITATION.findall(text)]


def detach(elements: list[Element], name: str, report: Report) -> Detached:
    """Take out every footnote the text cites; mend a paragraph a footnote had cut in two."""
    cited = {n for e in elements if e.kind is not Kind.FOOTNOTE for n in citations(e.text)}
    footnotes: dict[int, Element] = {}
    kept: list[Element] = []
    cut_after: Element | None = None
    for element in elements:
        if element.kind is Kind.FOOTNOTE:
            number = element.number or 0
            if number in cited and number not in footnotes:
                footnotes[number] = element
                cut_after = kept[-1] if kept and kept[-1].kind is Kind.PARAGRAPH else None
                continue
            reason = "it is not cited in the text" if number not in cited else "its number repeats"
            note(report, name, f"footnote {number} left where it is: {reason}", element.line)
            kept.append(element.model_copy(update={"kind": Kind.PARAGRAPH}))
            cut_after = None
            continue
        if (
            cut_after is not None
            and kept
            and kept[-1] is cut_after
            and _continues(cut_after, element)
        ):
            kept[-1] = cut_after.model_copy(update={"text": f"{cut_after.text} {element.text}"})
            note(
                report,
                name,
                f"joined the paragraph a footnote cut in two at line {element.line}"
                " (a page break in the original)",
                cut_after.line,
            )
        else:
            kept.append(element)
        cut_after = None
    return Detached(elements=kept, footnotes=footnotes)


def _continues(before: Element, after: Element) -> bool:
    """A paragraph that stops mid-sentence followed by one that starts in lower case."""
    if after.kind is not Kind.PARAGRAPH:
        return False
    end = before.text.rstrip(_MARKUP_END)
    start = after.text.lstrip(_MARKUP_START)
    return bool(end) and not _SENTENCE_END.search(end) and start[:1].islower()
