"""Properties of the text stage over generated Word paste, Markdown and hostile HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slidegen.text import to_html
from slidegen.text.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    URL_SCHEMES,
    link_scheme,
    sanitize,
)

KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяАӘБҒҚҢӨҰҮҺІ"
LETTERS = KAZAKH + "abcxyzABCXYZ0123456789"
PUNCTUATION = "\t\n\r •–—-*_#<>&;:[](){}!`~|\\/=\"'.,%+"
FRAGMENTS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.kz/a.js>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<a href='jav&#x61;script:alert(1)'>x</a>",
    '<a href="data:text/html,x">x</a>',
    '<a href="https://gov.kz" onclick="x()">ok</a>',
    "<iframe src=x>",
    "<svg onload=alert(1)>",
    "<style>p{}</style>",
    '<p style="color:red" class="c">',
    '<ul style="list-style-type: none"> - a - b',
    "</td></tr><td>",
    "<!--",
    "-->",
    "{{ 7*7 }}",
    "{% raw %}",
    "```",
    "[x](javascript:alert(1))",
    "Кілт\t•\tзат\n",
    "\n\t",
    "\n\n",
    "1.\t",
    "•\t",
    "- ",
    "# ",
    "| a | b |\n|---|---|\n",
]
hostile_text = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(alphabet=LETTERS + PUNCTUATION, max_size=12),
        st.text(max_size=6),
    ),
    max_size=12,
).map("".join)

word = st.text(alphabet=LETTERS, min_size=1, max_size=6)
marker = st.one_of(
    st.sampled_from(["", "", "", "•\t", "-\t", "–\t", "\t", "• "]),
    st.integers(0, 999).map(lambda n: f"{n}.\t"),
    st.integers(0, 999).map(lambda n: f"{n})\t"),
)
line = st.tuples(
    marker, st.lists(st.tuples(st.sampled_from([" ", "\t", "  "]), word), min_size=1, max_size=5)
).map(lambda t: t[0] + "".join(sep + w for sep, w in t[1]).lstrip(" \t"))
word_text = st.lists(
    st.tuples(line, st.sampled_from(["\n", "\n", "\n\n", "\r\n"])), max_size=10
).map(lambda lines: "".join(text + end for text, end in lines))

_WORD = re.compile(r"[^\W_]+")
_INLINE = frozenset(
    {"a", "abbr", "b", "code", "em", "i", "mark", "s", "small", "span", "strong", "sub", "sup", "u"}
)
FAST = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class _Audit(HTMLParser):
    """Collect start tags with attributes, and the text a reader sees (with <ol> numbers)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str]]]] = []
        self.parts: list[str] = []
        self.counters: list[int | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [(name, value or "") for name, value in attrs]))
        if tag not in _INLINE:
            self.parts.append(" ")
        if tag in ("ol", "ul"):
            start = dict(attrs).get("start") or "1"
            self.counters.append(int(start) if tag == "ol" and start.isdigit() else None)
        elif tag == "li" and self.counters and self.counters[-1] is not None:
            self.parts.append(f"{self.counters[-1]}. ")
            self.counters[-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in _INLINE:
            self.parts.append(" ")
        if tag in ("ol", "ul") and self.counters:
            self.counters.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def audit(html: str) -> _Audit:
    """Parse output HTML."""
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser


@FAST
@given(hostile_text)
def test_output_is_safe_and_sanitize_is_idempotent(text: str) -> None:
    html = to_html(text).html
    assert sanitize(html).html == html
    assert "<script" not in html.lower()
    for tag, attrs in audit(html).tags:
        assert tag in ALLOWED_TAGS
        for name, value in attrs:
            assert not name.startswith("on")
            assert name in ALLOWED_ATTRIBUTES.get(tag, frozenset()) | (
                {"rel"} if tag == "a" else set()
            )
            assert "javascript:" not in value.lower()
            if name == "href":
                assert link_scheme(value) in {None, *URL_SCHEMES}


@FAST
@given(hostile_text)
def test_same_text_gives_same_bytes(text: str) -> None:
    assert to_html(text) == to_html(text)


@FAST
@given(word_text)
def test_every_word_appears_in_order(text: str) -> None:
    html = to_html(text).html
    assert _WORD.findall("".join(audit(html).parts)) == _WORD.findall(text)


@FAST
@given(st.text(alphabet=" \t\n\r\u00a0", max_size=10))
def test_blank_text_gives_empty_html(text: str) -> None:
    assert to_html(text).html == ""
