"""Tables from Word or HTML: two columns as Key<TAB>Value rows, anything wider as HTML."""

from __future__ import annotations

from slidegen.importer.elements import Element, Kind
from slidegen.importer.inline import Span, to_html, to_markdown


def table_element(rows: list[list[list[Span]]], header: bool, line: int | None) -> Element:
    """One table; `header` marks the first row as column headings (kept only in HTML tables)."""
    rows = [row for row in rows if any(_text(cell) for cell in row)]
    if rows and all(len(row) == 2 for row in rows):
        return Element(kind=Kind.ROWS, text=_rows(rows), line=line)
    return Element(kind=Kind.TABLE, text=_html_table(rows, header), line=line)


def _text(cell: list[Span]) -> str:
    return "".join(s.text for s in cell).strip()


def _rows(rows: list[list[list[Span]]]) -> str:
    """Key<TAB>Value lines, the way Word pastes a two-column table; the text stage reads them."""
    lines: list[str] = []
    for key_cell, value_cell in rows:
        key = " ".join(to_markdown(key_cell).replace("\t", " ").split())
        values = [
            line.replace("\t", " ").strip()
            for line in to_markdown(value_cell).split("\n")
            if line.strip()
        ]
        # A row needs a key; an empty one continues the row above, as Word pastes it.
        lines.append(f"{key or '-'}\t{values[0] if values else ''}")
        lines.extend(values[1:])
    return "\n".join(lines)


def _html_table(rows: list[list[list[Span]]], header: bool) -> str:
    """An HTML table on lines without blank ones, so Markdown keeps it as one HTML block."""
    out = ["<table>"]
    for index, row in enumerate(rows):
        tag = "th" if header and index == 0 else "td"
        cells = "".join(f"<{tag}>{to_html(cell)}</{tag}>" for cell in row)
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return "\n".join(out)
