"""Block text stage: Word paste, Markdown or simple HTML in, clean semantic HTML out."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from slidegen.text.markup import make_parser, render
from slidegen.text.sanitize import sanitize
from slidegen.text.wordpaste import normalise

__all__ = ["TextRenderer", "TextResult", "to_html"]

# Text without these cannot carry raw HTML, link URLs or aligned tables, so markdown-it's own
# output needs no audit of what the sanitizer removes (the audit is the slow part).
_MAY_NEED_AUDIT = ("<", "](", "|", "&")


class TextResult(BaseModel):
    """The HTML of one block's text and what the sanitizer removed from it."""

    model_config = ConfigDict(frozen=True)

    html: str
    removed: list[str]


class TextRenderer:
    """Converts block text to safe HTML; one per build, so the Markdown parser is built once."""

    def __init__(self) -> None:
        self._md = make_parser()

    def to_html(self, text: str) -> TextResult:
        """Normalise Word paste, render Markdown and sanitize; blank text gives empty HTML."""
        if not text.strip():
            return TextResult(html="", removed=[])
        audit = any(mark in text for mark in _MAY_NEED_AUDIT)
        result = sanitize(render(normalise(text), self._md), audit=audit)
        return TextResult(html=result.html.strip("\n"), removed=result.removed)


def to_html(text: str) -> TextResult:
    """Convert one text with a fresh renderer (for one-off use; builds share a TextRenderer)."""
    return TextRenderer().to_html(text)
