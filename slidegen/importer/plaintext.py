"""Read plain text and Markdown line by line into elements, keeping every line as typed."""

from __future__ import annotations

import re

from slidegen.diagnostics import Report
from slidegen.importer.elements import Element, Kind, SourceDoc
from slidegen.importer.notes import note
from slidegen.text.wordpaste import is_list_line, is_row

_ATX = re.compile(r"^ {0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?P<bar>=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_FOOTNOTE = re.compile(r"^[ \t]*<sup>[ \t]*\[?(?P<n>\d{1,4})\]?[ \t]*</sup>")
_LEADING_TAB = re.compile(r"^ *\t")
_STYLE_ATTR = re.compile(r"""(<[A-Za-z][^<>]*?)\s+style\s*=\s*(?:"[^"]*"|'[^']*')""")
# In plain text a line this long is a whole paragraph: nobody wraps lines that late.
PARAGRAPH_LINE = 100
_SENTENCE_END = re.compile(r"[.!?…:;][\s\"'»”’)\]*_]*$")


def read_text(text: str, name: str, markdown: bool, report: Report) -> SourceDoc:
    """Split a .txt or .md document into elements; lines keep their characters."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    reader = _LineReader(lines, markdown)
    elements = [_without_styles(e, name, report) for e in reader.elements()]
    if reader.split_lines:
        note(
            report,
            name,
            f"{reader.split_lines} line break(s) read as paragraph breaks: a plain-text file"
            " puts each paragraph on one line",
            reader.first_split,
        )
    return SourceDoc(name=name, elements=elements, plain=text)


class _LineReader:
    """Walks the lines once, cutting them into elements."""

    def __init__(self, lines: list[str], markdown: bool) -> None:
        self.lines = lines
        self.markdown = markdown
        self.split_lines = 0
        self.first_split: int | None = None

    def elements(self) -> list[Element]:
        """Every element, in order."""
        found: list[Element] = []
        i = 0
        while i < len(self.lines):
            if not self.lines[i].strip():
                i += 1
                continue
            element, i = self._element_at(i)
            found.append(element)
        return found

    def _element_at(self, i: int) -> tuple[Element, int]:
        """The element starting at line index i and the index after it."""
        line = self.lines[i]
        fence = _FENCE.match(line)
        if fence:
            end = self._fence_end(i, fence["fence"])
            return self._chunk(Kind.PARAGRAPH, i, end), end
        heading = _ATX.match(line)
        if heading:
            level = len(heading["marks"])
            text = (heading["text"] or "").strip()
            return Element(kind=Kind.HEADING, text=text, level=level, line=i + 1), i + 1
        if self.markdown and i + 1 < len(self.lines) and self._setext(i):
            level = 1 if self.lines[i + 1].strip().startswith("=") else 2
            return Element(kind=Kind.HEADING, text=line.strip(), level=level, line=i + 1), i + 2
        footnote = _FOOTNOTE.match(line)
        if footnote:
            end = self._paragraph_end(i, prose=False)
            chunk = self._chunk(Kind.FOOTNOTE, i, end)
            return chunk.model_copy(update={"number": int(footnote["n"])}), end
        if is_row(line):
            end = self._rows_end(i)
            return self._chunk(Kind.ROWS, i, end), end
        end = self._paragraph_end(i, prose=not self.markdown and not is_list_line(line))
        return self._chunk(Kind.PARAGRAPH, i, end), end

    def _chunk(self, kind: Kind, start: int, end: int) -> Element:
        text = "\n".join(self.lines[start:end]).rstrip("\n")
        return Element(kind=kind, text=text, line=start + 1)

    def _setext(self, i: int) -> bool:
        """A Markdown heading underlined with === or --- (a lone line, not a list item)."""
        underline = _SETEXT.match(self.lines[i + 1])
        return bool(underline) and not is_list_line(self.lines[i]) and "\t" not in self.lines[i]

    def _fence_end(self, i: int, fence: str) -> int:
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        for j in range(i + 1, len(self.lines)):
            if closing.match(self.lines[j]):
                return j + 1
        return len(self.lines)

    def _starts_element(self, line: str) -> bool:
        """Lines that end the paragraph before them."""
        return bool(_FENCE.match(line) or _ATX.match(line) or _FOOTNOTE.match(line) or is_row(line))

    def _paragraph_end(self, i: int, prose: bool) -> int:
        """The end of the paragraph at i; in plain-text prose a long line ends it."""
        j = i
        while j < len(self.lines) and self.lines[j].strip():
            if j > i and self._starts_element(self.lines[j]):
                break
            if self.markdown and j > i and self._setext_ahead(j):
                break
            j += 1
            if prose and j < len(self.lines) and self.lines[j].strip():
                if is_list_line(self.lines[j]):
                    break
                if _ends_paragraph(self.lines[j - 1], self.lines[j]):
                    self.split_lines += 1
                    self.first_split = self.first_split or j
                    break
        return j

    def _setext_ahead(self, j: int) -> bool:
        return j + 1 < len(self.lines) and self._setext(j) and not _SETEXT.match(self.lines[j])

    def _rows_end(self, i: int) -> int:
        """The end of a Key<TAB>Value run, read the way the text stage reads it."""
        j = i + 1
        while j < len(self.lines):
            line = self.lines[j]
            if not line.strip(" \t"):
                k = j
                while k < len(self.lines) and not self.lines[k].strip(" \t"):
                    k += 1
                if k < len(self.lines) and (
                    _LEADING_TAB.match(self.lines[k]) or is_row(self.lines[k])
                ):
                    j = k
                    continue
                break
            if _FENCE.match(line):
                break
            j += 1
        return j


def _ends_paragraph(line: str, following: str) -> bool:
    """Whether a plain-text line ends its paragraph: long, a sentence's end, or a headline."""
    stripped = line.rstrip()
    if len(stripped) >= PARAGRAPH_LINE or _SENTENCE_END.search(stripped):
        return True
    # A short line before a whole paragraph is a headline; wrapped text has even lines.
    return len(following.strip()) >= PARAGRAPH_LINE


def _without_styles(element: Element, name: str, report: Report) -> Element:
    """Drop inline style attributes, which the theme replaces and the build would drop."""
    found = list(_STYLE_ATTR.finditer(element.text))
    if not found:
        return element
    for match in found:
        line = (element.line or 1) + element.text.count("\n", 0, match.start())
        attr = match.group(0)[len(match.group(1)) :].strip()
        note(report, name, f"removed {attr}: the theme styles the text", line)
    return element.model_copy(update={"text": _STYLE_ATTR.sub(r"\1", element.text)})
