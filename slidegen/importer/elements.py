"""What every reader produces: a document as a flat list of typed elements."""

from __future__ import annotations

from enum import StrEnum
from pathlib import PurePosixPath

from pydantic import BaseModel, ConfigDict


class Kind(StrEnum):
    """What an element is, which decides how it is placed into blocks."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ROWS = "rows"
    TABLE = "table"
    IMAGE = "image"
    FOOTNOTE = "footnote"


class Element(BaseModel):
    """One piece of a document, its text already in block-text syntax."""

    model_config = ConfigDict(frozen=True)

    kind: Kind
    text: str = ""
    line: int | None = None
    level: int = 1
    image: str = ""
    number: int | None = None


class ExtractedImage(BaseModel):
    """An image found inside a document, to be written under the static folder."""

    model_config = ConfigDict(frozen=True)

    path: PurePosixPath
    data: bytes

    @property
    def url(self) -> str:
        """How a deck refers to it: a path from the static folder, starting with /."""
        return "/" + self.path.as_posix()


class SourceDoc(BaseModel):
    """A document read by one reader: its elements, images and plain text content."""

    model_config = ConfigDict(frozen=True)

    name: str
    elements: list[Element]
    plain: str
    images: list[ExtractedImage] = []
    title: str = ""
