"""Markdown rendering: breaks, tables, strikethrough, heading levels, tight HTML cells."""

from __future__ import annotations

import dataclasses
import importlib.util
import re

import pytest

from slidegen.text.markup import CONFIG, MarkupConfig, make_parser, render


def tags(html: str) -> list[str]:
    """Opening tag names in document order."""
    return re.findall(r"<([a-z][a-z0-9]*)", html)


def test_single_newline_becomes_br() -> None:
    assert render("бір\nекі") == "<p>бір<br>\nекі</p>\n"


def test_blank_line_separates_paragraphs() -> None:
    assert render("бір\n\nекі") == "<p>бір</p>\n<p>екі</p>\n"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# A\n## B\n### C\n#### D", ["h2", "h3", "h4", "h5"]),
        ("## A\n### B", ["h2", "h3"]),
        ("### A", ["h3"]),
        ("# A\n##### B\n###### C", ["h2", "h6", "h6"]),
        ("A\n===\n\nB\n---", ["h2", "h3"]),
    ],
)
def test_headings_come_out_no_higher_than_h2(source: str, expected: list[str]) -> None:
    assert [t for t in tags(render(source)) if t.startswith("h")] == expected


def test_heading_shift_does_not_leak_between_calls() -> None:
    md = make_parser()
    assert tags(render("# A", md)) == ["h2"]
    assert tags(render("### B", md)) == ["h3"]


def test_pipe_tables_render() -> None:
    html = render("| a | b |\n|---|---|\n| 1 | 2 |")
    assert tags(html) == ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"]


def test_strikethrough_renders_as_s() -> None:
    assert render("~~ескі~~ жаңа") == "<p><s>ескі</s> жаңа</p>\n"


def test_raw_html_passes_to_the_sanitizer() -> None:
    assert render("мәтін<sup>1</sup>") == "<p>мәтін<sup>1</sup></p>\n"


def test_lone_paragraph_in_html_cell_or_item_loses_its_p() -> None:
    source = "<table>\n<tr>\n<td>\n\nжалғыз\n\n</td>\n</tr>\n</table>"
    assert "<td>жалғыз</td>" in render(source)
    source = "<ul>\n<li>\n\nбір\n\n<ul>\n<li>\n\nекі\n\n</li>\n</ul>\n</li>\n</ul>"
    assert tags(render(source)) == ["ul", "li", "ul", "li"]


def test_cell_with_several_blocks_keeps_its_paragraphs() -> None:
    source = "<table>\n<tr>\n<td>\n\nбір\n\nекі\n\n</td>\n</tr>\n</table>"
    assert tags(render(source)) == ["table", "tr", "td", "p", "p"]


def test_javascript_markdown_link_is_not_a_link() -> None:
    assert "<a" not in render("[басу](javascript:alert(1))")


def test_jinja_looking_text_is_plain_text() -> None:
    assert render("{{ 7*7 }} {% raw %}") == "<p>{{ 7*7 }} {% raw %}</p>\n"


def test_linkify_is_on_exactly_when_linkify_it_is_installed() -> None:
    assert CONFIG.linkify == (importlib.util.find_spec("linkify_it") is not None)
    assert ("<a" in render("https://gov.kz")) == CONFIG.linkify


def test_config_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        CONFIG.linkify = True  # type: ignore[misc]
    assert MarkupConfig().extra_rules == ("table", "strikethrough")


def test_same_input_gives_same_bytes() -> None:
    source = "# A\nбір\tекі\n\n- x\n- y\n\n| a |\n|---|\n| 1 |"
    assert render(source) == render(source) == render(source, make_parser())
