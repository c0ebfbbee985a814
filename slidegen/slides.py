"""Turn a deck's blocks into the slides a page shows, with their text as safe HTML."""

from __future__ import annotations

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict

from slidegen.assets import Assets
from slidegen.diagnostics import Position, Report
from slidegen.model import Deck, Layout, PlacedBlock
from slidegen.text import to_html


class Slide(BaseModel):
    """One screen of a deck."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    layout: Layout
    title: str
    html: Markup
    part: str = ""
    image_url: str | None = None
    video_url: str | None = None
    map: str = ""
    duration: float | None = None


def deck_slides(deck: Deck, assets: Assets, report: Report) -> list[Slide]:
    """Every slide of a deck, in order."""
    return [_slide(placed, assets, report) for placed in deck.blocks]


def _slide(placed: PlacedBlock, assets: Assets, report: Report) -> Slide:
    block, origin = placed.block, placed.origin
    pos = Position(line=origin.line, column=1) if origin.line else None
    converted = to_html(block.text)
    for removed in converted.removed:
        report.warning(
            "unsafe-html",
            f"block {origin.index + 1}: {removed} removed from the text (not allowed on a kiosk)",
            origin.file,
            pos,
        )
    wants_image = block.block in (Layout.TEXT_IMAGE, Layout.IMAGE)
    return Slide(
        layout=block.block,
        title=block.title.strip(),
        html=Markup(converted.html),
        image_url=assets.url_for(block.img_path, origin.file, "img_path", pos)
        if wants_image
        else None,
        video_url=assets.url_for(block.video, origin.file, "video", pos)
        if block.block is Layout.VIDEO
        else None,
        map=block.map.strip(),
        duration=block.duration,
    )
