"""Formatted runs of text (from Word or HTML) written as Markdown or as HTML."""

from __future__ import annotations

import html
import re
from itertools import groupby

from pydantic import BaseModel, ConfigDict

_ASCII_PUNCT = re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BACKSLASH = re.compile(rf"\\(?=[{_ASCII_PUNCT}])")
_INLINE = re.compile(r"[*`~]|<(?=[A-Za-z/!?])|&(?=#?\w+;)|\[(?=[^\]]*\]\()")
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_LINE_START = re.compile(
    r"^(?P<indent>[ ]*)(?P<mark>#|>|[-+*](?=[ \t]|$)|=+[ \t]*$|(?P<num>\d{1,9})[.)](?=[ \t]|$))"
)
_LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
# Innermost first: (Span flag, Markdown mark or "" for none, HTML tag).
_FORMATS = (
    ("strike", "~~", "s"),
    ("italic", "*", "em"),
    ("bold", "**", "strong"),
    ("sup", "", "sup"),
    ("sub", "", "sub"),
)


class Span(BaseModel):
    """A run of text with one formatting."""

    model_config = ConfigDict(frozen=True)

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    sup: bool = False
    sub: bool = False
    href: str = ""

    @property
    def style(self) -> tuple[bool, bool, bool, bool, bool, str]:
        """Everything but the text, to merge neighbours that look alike."""
        return (self.bold, self.italic, self.strike, self.sup, self.sub, self.href)


def link_target(url: str) -> str:
    """A URL a kiosk link may point to (web, mail, phone), or "" for anything else."""
    return url if url.lower().startswith(_LINK_SCHEMES) else ""


def escape_markdown(text: str) -> str:
    """Make literal text read as itself in Markdown, escaping only what would change it."""
    return "\n".join(_escape_line_start(line) for line in _escape_inline(text).split("\n"))


def _escape_inline(text: str) -> str:
    """Escape what would start emphasis, code, a tag, an entity or a link anywhere in a line."""
    text = _BACKSLASH.sub(r"\\\\", text)
    text = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    return _UNDERSCORE.sub(r"\\_", text)


def _escape_line_start(line: str) -> str:
    """Escape what would make a line a heading, quote, list item or underline."""
    line = line.lstrip(" ")
    match = _LINE_START.match(line)
    if match is None:
        return line
    if match["num"] is not None:
        end = match.end("num")
        return line[:end] + "\\" + line[end:]
    start = match.start("mark")
    return line[:start] + "\\" + line[start:]


def _runs(spans: list[Span]) -> list[tuple[Span, str]]:
    """Neighbouring spans with one style merged: (a span with that style, joined text)."""
    merged: list[tuple[Span, str]] = []
    for _style, group in groupby(spans, key=lambda s: s.style):
        items = list(group)
        merged.append((items[0], "".join(s.text for s in items)))
    return merged


def to_markdown(spans: list[Span]) -> str:
    """Spans as Markdown; spaces at a span's edges stay outside its marks, as Markdown needs."""
    runs = _runs(spans)
    out: list[str] = []
    for k, (span, text) in enumerate(runs):
        core = text.strip(" \t")
        if not core:
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip(" \t"))]
        trail = text[len(text.rstrip(" \t")) :]
        before = runs[k - 1][1][-1:] if k and not lead else " "
        after = runs[k + 1][1][:1] if k + 1 < len(runs) and not trail else " "
        at_line_start = not out or "".join(out).endswith("\n")
        body = escape_markdown(core) if at_line_start else _inline_only(core)
        # Markdown marks only work at word edges; inside a word, HTML tags do the same job.
        inside_word = before.isalnum() or after.isalnum()
        wrapped = _wrap(span, body, markdown=not inside_word)
        out.append(lead + wrapped + trail)
    return "".join(out).strip(" ")


def _inline_only(text: str) -> str:
    """Escape text that continues a line: line-start rules apply only after its line breaks."""
    first, newline, rest = text.partition("\n")
    return _escape_inline(first) + (newline + escape_markdown(rest) if newline else "")


def to_html(spans: list[Span]) -> str:
    """Spans as inline HTML, line breaks as <br>."""
    out = [
        _wrap(span, html.escape(text, quote=False).replace("\n", "<br>"), markdown=False)
        for span, text in _runs(spans)
    ]
    return "".join(out).strip()


def _wrap(span: Span, body: str, markdown: bool) -> str:
    """The span's formatting around `body`: Markdown marks where there are any, else HTML tags."""
    for flag, mark, tag in _FORMATS:
        if getattr(span, flag):
            body = f"{mark}{body}{mark}" if markdown and mark else f"<{tag}>{body}</{tag}>"
    if span.href and markdown:
        body = f"[{body}]({span.href.replace(' ', '%20').replace(')', '%29')})"
    elif span.href:
        body = f'<a href="{html.escape(span.href)}">{body}</a>'
    return body


def plain_text(spans: list[Span]) -> str:
    """The characters of the spans, without formatting."""
    return "".join(s.text for s in spans)
