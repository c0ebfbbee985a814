"""Inline text flattened for line breaking: tokens, line counts at a width, and where to cut."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from enum import IntEnum

from slidegen.metrics import TextMetrics
from slidegen.paginate.tree import Element, Node, Text

BR = "\x00"  # stands for <br> in a run's flat text; HTML text never holds NUL
_CLOSING = frozenset("、。，．！？：；）」』】〕〉》〙〗〛｝］’”»)]}!?.,:;%")
_OPENING = frozenset("（「『【〔〈《〘〖〚｛［‘“«([{")
_SENTENCE_END = re.compile(r"[.!?…。！？][»\"”’)\]]*$")
_SENTENCE_END_CJK = re.compile(r"[。！？]$")
_INITIAL = re.compile(r"^(?:\w\.)+$")
_STARTS_SENTENCE = re.compile(r"^[«\"“„'(\[—–-]*[\d\W]*[^\W\d_]", re.UNICODE)
_URL_BREAK = frozenset("/?&=#-_.,;:~+")
# Breakable white space; no-break spaces (U+00A0, U+2007, U+202F) belong to words.
_SPACES = " \t\n\r\f\v\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000"
_WORD = re.compile(f"[^{_SPACES}\x00]+")
_LINE = re.compile("([^\x00]*)(\x00?)")
_PRE_LINE = re.compile("([^\x00\n]*)([\x00\n]?)")
_BOLD_TAGS = frozenset({"b", "strong", "th", "dt"})
_SMALL_TAGS = frozenset({"sup", "sub"})
_MONO_TAGS = frozenset({"code", "pre"})


MIN_LINES = 2


class Kind(IntEnum):
    """Kinds of place a slide may end, best first."""

    BLOCK = 0  # between paragraphs, headings, tables, quotes
    ITEM = 1  # between list items or table rows
    LINE = 2  # at a line break inside a paragraph
    SENTENCE = 3
    WORD = 4
    FORCED = 5  # inside a word longer than a whole slide


@dataclass(frozen=True, slots=True)
class Style:
    """How a stretch of text is drawn, as far as its width is concerned."""

    scale: float = 1.0
    bold: bool = False
    mono: bool = False


@dataclass(frozen=True, slots=True)
class Token:
    """A word with the spaces after it; a line may break only between tokens."""

    start: int
    word_end: int
    end: int
    word: float
    space: float
    hard: bool


class Advances:
    """Character advances in em from a theme's measured averages."""

    def __init__(self, text: TextMetrics) -> None:
        self.metrics = text
        self._cache: dict[str, float] = {}
        self._tables: dict[Style, dict[str, float]] = {}

    def base(self, ch: str) -> float:
        """Advance of one character in regular weight at 1em."""
        found = self._cache.get(ch)
        if found is None:
            found = self._cache[ch] = self._classify(ch)
        return found

    def _classify(self, ch: str) -> float:
        m = self.metrics
        if is_wide(ch):
            return m.wide
        if ch.isspace():
            return m.space
        category = unicodedata.category(ch)
        if category in ("Mn", "Me", "Cf"):
            return 0.0
        if ch.isdigit():
            return m.digit
        if ch.isupper():
            return m.upper
        if ch.isalpha():
            return m.lower
        return m.punct

    def width(self, ch: str, style: Style) -> float:
        """Advance of a character in a style."""
        if style.mono and not is_wide(ch):
            advance = self.metrics.mono
        else:
            advance = self.base(ch) * (self.metrics.bold if style.bold else 1.0)
        return advance * style.scale

    def table(self, style: Style) -> dict[str, float]:
        """A lookup table of advances in one style, filled as characters are met."""
        found = self._tables.get(style)
        if found is None:
            found = self._tables[style] = _Table(self, style)
        return found


class _Table(dict[str, float]):
    """Advances of characters in one style; a missing character is measured once."""

    def __init__(self, advances: Advances, style: Style) -> None:
        super().__init__()
        self.advances = advances
        self.style = style

    def __missing__(self, ch: str) -> float:
        value = self[ch] = self.advances.width(ch, self.style)
        return value


def is_wide(ch: str) -> bool:
    """CJK and fullwidth characters: a square each, and a line may break between them."""
    return ch >= "\u1100" and unicodedata.east_asian_width(ch) in ("W", "F")


def units(node: Node) -> int:
    """Length of a node in run offsets: one per character and one per <br>."""
    if isinstance(node, Text):
        return len(node.text)
    if node.tag == "br":
        return 1
    return sum(units(child) for child in node.children)


def split_inline(nodes: tuple[Node, ...], offset: int) -> tuple[tuple[Node, ...], tuple[Node, ...]]:
    """Cut inline nodes at a run offset; elements cut through are closed and reopened."""
    head: list[Node] = []
    pos = 0
    for index, node in enumerate(nodes):
        size = units(node)
        if pos + size <= offset:
            head.append(node)
            pos += size
            continue
        if pos >= offset:
            return tuple(head), nodes[index:]
        if isinstance(node, Text):
            head.append(Text(node.text[: offset - pos]))
            tail_first: Node = Text(node.text[offset - pos :])
        else:
            inner_head, inner_tail = split_inline(node.children, offset - pos)
            head.append(node.with_children(inner_head))
            tail_first = node.with_children(inner_tail)
        return tuple(head), (tail_first, *nodes[index + 1 :])
    return tuple(head), ()


class Run:
    """The inline content of one paragraph-like box, tokenised once for every width."""

    def __init__(
        self, nodes: tuple[Node, ...], style: Style, advances: Advances, pre: bool = False
    ) -> None:
        self.nodes = nodes
        self.pre = pre
        self.advances = advances
        chars: list[str] = []
        widths: list[float] = []
        _flatten(nodes, style, advances, chars, widths)
        self.flat = "".join(chars)
        self.widths = widths
        self.tokens = self._tokenise()
        self._kinds: list[Kind | None] | None = None
        self._lines: dict[float, tuple[list[int], int]] = {}
        self._starts: list[int] | None = None

    def _tokenise(self) -> list[Token]:
        """Tokens from the flat text, a line (up to a <br>, or a newline in <pre>) at a time."""
        tokens: list[Token] = []
        flat = self.flat
        ends_line = _PRE_LINE if self.pre else _LINE
        for line in ends_line.finditer(flat):
            base, stop = line.start(1), line.end(1)
            if base == stop and not line.group(2):
                continue  # the empty match at the very end
            hard = bool(line.group(2))
            # A <br> is not part of either token; a newline in <pre> stays with its line.
            close = line.end(2) if line.group(2) == "\n" else stop
            words = list(_WORD.finditer(flat, base, stop))
            if not words:
                tokens.append(Token(base, base, close, 0.0, 0.0, hard))
                continue
            for number, word in enumerate(words):
                first = number == 0
                last = number == len(words) - 1
                start = base if first else word.start()
                # Spaces at a line start collapse, except in preformatted text.
                lead = self.pre and first
                end = close if last else words[number + 1].start()
                self._add_word(tokens, start, word.start(), word.end(), end, last and hard, lead)
        return tokens

    def _add_word(
        self,
        tokens: list[Token],
        start: int,
        begin: int,
        finish: int,
        end: int,
        hard: bool,
        lead: bool,
    ) -> None:
        """One word as a token, or several when ideographs may break between characters."""
        widths, flat = self.widths, self.flat
        word = flat[begin:finish]
        space = sum(widths[finish:end])
        if max(word) < "\u1100" or not any(is_wide(ch) for ch in word):
            width = sum(widths[start if lead else begin : finish])
            tokens.append(Token(start, finish, end, width, space, hard))
            return
        cuts = [begin]
        for index in range(begin + 1, finish):
            ch, before = flat[index], flat[index - 1]
            if (is_wide(ch) or is_wide(before)) and ch not in _CLOSING and before not in _OPENING:
                cuts.append(index)
        cuts.append(finish)
        for number in range(len(cuts) - 1):
            a, b = cuts[number], cuts[number + 1]
            final = b == finish
            tokens.append(
                Token(
                    start if number == 0 else a,
                    b,
                    end if final else b,
                    sum(widths[a:b]),
                    space if final else 0.0,
                    hard and final,
                )
            )

    @property
    def kinds(self) -> list[Kind | None]:
        """What kind of break each gap after a token is; None after the last."""
        if self._kinds is None:
            tokens = self.tokens
            kinds: list[Kind | None] = []
            for index, tok in enumerate(tokens):
                if index == len(tokens) - 1:
                    kinds.append(None)
                elif tok.hard:
                    kinds.append(Kind.LINE)
                else:
                    following = self.text_of(index + 1)
                    ends = _ends_sentence(self.text_of(index), following)
                    kinds.append(Kind.SENTENCE if ends else Kind.WORD)
            self._kinds = kinds
        return self._kinds

    def text_of(self, index: int) -> str:
        """The word of one token."""
        tok = self.tokens[index]
        return self.flat[tok.start : tok.word_end].lstrip()

    def lines(self, width: float) -> tuple[list[int], int]:
        """For each token the line its word ends on, and the number of lines, at a width."""
        found = self._lines.get(width)
        if found is None:
            found = self._lines[width] = wrap(self.tokens, width)
        return found

    def pieces(self, index: int, head: tuple[Node, ...], tail: tuple[Node, ...]) -> tuple[Run, Run]:
        """The runs of the two pieces of a cut after token `index`, without tokenising again."""
        shift = self.tokens[index + 1].start
        last = self.tokens[index]
        head_tokens = [*self.tokens[:index], replace(last, hard=False)]
        tail_tokens = [
            Token(t.start - shift, t.word_end - shift, t.end - shift, t.word, t.space, t.hard)
            for t in self.tokens[index + 1 :]
        ]
        return (
            self._derived(head, self.flat[: last.end], self.widths[: last.end], head_tokens),
            self._derived(tail, self.flat[shift:], self.widths[shift:], tail_tokens),
        )

    def _derived(
        self, nodes: tuple[Node, ...], flat: str, widths: list[float], tokens: list[Token]
    ) -> Run:
        run = Run.__new__(Run)
        run.nodes, run.pre, run.advances = nodes, self.pre, self.advances
        run.flat, run.widths, run.tokens = flat, widths, tokens
        run._kinds, run._lines, run._starts = None, {}, None
        return run

    def cut_after(self, index: int) -> tuple[tuple[Node, ...], tuple[Node, ...]]:
        """Nodes before and after the gap following token `index`; a <br> there is dropped."""
        offset = self.tokens[index].end
        head, tail = split_inline(self.nodes, offset)
        if offset < len(self.flat) and self.flat[offset] == BR:
            tail = split_inline(tail, 1)[1]
        return head, tail

    def cut_points(
        self, widths: list[float], max_lines: list[int], min_lines: int = MIN_LINES
    ) -> dict[Kind, int]:
        """Furthest token of each useful kind to cut after, so the head fits `max_lines`.

        A cut at a line break parts whole lines. Any other cut leaves at least `min_lines` of
        its line (the text between two breaks) on each side, on every screen: no orphan, no
        widow. A line ending with a colon stays with what follows. A kind is only kept if it is
        better than every kind found further on.
        """
        tokens = self.tokens
        kinds = self.kinds
        per_width = [self.lines(w)[0] for w in widths]
        starts = self._line_starts()
        last = self._last_fitting(per_width, max_lines)
        found: dict[Kind, int] = {}
        best = Kind.FORCED
        for index in range(last, -1, -1):
            kind = kinds[index]
            if kind is None or kind >= best:
                continue
            if kind is Kind.LINE:
                if min_lines > 1 and self.text_of(index).endswith(":"):
                    continue
            else:
                first = starts[index]
                if any(
                    ends[index] - (ends[first - 1] + 1 if first else 0) + 1 < min_lines
                    for ends in per_width
                ):
                    continue
                if any(
                    wrap(tokens, w, index + 1, min_lines, stop_at_break=True)[1] < min_lines
                    for w in widths
                ):
                    continue
            found[kind] = index
            best = kind
            if kind is Kind.LINE:
                break
        return found

    def _line_starts(self) -> list[int]:
        """For each token, the first token after the last hard line break before it."""
        if self._starts is None:
            starts: list[int] = []
            first = 0
            for index, tok in enumerate(self.tokens):
                starts.append(first)
                if tok.hard:
                    first = index + 1
            self._starts = starts
        return self._starts

    def forced_offset(self, widths: list[float], max_lines: list[int]) -> int | None:
        """Where to cut inside an overlong word when nothing better exists, as a run offset."""
        per_width = [self.lines(w)[0] for w in widths]
        index = self._last_fitting(per_width, max_lines) + 1
        if index >= len(self.tokens):
            return None
        tok = self.tokens[index]
        if not any(tok.word > w for w in widths):
            return None
        left = [
            limit - (ends[index - 1] + 1 if index else 0)
            for ends, limit in zip(per_width, max_lines, strict=True)
        ]
        if any(n < 1 for n in left):
            return None
        caps = [max(w - 1.0, w * 0.5) for w in widths]
        prefix = self.prefix_fitting(index, left, caps)
        if prefix < 1 or tok.start + prefix >= tok.word_end:
            return None
        return tok.start + prefix

    def _last_fitting(self, per_width: list[list[int]], max_lines: list[int]) -> int:
        """Index of the last token (but the final one) whose word ends within the limits."""
        lo, hi = -1, len(self.tokens) - 2
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if all(ends[mid] + 1 <= n for ends, n in zip(per_width, max_lines, strict=True)):
                lo = mid
            else:
                hi = mid - 1
        return lo

    def prefix_fitting(self, index: int, lines_before: list[int], caps: list[float]) -> int:
        """Longest prefix (in characters) of token `index` that fits the lines left per width."""
        tok = self.tokens[index]
        limit = tok.word_end - tok.start
        best = 0
        used = 0.0
        for offset in range(limit):
            ch_index = tok.start + offset
            used += self.widths[ch_index]
            if any(
                math.ceil(used / cap) > left for cap, left in zip(caps, lines_before, strict=True)
            ):
                break
            if offset + 1 < limit and unicodedata.category(self.flat[ch_index + 1])[0] == "M":
                continue
            best = offset + 1
        if best <= 1:
            return best
        # Prefer to end at URL punctuation near the limit, so the pieces stay readable.
        window = max(1, best // 5)
        for cut in range(best, best - window, -1):
            if self.flat[tok.start + cut - 1] in _URL_BREAK:
                return cut
        return best


def _ends_sentence(word: str, following: str) -> bool:
    if _SENTENCE_END_CJK.search(word):
        return True
    if not _SENTENCE_END.search(word):
        return False
    if word.endswith(("!", "?", "…")):
        return True
    stem = word.rstrip('»"”’)]')
    if _INITIAL.match(stem) and sum(ch.isalpha() for ch in stem) <= 2:
        return False  # an initial such as "Н." or "Н.Ә."
    return bool(_STARTS_SENTENCE.match(following)) and not following[:1].islower()


def wrap(
    tokens: list[Token],
    width: float,
    start: int = 0,
    limit: int | None = None,
    stop_at_break: bool = False,
) -> tuple[list[int], int]:
    """Greedy line breaking as a browser does it; overlong words break anywhere.

    Stops early once `limit` lines are reached, or at the first hard break if asked to.
    """
    ends: list[int] = []
    line = 0
    x = 0.0
    fresh = True
    cap = max(width - 1.0, width * 0.5)
    for tok in tokens[start:]:
        if tok.word > 0:
            if not fresh and x + tok.word > width:
                line += 1
                x = 0.0
            if tok.word > width:
                extra = math.ceil(tok.word / cap) - 1
                line += extra
                x = tok.word - extra * cap
            else:
                x += tok.word
            fresh = False
        ends.append(line)
        x += tok.space
        if tok.hard:
            if stop_at_break:
                return ends, line + (0 if fresh else 1)
            line += 1
            x = 0.0
            fresh = True
        if limit is not None and line + (0 if fresh else 1) >= limit:
            return ends, line + (0 if fresh else 1)
    return ends, line + (0 if fresh else 1)


def _flatten(
    nodes: tuple[Node, ...],
    style: Style,
    advances: Advances,
    chars: list[str],
    widths: list[float],
) -> None:
    for node in nodes:
        if isinstance(node, Text):
            chars.append(node.text)
            widths.extend(map(advances.table(style).__getitem__, node.text))
        elif node.tag == "br":
            chars.append(BR)
            widths.append(0.0)
        else:
            _flatten(node.children, _child_style(node, style), advances, chars, widths)


def _child_style(element: Element, style: Style) -> Style:
    if element.tag in _BOLD_TAGS:
        return Style(style.scale, True, style.mono)
    if element.tag in _SMALL_TAGS:
        return Style(style.scale * 0.6, style.bold, style.mono)
    if element.tag in _MONO_TAGS:
        return Style(style.scale, style.bold, True)
    return style
