"""QR codes as inline SVG, and the links in slide text that a visitor can only take by scanning."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import segno
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict

from slidegen.text.sanitize import URL_SCHEMES, link_scheme, split_url

_BARE_URL = re.compile(r"(?<![\w@/.])(?:https?://|www\.)[^\s<>\"'«»]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\"»…"
_MAX_LABEL = 42


class QrCode(BaseModel):
    """A scannable code with the short text printed under it."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    data: str
    label: str
    svg: Markup


def qr_code(data: str, label: str) -> QrCode | None:
    """Black-on-white code with a quiet zone (readable on dark themes too); None if too long."""
    try:
        code = segno.make(data, error="m", micro=False)
    except (segno.DataOverflowError, ValueError):
        return None
    # segno writes only path geometry and the XML-escaped title: safe to embed as markup.
    svg = code.svg_inline(
        border=4,
        dark="#000",
        light="#fff",
        omitsize=True,
        svgclass="sg-qr-code",
        lineclass=None,
        title=label,
    )
    svg = svg.replace("<svg ", '<svg role="img" aria-label="QR" ', 1)
    return QrCode(data=data, label=label, svg=Markup(svg))


def link_label(url: str) -> str:
    """What a person reads under the code: no scheme, no trailing slash, shortened."""
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel"):
        text = unquote(parts.path)
    else:
        text = unquote(url.split("://", 1)[-1]).removeprefix("www.").rstrip("/")
    return text if len(text) <= _MAX_LABEL else text[: _MAX_LABEL - 1] + "…"


def find_links(html: str) -> list[str]:
    """Links in the order they appear: <a href> targets, then bare web addresses in the text."""
    # Cheap exit, run for every block: links come from <a> or from a bare web address.
    if "<a" not in html and "://" not in html and "www." not in html.lower():
        return []
    finder = _LinkFinder()
    finder.feed(html)
    finder.close()
    return list(dict.fromkeys(finder.links))


class _LinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self._in_link = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "a":
            return
        self._in_link += 1
        href = (dict(attrs).get("href") or "").strip()
        # The schemes the sanitizer keeps in slide text are the links a visitor can take.
        if link_scheme(href) in URL_SCHEMES and split_url(href) is not None:
            self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._in_link:
            self._in_link -= 1

    def handle_data(self, data: str) -> None:
        if self._in_link:
            return  # the link's own text usually repeats its href
        for match in _BARE_URL.finditer(data):
            url = match.group(0).rstrip(_TRAILING)
            if url.lower().startswith("www."):
                url = "https://" + url
            parts = split_url(url)
            if parts is not None and "." in parts.netloc:
                self.links.append(url)


class LinkCodes:
    """Template helper: QR codes for the links in one slide's text, at most `limit`."""

    def __init__(self, enabled: bool, limit: int = 3) -> None:
        self.enabled = enabled
        self.limit = limit
        self._codes: dict[str, QrCode | None] = {}

    def __call__(self, html: str) -> list[QrCode]:
        """Codes for the first `limit` links in `html`; none when switched off."""
        if not self.enabled or not html:
            return []
        codes = (self._code(url) for url in find_links(str(html)))
        return [c for c in codes if c is not None][: self.limit]

    def _code(self, url: str) -> QrCode | None:
        if url not in self._codes:
            self._codes[url] = qr_code(url, link_label(url))
        return self._codes[url]
