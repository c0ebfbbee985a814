"""Pagination over generated block text: nothing lost, nothing doubled, no word torn."""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from slidegen.config import Screen
from slidegen.model import Layout
from slidegen.paginate.blocks import Typesetter
from slidegen.paginate.bound import surely_fits
from slidegen.paginate.tree import parse, serialise
from slidegen.text import to_html
from tests.paginate_support import pager, reading_text

LETTERS = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяАӘБҒҚҢӨҰҮҺІabcxyz0123456789"
# Small screens make small slides, so short generated texts are split many times.
SMALL = (Screen(width=640, height=400), Screen(width=400, height=640))
PAGER = pager(SMALL)

words = st.text(alphabet=LETTERS, min_size=1, max_size=14)
sentences = st.lists(words, min_size=1, max_size=24).map(lambda w: " ".join(w).capitalize() + ".")
paragraphs = st.lists(sentences, min_size=1, max_size=8).map(" ".join)
br_article = st.lists(paragraphs, min_size=1, max_size=10).map("\n".join)
bullets = st.lists(sentences, min_size=1, max_size=15).map(
    lambda items: "\n".join(f"•\t{s}" for s in items)
)
numbered = st.lists(sentences, min_size=1, max_size=15).map(
    lambda items: "\n".join(f"{i + 1}.\t{s}" for i, s in enumerate(items))
)
key_values = st.lists(st.tuples(words, paragraphs), min_size=1, max_size=12).map(
    lambda rows: "\n".join(f"{k}\t{v}" for k, v in rows)
)
headed = st.tuples(words, paragraphs).map(lambda hp: f"### {hp[0]}\n\n{hp[1]}")
block_text = st.lists(
    st.one_of(paragraphs, br_article, bullets, numbered, key_values, headed), min_size=1, max_size=6
).map("\n\n".join)
layouts = st.sampled_from([Layout.TEXT, Layout.TEXT_IMAGE, Layout.VIDEO, Layout.COVER])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=block_text, layout=layouts)
def test_every_word_once_in_order_and_no_torn_word(text: str, layout: Layout) -> None:
    """The slides' words, read one after another, are exactly the block's words.

    Joining the pieces with a space would tear a word in two if a cut fell inside one, and any
    lost or doubled character would show too; repeated table headers and keys are marked and
    left out of the reading.
    """
    html = to_html(text).html
    pages = PAGER.paginate(html, "Тақырып", layout)
    event(f"{min(len(pages.parts), 5)} slides (5 = 5 or more)")
    assert " ".join(reading_text(part) for part in pages.parts) == reading_text(html)
    assert pages.forced == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=block_text, layout=layouts)
def test_every_slide_fits_and_is_well_formed(text: str, layout: Layout) -> None:
    """Each piece fits its slide on every screen unless reported, and is closed HTML."""
    html = to_html(text).html
    pages = PAGER.paginate(html, "Тақырып", layout)
    ts = Typesetter(PAGER.metrics.text, PAGER.advances)
    for index, part in enumerate(pages.parts):
        assert serialise(parse(part)) == part
        if len(pages.parts) == 1 or index in pages.overfull:
            continue
        budget = PAGER.budget(pages.layouts[index], "Тақырып", True)
        for width, height in zip(budget.widths, budget.heights, strict=True):
            assert ts.flow_height(parse(part), width) <= height + 1e-6


@settings(max_examples=40, deadline=None)
@given(cjk=st.text(alphabet="中文字符测试汉字数据内容显示屏幕。，", min_size=1, max_size=1500))
def test_cjk_is_kept_whole(cjk: str) -> None:
    """Ideographs may be parted anywhere, but never lost or doubled."""
    html = to_html(cjk).html
    pages = PAGER.paginate(html, "中文", Layout.TEXT)
    assert "".join(reading_text(p) for p in pages.parts).replace(" ", "") == reading_text(
        html
    ).replace(" ", "")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=block_text, layout=layouts)
def test_quick_bound_never_says_fits_wrongly(text: str, layout: Layout) -> None:
    """The shortcut that skips measuring short text only ever says "fits" when it does."""
    html = to_html(text).html
    budget = PAGER.budget(layout, "Тақырып", False)
    if surely_fits(html, PAGER.metrics.text, budget.widths, budget.heights):
        ts = Typesetter(PAGER.metrics.text, PAGER.advances)
        for width, height in zip(budget.widths, budget.heights, strict=True):
            assert ts.flow_height(parse(html), width) <= height


def test_quick_bound_lets_short_text_through() -> None:
    """A short paragraph and a short list are not measured at all."""
    budget = PAGER.budget(Layout.TEXT, "Тақырып", False)
    for text in ("Бір сөйлем ғана.", "- бір\n- екі\n- үш"):
        assert surely_fits(to_html(text).html, PAGER.metrics.text, budget.widths, budget.heights)
