"""Properties of parse_json: injected faults are repaired exactly and text never changes."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from random import Random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slidegen.decode import decode_bytes
from slidegen.diagnostics import Report, Severity
from slidegen.repair import parse_json

FILE = "content/deck.json"
FRAGMENTS = [
    '"',
    "'",
    "\\",
    "//",
    "/*",
    "*/",
    "\n",
    "\t",
    "\r",
    "\r\n",
    " ",
    ",",
    ":",
    "}",
    "]",
    "{",
    "Әә",
    "Ғғ",
    "Ққ",
    "Ңң",
    "Өө",
    "Ұұ",
    "Үү",
    "Һһ",
    "Іі",
    "😀",
    "“",
    "”",
    "„",
    "«",
    "»",
    "’",
    "\x01",
    "\x08",
    "\x0c",
    "\u2028",
    "\u00a0",
    "\ufeff",
    "C:\\new",
    "it's",
]
QUOTE_STARTS = "\"'“”„"
BARE_KEY = re.compile(r"[^\W0-9][\w$-]*")
TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[ \t\r\n]+|[^{}\[\],:\s"]+', re.S)
PIECE = re.compile(r"\\u[0-9a-fA-F]{4}|\\.|.", re.S)
RAW = {"\\n": "\n", "\\r": "\r", "\\t": "\t", "\\b": "\x08", "\\f": "\x0c"}

texts = st.lists(st.sampled_from(FRAGMENTS) | st.characters(codec="utf-8"), max_size=12).map(
    "".join
)
keys = texts | st.from_regex(r"[a-zа-я_][a-z0-9_әі-]{0,8}", fullmatch=True)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)
containers = st.lists(values, max_size=4) | st.dictionaries(keys, values, max_size=4)
layouts = st.sampled_from(
    [
        {"indent": None},
        {"indent": None, "separators": (",", ":")},
        {"indent": 0},
        {"indent": 2},
        {"indent": 4},
        {"indent": "\t"},
    ]
)


def _dumps(value: Any, layout: dict[str, Any]) -> str:
    """Serialise like a person's editor might have."""
    return json.dumps(value, ensure_ascii=False, **layout)


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column; CRLF, CR and LF each end a line (nothing else does)."""
    line, start, i = 1, 0, 0
    while i < offset:
        if text[i] == "\r" and text[i + 1 : i + 2] == "\n":
            i += 1
        if text[i] in "\r\n":
            line, start = line + 1, i + 1
        i += 1
    return line, offset - start + 1


@dataclass
class _Faulty:
    """A document with faults injected and the diagnostics they must produce."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    expected: list[tuple[str, int]] = field(default_factory=list)

    def emit(self, piece: str, code: str | None = None, at: int = 0) -> None:
        """Append source text, expecting `code` at offset `at` within it."""
        if code is not None:
            self.expected.append((code, self.length + at))
        self.parts.append(piece)
        self.length += len(piece)

    @property
    def text(self) -> str:
        """The faulty document."""
        return "".join(self.parts)

    def diagnostics(self) -> list[tuple[str, int, int]]:
        """Expected (code, line, column), sorted."""
        text = self.text
        return sorted((code, *_position(text, offset)) for code, offset in self.expected)


def _next_token(tokens: list[str], index: int) -> int | None:
    """Index of the first non-space token after `index`."""
    return next((i for i in range(index + 1, len(tokens)) if not tokens[i].isspace()), None)


def _is_key(tokens: list[str], index: int) -> bool:
    """Is the string token at `index` followed by ':'?"""
    following = _next_token(tokens, index)
    return following is not None and tokens[following] == ":"


def _raw_pieces(body: str, rnd: Random) -> list[tuple[str, str | None]]:
    """Split a JSON string body into pieces, turning some escapes into raw characters."""
    pieces: list[tuple[str, str | None]] = []
    for piece in PIECE.findall(body):
        raw = RAW.get(piece)
        if raw is None and piece.startswith("\\u00") and int(piece[2:], 16) < 0x20:
            raw = chr(int(piece[2:], 16))
        if raw is None or rnd.random() < 0.4:
            pieces.append((piece, None))
        elif raw in "\r\n":
            continued = raw == "\n" and bool(pieces) and pieces[-1][0] == "\r"
            pieces.append((raw, None if continued else "raw-newline"))
        else:
            pieces.append((raw, "raw-tab" if raw == "\t" else "control-char"))
    return pieces


def _is_blank(piece: str) -> bool:
    """Blanks the delimiter rule skips: any space but a line break, and invisible spaces."""
    return (piece.isspace() and piece not in "\r\n") or piece in "\u200b\u2060\ufeff"


def _closes_early(pieces: list[tuple[str, str | None]], k: int) -> bool:
    """Would the parser's '/smart delimiter rule end (or refuse) the string at piece k?"""
    j = k + 1
    while j < len(pieces) and _is_blank(pieces[j][0]):
        j += 1
    if j == len(pieces):
        return True
    nxt = pieces[j][0]
    if nxt[0] in ",:}]\r\n" or nxt[0] in QUOTE_STARTS:
        return True
    return nxt == "/" and j + 1 < len(pieces) and pieces[j + 1][0] in ("/", "*")


def _requote(
    pieces: list[tuple[str, str | None]], style: str, rnd: Random
) -> list[tuple[str, str | None]]:
    """Adapt a body to '…' or “…” delimiters, escaping only where the rule demands."""
    out = [(('"', tag) if p == '\\"' and rnd.random() < 0.5 else (p, tag)) for p, tag in pieces]
    closers = "'" if style == "single" else "“”"
    for k in range(len(out) - 1, -1, -1):
        piece, tag = out[k]
        if piece not in closers or not (_closes_early(out, k) or rnd.random() < 0.2):
            continue
        out[k] = ("\\'" if style == "single" else f"\\u{ord(piece):04x}", tag)
    return out


def _comment(rnd: Random, faulty: _Faulty) -> None:
    """Maybe emit a // or /* */ comment between tokens."""
    if rnd.random() >= 0.15:
        return
    body = "".join(rnd.choice([*FRAGMENTS, "note", "*", "/"]) for _ in range(rnd.randrange(4)))
    if rnd.random() < 0.5:
        faulty.emit("/*" + body.replace("*/", "* /") + "*/", "comment")
    else:
        faulty.emit("//" + re.sub(r"[\r\n]", " ", body) + "\n", "comment")


def _may_drop_comma(tokens: list[str], index: int, prev: str, styles: dict[int, str]) -> bool:
    """Can the comma at `index` go without the neighbours becoming ambiguous?"""
    rest = tokens[index + 1 :]
    if rest and rest[0].isspace() and "\n" in rest[0]:
        return True
    if prev in ("scalar", "close"):
        return True
    following = _next_token(tokens, index)
    return prev == "double" and styles.get(following or -1) in ("double", "single", "smart")


def inject_faults(doc: str, rnd: Random) -> _Faulty:
    """Inject faults at structural places only, recording the diagnostics they must cause."""
    tokens = TOKEN.findall(doc)
    assert "".join(tokens) == doc
    faulty = _Faulty()
    if rnd.random() < 0.1:
        faulty.emit("\ufeff", "bom")
    prev, value_end = "open", 0
    styles = {
        i: _pick_style(json.loads(t), _is_key(tokens, i), rnd)
        for i, t in enumerate(tokens)
        if t.startswith('"')
    }
    for index, token in enumerate(tokens):
        if token.isspace():
            faulty.emit(token)
        elif token == ",":
            if _may_drop_comma(tokens, index, prev, styles) and rnd.random() < 0.3:
                faulty.emit(" ")
                faulty.expected.append(("missing-comma", value_end))
                continue
            faulty.emit(",")
            _comment(rnd, faulty)
        elif token in "}]":
            if prev not in ("open",) and rnd.random() < 0.3:
                faulty.emit(",", "trailing-comma")
            _comment(rnd, faulty)
            faulty.emit(token)
            prev, value_end = "close", faulty.length
        elif token in "{[:":
            faulty.emit(token)
            _comment(rnd, faulty)
            prev = "open" if token != ":" else prev
        elif token.startswith('"'):
            prev = _emit_styled(token, styles[index], rnd, faulty)
            value_end = faulty.length
        else:
            faulty.emit(token)
            prev, value_end = "scalar", faulty.length
    return faulty


def _pick_style(decoded: str, is_key: bool, rnd: Random) -> str:
    """Choose how a string will be quoted."""
    if is_key and BARE_KEY.fullmatch(decoded) and rnd.random() < 0.3:
        return "bare"
    return rnd.choice(["double", "double", "single", "smart"])


def _emit_styled(token: str, style: str, rnd: Random, faulty: _Faulty) -> str:
    """Emit a string token in the style decided for it."""
    if style == "bare":
        faulty.emit(json.loads(token), "unquoted-key")
        return "bare"
    pieces = _raw_pieces(token[1:-1], rnd)
    opener, closer = '"', '"'
    if style == "single":
        opener = closer = "'"
    elif style == "smart":
        opener, closer = rnd.choice([("“", "”"), ("„", "“"), ("”", "”")])
    code = {"single": "single-quote", "smart": "smart-quote"}.get(style)
    faulty.emit(opener, code)
    if style != "double":
        pieces = _requote(pieces, style, rnd)
    seen: set[str] = set()
    for piece, tag in pieces:
        faulty.emit(piece, tag if tag is not None and tag not in seen else None)
        if tag is not None:
            seen.add(tag)
    faulty.emit(closer)
    return style


def _parse(text: str) -> tuple[Any, Report]:
    """Parse and return (result, report)."""
    report = Report()
    return parse_json(text, FILE, report), report


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=values, layout=layouts, seed=st.integers(min_value=0, max_value=2**32))
def test_injected_faults_are_repaired_exactly(
    value: Any, layout: dict[str, Any], seed: int
) -> None:
    doc = _dumps(value, layout)
    faulty = inject_faults(doc, Random(seed))
    result, report = _parse(faulty.text)
    assert result is not None, [d.format() for d in report]
    assert result.value == value
    assert json.dumps(result.value, ensure_ascii=False) == json.dumps(value, ensure_ascii=False)
    found = sorted((d.code, d.line, d.column) for d in report)
    assert found == faulty.diagnostics()
    assert all(d.severity is Severity.WARNING for d in report)
    assert result.repaired == bool(faulty.expected)


@settings(max_examples=200, deadline=None)
@given(value=values, layout=layouts)
def test_valid_json_is_read_exactly_without_diagnostics(value: Any, layout: dict[str, Any]) -> None:
    doc = _dumps(value, layout)
    result, report = _parse(doc)
    assert list(report) == []
    assert result is not None
    assert json.dumps(result.value, ensure_ascii=False) == json.dumps(
        json.loads(doc), ensure_ascii=False
    )


@settings(max_examples=200, deadline=None)
@given(
    value=containers, layout=layouts, seed=st.integers(min_value=0, max_value=2**32), data=st.data()
)
def test_truncation_never_yields_a_different_value(
    value: Any, layout: dict[str, Any], seed: int, data: st.DataObject
) -> None:
    doc = _dumps(value, layout)
    if data.draw(st.booleans(), label="faulty"):
        doc = inject_faults(doc, Random(seed)).text
    cut = data.draw(st.integers(min_value=0, max_value=len(doc)), label="cut")
    result, report = _parse(doc[:cut])
    if result is None:
        assert report.errors >= 1
    else:
        assert result.value == value
    assert "internal-error" not in {d.code for d in report}
    assert "repair-verify" not in {d.code for d in report}


JSONISH = st.lists(
    st.sampled_from([*FRAGMENTS, "true", "null", "1", "-", "0", "e", "\\u", "'", "a:"])
    | st.characters(codec="utf-8"),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=st.text(max_size=60) | JSONISH)
def test_arbitrary_text_never_raises(text: str) -> None:
    result, report = _parse(text)
    codes = {d.code for d in report}
    assert "internal-error" not in codes
    assert "repair-verify" not in codes
    if result is None:
        assert report.errors >= 1
    else:
        assert report.errors == 0
        assert json.loads(json.dumps(result.value)) == result.value


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=80))
def test_decode_bytes_never_raises_or_invents_text(data: bytes) -> None:
    report = Report()
    text = decode_bytes(data, FILE, report)
    if text is None:
        assert report.errors == 1
    elif not any(d.code == "encoding" for d in report):
        assert text.encode("utf-8") in (data, data.removeprefix(b"\xef\xbb\xbf"))
