"""Typed deck and block models, the shape every stage after loading works with."""

from __future__ import annotations

import re
from enum import IntEnum

from pydantic import BaseModel, ConfigDict, Field

from slidegen.diagnostics import Position
from slidegen.ids import DeckKey

# A BCP 47 language tag as kiosks need it: "kk", "ru", "en-GB".
LANG_TAG = r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*"


def is_lang_tag(value: str) -> bool:
    """Whether `value` is a language tag such as "kk" or "ru-KZ"."""
    return re.fullmatch(LANG_TAG, value) is not None


class Layout(IntEnum):
    """Block layout codes as the press office writes them."""

    COVER = 1
    TEXT = 2
    TEXT_IMAGE = 3
    IMAGE = 4
    VIDEO = 5
    MAP = 6

    @property
    def slug(self) -> str:
        """Name used for template files and CSS classes."""
        return self.name.lower().replace("_", "-")


LAYOUT_NAMES: dict[str, Layout] = {
    "cover": Layout.COVER,
    "title": Layout.COVER,
    "text": Layout.TEXT,
    "text+image": Layout.TEXT_IMAGE,
    "text-image": Layout.TEXT_IMAGE,
    "text_image": Layout.TEXT_IMAGE,
    "image": Layout.IMAGE,
    "img": Layout.IMAGE,
    "picture": Layout.IMAGE,
    "video": Layout.VIDEO,
    "map": Layout.MAP,
}


class Block(BaseModel):
    """One block of a deck: usually one slide, more once long text is paginated."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = ""
    text: str = ""
    img_path: str = ""
    video: str = ""
    poster: str = ""
    map: str = ""
    block: Layout
    duration: float | None = Field(default=None, gt=0, le=3600)


class DeckPart(BaseModel):
    """What one deck file says; several files with one ID make one deck."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str = ""
    logo_title: str = ""
    logo_path: str = ""
    slide_now: int = Field(default=1, ge=1)
    slide_max: int = Field(default=1, ge=1)
    lang: str | None = Field(default=None, pattern=f"^{LANG_TAG}$")
    content: list[Block] = []


class BlockOrigin(BaseModel):
    """Where a block was written, for diagnostics about it."""

    model_config = ConfigDict(frozen=True)

    file: str
    index: int
    line: int | None = None


class PlacedBlock(BaseModel):
    """A block together with where it came from."""

    model_config = ConfigDict(frozen=True)

    block: Block
    origin: BlockOrigin


class LoadedPart(BaseModel):
    """A validated deck file with the source positions later stages need."""

    model_config = ConfigDict(frozen=True)

    file: str
    part: DeckPart
    key: DeckKey
    blocks: list[PlacedBlock]
    fields: dict[str, Position] = {}


class Deck(BaseModel):
    """A whole deck after its files are merged in `slide_now` order."""

    model_config = ConfigDict(frozen=True)

    id: str
    key: DeckKey
    name: str
    logo_title: str
    logo_path: str
    logo_file: str
    logo_pos: Position | None = None
    lang: str | None
    files: list[str]
    blocks: list[PlacedBlock]

    @property
    def label(self) -> str:
        """Menu label: the name, unless it is a bare number; then the first block title."""
        name = self.name.strip()
        if name and not name.replace(".", "").isdigit():
            return name
        for placed in self.blocks:
            if placed.block.title.strip():
                return placed.block.title.strip()
        return name or self.id
