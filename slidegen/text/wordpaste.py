"""Turn text pasted from Word (TAB rows, TAB bullets) into Markdown with an HTML skeleton."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BULLET_GLYPHS = "•◦▪‣·\uf0a7\uf0b7"
_HARD_BULLET = re.compile(
    rf"^[ \t]*(?:(?P<glyph>[{_BULLET_GLYPHS}])[ \t]+|(?P<dash>[-–—])\t[ \t]*"
    r"|(?P<num>\d{1,9})[.)]\t[ \t]*)(?P<text>.*)$"
)
_SOFT_BULLET = re.compile(r"^[ \t]*(?:(?P<glyph>[-*+])|(?P<num>\d{1,9})[.)])[ \t]+(?P<text>\S.*)$")
# Lines Markdown already gives a meaning to are never taken for Key<TAB>Value rows.
_MARKDOWN_LINE = re.compile(r"^ {0,3}(?:<[A-Za-z/!?]|#{1,6}(?:[ \t]|$)|>|\|)")
_ROW = re.compile(r"^(?P<key>[^\t]*\S[^\t]*?)\t+(?P<value>.*)$")
_LEADING_TAB = re.compile(r"^ *\t")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_TABS = re.compile(r"\t+")
_DASHED_LIST = re.compile(
    r"(?P<open><(?P<tag>ul|ol)\b[^>]*>)[ \t]*-[ \t]+(?P<body>[^<]*?)[ \t]*"
    r"(?:</(?P=tag)[ \t]*>|$)",
    re.IGNORECASE,
)
_DASH_SEPARATOR = re.compile(r"[ \t]+-[ \t]+")
_ORDERED = "#"


@dataclass(frozen=True)
class _Item:
    """One list item: its marker kind (glyph, or ``#`` for numbers), number and text."""

    kind: str
    number: int | None
    text: str


@dataclass
class _Row:
    """One table row: the key and the raw lines of its value."""

    key: str
    lines: list[str] = field(default_factory=list)


def normalise(text: str) -> str:
    """Rewrite rows as tables, TAB bullets as lists, other TABs as spaces; keep the rest as is."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        i = _top_level_step(lines, i, out)
    return "\n".join(out)


def _top_level_step(lines: list[str], i: int, out: list[str]) -> int:
    """Emit what starts at line ``i`` and return the index of the first line not consumed."""
    line = lines[i]
    fence_end = _fence_end(lines, i)
    if fence_end is not None:
        out.extend(lines[i:fence_end])
        return fence_end
    if _LEADING_TAB.match(line) and line.strip(" \t"):
        # A first-line indent from Word, with no row to continue: drop it, read the line again.
        lines[i] = line.lstrip(" \t")
        return i
    if _hard_bullet(line) is not None:
        items, end = _parse_list(lines, i)
        _emit_block(out, _list_skeleton(items))
        return end
    if _row(line) is not None:
        rows, end = _parse_table(lines, i)
        _emit_block(out, _table_skeleton(rows))
        return end
    out.append(_fix_text(line))
    return i + 1


def _fence_end(lines: list[str], i: int) -> int | None:
    """Return the index after the fenced code block opening at ``i``, or None if none opens."""
    match = _FENCE.match(lines[i])
    if match is None or (match["fence"][0] == "`" and "`" in match["info"]):
        return None
    fence = match["fence"]
    closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
    for j in range(i + 1, len(lines)):
        if closing.match(lines[j]):
            return j + 1
    return len(lines)


def _is_blank(line: str) -> bool:
    """Tell whether a line holds only spaces and tabs."""
    return not line.strip(" \t")


def _hard_bullet(line: str) -> _Item | None:
    """Parse a Word list line (bullet glyph, or dash or number followed by a TAB)."""
    match = _HARD_BULLET.match(line)
    if match is None:
        return None
    kind = match["glyph"] or match["dash"] or _ORDERED
    number = int(match["num"]) if match["num"] else None
    return _Item(kind, number, match["text"])


def _soft_bullet(line: str) -> _Item | None:
    """Parse a Markdown list line, which only joins a list that a Word marker started."""
    match = _SOFT_BULLET.match(line)
    if match is None:
        return None
    number = int(match["num"]) if match["num"] else None
    return _Item(match["glyph"] or _ORDERED, number, match["text"])


def is_row(line: str) -> bool:
    """Whether a line is a Key<TAB>Value row (the importer groups rows by the same rule)."""
    return _row(line) is not None


def is_list_line(line: str) -> bool:
    """Whether a line starts a list item: a Word marker, or a Markdown bullet or number."""
    return _hard_bullet(line) is not None or _SOFT_BULLET.match(line) is not None


def _row(line: str) -> tuple[str, str] | None:
    """Split a ``Key<TAB>Value`` line into key and value, or return None."""
    # Checked first because the patterns below backtrack badly on long lines without a TAB.
    if "\t" not in line:
        return None
    if _LEADING_TAB.match(line) or _MARKDOWN_LINE.match(line) or _SOFT_BULLET.match(line):
        return None
    if _hard_bullet(line) is not None:
        return None
    match = _ROW.match(line)
    if match is None:
        return None
    return match["key"].strip(), match["value"]


def _parse_list(lines: list[str], i: int) -> tuple[list[_Item], int]:
    """Collect the run of list lines that starts with the Word list line at ``i``."""
    items: list[_Item] = []
    j = i
    while j < len(lines):
        item = _hard_bullet(lines[j]) or (_soft_bullet(lines[j]) if items else None)
        if item is None:
            break
        items.append(item)
        j += 1
    return items, j


def _parse_table(lines: list[str], i: int) -> tuple[list[_Row], int]:
    """Collect the rows, and their value lines, of the table that starts at line ``i``."""
    # Word pastes each paragraph of a cell on a line of its own, so until a blank line every
    # line that is not a row belongs to the last value; after one, only TAB-led lines do.
    rows: list[_Row] = []
    j = i
    while j < len(lines):
        line = lines[j]
        if _is_blank(line):
            k = _next_non_blank(lines, j)
            if k < len(lines) and _LEADING_TAB.match(lines[k]):
                rows[-1].lines.append("")
            elif k >= len(lines) or _row(lines[k]) is None:
                break
            j = k
            continue
        if _fence_end(lines, j) is not None:
            break
        row = _row(line)
        if row is not None:
            rows.append(_Row(row[0], [row[1]]))
        else:
            rows[-1].lines.append(line)
        j += 1
    return rows, j


def _next_non_blank(lines: list[str], j: int) -> int:
    """Return the index of the first non-blank line at or after ``j``."""
    while j < len(lines) and _is_blank(lines[j]):
        j += 1
    return j


def _emit_block(out: list[str], block: list[str]) -> None:
    """Append an HTML skeleton block, with the blank lines around it that Markdown needs."""
    if out and not _is_blank(out[-1]):
        out.append("")
    out.extend(block)
    out.append("")


def _table_skeleton(rows: list[_Row]) -> list[str]:
    """Lay out rows as a two-column table whose cells hold Markdown."""
    block = ["<table>", "<tbody>"]
    for row in rows:
        block.append("<tr>")
        block.extend(_cell('<th scope="row">', "</th>", [_fix_text(row.key)]))
        block.extend(_cell("<td>", "</td>", _cell_markdown(row.lines)))
        block.append("</tr>")
    block.extend(["</tbody>", "</table>"])
    return block


def _cell(open_tag: str, close_tag: str, markdown: list[str]) -> list[str]:
    """Wrap Markdown lines in an element, between blank lines so markdown-it renders them."""
    while markdown and _is_blank(markdown[-1]):
        markdown = markdown[:-1]
    while markdown and _is_blank(markdown[0]):
        markdown = markdown[1:]
    if not markdown:
        return [open_tag + close_tag]
    return [open_tag, "", *markdown, "", close_tag]


def _cell_markdown(lines: list[str]) -> list[str]:
    """Turn a cell's lines into Markdown: lists become skeletons, other lines plain text."""
    # Indentation inside a pasted cell means nothing, and would make Markdown code blocks.
    lines = [line.strip(" \t") for line in lines]
    out: list[str] = []
    i = 0
    while i < len(lines):
        if _hard_bullet(lines[i]) is not None:
            items, i = _parse_list(lines, i)
            _emit_block(out, _list_skeleton(items))
            continue
        out.append(_fix_text(lines[i]))
        i += 1
    return out


def _levels(items: list[_Item]) -> list[int]:
    """Give each item a nesting level: a new marker kind nests, a known one returns."""
    stack: list[str] = []
    levels: list[int] = []
    for item in items:
        if item.kind in stack:
            del stack[stack.index(item.kind) + 1 :]
        else:
            stack.append(item.kind)
        levels.append(len(stack) - 1)
    return levels


def _list_skeleton(items: list[_Item]) -> list[str]:
    """Lay out items as nested ``<ul>``/``<ol>``; a number that does not follow on starts anew."""
    block: list[str] = []
    # One entry per open list, outermost first: its tag and the number the next item must have.
    open_lists: list[tuple[str, int | None]] = []
    for level, item in zip(_levels(items), items, strict=True):
        while len(open_lists) > level + 1:
            block.extend(["</li>", f"</{open_lists.pop()[0]}>"])
        if len(open_lists) == level + 1:
            block.append("</li>")
            if open_lists[-1][1] != item.number:
                block.append(f"</{open_lists.pop()[0]}>")
        if len(open_lists) == level:
            block.append(_list_open_tag(item))
            open_lists.append(("ol" if item.number is not None else "ul", item.number))
        if item.number is not None:
            open_lists[-1] = ("ol", item.number + 1)
        text = _fix_text(item.text.strip(" \t"))
        # The </li> comes later: a sublist may still go into this item.
        block.extend(["<li>", "", text, ""] if text else ["<li>"])
    while open_lists:
        block.extend(["</li>", f"</{open_lists.pop()[0]}>"])
    return block


def _list_open_tag(item: _Item) -> str:
    """Return the tag that opens the list an item starts."""
    if item.number is None:
        return "<ul>"
    return "<ol>" if item.number == 1 else f'<ol start="{item.number}">'


def _fix_text(line: str) -> str:
    """Apply the in-line rules: TABs become spaces, dash lists get their ``<li>`` tags."""
    return _DASHED_LIST.sub(_dashed_list_items, _TABS.sub(" ", line))


def _dashed_list_items(match: re.Match[str]) -> str:
    """Rebuild ``<ul> - a - b`` as ``<ul><li>a</li><li>b</li></ul>``."""
    items = _DASH_SEPARATOR.split(match["body"])
    body = "".join(f"<li>{item}</li>" for item in items)
    return f"{match['open']}{body}</{match['tag']}>"
