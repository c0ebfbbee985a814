"""Build-time pagination: where blocks are cut, what each piece keeps, how budgets are set."""

from __future__ import annotations

import re

import pytest

from slidegen.config import Screen
from slidegen.model import Layout
from slidegen.paginate import Pager
from slidegen.paginate.blocks import Typesetter
from slidegen.paginate.runs import Kind, Run, Style
from slidegen.paginate.tree import Element, Text, parse, serialise, text_content
from slidegen.text import to_html
from tests.paginate_support import pager, paragraph, reading_text, sentence, stress_decks

LANDSCAPE = (Screen(width=1920, height=1080),)
PORTRAIT = (Screen(width=1080, height=1920),)


def _pages(
    text: str, layout: Layout = Layout.TEXT, screens=LANDSCAPE, title: str = "T"
) -> list[str]:
    return pager(screens).paginate(to_html(text).html, title, layout).parts


def _estimate(p: Pager, html: str) -> list[float]:
    ts = Typesetter(p.metrics.text, p.advances)
    return [ts.flow_height(parse(html), w) for w in p.budget(Layout.TEXT, "T", True).widths]


def _fits(p: Pager, html: str, layout: Layout = Layout.TEXT, first: bool = True) -> bool:
    budget = p.budget(layout if first else Layout.TEXT, "T", True)
    ts = Typesetter(p.metrics.text, p.advances)
    return ts.fits(parse(html), budget.widths, budget.heights)


# ---- the tree ------------------------------------------------------------------------------


def test_tree_round_trip_keeps_text_and_escapes() -> None:
    """Parsing and writing back keeps every character; markup in text stays text."""
    html = '<p>a &lt;b&gt; &amp; «c»<br>\nd <a href="https://x.kz/?a=1&amp;b=2">e</a></p>'
    nodes = parse(html)
    assert serialise(nodes) == html
    assert text_content(nodes) == "a <b> & «c»\nd e"


def test_tree_closes_unclosed_elements() -> None:
    """A missing end tag is closed at the end, never dropped."""
    assert serialise(parse("<ul><li>one<li>two")) == "<ul><li>one<li>two</li></li></ul>"


# ---- runs: tokens, sentences, line breaking ------------------------------------------------


def _run(html: str) -> Run:
    p = pager()
    return Run(parse(html), Style(), p.advances)


def test_tokens_break_at_spaces_and_mark_sentences() -> None:
    """Gaps after a full stop before a capital are sentence ends; initials are not."""
    run = _run("Мемлекет басшысы Н.Ә. Назарбаев келді. Жоба басталды")
    words = [run.text_of(i) for i in range(len(run.tokens))]
    assert words == ["Мемлекет", "басшысы", "Н.Ә.", "Назарбаев", "келді.", "Жоба", "басталды"]
    kinds = run.kinds
    assert kinds[2] is Kind.WORD  # after the initials
    assert kinds[4] is Kind.SENTENCE
    assert kinds[-1] is None


def test_line_breaks_are_hard_and_cjk_breaks_between_characters() -> None:
    """<br> ends a line; ideographs break anywhere but not before closing punctuation."""
    run = _run("бір<br>екі")
    assert run.kinds == [Kind.LINE, None]
    assert run.lines(100.0)[1] == 2
    cjk = _run("中文。字")
    assert [cjk.text_of(i) for i in range(len(cjk.tokens))] == ["中", "文。", "字"]
    assert cjk.kinds == [Kind.WORD, Kind.SENTENCE, None]


def test_wrap_counts_lines_like_a_browser() -> None:
    """Words wrap at the width; a word wider than a line breaks anywhere; a final <br> adds none."""
    run = _run("аааа " * 10 + "<br>")
    per_word = run.tokens[0].word + run.tokens[0].space
    assert run.lines(per_word * 5 + 0.01)[1] == 2
    assert run.lines(per_word * 10)[1] == 1
    long_word = _run("x" * 100)
    assert long_word.lines(10.0)[1] >= 100 * long_word.tokens[0].word / 100 / 10


# ---- pagination ----------------------------------------------------------------------------


def test_short_text_stays_one_slide_untouched() -> None:
    """Text that fits is not re-serialised."""
    html = to_html("Қысқа мәтін &amp; «тырнақша»").html
    pages = pager().paginate(html, "T", Layout.TEXT)
    assert pages.parts == [html]
    assert pages.crowded == []


def test_paragraphs_are_cut_between_paragraphs() -> None:
    """Many two-line paragraphs: every slide holds whole paragraphs, in order, nothing lost."""
    text = "\n\n".join(sentence(i, 14) for i in range(40))
    parts = _pages(text)
    assert len(parts) > 1
    originals = re.findall(r"<p>.*?</p>", to_html(text).html, re.S)
    pieces = [p for part in parts for p in re.findall(r"<p>.*?</p>", part, re.S)]
    assert pieces == originals
    p = pager(LANDSCAPE)
    assert all(_fits(p, part) for part in parts)


def test_slides_are_evened_out() -> None:
    """No slide is left nearly empty: the fullest and emptiest differ by less than half."""
    text = "\n\n".join(sentence(i, 14) for i in range(40))
    p = pager(LANDSCAPE)
    heights = [_estimate(p, part)[0] for part in _pages(text)]
    assert min(heights) > 0.5 * max(heights), heights


def test_a_long_paragraph_is_cut_at_a_sentence_without_orphans() -> None:
    """One paragraph far longer than a slide: cuts fall after a sentence, two lines each side."""
    text = paragraph(1, 60)
    parts = _pages(text)
    assert len(parts) >= 2
    assert reading_text(" ".join(parts)) == reading_text(to_html(text).html)
    for part in parts[:-1]:
        assert text_content(parse(part)).rstrip().endswith("."), part[-80:]
    p = pager(LANDSCAPE)
    width = p.budget(Layout.TEXT, "T", True).widths[0]
    for part in parts:
        assert Run(parse(part)[0].children, Style(), p.advances).lines(width)[1] >= 2


def test_br_lines_are_cut_at_line_breaks() -> None:
    """Pasted articles are one <p> with <br> lines: slides end at a line break."""
    text = "\n".join(paragraph(i, 3) for i in range(30))
    html = to_html(text).html
    assert html.count("<p>") == 1
    parts = _pages(text)
    assert len(parts) > 1
    lines = [reading_text(x) for x in re.split(r"<br>", html)]
    for part in parts:
        first_line = reading_text(part.split("<br>")[0])
        assert first_line in lines, first_line[:60]
    assert reading_text(" ".join(parts)) == reading_text(html)


def test_lead_in_stays_with_its_list() -> None:
    """A paragraph ending in a colon is never the last thing on a slide."""
    text = (
        "\n\n".join(sentence(i, 12) for i in range(11))
        + "\n\nЖоба:\n\n"
        + "\n".join(f"- {sentence(i, 10)}" for i in range(12))
    )
    parts = _pages(text)
    assert len(parts) > 1
    for part in parts[:-1]:
        assert not text_content(parse(part)).rstrip().endswith(":")


def test_heading_is_never_last_on_a_slide() -> None:
    """A heading goes to the slide of the text under it."""
    text = "\n\n".join(f"### Бөлім {i}\n\n{paragraph(i, 3)}" for i in range(12))
    parts = _pages(text)
    assert len(parts) > 1
    for part in parts:
        last = [n for n in parse(part) if isinstance(n, Element)][-1]
        assert last.tag != "h3", part[-100:]


def test_continued_ordered_list_keeps_numbering() -> None:
    """A 40-item numbered list: each continued list starts at its first item's number."""
    text = "\n".join(f"{i + 1}.\t{sentence(i, 8)}" for i in range(40))
    parts = _pages(text)
    assert len(parts) > 1
    expected = 1
    for part in parts:
        lists = [n for n in parse(part) if isinstance(n, Element) and n.tag == "ol"]
        assert len(lists) == 1
        start = int(lists[0].attr("start") or 1)
        assert start == expected
        items = [c for c in lists[0].children if isinstance(c, Element)]
        expected = start + len(items) - (1 if "sg-cont" in (items[-1].attr("class") or "") else 0)
        first_class = items[0].attr("class") or ""
        assert ("sg-cont" in first_class) == (part is not parts[0] and "sg-cont" in first_class)
    assert reading_text(" ".join(parts)) == reading_text(to_html(text).html)


def test_header_row_is_repeated_and_marked() -> None:
    """A table with a header row: every continued piece repeats it, marked sg-repeat."""
    text = "| № | Атауы |\n|---|---|\n" + "\n".join(
        f"| {i} | {sentence(i, 6)} |" for i in range(50)
    )
    parts = _pages(text)
    assert len(parts) > 1
    assert "<thead>" in parts[0] and "sg-repeat" not in parts[0]
    for part in parts[1:]:
        assert '<thead class="sg-repeat">' in part
    rows = sum(part.count("<tr>") for part in parts)
    assert rows == 51 + len(parts) - 1  # header + 50 rows, header repeated
    assert reading_text(" ".join(parts)) == reading_text(to_html(text).html)


def test_key_value_table_continues_without_a_header() -> None:
    """Word-paste tables have row keys, no header: pieces just continue the rows."""
    text = "\n".join(f"Кілт {i}\t{sentence(i, 7)}" for i in range(60))
    html = to_html(text).html
    assert 'scope="row"' in html and "<thead" not in html
    parts = _pages(text)
    assert len(parts) > 1
    assert all("sg-repeat" not in part for part in parts)
    assert sum(part.count("<tr") for part in parts) == 60
    assert reading_text(" ".join(parts)) == reading_text(html)


def test_a_tall_row_is_cut_inside_its_cell_and_repeats_the_key() -> None:
    """One row taller than a slide: its value is cut, the key cell shows again, marked."""
    text = "Негіздеме\t" + " ".join(paragraph(i, 3) for i in range(8))
    parts = _pages(text)
    assert len(parts) > 1
    assert parts[0].count('<th scope="row">Негіздеме</th>') == 1
    for part in parts[1:]:
        assert '<th scope="row" class="sg-repeat">Негіздеме</th>' in part
    assert reading_text(" ".join(parts)) == reading_text(to_html(text).html)


def test_an_unbreakable_url_is_cut_and_reported() -> None:
    """A 2,000-character link: cut at its punctuation across slides, and said so."""
    url = "https://example.kz/" + "/".join(f"section{i:04d}" for i in range(180))
    pages = pager().paginate(to_html(url[:2000]).html, "T", Layout.TEXT)
    assert len(pages.parts) > 1
    assert pages.forced > 0
    assert pages.overfull == {}
    assert all(reading_text(p)[-1] in "/-._?=&#0123456789" for p in pages.parts[:-1])


def test_cjk_line_is_cut_between_characters_without_forcing() -> None:
    """2,000 ideographs without spaces are broken between characters, a normal break there."""
    pages = pager().paginate(to_html("中文字符" * 500).html, "T", Layout.TEXT)
    assert len(pages.parts) > 1
    assert pages.forced == 0 and pages.overfull == {}
    assert "".join(reading_text(p) for p in pages.parts) == "中文字符" * 500


def test_image_layout_text_is_not_paginated() -> None:
    """The image layout shows no text, so there is nothing to split."""
    html = to_html(paragraph(1, 80)).html
    assert pager().paginate(html, "T", Layout.IMAGE).parts == [html]


def test_video_and_map_continue_as_text() -> None:
    """A long caption: the first slide keeps the video, the rest are plain text slides."""
    text = paragraph(2, 40)
    p = pager()
    for layout in (Layout.VIDEO, Layout.MAP, Layout.COVER):
        pages = p.paginate(to_html(text).html, "T", layout)
        assert len(pages.parts) > 1
        assert pages.layouts[0] is layout
        assert set(pages.layouts[1:]) == {Layout.TEXT}
    image = p.paginate(to_html(text).html, "T", Layout.TEXT_IMAGE)
    assert set(image.layouts) == {Layout.TEXT_IMAGE}


def test_budget_follows_layout_orientation_and_theme_option() -> None:
    """Narrower columns, portrait screens and bigger text each change the budget."""
    text = "\n\n".join(paragraph(i, 4) for i in range(12))
    plain = len(_pages(text))
    assert len(_pages(text, Layout.TEXT_IMAGE)) > plain
    assert len(_pages(text, Layout.VIDEO)) > plain
    assert len(_pages(text, screens=PORTRAIT)) < plain
    bigger = pager(LANDSCAPE, {"base-size": "3.6"}).paginate(to_html(text).html, "T", Layout.TEXT)
    assert len(bigger.parts) > plain


def test_every_screen_is_satisfied_at_once() -> None:
    """With a landscape and a portrait screen, each slide fits both."""
    p = pager((LANDSCAPE[0], PORTRAIT[0]))
    for name, deck in stress_decks().items():
        block = deck["content"][0]  # type: ignore[index]
        layout = Layout(block["block"])
        pages = p.paginate(to_html(block["text"]).html, block["title"], layout)
        assert pages.overfull == {}, name
        budgets = [p.budget(layout, block["title"], True), p.budget(Layout.TEXT, "x", True)]
        ts = Typesetter(p.metrics.text, p.advances)
        for index, part in enumerate(pages.parts):
            budget = (
                budgets[0] if index == 0 else p.budget(pages.layouts[index], block["title"], True)
            )
            for width, height in zip(budget.widths, budget.heights, strict=True):
                assert ts.flow_height(parse(part), width) <= height + 1e-6, (name, index)


def test_links_leave_room_for_their_qr_codes() -> None:
    """Text with a web link gets less room when the theme shows QR codes for links."""
    text = "\n\n".join(paragraph(i, 4) for i in range(10)) + "\n\nhttps://gov.kz"
    without = pager(LANDSCAPE).paginate(to_html(text).html, "T", Layout.TEXT)
    with_codes = pager(LANDSCAPE, link_codes=True).paginate(to_html(text).html, "T", Layout.TEXT)
    assert len(with_codes.parts) >= len(without.parts)
    assert (
        pager(LANDSCAPE, link_codes=True).budget(Layout.TEXT, "T", True, links=True).heights[0]
        < pager(LANDSCAPE).budget(Layout.TEXT, "T", True).heights[0]
    )


@pytest.mark.parametrize("name", sorted(stress_decks()))
def test_stress_decks_keep_every_word(name: str) -> None:
    """Every stress deck: the words of all slides together are the block's words, in order."""
    block = stress_decks()[name]["content"][0]  # type: ignore[index]
    html = to_html(block["text"]).html
    pages = pager().paginate(html, block["title"], Layout(block["block"]))
    joined = " ".join(reading_text(p) for p in pages.parts)
    if "cjk" in name or "url" in name:
        assert joined.replace(" ", "") == reading_text(html).replace(" ", "")
    else:
        assert joined == reading_text(html)


def test_pieces_are_well_formed() -> None:
    """Every piece parses back to the same HTML: elements are closed and reopened."""
    for deck in stress_decks().values():
        block = deck["content"][0]  # type: ignore[index]
        pages = pager().paginate(to_html(block["text"]).html, "T", Layout(block["block"]))
        for part in pages.parts:
            assert serialise(parse(part)) == part


def test_text_nodes_are_split_not_duplicated() -> None:
    """A split inside inline markup closes it in one piece and reopens it in the next."""
    words = " ".join(f"<strong>{w}</strong> {w}" for w in (sentence(i, 4) for i in range(200)))
    html = f"<p>{words}</p>"
    parts = pager().paginate(html, "T", Layout.TEXT).parts
    assert len(parts) > 1
    assert reading_text(" ".join(parts)) == reading_text(html)
    assert all(part.startswith("<p>") and part.endswith("</p>") for part in parts)
    assert Text("x") == Text("x")


def test_preformatted_lines_and_no_break_spaces() -> None:
    """In <pre> each newline ends a line and leading spaces count; a no-break space joins."""
    p = pager()
    run = Run(parse("  a b\nc"), Style(mono=True), p.advances, pre=True)
    assert [run.text_of(i) for i in range(len(run.tokens))] == ["a", "b", "c"]
    assert run.kinds == [Kind.WORD, Kind.LINE, None]
    assert run.tokens[0].word == pytest.approx(3 * p.metrics.text.mono)
    assert run.flat[run.tokens[1].end - 1] == "\n"
    joined = _run("№\u00a05 және 6")
    assert [joined.text_of(i) for i in range(len(joined.tokens))] == ["№\u00a05", "және", "6"]


def test_mail_and_phone_links_leave_room_like_web_links() -> None:
    """QR codes are drawn for mailto:/tel: links too, so their room is reserved the same way."""
    pagers = pager(LANDSCAPE), pager(LANDSCAPE, link_codes=True)
    for count in range(1, 40):
        body = "\n\n".join(paragraph(i, 2) for i in range(count))
        web = to_html(body + "\n\n[gov](https://gov.kz)").html
        if (
            len(pagers[0].paginate(web, "T", Layout.TEXT).parts)
            == 1
            < len(pagers[1].paginate(web, "T", Layout.TEXT).parts)
        ):
            break
    else:
        pytest.fail("no text length sits between the two budgets")
    for link in ("[mail](mailto:press@gov.kz)", "[call](tel:+77172000000)"):
        html = to_html(body + "\n\n" + link).html
        assert len(pagers[1].paginate(html, "T", Layout.TEXT).parts) > 1, link
