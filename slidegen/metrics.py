"""The `[metrics]` table of theme.toml: how much text a theme's slide holds, for pagination.

Lengths are in em of body text unless a field says otherwise; the default theme's values were
measured in Chromium and tests/browser/test_fit_browser.py checks them against the real page.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from slidegen.model import Layout

Em = Annotated[float, Field(ge=0, le=100)]
Share = Annotated[float, Field(gt=0, le=1)]
Advance = Annotated[float, Field(gt=0, le=3)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FontMetrics(_Strict):
    """Body text size as the CSS sets it: min(S vh, S × width_ratio vw), at least min_px.

    S is the theme option named by `size_option`, or `size` when the option is not set.
    """

    size_option: str
    size: Annotated[float, Field(gt=0, le=100)]
    width_ratio: Annotated[float, Field(gt=0, le=10)]
    min_px: Annotated[float, Field(gt=0, le=200)]


class FrameBox(_Strict):
    """Room the page keeps around a slide's text box: header, controls, slide padding."""

    height: Em
    width: Em


class FrameMetrics(_Strict):
    """The frame around slides on landscape and on portrait screens."""

    landscape: FrameBox
    portrait: FrameBox


class TextMetrics(_Strict):
    """Typography of `.sg-body`: line height, spacing and average character advances."""

    line_height: Annotated[float, Field(gt=0, le=5)]
    gap: Em
    item_gap: Em
    lower: Advance
    upper: Advance
    digit: Advance
    punct: Advance
    space: Advance
    wide: Advance
    mono: Advance
    bold: Annotated[float, Field(ge=1, le=2)]
    list_indent: Em
    ordered_indent: Em
    quote_indent: Em
    cell_x: Em
    cell_y: Em
    key_column: Share
    heading_line_height: Annotated[float, Field(gt=0, le=5)]
    heading_gap: Em
    headings: dict[str, Annotated[float, Field(gt=0, le=5)]]
    rule: Em

    @field_validator("headings")
    @classmethod
    def _heading_tags(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - {"h2", "h3", "h4", "h5", "h6"})
        if unknown:
            raise ValueError(f"unknown heading {', '.join(unknown)}; use h2 … h6")
        return value


class TitleMetrics(_Strict):
    """The slide title: size in body em; line height and gap below it in title em."""

    size: Annotated[float, Field(gt=0, le=10)]
    line_height: Annotated[float, Field(gt=0, le=5)]
    gap: Em


class LayoutBox(_Strict):
    """What a layout leaves to its text of the slide's box, in one orientation.

    Media beside the text: `width` is the text's share of the box after the `gap`. Media above
    or below: `height` is its share after the gap, and `reserve` em go to the media first.
    `title` is the layout's own title size and `scale` the size of its text, if they differ.
    """

    width: Share = 1.0
    height: Share = 1.0
    gap: Em = 0.0
    reserve: Em = 0.0
    title: Annotated[float, Field(gt=0, le=10)] | None = None
    scale: Annotated[float, Field(gt=0, le=10)] = 1.0


class LayoutMetrics(_Strict):
    """A layout's text box on landscape and on portrait screens."""

    landscape: LayoutBox = LayoutBox()
    portrait: LayoutBox = LayoutBox()


class ThemeMetrics(_Strict):
    """Everything pagination needs to know about a theme's geometry."""

    safety: Share
    font: FontMetrics
    frame: FrameMetrics
    text: TextMetrics
    title: TitleMetrics
    link_codes: Em
    layouts: dict[str, LayoutMetrics] = {}

    @field_validator("layouts")
    @classmethod
    def _layout_names(cls, value: dict[str, LayoutMetrics]) -> dict[str, LayoutMetrics]:
        known = {layout.slug for layout in Layout}
        unknown = sorted(set(value) - known)
        if unknown:
            raise ValueError(f"unknown layout {', '.join(unknown)}; use {', '.join(sorted(known))}")
        return value

    def layout(self, layout: Layout, portrait: bool) -> LayoutBox:
        """The text box of a layout in one orientation (the whole box if not listed)."""
        boxes = self.layouts.get(layout.slug, LayoutMetrics())
        return boxes.portrait if portrait else boxes.landscape


def merge_tables(base: dict[str, object], override: dict[str, object]) -> dict[str, object]:
    """Deep-merge TOML tables: a child theme may change one value of its parent's metrics."""
    merged = dict(base)
    for key, value in override.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = merge_tables(old, value)
        else:
            merged[key] = value
    return merged
