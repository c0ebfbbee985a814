"""Arrange a document's elements into deck blocks: title, cover, sections, tables, notes."""

from __future__ import annotations

import html
import re

from pydantic import BaseModel, ConfigDict

from slidegen.diagnostics import Report
from slidegen.importer.elements import Element, Kind, SourceDoc
from slidegen.importer.footnotes import citations, detach
from slidegen.importer.notes import note
from slidegen.model import Layout

# A first line at most this long may be the title; longer is the start of the text.
TITLE_MAX = 150
LONG_TITLE = 80
# Letterheads are blocks of short lines: sender, address, number, date, addressee.
LETTERHEAD_LINE = 60
LETTERHEAD_LINES = 3
FIRST_WORDS = 8
_SALUTATION_END = re.compile(r"[!,]$")
_TAG = re.compile(r"<[^>]*>")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_MARKS = re.compile(r"\*\*|__|\*|~~|`")


class DraftBlock(BaseModel):
    """A block of the deck being made."""

    model_config = ConfigDict(frozen=True)

    title: str
    layout: Layout
    text: str = ""
    img_path: str = ""


class Arranged(BaseModel):
    """A document arranged as a deck: its title and blocks, the cover first."""

    model_config = ConfigDict(frozen=True)

    title: str
    blocks: list[DraftBlock]


class _Section(BaseModel):
    """The elements under one heading (or before the first)."""

    title: str
    line: int | None
    elements: list[Element]
    headed: bool


def plain(text: str) -> str:
    """Text without tags, Markdown marks and escapes, on one line: for titles."""
    text = _MD_MARKS.sub("", _MD_ESCAPE.sub(r"\1", _TAG.sub("", text)))
    return " ".join(html.unescape(text).split())


def arrange(doc: SourceDoc, title: str, notes_title: str, report: Report) -> Arranged:
    """Turn a document into blocks; `title` overrides the one found in the document."""
    letterhead = _letterhead_end(doc.elements)
    elements = _with_salutation(doc, letterhead, report)
    deck_title, elements = _take_title(doc, elements, title, letterhead, report)
    detached = detach(elements, doc.name, report)
    blocks = [DraftBlock(title=deck_title, layout=Layout.COVER)]
    placed: set[int] = set()
    # A letterhead reads as the top of a letter without a title over it; the cover has one.
    for section in _sections(detached.elements, "" if letterhead is not None else deck_title):
        blocks.extend(_section_blocks(section, doc.name, report))
        cited = {
            n
            for e in section.elements
            for n in citations(e.text)
            if n in detached.footnotes and n not in placed
        }
        if cited:
            placed |= cited
            blocks.append(_notes_block(cited, detached.footnotes, notes_title))
            note(
                report,
                doc.name,
                f'footnote(s) {_numbers(cited)} put in a "{notes_title}" block'
                f' after "{section.title}"',
                detached.footnotes[min(cited)].line,
            )
    # Cited only from a heading: the notes go last rather than nowhere.
    rest = set(detached.footnotes) - placed
    if rest:
        blocks.append(_notes_block(rest, detached.footnotes, notes_title))
        note(report, doc.name, f"footnote(s) {_numbers(rest)} put in a block at the end")
    return Arranged(title=deck_title, blocks=blocks)


def _notes_block(numbers: set[int], footnotes: dict[int, Element], title: str) -> DraftBlock:
    """A block of footnotes in number order."""
    text = "\n\n".join(footnotes[n].text for n in sorted(numbers))
    return DraftBlock(title=title, layout=Layout.TEXT, text=text)


def _numbers(numbers: set[int]) -> str:
    return ", ".join(str(n) for n in sorted(numbers))


def _lines(element: Element) -> list[str]:
    return [line for line in element.text.split("\n") if line.strip()]


def _is_short(element: Element) -> bool:
    return element.kind is Kind.PARAGRAPH and all(
        len(plain(line)) <= LETTERHEAD_LINE for line in _lines(element)
    )


def _is_salutation(element: Element) -> bool:
    lines = _lines(element)
    return _is_short(element) and len(lines) == 1 and bool(_SALUTATION_END.search(plain(lines[0])))


def _letterhead_end(elements: list[Element]) -> int | None:
    """Index of the heading or salutation that follows a letterhead, if the document has one."""
    count = 0
    for i, element in enumerate(elements):
        if element.kind is Kind.HEADING or (count >= LETTERHEAD_LINES and _is_salutation(element)):
            return i if count >= LETTERHEAD_LINES else None
        if not _is_short(element):
            return None
        count += len(_lines(element))
    return None


def _with_salutation(doc: SourceDoc, end: int | None, report: Report) -> list[Element]:
    """A letter's salutation after its letterhead (ending at `end`) becomes the body's title."""
    elements = list(doc.elements)
    if end is None:
        return elements
    first, last = elements[0], elements[end - 1]
    span = f"lines {first.line}-{last.line + last.text.count(chr(10))}" if last.line else "the top"
    note(report, doc.name, f"{span} read as a letterhead, kept together in one block", first.line)
    if elements[end].kind is Kind.PARAGRAPH:
        salutation = elements[end]
        elements[end] = salutation.model_copy(update={"kind": Kind.HEADING, "level": 2})
        note(report, doc.name, "the salutation starts the letter's body", salutation.line)
    return elements


def _take_title(
    doc: SourceDoc, elements: list[Element], given: str, letterhead: int | None, report: Report
) -> tuple[str, list[Element]]:
    """The deck title and the elements left once a title taken from the text is removed."""
    if given.strip():
        return given.strip(), elements
    if not elements:
        return doc.title or "", elements
    first = elements[0]
    if first.kind is Kind.HEADING and plain(first.text):
        note(report, doc.name, "title taken from the first heading", first.line)
        return plain(first.text), elements[1:]
    if doc.title:
        note(report, doc.name, "title taken from the document's own title")
        return doc.title, elements
    if letterhead is not None:
        after = elements[letterhead]
        note(
            report,
            doc.name,
            f"title taken from the heading after the letterhead (line {after.line});"
            " give --title for a better one",
            after.line,
        )
        return plain(after.text), elements
    lines = _lines(first)
    if first.kind is Kind.PARAGRAPH and len(lines) == 1 and len(elements) > 1:
        title = plain(lines[0])
        if title and len(title) <= TITLE_MAX:
            hint = (
                f" ({len(title)} characters; give --title for a shorter one)"
                if len(title) > LONG_TITLE
                else ""
            )
            note(report, doc.name, f"title taken from the first line{hint}", first.line)
            return title, elements[1:]
    words = plain(first.text).split()
    title = " ".join(words[:FIRST_WORDS]) + ("…" if len(words) > FIRST_WORDS else "")
    note(
        report,
        doc.name,
        "no title found: the deck is named after the first words; give --title",
        first.line,
    )
    return title, elements


def _sections(elements: list[Element], first_title: str) -> list[_Section]:
    """Cut the elements at headings; what comes before the first is titled `first_title`."""
    sections = [_Section(title=first_title, line=None, elements=[], headed=False)]
    for element in elements:
        if element.kind is Kind.HEADING:
            sections.append(
                _Section(title=plain(element.text), line=element.line, elements=[], headed=True)
            )
        else:
            sections[-1].elements.append(element)
    return [s for s in sections if s.headed or s.elements]


def _section_blocks(section: _Section, name: str, report: Report) -> list[DraftBlock]:
    """One section's blocks: its text, tables on their own, images beside the text."""
    if not section.elements:
        note(report, name, f'"{section.title}" has no text: it becomes a title slide', section.line)
        return [DraftBlock(title=section.title, layout=Layout.COVER)]
    builder = _SectionBuilder(section.title)
    for element in section.elements:
        if element.kind in (Kind.ROWS, Kind.TABLE):
            builder.table(element.text)
        elif element.kind is Kind.IMAGE:
            builder.image(element.image)
        else:
            builder.texts.append(element.text)
    builder.flush()
    return builder.blocks


class _SectionBuilder:
    """Collects a section's blocks; the last one stays open for an image or its caption."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.blocks: list[DraftBlock] = []
        self.texts: list[str] = []
        self.open = False

    def flush(self) -> None:
        """Put the text collected so far into a block."""
        if not self.texts:
            return
        text = "\n\n".join(self.texts)
        self.texts = []
        last = self.blocks[-1] if self.open else None
        if last is not None and last.layout is Layout.IMAGE:
            self.blocks[-1] = last.model_copy(update={"layout": Layout.TEXT_IMAGE, "text": text})
            self.open = False
        else:
            self.blocks.append(DraftBlock(title=self.title, layout=Layout.TEXT, text=text))
            self.open = True

    def table(self, text: str) -> None:
        """A table is a block of its own: tables need the whole slide."""
        self.flush()
        self.blocks.append(DraftBlock(title=self.title, layout=Layout.TEXT, text=text))
        self.open = False

    def image(self, url: str) -> None:
        """Beside the text just before it if that has no image yet, else on a slide of its own."""
        self.flush()
        last = self.blocks[-1] if self.open else None
        if last is not None and last.layout is Layout.TEXT:
            self.blocks[-1] = last.model_copy(update={"layout": Layout.TEXT_IMAGE, "img_path": url})
            self.open = False
        else:
            self.blocks.append(DraftBlock(title=self.title, layout=Layout.IMAGE, img_path=url))
            self.open = True
