"""Turn a deck's blocks into the slides a page shows, with their text as safe HTML."""

from __future__ import annotations

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict

from slidegen.assets import Assets
from slidegen.diagnostics import Position, Report, Severity
from slidegen.media import SlideMedia, slide_media
from slidegen.model import Deck, Layout, PlacedBlock
from slidegen.paginate import BlockPages, Pager
from slidegen.text import TextRenderer


class Slide(BaseModel):
    """One screen of a deck."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    layout: Layout
    title: str
    html: Markup
    part: str = ""
    duration: float | None = None
    # Media with sizes, poster, player, map and QR codes (slidegen/media.py); URLs output-relative.
    media: SlideMedia = SlideMedia()


def deck_slides(
    deck: Deck, assets: Assets, text: TextRenderer, report: Report, pager: Pager
) -> list[Slide]:
    """Every slide of a deck, in order; a block too long for one slide becomes several."""
    slides: list[Slide] = []
    for placed in deck.blocks:
        slide = _slide(placed, assets, text, report)
        pages = pager.paginate(slide.html, slide.title, slide.layout)
        _report_pages(placed, pages, report)
        slides.extend(_parts(slide, pages))
    return slides


def _parts(slide: Slide, pages: BlockPages) -> list[Slide]:
    """The slides of one block: each part keeps the title and says where it is ("2/4")."""
    if len(pages.parts) == 1:
        return [slide]
    count = len(pages.parts)
    parts = []
    for number, (html, layout) in enumerate(zip(pages.parts, pages.layouts, strict=True), 1):
        update: dict[str, object] = {
            "html": Markup(html),
            "layout": layout,
            "part": f"{number}/{count}",
        }
        if layout is not slide.layout:
            # A continued video or map block goes on as text; its media stay on the first slide.
            update["media"] = SlideMedia()
        parts.append(slide.model_copy(update=update))
    return parts


def _report_pages(placed: PlacedBlock, pages: BlockPages, report: Report) -> None:
    """Tell the editor which blocks were split, and which still do not fit."""
    origin = placed.origin
    pos = Position(line=origin.line, column=1) if origin.line else None
    title = placed.block.title.strip()
    name = f"block {origin.index + 1}" + (f' "{_short(title)}"' if title else "")
    count = len(pages.parts)
    if pages.crowded and count > 1:
        report.add(
            Severity.INFO,
            "split-block",
            f"{name}: {len(placed.block.text):,} characters do not fit one slide on"
            f" {', '.join(pages.crowded)}; shown as {count} slides (shorten the text for fewer)",
            origin.file,
            pos,
        )
    if pages.forced:
        report.warning(
            "too-long",
            f"{name}: a word (or link) longer than a whole slide had to be cut in the middle;"
            " add spaces to it or shorten it",
            origin.file,
            pos,
        )
    for index, screens in pages.overfull.items():
        where = f"slide {index + 1} of {count}" if count > 1 else "its slide"
        report.warning(
            "too-long",
            f"{name}: {where} is still too tall for {', '.join(screens)} (a table row, heading"
            " or word that cannot be split); the screen will shrink its text — shorten it",
            origin.file,
            pos,
        )


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _slide(placed: PlacedBlock, assets: Assets, text: TextRenderer, report: Report) -> Slide:
    block, origin = placed.block, placed.origin
    pos = Position(line=origin.line, column=1) if origin.line else None
    converted = text.to_html(block.text)
    for removed in converted.removed:
        report.warning(
            "unsafe-html",
            f"block {origin.index + 1}: {removed} removed from the text (not allowed on a kiosk)",
            origin.file,
            pos,
        )
    return Slide(
        layout=block.block,
        title=block.title.strip(),
        html=Markup(converted.html),
        duration=block.duration,
        media=slide_media(block, origin, assets),
    )
