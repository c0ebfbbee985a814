"""The importer's promise, checked on every run: no word of the source goes missing."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from html.parser import HTMLParser

from slidegen.text import to_html

_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]*>")
# Inline tags do not part words ("wo<b>rd</b>", "Part<sup>1</sup>"); block tags do.
_INLINE = ("a", "abbr", "b", "code", "em", "i", "mark", "s", "small", "span", "strong", "sub")
_INLINE_TAGS = frozenset({*_INLINE, "sup", "u"})
_INLINE_TAG = re.compile(rf"</?(?:{'|'.join(sorted(_INLINE_TAGS))})\b[^>]*>", re.IGNORECASE)


def words(text: str) -> list[str]:
    """The words (letters and digits) of a text, with tags left out, in order."""
    return _WORD.findall(html.unescape(_TAG.sub(" ", _INLINE_TAG.sub("", text))))


def shown_words(title: str, blocks: Iterable[tuple[str, str]]) -> list[str]:
    """The words a deck shows: its title, and each block's title and text as rendered."""
    found = words(title)
    for block_title, text in blocks:
        found += words(block_title) + _screen_words(to_html(text).html)
    return found


def _screen_words(markup: str) -> list[str]:
    """Words of rendered HTML, with the numbers a browser puts before ordered list items."""
    reader = _ScreenText()
    reader.feed(markup)
    reader.close()
    return words("".join(reader.parts))


class _ScreenText(HTMLParser):
    """Collects the text a browser shows, list numbers included."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[int | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Track list nesting; number each item of an ordered list."""
        if tag == "ol":
            start = dict(attrs).get("start") or "1"
            self.lists.append(int(start) if start.isdigit() else 1)
        elif tag == "ul":
            self.lists.append(None)
        elif tag == "li" and self.lists and self.lists[-1] is not None:
            self.parts.append(str(self.lists[-1]))
            self.lists[-1] += 1
        if tag not in _INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        """Leave a list."""
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag not in _INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        """Text as shown."""
        self.parts.append(data)


def missing_words(source: str, shown: list[str]) -> list[str]:
    """Words of the source the deck does not show (as often as the source has them)."""
    found = words(source)
    lacking = Counter(found) - Counter(shown)
    return [w for w in dict.fromkeys(found) if lacking[w]]
