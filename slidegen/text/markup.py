"""Render normalised block text to HTML with markdown-it-py."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_CELL_OPEN = re.compile(r"<t[dh]\b[^>]*>\s*$", re.IGNORECASE)
_CELL_CLOSE = re.compile(r"\s*</t[dh]\s*>", re.IGNORECASE)
_ITEM_OPEN = re.compile(r"<li\b[^>]*>\s*$", re.IGNORECASE)
_ITEM_END = re.compile(r"\s*(?:</li\s*>|<[uo]l\b)", re.IGNORECASE)
_TOP_HEADING = 2


@dataclass(frozen=True)
class MarkupConfig:
    """The markdown-it options block text is rendered with."""

    preset: str = "commonmark"
    extra_rules: tuple[str, ...] = ("table", "strikethrough")
    linkify: bool = False


CONFIG = MarkupConfig(linkify=importlib.util.find_spec("linkify_it") is not None)


def make_parser(config: MarkupConfig = CONFIG) -> MarkdownIt:
    """Build a fresh markdown-it parser with the slidegen rules: raw HTML, breaks, tables."""
    options = {
        "html": True,
        "breaks": True,
        "xhtmlOut": False,
        "typographer": False,
        "linkify": config.linkify,
    }
    md = MarkdownIt(config.preset, options)
    md.enable(list(config.extra_rules) + (["linkify"] if config.linkify else []))
    md.core.ruler.push("slidegen_shift_headings", _shift_headings)
    md.core.ruler.push("slidegen_tight_cells", _tight_cells)
    return md


def render(source: str, md: MarkdownIt | None = None) -> str:
    """Render Markdown to HTML, shifting headings down a level if `#` is used so none beats h2."""
    return (md if md is not None else make_parser()).render(source)


def _shift_headings(state: StateCore) -> None:
    """Move all headings down so that the top one is no higher than h2."""
    headings = [t for t in state.tokens if t.type in ("heading_open", "heading_close")]
    if not headings:
        return
    shift = _TOP_HEADING - min(_level(t) for t in headings)
    if shift <= 0:
        return
    for token in headings:
        token.tag = f"h{min(6, _level(token) + shift)}"


def _level(token: Token) -> int:
    """Return the number of an `hN` heading token."""
    return int(token.tag[1:])


def _tight_cells(state: StateCore) -> None:
    """Hide the `<p>` of a lone paragraph directly inside an HTML `<td>`, `<th>` or `<li>`."""
    tokens = state.tokens
    for k in range(1, len(tokens) - 3):
        before, p_open, _inline, p_close, after = tokens[k - 1 : k + 4]
        if not (
            before.type == "html_block"
            and p_open.type == "paragraph_open"
            and p_close.type == "paragraph_close"
            and after.type == "html_block"
        ):
            continue
        in_cell = _CELL_OPEN.search(before.content) and _CELL_CLOSE.match(after.content)
        in_item = _ITEM_OPEN.search(before.content) and _ITEM_END.match(after.content)
        if in_cell or in_item:
            p_open.hidden = p_close.hidden = True
            before.content = before.content.rstrip()
