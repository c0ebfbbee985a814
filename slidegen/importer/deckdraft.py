"""The deck file an import writes, typed, with keys in the order people expect to read them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from slidegen.fix import clean_json
from slidegen.importer.structure import Arranged


class BlockOut(BaseModel):
    """One block as written: every media key present, so an editor sees where things go."""

    model_config = ConfigDict(frozen=True)

    title: str
    block: int
    text: str = ""
    img_path: str = ""
    video: str = ""
    map: str = ""


class DeckOut(BaseModel):
    """A deck file as written by `slidegen import`."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    id: str = Field(serialization_alias="ID")
    name: str
    logo_title: str = ""
    logo_path: str = ""
    slide_max: int = 1
    slide_now: int = 1
    lang: str | None = None
    content: list[BlockOut]

    def to_json(self) -> str:
        """The canonical text `slidegen fix` would also write."""
        return clean_json(self.model_dump(by_alias=True))


def make_deck(arranged: Arranged, deck_id: str, logo: tuple[str, str], lang: str | None) -> DeckOut:
    """The deck file for an arranged document."""
    return DeckOut(
        id=deck_id,
        name=arranged.title,
        logo_title=logo[0],
        logo_path=logo[1],
        lang=lang,
        content=[
            BlockOut(title=b.title, block=int(b.layout), text=b.text, img_path=b.img_path)
            for b in arranged.blocks
        ],
    )
