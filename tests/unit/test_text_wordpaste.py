"""Word-paste normalisation: rows become tables, TAB markers become lists, the rest passes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from slidegen.text.markup import render
from slidegen.text.wordpaste import normalise

_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"})


@dataclass
class Node:
    """An element of a parsed HTML fragment."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """Build a Node tree from HTML, closing elements the simple way."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack = [Node("#root")]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def shape(html: str) -> str:
    """Describe HTML structure compactly: tag[attr=value](children), text as JSON strings."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return _shape(builder.stack[0])


def _shape(node: Node) -> str:
    parts = []
    for child in node.children:
        if isinstance(child, str):
            if child.split():
                parts.append(json.dumps(" ".join(child.split()), ensure_ascii=False))
            continue
        attrs = ",".join(f"{k}={v}" for k, v in child.attrs.items())
        inner = _shape(child)
        parts.append(f"{child.tag}{f'[{attrs}]' if attrs else ''}{f'({inner})' if inner else ''}")
    return " ".join(parts)


def rendered(text: str) -> str:
    """Shape of normalised-then-rendered text."""
    return shape(render(normalise(text)))


def q(text: str) -> str:
    """Shape of a text node."""
    return json.dumps(text, ensure_ascii=False)


def is_subsequence(needle: str, haystack: str) -> bool:
    """Tell whether needle's characters occur in haystack in the same order."""
    rest = iter(haystack)
    return all(char in rest for char in needle)


def table(*rows: str) -> str:
    """Shape of a two-column table from already-shaped rows."""
    return f"table(tbody({' '.join(rows)}))"


def row(key: str, value: str) -> str:
    """Shape of one row; value is the shape of the cell's content ('' for empty)."""
    cell = f"td({value})" if value else "td"
    return f'tr(th[scope=row]("{key}") {cell})'


def test_crlf_and_lone_cr_become_lf() -> None:
    assert normalise("a\r\nb\rc\r\n") == "a\nb\nc\n"


def test_vertical_tab_from_word_becomes_line_break() -> None:
    assert rendered("one\vtwo") == 'p("one" br "two")'


@pytest.mark.parametrize(
    "source",
    [
        "# Title\n\nSome *em* and **strong**, `code`, a [link](https://x.kz).\n",
        "- a\n- b\n\n1. one\n2. two\n",
        "> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        '<p class="x">raw <b>html</b></p>\n<ul>\n<li>item</li>\n</ul>\n',
        "ҚАЗАҚСТАН  \nРЕСПУБЛИКАСЫ\n\n№ \\_\\_\\_\n<sup>1</sup> сілтеме",
        "    indented code\n\n   \n",
    ],
)
def test_markdown_and_html_without_tabs_pass_through_untouched(source: str) -> None:
    assert normalise(source) == source


def test_fenced_code_keeps_its_tabs_and_bullets() -> None:
    source = "```\nKey\tValue\n•\titem\n```\n~~~~\n\tx\n~~~~"
    assert normalise(source) == source


def test_consecutive_rows_become_one_table_even_across_blank_lines() -> None:
    source = "Атауы\tЖоба\nКүні\t01.02.2021\n\nБасшы\tН. Қ.\n"
    assert rendered(source) == table(
        row("Атауы", '"Жоба"'), row("Күні", '"01.02.2021"'), row("Басшы", '"Н. Қ."')
    )


def test_lone_row_between_paragraphs_is_a_one_row_table() -> None:
    source = "Алдында.\n\nКілт\tМән\n\nКейін."
    assert rendered(source) == f'p("Алдында.") {table(row("Кілт", q("Мән")))} p("Кейін.")'


def test_row_directly_after_prose_still_starts_a_table() -> None:
    assert rendered("Алдында.\nКілт\tМән") == f'p("Алдында.") {table(row("Кілт", q("Мән")))}'


def test_lines_after_a_row_continue_its_value_until_a_blank_line() -> None:
    source = "Кілт\tбірінші жол\nекінші жол\n\nКейін."
    value = f"{q('бірінші жол')} br {q('екінші жол')}"
    assert rendered(source) == f'{table(row("Кілт", value))} p("Кейін.")'


def test_tab_led_line_after_blank_continues_the_value_as_a_new_paragraph() -> None:
    source = "Негіздеу\t<p>бірінші</p> <p>екінші</p>\n\n\tСондықтан үшінші.\nКілт\tМән"
    assert rendered(source) == table(
        row("Негіздеу", 'p("бірінші") p("екінші") p("Сондықтан үшінші.")'),
        row("Кілт", '"Мән"'),
    )


def test_row_whose_value_is_a_bullet_list_gets_a_ul_in_the_cell() -> None:
    source = "Міндеттері\t•\tбірінші\n•\tекінші\n•\tүшінші\n"
    assert rendered(source) == table(
        row("Міндеттері", 'ul(li("бірінші") li("екінші") li("үшінші"))')
    )


def test_value_holding_markdown_is_rendered_inside_the_cell() -> None:
    assert rendered("Кілт\t**қалың** және *көлбеу*") == table(
        row("Кілт", 'strong("қалың") "және" em("көлбеу")')
    )


def test_dashed_items_inside_a_bare_ul_become_list_items() -> None:
    source = 'Шектеулері\t<ul style="list-style-type: none"> - Бір - Форс-мажор - Үш'
    assert rendered(source) == table(
        row(
            "Шектеулері",
            'ul[style=list-style-type: none](li("Бір") li("Форс-мажор") li("Үш"))',
        )
    )


def test_ul_that_already_has_items_is_left_alone() -> None:
    source = "<ul> - <li>a</li></ul>"
    assert normalise(source) == source


def test_key_containing_colon_semicolon_and_dashes_stays_one_key() -> None:
    key = "Жоба бойынша болжам: - күні бойынша; - құны бойынша;"
    assert rendered(f"{key}\t01.02.2021") == table(row(key, '"01.02.2021"'))


def test_extra_tabs_in_a_row_become_spaces_in_the_value() -> None:
    assert rendered("Кілт\t\tбір\tекі") == table(row("Кілт", '"бір екі"'))


def test_empty_value_gives_an_empty_cell() -> None:
    assert rendered("Кілт\t\nКейін") == table(row("Кілт", '"Кейін"'))
    assert rendered("Кілт\t") == table(row("Кілт", ""))


@pytest.mark.parametrize("marker", ["•\t", "-\t", "–\t", "• ", "\uf0b7\t"])
def test_word_bullet_markers_become_a_bulleted_list(marker: str) -> None:
    source = f"Тізім:\n{marker}бір\n{marker}екі"
    assert rendered(source) == 'p("Тізім:") ul(li("бір") li("екі"))'


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1.\tбір\n2.\tекі", 'ol(li("бір") li("екі"))'),
        ("3)\tүш\n4)\tтөрт", 'ol[start=3](li("үш") li("төрт"))'),
        ("1.\tбір\n3.\tүш", 'ol(li("бір")) ol[start=3](li("үш"))'),
    ],
)
def test_numbered_markers_become_ordered_lists_keeping_their_numbers(
    source: str, expected: str
) -> None:
    assert rendered(source) == expected


def test_a_new_marker_glyph_nests_and_an_earlier_one_returns() -> None:
    source = "•\tбір, оның ішінде:\n- а\n- ә\n•\tекі\n"
    assert rendered(source) == 'ul(li("бір, оның ішінде:" ul(li("а") li("ә"))) li("екі"))'


def test_markdown_bullets_alone_stay_markdown() -> None:
    assert normalise("- бір\n- екі\n") == "- бір\n- екі\n"


def test_prose_after_a_list_is_not_swallowed_by_the_last_item() -> None:
    assert rendered("•\tбір\nМәтін") == 'ul(li("бір")) p("Мәтін")'


def test_leading_tab_outside_a_table_is_dropped() -> None:
    assert normalise("\tШегініс") == "Шегініс"
    assert rendered("\t•\tбір") == 'ul(li("бір"))'


def test_tab_in_bullet_text_becomes_a_space() -> None:
    assert rendered("•\tбір\tекі") == 'ul(li("бір екі"))'


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>бір\tекі</p>", 'p("бір екі")'),
        ("## Тақырып\tекі", 'h2("Тақырып екі")'),
        ("- бір\tекі", 'ul(li("бір екі"))'),
        ("> бір\tекі", 'blockquote(p("бір екі"))'),
    ],
)
def test_markdown_and_html_lines_with_tabs_are_not_rows(source: str, expected: str) -> None:
    assert rendered(source) == expected


def test_normalise_drops_only_markers_and_whitespace() -> None:
    source = "Кілт\t•\tбір & <екі>\n•\tүш\n\n1.\tМәтін\tжәне [сілтеме]\n\tсоңы"
    kept = "".join(normalise(source).split())
    expected = "".join(source.replace("•", "").replace("1.", "").split())
    assert is_subsequence(expected, kept)
