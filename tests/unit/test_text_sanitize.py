"""Sanitizer allowlist and end-to-end safety of block text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from slidegen.text import to_html
from slidegen.text.sanitize import ALLOWED_TAGS, link_scheme, sanitize


class _Elements(HTMLParser):
    """Collect (tag, attrs) for every start tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    """Start tags and their attributes, in order."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def test_allowlist_is_the_agreed_one() -> None:
    agreed = "p br strong em b i u s sup sub small mark ul ol li table thead tbody tfoot tr th td"
    agreed += " caption h2 h3 h4 h5 h6 blockquote code pre hr a abbr dl dt dd span"
    assert set(agreed.split()) == ALLOWED_TAGS


@pytest.mark.parametrize(
    ("html", "clean", "removed"),
    [
        ("<p>а</p><script>alert(1)</script>", "<p>а</p>", ["<script> element"]),
        ("<p>а<img src=x onerror=alert(1)></p>", "<p>а</p>", ["<img> element"]),
        ('<iframe src="https://x.kz"><p>ішінде</p></iframe>б', "б", ["<iframe> element"]),
        ("<style>p{color:red}</style><p>а</p>", "<p>а</p>", ["<style> element"]),
        ("<object data=x><b onclick=1>и</b></object>ә", "ә", ["<object> element"]),
        ('<p style="color:red">а</p>', "<p>а</p>", ["style attribute"]),
        ('<p class="c" id="i">а</p>', "<p>а</p>", ["class attribute", "id attribute"]),
        (
            '<b onclick="x()" onmouseover="y()">а</b>',
            "<b>а</b>",
            ["onclick attribute", "onmouseover attribute"],
        ),
        ("<div><font>а</font></div>", "а", ["<div> tag", "<font> tag"]),
        ("<h1>Тақырып</h1>", "Тақырып", ["<h1> tag"]),
        ("а<!-- жасырын -->б", "аб", ["HTML comment"]),
        ("<p>а</p><p>б</p>", "<p>а</p><p>б</p>", []),
    ],
)
def test_disallowed_markup_is_removed_and_reported(
    html: str, clean: str, removed: list[str]
) -> None:
    result = sanitize(html)
    assert (result.html, result.removed) == (clean, removed)


@pytest.mark.parametrize(
    ("href", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        ("  javascript:alert(1)", "javascript"),
        ("jav&#x61;script:alert(1)", "javascript"),
        ("&#106;avascript:alert(1)", "javascript"),
        ("java&#9;script:alert(1)", "javascript"),
        ("java\nscript:alert(1)", "javascript"),
        ("javascript&colon;alert(1)", "javascript"),
        ("data:text/html;base64,PHNjcmlwdD4=", "data"),
        ("vbscript:msgbox(1)", "vbscript"),
    ],
)
def test_dangerous_link_schemes_are_stripped(href: str, scheme: str) -> None:
    result = sanitize(f'<a href="{href}">сілтеме</a>')
    assert result.html == '<a rel="noopener noreferrer">сілтеме</a>'
    assert result.removed == [f"{scheme}: link"]


@pytest.mark.parametrize(
    "href", ["https://gov.kz/a?b=1&amp;c=2", "http://x.kz", "mailto:a@x.kz", "tel:+77172745410"]
)
def test_allowed_links_keep_href_and_get_rel(href: str) -> None:
    result = sanitize(f'<a href="{href}" title="т" rel="opener" target="_blank">с</a>')
    assert elements(result.html) == [
        ("a", {"href": href.replace("&amp;", "&"), "title": "т", "rel": "noopener noreferrer"})
    ]
    assert result.removed == ["target attribute"]


def test_allowed_attributes_survive() -> None:
    html = (
        '<table><tbody><tr><th scope="row" colspan="2" rowspan="1">к</th>'
        '<td colspan="2" rowspan="3">м</td></tr></tbody></table>'
        '<ol start="3"><li>ү</li></ol><abbr title="Қазақстан">ҚР</abbr>'
    )
    result = sanitize(html)
    assert (result.html, result.removed) == (html, [])


def test_link_scheme_reads_urls_like_a_browser() -> None:
    assert link_scheme("\x01 JAVA\tSCRIPT:x") == "javascript"
    assert link_scheme("/relative/path") is None
    assert link_scheme("слайд:1") is None


def test_sanitize_is_idempotent_on_its_output() -> None:
    html = '<p onclick=1>а<a href="https://x.kz">б</a><img src=x></p>'
    html += "<table><tr><td>в</td></tr></table>"
    once = sanitize(html).html
    assert sanitize(once).html == once
    assert sanitize(once).removed == []


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">басу</a>',
        '<a href="jav&#x61;script:alert(1)">басу</a>',
        '<a href="data:text/html,&lt;script&gt;">басу</a>',
        '<iframe src="javascript:alert(1)"></iframe>',
        '<svg onload="alert(1)"><script>alert(1)</script></svg>',
        "<style>body{display:none}</style>",
        '<p style="position:fixed">мәтін</p>',
        "Кілт\t<b onclick=alert(1)>мән</b>",
        "•\t<a href='javascript:alert(1)'>тізім</a>",
    ],
)
def test_block_text_never_carries_script(text: str) -> None:
    html = to_html(text).html
    assert "<script" not in html.lower()
    assert "javascript:" not in html.lower()
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS
        assert not any(name.startswith("on") or name in ("style", "class", "id") for name in attrs)
        assert link_scheme(attrs.get("href", "")) in (None, "http", "https", "mailto", "tel")


def test_to_html_reports_what_it_removed() -> None:
    assert to_html('<p style="x" onclick="y">а</p><script>z</script>').removed == [
        "style attribute",
        "onclick attribute",
        "<script> element",
    ]


@pytest.mark.parametrize("text", ["{{ 7*7 }}", "{% raw %}{{ x }}{% endraw %}", "{# түсінік #}"])
def test_jinja_looking_text_comes_out_literally(text: str) -> None:
    assert to_html(text).html == f"<p>{text}</p>"


def test_entities_in_text_stay_text() -> None:
    html = to_html("&lt;script&gt;alert(1)&lt;/script&gt; &amp; a < b").html
    assert html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; a &lt; b</p>"
