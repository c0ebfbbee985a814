"""Estimated heights of block HTML at a width, and the places a block may be cut."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from slidegen.metrics import TextMetrics
from slidegen.paginate.runs import MIN_LINES, Advances, Kind, Run, Style, split_inline
from slidegen.paginate.tree import Element, Node, ends_with, has_text, is_blank, is_inline

EPS = 1e-6
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_RUN_BLOCKS = frozenset({"p", "dt", "caption", "pre", *HEADINGS})
_GAP_AFTER = frozenset({"p", "pre", "ul", "ol", "table", "blockquote", "dl"})
_SECTIONS = frozenset({"thead", "tbody", "tfoot"})
# How much worse than a paragraph boundary each kind of cut is, as a share of a slide.
PENALTY = {
    Kind.BLOCK: 0.0,
    Kind.ITEM: 0.1,
    Kind.LINE: 0.1,
    Kind.SENTENCE: 0.35,
    Kind.WORD: 0.6,
    Kind.FORCED: 1.0,
}
REPEAT = "sg-repeat"  # marks content repeated on a continuation slide (a table's header)
CONTINUED = "sg-cont"  # marks a list item continued from the previous slide
Widths = Sequence[float]
Heights = Sequence[float]


@dataclass(frozen=True, slots=True)
class Cut:
    """A place to end a slide: what goes on it and what is left for the next."""

    kind: Kind
    head: tuple[Node, ...]
    tail: tuple[Node, ...]
    used: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Group:
    """A block element, or a run of inline nodes between blocks (an anonymous paragraph)."""

    nodes: tuple[Node, ...]
    element: Element | None
    blank: bool


@dataclass(frozen=True, slots=True)
class _Row:
    """A body row of a table and the section element that holds it (None: the table)."""

    section: int | None
    element: Element


@dataclass(frozen=True, slots=True)
class _Table:
    """A table's parts: caption, header, body rows in order, and its column plan."""

    caption: Element | None
    thead: Element | None
    header_row: bool
    tfoot: Element | None
    rows: tuple[_Row, ...]
    spans: tuple[int, ...]
    columns: int
    key_column: bool


def groups(children: tuple[Node, ...]) -> list[Group]:
    """Split a container's children into block elements and inline runs."""
    out: list[Group] = []
    pending: list[Node] = []

    def flush() -> None:
        if pending:
            run = tuple(pending)
            blank = all(is_blank(n) for n in run)
            out.append(Group(run, None, blank))
            pending.clear()

    for node in children:
        if is_inline(node):
            pending.append(node)
        else:
            flush()
            assert isinstance(node, Element)
            out.append(Group((node,), node, False))
    flush()
    return out


def join(items: Sequence[Group]) -> tuple[Node, ...]:
    """The nodes of groups, in order."""
    return tuple(node for group in items for node in group.nodes)


class Typesetter:
    """Estimates how tall HTML is and where it may be cut; one per block, it caches by node."""

    def __init__(self, metrics: TextMetrics, advances: Advances) -> None:
        self.m = metrics
        self.advances = advances
        self.relaxed = False
        # How much a better kind of break may cost in fill (1: as PENALTY says, 0: nothing).
        self.taste = 1.0
        self._runs: dict[int, tuple[object, Run]] = {}
        self._heights: dict[tuple[int, float], tuple[object, float]] = {}
        self._tables: dict[int, tuple[Element, _Table]] = {}
        self._row_heights: dict[tuple[int, float], tuple[Element, float]] = {}
        self._groups: dict[int, tuple[tuple[Node, ...], list[Group]]] = {}
        self._insets = {
            "ul": metrics.list_indent,
            "ol": metrics.ordered_indent,
            "dd": metrics.list_indent,
            "blockquote": metrics.quote_indent,
        }

    def groups(self, children: tuple[Node, ...]) -> list[Group]:
        """The groups of a container's children, worked out once per children tuple."""
        found = self._groups.get(id(children))
        if found is None or found[0] is not children:
            found = self._groups[id(children)] = (children, groups(children))
        return found[1]

    @property
    def min_lines(self) -> int:
        """Fewest lines a piece of a cut paragraph, list or table may have."""
        return 1 if self.relaxed else MIN_LINES

    @property
    def min_height(self) -> float:
        """Height of the fewest lines a piece may have."""
        return self.min_lines * self.m.line_height - EPS

    @contextmanager
    def relaxing(self) -> Iterator[None]:
        """Allow one-line pieces and part lead-ins, when nothing else fits a slide."""
        self.relaxed = True
        try:
            yield
        finally:
            self.relaxed = False

    # ---- runs ----------------------------------------------------------------------------

    def run(self, owner: object, nodes: tuple[Node, ...], style: Style, pre: bool = False) -> Run:
        """The tokenised run of an element's (or a group's) inline content."""
        found = self._runs.get(id(owner))
        if found is None or found[0] is not owner:
            found = self._runs[id(owner)] = (owner, Run(nodes, style, self.advances, pre))
        return found[1]

    def _run_spec(self, element: Element) -> tuple[Style, float, float]:
        """Style, line height and bottom margin of a paragraph-like element, in em."""
        m = self.m
        if element.tag in HEADINGS:
            scale = m.headings.get(element.tag, 1.0)
            return Style(scale, True), scale * m.heading_line_height, scale * m.heading_gap
        if element.tag == "pre":
            return Style(1.0, False, True), m.line_height, m.gap
        bold = element.tag == "dt"
        return Style(1.0, bold), m.line_height, m.gap if element.tag == "p" else 0.0

    def _run_box(self, element: Element) -> tuple[Run, float, float]:
        """The run of a paragraph-like element, its line height and bottom margin."""
        style, line, gap = self._run_spec(element)
        return self.run(element, element.children, style, pre=element.tag == "pre"), line, gap

    # ---- heights -------------------------------------------------------------------------

    def flow_height(self, children: tuple[Node, ...], width: float) -> float:
        """Height of a container's children stacked at a width."""
        return sum(self.group_height(g, width) for g in self.groups(children))

    def group_height(self, group: Group, width: float) -> float:
        """Height of one block or inline run."""
        if group.blank:
            return 0.0
        if group.element is not None:
            return self.height(group.element, width)
        run = self.run(group, group.nodes, Style())
        return run.lines(width)[1] * self.m.line_height

    def height(self, element: Element, width: float) -> float:
        """Height of a block element at a width, its bottom margin included."""
        key = (id(element), width)
        found = self._heights.get(key)
        if found is not None and found[0] is element:
            return found[1]
        value = self._measure(element, width)
        self._heights[key] = (element, value)
        return value

    def _measure(self, element: Element, width: float) -> float:
        m = self.m
        tag = element.tag
        if tag in _RUN_BLOCKS:
            run, line, gap = self._run_box(element)
            return run.lines(width)[1] * line + gap
        if tag == "hr":
            return m.rule
        if tag == "table":
            return self._table_height(element, width)
        gap = m.item_gap if tag == "li" else self._gap_after(tag)
        return self.flow_height(element.children, width - self._inset(element)) + gap

    def _table_height(self, table: Element, width: float) -> float:
        plan = self.table(table)
        total = self.m.gap
        if plan.caption is not None:
            total += self.height(plan.caption, width)
        for section in (plan.thead, plan.tfoot):
            if section is not None:
                total += sum(self.row_height(plan, tr, width) for tr in _rows_of(section))
        return total + sum(self.row_height(plan, row.element, width) for row in plan.rows)

    def row_height(self, plan: _Table, tr: Element, width: float) -> float:
        """Height of a table row: its tallest cell and the cell padding."""
        key = (id(tr), width)
        found = self._row_heights.get(key)
        if found is not None and found[0] is tr:
            return found[1]
        value = self._measure_row(plan, tr, width)
        self._row_heights[key] = (tr, value)
        return value

    def _measure_row(self, plan: _Table, tr: Element, width: float) -> float:
        cells = _cells(tr)
        widths = self._cell_widths(plan, cells, width)
        tallest = max(
            (
                self.flow_height(c.children, w - self.m.cell_x)
                for c, w in zip(cells, widths, strict=True)
            ),
            default=0.0,
        )
        return tallest + self.m.cell_y

    def _cell_widths(self, plan: _Table, cells: list[Element], width: float) -> list[float]:
        columns = max(plan.columns, 1)
        if plan.key_column and columns > 1:
            key = width * self.m.key_column
            plain = (width - key) / (columns - 1)
        else:
            key = plain = width / columns
        out: list[float] = []
        column = 0
        for cell in cells:
            span = _span(cell, "colspan")
            out.append(sum(key if column + i == 0 else plain for i in range(span)))
            column += span
        return out

    def table(self, table: Element) -> _Table:
        """The parts of a table, worked out once."""
        found = self._tables.get(id(table))
        if found is not None and found[0] is table:
            return found[1]
        plan = _plan_table(table)
        self._tables[id(table)] = (table, plan)
        return plan

    # ---- choosing ------------------------------------------------------------------------

    def choose(self, cuts: dict[Kind, Cut], avail: Heights) -> Cut | None:
        """The best cut: the fullest slide, minus a penalty for the worse kinds of break."""
        best: Cut | None = None
        best_score = -math.inf
        for kind, cut in cuts.items():
            if kind is Kind.FORCED and len(cuts) > 1:
                continue
            if not has_text(cut.head):
                continue  # a slide of empty elements shows nothing
            fill = max(u / a if a > 0 else 1.0 for u, a in zip(cut.used, avail, strict=True))
            score = fill - PENALTY[kind] * self.taste
            if score > best_score:
                best, best_score = cut, score
        return best

    def fits(self, children: tuple[Node, ...], widths: Widths, avail: Heights) -> bool:
        """Whether the children fit the room on every screen."""
        return all(
            self.flow_height(children, w) <= a + EPS for w, a in zip(widths, avail, strict=True)
        )

    # ---- cuts ----------------------------------------------------------------------------

    def flow_cuts(
        self, children: tuple[Node, ...], widths: Widths, avail: Heights
    ) -> dict[Kind, Cut]:
        """The furthest cut of each kind in a container's children, head within `avail`."""
        items = self.groups(children)
        sums = [tuple(0.0 for _ in widths)]
        for index, group in enumerate(items):
            used = sums[-1]
            total = _plus(used, [self.group_height(group, w) for w in widths])
            if all(t <= a + EPS for t, a in zip(total, avail, strict=True)):
                sums.append(total)
                continue
            cuts: dict[Kind, Cut] = {}
            at = self._block_boundary(items, index)
            if at is not None and has_text(join(items[:at])):
                cuts[Kind.BLOCK] = Cut(Kind.BLOCK, join(items[:at]), join(items[at:]), sums[at])
            # A lead-in ("…as follows:") that must stay with what follows may give up lines.
            lead = _previous(items, index)
            if lead is not None and self._keeps_with_next(items[lead]):
                cuts |= self._cuts_inside(items, lead, sums[lead], widths, avail)
            cuts |= self._cuts_inside(items, index, used, widths, avail)
            return cuts
        return {}

    def _cuts_inside(
        self,
        items: list[Group],
        index: int,
        used: Sequence[float],
        widths: Widths,
        avail: Heights,
    ) -> dict[Kind, Cut]:
        """Cuts inside one group of a flow, with the groups before it on the slide."""
        room = [a - u for a, u in zip(avail, used, strict=True)]
        before, after = join(items[:index]), join(items[index + 1 :])
        return {
            kind: Cut(kind, before + inner.head, inner.tail + after, _plus(used, inner.used))
            for kind, inner in self.group_cuts(items[index], widths, room).items()
        }

    def _block_boundary(self, items: list[Group], index: int) -> int | None:
        """The last boundary at or before `index` that does not part a lead-in from its text."""
        at = index
        while True:
            previous = _previous(items, at)
            if previous is None:
                return None
            if not self._keeps_with_next(items[previous]):
                return at
            at = previous

    def _keeps_with_next(self, group: Group) -> bool:
        if self.relaxed:
            return False
        element = group.element
        if element is not None and (element.tag in HEADINGS or element.tag == "dt"):
            return True
        if element is None or element.tag == "p":
            return ends_with(group.nodes, ":")
        return False

    def group_cuts(self, group: Group, widths: Widths, avail: Heights) -> dict[Kind, Cut]:
        """Cuts inside one block or inline run."""
        if group.element is None:
            run = self.run(group, group.nodes, Style())
            return self._run_cuts(run, widths, avail, self.m.line_height, 0.0, None)
        return self.element_cuts(group.element, widths, avail)

    def element_cuts(self, element: Element, widths: Widths, avail: Heights) -> dict[Kind, Cut]:
        """Cuts inside a block element; each piece is the element again, closed and reopened."""
        tag = element.tag
        if tag in _RUN_BLOCKS:
            run, line, gap = self._run_box(element)
            return self._run_cuts(run, widths, avail, line, gap, element)
        if tag in ("ul", "ol"):
            return self._list_cuts(element, widths, avail)
        if tag == "table":
            return self._table_cuts(element, widths, avail)
        if tag == "hr":
            return {}
        inset = self._inset(element)
        gap = self._gap_after(tag)
        inner = self.flow_cuts(
            element.children, [w - inset for w in widths], [a - gap for a in avail]
        )
        return {
            kind: Cut(
                kind,
                (element.with_children(c.head),),
                (element.with_children(c.tail),),
                tuple(u + gap for u in c.used),
            )
            for kind, c in inner.items()
        }

    def _run_cuts(
        self,
        run: Run,
        widths: Widths,
        avail: Heights,
        line: float,
        gap: float,
        element: Element | None,
    ) -> dict[Kind, Cut]:
        max_lines = [max(0, math.floor((a - gap + EPS) / line)) for a in avail]
        per_width = [run.lines(w)[0] for w in widths]
        found: dict[Kind, tuple[tuple[Node, ...], tuple[Node, ...], tuple[float, ...]]] = {}
        pieces: dict[Kind, tuple[Run, Run]] = {}
        for kind, index in run.cut_points(list(widths), max_lines, self.min_lines).items():
            head, tail = run.cut_after(index)
            found[kind] = head, tail, tuple((ends[index] + 1) * line + gap for ends in per_width)
            if element is not None:
                pieces[kind] = run.pieces(index, head, tail)
        if not found:
            offset = run.forced_offset(list(widths), max_lines)
            if offset is not None:
                head, tail = split_inline(run.nodes, offset)
                found[Kind.FORCED] = head, tail, tuple(n * line + gap for n in max_lines)

        cuts: dict[Kind, Cut] = {}
        for kind, (head, tail, used) in found.items():
            if element is None:
                cuts[kind] = Cut(kind, head, tail, used)
                continue
            head_element, tail_element = element.with_children(head), element.with_children(tail)
            if kind in pieces:
                # The pieces are measured again and again: give them their runs ready-made.
                head_run, tail_run = pieces[kind]
                self._runs[id(head_element)] = (head_element, head_run)
                self._runs[id(tail_element)] = (tail_element, tail_run)
            cuts[kind] = Cut(kind, (head_element,), (tail_element,), used)
        return cuts

    def _inset(self, element: Element) -> float:
        """How far a block element indents its content."""
        return self._insets.get(element.tag, 0.0)

    def _gap_after(self, tag: str) -> float:
        return self.m.gap if tag in _GAP_AFTER else 0.0

    def _list_cuts(self, element: Element, widths: Widths, avail: Heights) -> dict[Kind, Cut]:
        m = self.m
        inner = [w - self._inset(element) for w in widths]
        room = [a - m.gap for a in avail]
        children = element.children
        items = [i for i, c in enumerate(children) if not is_blank(c)]
        start = _int_attr(element, "start", 1)
        used = tuple(0.0 for _ in widths)
        for number, position in enumerate(items):
            child = children[position]
            heights = [self._node_height(child, w) for w in inner]
            total = _plus(used, heights)
            if all(t <= r + EPS for t, r in zip(total, room, strict=True)):
                used = total
                continue
            cuts: dict[Kind, Cut] = {}
            rest = children[position:]
            with_gap = tuple(u + m.gap for u in used)
            if number and self._tall_enough(children[:position], rest, inner):
                cuts[Kind.ITEM] = Cut(
                    Kind.ITEM,
                    (element.with_children(children[:position]),),
                    (_list_rest(element, rest, start + number),),
                    with_gap,
                )
            if isinstance(child, Element):
                left = [r - u for r, u in zip(room, used, strict=True)]
                for kind, c in self.flow_cuts(child.children, inner, left).items():
                    head_item = child.with_children(c.head)
                    tail_item = child.with_children(c.tail).with_class(CONTINUED)
                    tail = (tail_item, *children[position + 1 :])
                    cuts[kind] = Cut(
                        kind,
                        (element.with_children((*children[:position], head_item)),),
                        (_list_rest(element, tail, start + number),),
                        tuple(u + m.item_gap for u in _plus(with_gap, c.used)),
                    )
            return cuts
        return {}

    def _node_height(self, node: Node, width: float) -> float:
        if isinstance(node, Element) and not is_inline(node):
            return self.height(node, width)
        return self.flow_height((node,), width)

    def _tall_enough(self, head: tuple[Node, ...], tail: tuple[Node, ...], widths: Widths) -> bool:
        """Both pieces of a list hold at least two lines: no orphan, no widow."""
        return all(
            self.flow_height(head, w) >= self.min_height
            and self.flow_height(tail, w) >= self.min_height
            for w in widths
        )

    def _table_cuts(self, table: Element, widths: Widths, avail: Heights) -> dict[Kind, Cut]:
        plan = self.table(table)
        rows = plan.rows
        first = 1 if plan.header_row else 0
        used = tuple(
            self.m.gap
            + self._table_fixed(plan, w)
            + sum(self.row_height(plan, r.element, w) for r in rows[:first])
            for w in widths
        )
        index = first
        while index < len(rows):
            end = index + plan.spans[index]
            heights = [
                sum(self.row_height(plan, r.element, w) for r in rows[index:end]) for w in widths
            ]
            total = _plus(used, heights)
            if all(t <= a + EPS for t, a in zip(total, avail, strict=True)):
                used = total
                index = end
                continue
            cuts: dict[Kind, Cut] = {}
            if index > first and self._rows_tall_enough(plan, rows, first, index, widths):
                cuts[Kind.ITEM] = Cut(
                    Kind.ITEM,
                    (_table_piece(table, plan, rows[:index], head=True),),
                    (_table_piece(table, plan, rows[index:], head=False),),
                    used,
                )
            if end - index == 1:
                left = [a - u - self.m.cell_y for a, u in zip(avail, used, strict=True)]
                row = rows[index]
                for kind, (head_tr, tail_tr, row_used) in self._row_cuts(
                    plan, row.element, widths, left
                ).items():
                    head_rows = (*rows[:index], _Row(row.section, head_tr))
                    tail_rows = (_Row(row.section, tail_tr), *rows[index + 1 :])
                    cuts[kind] = Cut(
                        kind,
                        (_table_piece(table, plan, head_rows, head=True),),
                        (_table_piece(table, plan, tail_rows, head=False),),
                        tuple(u + r + self.m.cell_y for u, r in zip(used, row_used, strict=True)),
                    )
            return cuts
        return {}

    def _table_fixed(self, plan: _Table, width: float) -> float:
        """Height of what a table piece has besides its body rows: caption and header."""
        total = self.height(plan.caption, width) if plan.caption is not None else 0.0
        if plan.thead is not None:
            total += sum(self.row_height(plan, tr, width) for tr in _rows_of(plan.thead))
        return total

    def _rows_tall_enough(
        self, plan: _Table, rows: Sequence[_Row], first: int, at: int, widths: Widths
    ) -> bool:
        """Both pieces of a table hold at least two lines of rows."""
        for w in widths:
            head = sum(self.row_height(plan, r.element, w) for r in rows[first:at])
            tail = sum(self.row_height(plan, r.element, w) for r in rows[at:])
            if head < self.min_height or tail < self.min_height:
                return False
        return True

    def _row_cuts(
        self, plan: _Table, tr: Element, widths: Widths, avail: Heights
    ) -> dict[Kind, tuple[Element, Element, tuple[float, ...]]]:
        """Cut a row whose cells are too tall: each tall cell at its best place."""
        cells = _cells(tr)
        per_width = [self._cell_widths(plan, cells, w) for w in widths]
        head: list[Node] = []
        tail: list[Node] = []
        kinds: list[Kind] = []
        used = tuple(0.0 for _ in widths)
        for number, cell in enumerate(cells):
            inner = [ws[number] - self.m.cell_x for ws in per_width]
            heights = tuple(self.flow_height(cell.children, w) for w in inner)
            if all(h <= a + EPS for h, a in zip(heights, avail, strict=True)):
                head.append(cell)
                tail.append(cell.with_class(REPEAT) if cell.tag == "th" else cell.with_children(()))
                used = tuple(max(u, h) for u, h in zip(used, heights, strict=True))
                continue
            best = self.choose(self.flow_cuts(cell.children, inner, avail), avail)
            if best is None:
                return {}
            head.append(cell.with_children(best.head))
            tail.append(cell.with_children(best.tail))
            kinds.append(best.kind)
            used = tuple(max(u, h) for u, h in zip(used, best.used, strict=True))
        if not kinds:
            return {}
        pieces = (tr.with_children(tuple(head)), tr.with_children(tuple(tail)), used)
        return {max(kinds): pieces}


def _previous(items: list[Group], index: int) -> int | None:
    """The last group before `index` that is not blank."""
    return next((i for i in range(index - 1, -1, -1) if not items[i].blank), None)


def _plus(a: Sequence[float], b: Sequence[float]) -> tuple[float, ...]:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _cells(tr: Element) -> list[Element]:
    return [c for c in tr.children if isinstance(c, Element) and c.tag in ("td", "th")]


def _rows_of(section: Element) -> list[Element]:
    return [c for c in section.children if isinstance(c, Element) and c.tag == "tr"]


def _span(cell: Element, name: str) -> int:
    return max(1, min(_int_attr(cell, name, 1), 1000))


def _int_attr(element: Element, name: str, default: int) -> int:
    value = element.attr(name)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _list_rest(element: Element, children: tuple[Node, ...], number: int) -> Element:
    """The continued list; an ordered one goes on counting where the slide before stopped."""
    rest = element.with_children(children)
    return rest.with_attr("start", str(number)) if element.tag == "ol" else rest


def _plan_table(table: Element) -> _Table:
    caption = thead = tfoot = None
    rows: list[_Row] = []
    for index, child in enumerate(table.children):
        if not isinstance(child, Element):
            continue
        if child.tag == "caption":
            caption = child
        elif child.tag == "thead" and thead is None:
            thead = child
        elif child.tag == "tfoot":
            tfoot = child
        elif child.tag in _SECTIONS:
            rows.extend(_Row(index, tr) for tr in _rows_of(child))
        elif child.tag == "tr":
            rows.append(_Row(None, child))
    header_row = (
        thead is None
        and bool(rows)
        and all(c.tag == "th" and c.attr("scope") != "row" for c in _cells(rows[0].element))
        and bool(_cells(rows[0].element))
        and len(rows) > 1
    )
    everything = [r.element for r in rows]
    for section in (thead, tfoot):
        if section is not None:
            everything.extend(_rows_of(section))
    columns = max((sum(_span(c, "colspan") for c in _cells(tr)) for tr in everything), default=1)
    body = [r.element for r in rows[1 if header_row else 0 :]]
    key_column = bool(body) and all(bool(_cells(tr)) and _cells(tr)[0].tag == "th" for tr in body)
    return _Table(
        caption=caption,
        thead=thead,
        header_row=header_row,
        tfoot=tfoot,
        rows=tuple(rows),
        spans=_row_groups([r.element for r in rows]),
        columns=columns,
        key_column=key_column,
    )


def _row_groups(rows: list[Element]) -> tuple[int, ...]:
    """For each row, how many rows from it on must stay together (rowspan); 1 when free."""
    reach = [index + 1 for index in range(len(rows))]
    for index, tr in enumerate(rows):
        for cell in _cells(tr):
            reach[index] = max(reach[index], min(len(rows), index + _span(cell, "rowspan")))
    spans: list[int] = [1] * len(rows)
    index = 0
    while index < len(rows):
        end = reach[index]
        probe = index
        while probe < end:
            end = max(end, reach[probe])
            probe += 1
        spans[index] = end - index
        index = end
    return tuple(spans)


def _table_piece(table: Element, plan: _Table, rows: Sequence[_Row], head: bool) -> Element:
    """A table holding some of its rows; a continued piece repeats the header, if any."""
    body = list(rows)
    if not head and plan.header_row and plan.rows:
        first = plan.rows[0]
        body.insert(
            0, _Row(body[0].section if body else first.section, first.element.with_class(REPEAT))
        )
    out: list[Node] = []
    if head and plan.caption is not None:
        out.append(plan.caption)
    if plan.thead is not None:
        out.append(plan.thead if head else plan.thead.with_class(REPEAT))
    index = 0
    while index < len(body):
        section = body[index].section
        end = index
        while end < len(body) and body[end].section == section:
            end += 1
        trs = tuple(r.element for r in body[index:end])
        if section is None:
            out.extend(trs)
        else:
            holder = table.children[section]
            assert isinstance(holder, Element)
            out.append(holder.with_children(trs))
        index = end
    if not head and plan.tfoot is not None:
        out.append(plan.tfoot)
    return table.with_children(tuple(out))
