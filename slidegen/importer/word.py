"""Read a Word .docx: headings, lists, tables, bold and italic, pictures and footnotes."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from slidegen.diagnostics import Report
from slidegen.importer.elements import Element, ExtractedImage, Kind, SourceDoc
from slidegen.importer.inline import Span, link_target, plain_text, to_markdown
from slidegen.importer.notes import note
from slidegen.importer.pictures import extract
from slidegen.importer.tables import table_element

_HEADING_STYLE = re.compile(r"^(?:heading|заголовок|тақырып)\s*(\d)$", re.IGNORECASE)
_BULLET_FORMATS = frozenset({"bullet", "none"})
_LIST_STYLE_LEVEL = re.compile(r"^List(?: Bullet| Number| Continue)? ([2-9])$")


def read_docx(data: bytes, name: str, image_prefix: str, report: Report) -> SourceDoc | None:
    """Elements of a Word document, its pictures, and its text for the completeness check."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError):
        report.error(
            "unreadable",
            "not a Word .docx file, or a damaged one; open it in Word and save it as .docx",
            name,
        )
        return None
    reader = _WordReader(document, name, image_prefix, report)
    reader.read()
    return SourceDoc(
        name=name,
        elements=reader.elements,
        plain="\n".join(reader.plain),
        images=reader.images,
    )


class _WordReader:
    """Walks the body once; list paragraphs are gathered into one list element."""

    def __init__(self, document: Document, name: str, prefix: str, report: Report) -> None:
        self.document = document
        self.name = name
        self.prefix = prefix
        self.report = report
        self.elements: list[Element] = []
        self.images: list[ExtractedImage] = []
        self.plain: list[str] = []
        self.list_lines: list[str] = []
        self.counters: dict[tuple[str, int], int] = {}
        self.footnote_numbers: dict[str, int] = {}
        self.paragraph_no = 0

    def read(self) -> None:
        """Every paragraph and table, then the footnotes; header and footer text is noted."""
        for item in self.document.iter_inner_content():
            if isinstance(item, Paragraph):
                self.paragraph(item)
            else:
                self.end_list()
                self.table(item)
        self.end_list()
        self.footnotes()
        self.note_headers()

    def paragraph(self, paragraph: Paragraph) -> None:
        """One body paragraph: a heading, a list item, or text; its pictures follow it."""
        self.paragraph_no += 1
        pictures: list[ExtractedImage] = []
        spans = self.spans(paragraph, pictures)
        self.plain.append(plain_text(spans))
        text = to_markdown(spans).strip()
        level = _heading_level(paragraph)
        numbering = self.numbering(paragraph)
        # Numbered headings ("1. Introduction") are headings first.
        if numbering is not None and text and level is None:
            self.list_item(text, *numbering)
        else:
            self.end_list()
            if text and level is not None:
                heading = " ".join(
                    to_markdown([s.model_copy(update={"bold": False}) for s in spans]).split()
                )
                self.elements.append(Element(kind=Kind.HEADING, text=heading, level=level))
            elif text:
                self.elements.append(Element(kind=Kind.PARAGRAPH, text=text))
        if _has_text_box(paragraph):
            note(
                self.report,
                self.name,
                f"paragraph {self.paragraph_no}: text in a text box is not imported;"
                " copy it into the deck",
            )
        self.add_pictures(pictures)

    def spans(self, paragraph: Paragraph, pictures: list[ExtractedImage]) -> list[Span]:
        """The paragraph's runs as formatted spans; pictures and footnote marks are collected."""
        out: list[Span] = []
        for item in paragraph.iter_inner_content():
            if isinstance(item, Hyperlink):
                href = link_target(item.address)
                for run in item.runs:
                    out.extend(
                        s.model_copy(update={"href": href}) for s in self.run_spans(run, pictures)
                    )
            else:
                out.extend(self.run_spans(item, pictures))
        return out

    def run_spans(self, run: Run, pictures: list[ExtractedImage]) -> Iterator[Span]:
        """A run's text with its formatting, a footnote mark as <sup>N</sup>."""
        style = _run_style(run)
        for piece in run.iter_inner_content():
            if isinstance(piece, str):
                yield style.model_copy(update={"text": piece})
            elif getattr(piece, "has_picture", False):
                image = piece.image
                pictures.append(extract(image.blob, image.ext, self.prefix, self.name, self.report))
        # python-docx has no footnote API; the reference is an element of the run itself.
        for ref in run._r.findall(qn("w:footnoteReference")):
            number = self.footnote_numbers.setdefault(
                ref.get(qn("w:id")), len(self.footnote_numbers) + 1
            )
            yield Span(text=str(number), sup=True)

    def numbering(self, paragraph: Paragraph) -> tuple[bool, int, str] | None:
        """(ordered, level, list id) for a list paragraph, from its own or its style's numbering."""
        num_pr = _num_pr(paragraph)
        if num_pr is None:
            return None
        num_id = _val(num_pr, "w:numId")
        if num_id in (None, "0"):
            return None
        style_name = paragraph.style.name if paragraph.style is not None else ""
        ilvl = _val(num_pr, "w:ilvl")
        # Word's "List Bullet 2" style nests by its own list, not by a level number.
        by_style = _LIST_STYLE_LEVEL.match(style_name)
        level = int(ilvl) if ilvl is not None else int(by_style[1]) - 1 if by_style else 0
        fmt = self.number_format(num_id, level) or (
            "decimal" if "Number" in style_name else "bullet"
        )
        return fmt not in _BULLET_FORMATS, level, num_id

    def number_format(self, num_id: str, level: int) -> str | None:
        """The numFmt Word uses for this list level ("bullet", "decimal", …)."""
        try:
            numbering = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return None
        abstract = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
        if not abstract:
            return None
        found = numbering.xpath(
            f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
        )
        return str(found[0]) if found else None

    def list_item(self, text: str, ordered: bool, level: int, num_id: str) -> None:
        """One list paragraph as a Markdown list line; Word numbers lists itself, so do we."""
        for key in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[key]
        number = self.counters.get((num_id, level), 0) + 1
        self.counters[(num_id, level)] = number
        marker = f"{number}." if ordered else "-"
        indent = "    " * level
        first, *rest = text.split("\n")
        self.list_lines.append(f"{indent}{marker} {first}")
        self.list_lines.extend(f"{indent}    {line}" for line in rest if line.strip())

    def end_list(self) -> None:
        """Close the list being gathered, if any."""
        if self.list_lines:
            text = "\n".join(self.list_lines)
            self.elements.append(Element(kind=Kind.PARAGRAPH, text=text))
            # Counters stay: Word continues a list's numbers after a paragraph between items.
            self.list_lines = []

    def table(self, table: Table) -> None:
        """A table; merged cells count once; pictures in cells follow the table."""
        rows = []
        pictures: list[ExtractedImage] = []
        for row in table.rows:
            cells = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                spans: list[Span] = []
                for paragraph in _cell_paragraphs(cell):
                    if spans:
                        spans.append(Span(text="\n"))
                    found = self.spans(paragraph, pictures)
                    spans.extend(found)
                    self.plain.append(plain_text(found))
                cells.append(spans)
            rows.append(cells)
        header = (
            bool(table.rows)
            and table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        )
        self.elements.append(table_element(rows, header, None))
        self.add_pictures(pictures)

    def add_pictures(self, pictures: list[ExtractedImage]) -> None:
        """Pictures found in a paragraph or table, each an element after it."""
        for picture in pictures:
            self.end_list()
            self.images.append(picture)
            self.elements.append(Element(kind=Kind.IMAGE, image=picture.url))

    def footnotes(self) -> None:
        """Footnote texts, as `<sup>N</sup> text` paragraphs at the end, numbered as cited."""
        if not self.footnote_numbers:
            return
        try:
            part = self.document.part.part_related_by(RT.FOOTNOTES)
        except KeyError:
            return
        root = etree.fromstring(part.blob)
        for note_element in root.findall(qn("w:footnote")):
            number = self.footnote_numbers.get(note_element.get(qn("w:id")))
            if number is None:
                continue
            paragraphs = note_element.findall(qn("w:p"))
            text = "\n".join(_xml_text(p) for p in paragraphs).strip()
            self.plain.append(text)
            self.elements.append(
                Element(
                    kind=Kind.FOOTNOTE,
                    text=f"<sup>{number}</sup> {to_markdown([Span(text=text)])}",
                    number=number,
                )
            )

    def note_headers(self) -> None:
        """Page headers and footers are not slides; say so when they hold text."""
        for section in self.document.sections:
            for part in (section.header, section.footer):
                if part.is_linked_to_previous:
                    continue
                text = " ".join(p.text for p in part.paragraphs).strip()
                if text:
                    note(
                        self.report,
                        self.name,
                        f'page header/footer text not imported: "{text[:60]}"',
                    )


def _heading_level(paragraph: Paragraph) -> int | None:
    """1 for Title and Heading 1, N for Heading N (also via a style based on one)."""
    style = paragraph.style
    while style is not None:
        name = style.name or ""
        if name.lower() == "title":
            return 1
        match = _HEADING_STYLE.match(name)
        if match:
            return int(match[1])
        style = style.base_style
    return None


def _num_pr(paragraph: Paragraph) -> etree._Element | None:
    """The numbering properties of the paragraph or, failing that, of its style."""
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.numPr is not None:
        return p_pr.numPr
    style = paragraph.style
    while style is not None:
        found = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if found is not None:
            return found
        style = style.base_style
    return None


def _val(parent: etree._Element, tag: str) -> str | None:
    child = parent.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _run_style(run: Run) -> Span:
    """The formatting a run shows: direct formatting, or its character style."""
    style_name = (run.style.name if run.style is not None else "").lower()
    font = run.font
    return Span(
        text="",
        bold=bool(run.bold) or style_name in ("strong", "bold"),
        italic=bool(run.italic) or style_name in ("emphasis", "intense emphasis"),
        strike=bool(font.strike),
        sup=bool(font.superscript),
        sub=bool(font.subscript),
    )


def _cell_paragraphs(cell: object) -> Iterator[Paragraph]:
    """Paragraphs of a cell, nested tables' paragraphs included, in order."""
    for item in cell.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        else:
            for row in item.rows:
                for inner in row.cells:
                    yield from _cell_paragraphs(inner)


def _has_text_box(paragraph: Paragraph) -> bool:
    return bool(paragraph._p.findall(f".//{qn('w:txbxContent')}"))


def _xml_text(paragraph: etree._Element) -> str:
    """The text of a w:p element read straight from XML (TABs and breaks included)."""
    breaks = {qn("w:tab"): "\t", qn("w:br"): "\n"}
    return "".join(
        breaks.get(node.tag, node.text or "") for node in paragraph.iter(qn("w:t"), *breaks)
    )
