"""Pagination: a block whose text does not fit one slide becomes several, on every screen.

One set of slides serves every target screen: each slide fits the tightest of them, so slide
numbers, deep links and the manifest are the same wherever the build is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from slidegen.config import Screen
from slidegen.metrics import ThemeMetrics
from slidegen.model import Layout
from slidegen.paginate.blocks import CONTINUED, EPS, REPEAT, Typesetter
from slidegen.paginate.bound import surely_fits
from slidegen.paginate.pages import Budget, paginate
from slidegen.paginate.runs import Advances, Run, Style
from slidegen.paginate.tree import Node, Text, parse, serialise
from slidegen.qr import find_links

__all__ = ["CONTINUED", "REPEAT", "BlockPages", "Pager", "View"]

# A slide that continues shows no video or map again: just the rest of the text.
_CONTINUES_AS = {Layout.COVER: Layout.TEXT, Layout.VIDEO: Layout.TEXT, Layout.MAP: Layout.TEXT}
_WIDEST_PART = " 00/00"


class View(BaseModel):
    """A target screen measured in em of body text."""

    model_config = ConfigDict(frozen=True)

    screen: Screen
    width: float
    height: float


class BlockPages(BaseModel):
    """The slides one block's text became, and what did not fit cleanly."""

    model_config = ConfigDict(frozen=True)

    parts: list[str]
    layouts: list[Layout]
    crowded: list[str] = []
    overfull: dict[int, list[str]] = {}
    forced: int = 0


class Pager:
    """Splits block HTML into slides that fit every target screen of a theme."""

    def __init__(
        self,
        metrics: ThemeMetrics,
        screens: Sequence[Screen],
        options: Mapping[str, str | int | float | bool],
        link_codes: bool = False,
    ) -> None:
        self.metrics = metrics
        self.link_codes = link_codes
        self.advances = Advances(metrics.text)
        size = _number(options.get(metrics.font.size_option), metrics.font.size)
        self.views = [_view(screen, size, metrics) for screen in dict.fromkeys(screens)]
        self._budgets: dict[tuple[Layout, str, bool, bool], Budget] = {}

    def paginate(self, html: str, title: str, layout: Layout) -> BlockPages:
        """The slides for one block; text that fits stays exactly as it was."""
        single = BlockPages(parts=[html], layouts=[layout])
        if not html.strip() or layout is Layout.IMAGE:
            return single
        # Links get QR codes in a strip under the text (layouts/_links.html): leave room.
        links = self.link_codes and bool(find_links(html))
        whole = self.budget(layout, title, labelled=False, links=links)
        if surely_fits(html, self.metrics.text, whole.widths, whole.heights):
            return single
        nodes = parse(html)
        ts = Typesetter(self.metrics.text, self.advances)
        crowded = self._tight(ts, nodes, whole)
        if not crowded:
            return single
        later = _CONTINUES_AS.get(layout, layout)
        first = self.budget(layout, title, labelled=True, links=links)
        rest = self.budget(later, title, labelled=True, links=links)
        paging = paginate(ts, nodes, first, rest)
        overfull: dict[int, list[str]] = {}
        for index, page in enumerate(paging.pages):
            tight = self._tight(ts, page, first if index == 0 else rest)
            if tight:
                overfull[index] = tight
        if len(paging.pages) <= 1:  # nothing could be split off: one slide, reported
            return single.model_copy(update={"crowded": crowded, "overfull": overfull})
        return BlockPages(
            parts=[serialise(page).strip("\n") for page in paging.pages],
            layouts=[layout] + [later] * (len(paging.pages) - 1),
            crowded=crowded,
            overfull=overfull,
            forced=paging.forced,
        )

    def _tight(self, ts: Typesetter, nodes: tuple[Node, ...], budget: Budget) -> list[str]:
        """The screens on which the nodes do not fit the budget."""
        return [
            str(view.screen)
            for view, width, height in zip(self.views, budget.widths, budget.heights, strict=True)
            if ts.flow_height(nodes, width) > height + EPS
        ]

    def budget(self, layout: Layout, title: str, labelled: bool, links: bool = False) -> Budget:
        """The text box of a slide of this layout with this title, on every screen, in em."""
        key = (layout, title, labelled, links)
        found = self._budgets.get(key)
        if found is None:
            found = self._budgets[key] = self._budget(layout, title, labelled, links)
        return found

    def _budget(self, layout: Layout, title: str, labelled: bool, links: bool) -> Budget:
        m = self.metrics
        widths: list[float] = []
        heights: list[float] = []
        for view in self.views:
            portrait = view.screen.portrait
            box = m.layout(layout, portrait)
            frame = m.frame.portrait if portrait else m.frame.landscape
            inner_width = view.width - frame.width
            title_size = box.title or m.title.size
            inner_height = (
                view.height
                - frame.height
                - self.title_height(title, inner_width, title_size, labelled)
                - (m.link_codes if links else 0.0)
            )
            width = (inner_width - box.gap) * box.width if box.width < 1 else inner_width
            height = inner_height - box.reserve
            if box.height < 1:
                height = (height - box.gap) * box.height
            elif box.reserve:
                height -= box.gap
            # Text drawn larger (a cover's) holds fewer of its own em in the same box.
            widths.append(max(width * m.safety / box.scale, 1.0))
            heights.append(max(height * m.safety / box.scale, 1.0))
        return Budget(tuple(widths), tuple(heights))

    def title_height(self, title: str, width: float, size: float, labelled: bool) -> float:
        """Height of the slide title with its gap, counting a "10/12" label when labelled."""
        if not title.strip():
            return 0.0
        text = title.strip() + (_WIDEST_PART if labelled else "")
        lines = Run((Text(text),), Style(size, True), self.advances).lines(width)[1]
        m = self.metrics.title
        return lines * size * m.line_height + size * m.gap


def _view(screen: Screen, size: float, metrics: ThemeMetrics) -> View:
    """A screen in em: the CSS sizes body text from the viewport, never below min_px."""
    font = metrics.font
    px = max(
        font.min_px, min(size / 100 * screen.height, size / 100 * font.width_ratio * screen.width)
    )
    # Rounded, so screens of one shape (1920x1080, 1280x720) share their measurements.
    return View(
        screen=screen, width=round(screen.width / px, 4), height=round(screen.height / px, 4)
    )


def _number(value: object, default: float) -> float:
    try:
        number = float(str(value)) if value is not None and not isinstance(value, bool) else default
    except ValueError:
        return default
    return number if number > 0 else default
