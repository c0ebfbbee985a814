"""Block text stage: Word paste, Markdown or simple HTML in, clean semantic HTML out."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from slidegen.text.markup import render
from slidegen.text.sanitize import sanitize
from slidegen.text.wordpaste import normalise

__all__ = ["TextResult", "to_html"]


class TextResult(BaseModel):
    """The HTML of one block's text and what the sanitizer removed from it."""

    model_config = ConfigDict(frozen=True)

    html: str
    removed: list[str]


def to_html(text: str) -> TextResult:
    """Normalise Word paste, render Markdown and sanitize; blank text gives empty HTML."""
    if not text.strip():
        return TextResult(html="", removed=[])
    result = sanitize(render(normalise(text)))
    return TextResult(html=result.html.strip("\n"), removed=result.removed)
