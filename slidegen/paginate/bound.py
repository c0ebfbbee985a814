"""A quick upper bound on how tall block HTML is, to skip measuring text that surely fits."""

from __future__ import annotations

import re
from collections.abc import Sequence

from slidegen.metrics import TextMetrics

_TAG = re.compile(r"<[^>]*>")
# Elements that start a new line (a <br>, a paragraph, an item …): each may leave one short line.
_STARTS = re.compile(r"<(?:br|p|li|h[1-6]|dt|dd|blockquote|hr|div|ul|ol|dl)\b")
_INDENTS = re.compile(r"<(?:ul|ol|blockquote|dd)\b")
# Tables, preformatted text and ideographs are left to the real measurement.
_INVOLVED = re.compile(r"<(?:table|pre)\b|[\u1100-\U0010ffff]")


def surely_fits(
    html: str, text: TextMetrics, widths: Sequence[float], heights: Sequence[float]
) -> bool:
    """True only if the HTML fits every box even with its widest letters, largest headings and
    a line lost per paragraph; False means "measure it".

    Greedy line breaking fills every line but a paragraph's last to at least the width less
    the longest word, so a paragraph has at most 1 + width / (box − longest word) lines.
    """
    if _INVOLVED.search(html):
        return False
    words = _TAG.sub(" ", html).split()
    scale = max([1.0, *text.headings.values()])
    widest = max(text.lower, text.upper, text.digit, text.punct, text.space) * text.bold * scale
    length = (sum(map(len, words)) + len(words)) * widest
    longest = max(map(len, words), default=0) * widest
    starts = len(_STARTS.findall(html)) + 1
    deepest = max(text.list_indent, text.ordered_indent, text.quote_indent)
    indent = len(_INDENTS.findall(html)) * deepest
    line = max(text.line_height, scale * text.heading_line_height)
    gap = max(text.gap, scale * text.heading_gap, text.item_gap)
    for width, height in zip(widths, heights, strict=True):
        usable = width - indent - longest
        if usable <= 0 or (starts + length / usable) * line + starts * gap > height:
            return False
    return True
