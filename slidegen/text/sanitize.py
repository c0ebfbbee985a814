"""Reduce rendered block text to an allowlist of semantic HTML, and say what was removed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser
from types import MappingProxyType
from urllib.parse import SplitResult, urlsplit

import nh3
from pydantic import BaseModel, ConfigDict

ALLOWED_TAGS = frozenset(
    {
        *("p", "br", "hr", "blockquote", "pre", "code", "span"),
        *("h2", "h3", "h4", "h5", "h6"),
        *("strong", "em", "b", "i", "u", "s", "sup", "sub", "small", "mark", "a", "abbr"),
        *("ul", "ol", "li", "dl", "dt", "dd"),
        *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"),
    }
)
ALLOWED_ATTRIBUTES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "a": frozenset({"href", "title"}),
        "th": frozenset({"scope", "colspan", "rowspan"}),
        "td": frozenset({"colspan", "rowspan"}),
        "ol": frozenset({"start"}),
        "abbr": frozenset({"title"}),
    }
)
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
LINK_REL = "noopener noreferrer"
# Elements whose content is code, a foreign document or a form control: dropped whole.
DROPPED_WITH_CONTENT = frozenset(
    {
        *("script", "style", "template", "noscript", "noembed", "noframes"),
        *("iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math"),
        *("textarea", "select", "title"),
    }
)
_VOID = frozenset(
    {
        *("area", "base", "br", "col", "embed", "frame", "hr", "img", "input", "keygen"),
        *("link", "meta", "param", "source", "track", "wbr"),
    }
)
_CONTROLS_AND_SPACE = "".join(chr(c) for c in range(0x21))
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")


class SanitizeResult(BaseModel):
    """Sanitized HTML and short descriptions of what the sanitizer removed."""

    model_config = ConfigDict(frozen=True)

    html: str
    removed: list[str]


def sanitize(html: str, audit: bool = True) -> SanitizeResult:
    """Keep only allowlisted tags, attributes and link schemes; list each kind of removal once.

    `audit=False` skips listing removals, for HTML known to hold only allowlisted markup.
    """
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return SanitizeResult(html=cleaned, removed=_removals(html) if audit else [])


def _removals(html: str) -> list[str]:
    """Describe, in first-seen order and without repeats, what nh3 will drop from ``html``."""
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return list(dict.fromkeys(audit.found))


def split_url(url: str) -> SplitResult | None:
    """urlsplit, or None for text it cannot parse (e.g. an unclosed "[" in the host)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def link_scheme(url: str) -> str | None:
    """Return the lower-case scheme a browser would see in a URL, or None if it is relative."""
    match = _SCHEME.match(_URL_NOISE.sub("", url).strip(_CONTROLS_AND_SPACE))
    return match.group(1).lower() if match else None


class _Audit(HTMLParser):
    """Walk HTML the way the allowlist will and note each removal."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        # The element dropped with its content that we are inside, and how deep.
        self._dropping: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note a disallowed element or attribute, unless inside dropped content."""
        if self._dropping is not None:
            if tag == self._dropping:
                self._depth += 1
            return
        if tag not in ALLOWED_TAGS:
            self._note_element(tag)
            return
        for name, value in attrs:
            self._note_attribute(tag, name, value or "")

    def handle_endtag(self, tag: str) -> None:
        """Leave dropped content when its element closes."""
        if tag == self._dropping:
            self._depth -= 1
            if self._depth == 0:
                self._dropping = None

    def handle_comment(self, data: str) -> None:
        """Note a comment outside dropped content."""
        if self._dropping is None:
            self.found.append("HTML comment")

    def handle_decl(self, decl: str) -> None:
        """Note a <!DOCTYPE> or similar declaration."""
        if self._dropping is None:
            self.found.append("<!…> declaration")

    def unknown_decl(self, data: str) -> None:
        """Note a CDATA section or other marked section."""
        if self._dropping is None:
            self.found.append("<![…]> section")

    def handle_pi(self, data: str) -> None:
        """Note a processing instruction."""
        if self._dropping is None:
            self.found.append("<?…> processing instruction")

    def _note_element(self, tag: str) -> None:
        """Note a disallowed element, and start skipping its content if that goes too."""
        if tag in DROPPED_WITH_CONTENT or tag in _VOID:
            self.found.append(f"<{tag}> element")
            if tag in DROPPED_WITH_CONTENT and tag not in _VOID:
                self._dropping, self._depth = tag, 1
        else:
            self.found.append(f"<{tag}> tag")

    def _note_attribute(self, tag: str, name: str, value: str) -> None:
        """Note a disallowed attribute or link scheme on an allowed element."""
        if tag == "a" and name == "rel":
            return  # replaced by LINK_REL rather than removed
        if name not in ALLOWED_ATTRIBUTES.get(tag, frozenset()):
            self.found.append(f"{name} attribute")
        elif name == "href":
            scheme = link_scheme(value)
            if scheme is not None and scheme not in URL_SCHEMES:
                self.found.append(f"{scheme}: link")
