"""Fill slides from a block's HTML: cut where it reads best, then even the slides out."""

from __future__ import annotations

from dataclasses import dataclass

from slidegen.paginate.blocks import EPS, Typesetter, join
from slidegen.paginate.runs import Kind
from slidegen.paginate.tree import Node, has_text

MAX_PAGES = 200
# Bisection steps when evening out: the slides end within 0.6/2**5 of the tightest fill.
BALANCE_STEPS = 5
LOWEST_FILL = 0.4
# How much the kind of break counts against fill, tried in turn (see Typesetter.choose).
TASTES = (1.0, 0.5, 0.0)
# Better places to cut may cost one more slide per this many.
EXTRA_SLIDE_PER = 4


@dataclass(frozen=True, slots=True)
class Budget:
    """The text box of one slide on every target screen: widths and heights in em."""

    widths: tuple[float, ...]
    heights: tuple[float, ...]

    def scaled(self, factor: float) -> Budget:
        """The same box with less height, to even slides out."""
        return Budget(self.widths, tuple(h * factor for h in self.heights))


@dataclass(frozen=True, slots=True)
class Paging:
    """The slides of one block and what could not be done cleanly."""

    pages: tuple[tuple[Node, ...], ...]
    overfull: tuple[int, ...]
    forced: int


def paginate(ts: Typesetter, nodes: tuple[Node, ...], first: Budget, rest: Budget) -> Paging:
    """Few slides, cut at the best places that keep the count near the fewest, evened out."""
    ts.taste = 0.0
    fewest = len(_fill(ts, nodes, first, rest, 1.0).pages)
    for taste in TASTES:
        ts.taste = taste
        plain = _fill(ts, nodes, first, rest, 1.0)
        if len(plain.pages) <= fewest + fewest // EXTRA_SLIDE_PER:
            break
    if len(plain.pages) < 2:
        return plain
    best = plain
    low, high = LOWEST_FILL, 1.0
    for _ in range(BALANCE_STEPS):
        middle = (low + high) / 2
        trial = _fill(ts, nodes, first, rest, middle)
        if (
            len(trial.pages) == len(plain.pages)
            and len(trial.overfull) <= len(plain.overfull)
            and trial.forced <= plain.forced
        ):
            best, high = trial, middle
        else:
            low = middle
    return best


def _fill(
    ts: Typesetter, nodes: tuple[Node, ...], first: Budget, rest: Budget, scale: float
) -> Paging:
    pages: list[tuple[Node, ...]] = []
    overfull: list[int] = []
    forced = 0
    left = nodes
    while has_text(left):
        budget = (first if not pages else rest).scaled(scale)
        fits = ts.fits(left, budget.widths, budget.heights)
        if fits or len(pages) == MAX_PAGES - 1:
            if not fits:
                overfull.append(len(pages))
            pages.append(left)
            left = ()
            break
        cut = ts.choose(ts.flow_cuts(left, budget.widths, budget.heights), budget.heights)
        if cut is None:
            with ts.relaxing():
                cut = ts.choose(ts.flow_cuts(left, budget.widths, budget.heights), budget.heights)
        if cut is None:
            head, left, over = _whole_blocks(ts, left, budget)
            if over:
                overfull.append(len(pages))
        else:
            head, left = cut.head, cut.tail
            forced += cut.kind is Kind.FORCED
        pages.append(head)
    if pages and any(not g.blank for g in ts.groups(left)):
        pages[-1] += left  # empty elements after the last text: keep them, on the last slide
    return Paging(tuple(pages), tuple(overfull), forced)


def _whole_blocks(
    ts: Typesetter, nodes: tuple[Node, ...], budget: Budget
) -> tuple[tuple[Node, ...], tuple[Node, ...], bool]:
    """No good cut: take the whole blocks that fit, or up to the first text alone (too tall)."""
    items = ts.groups(nodes)
    used = [0.0] * len(budget.widths)
    taken = 0
    for index, group in enumerate(items):
        heights = [ts.group_height(group, w) for w in budget.widths]
        if any(u + h > a + EPS for u, h, a in zip(used, heights, budget.heights, strict=True)):
            break
        used = [u + h for u, h in zip(used, heights, strict=True)]
        if not group.blank:
            taken = index + 1
    over = not has_text(join(items[:taken]))
    if over:
        taken = next(i for i, g in enumerate(items) if has_text(g.nodes)) + 1
    return join(items[:taken]), join(items[taken:]), over
