"""A tolerant JSON parser that repairs only what cannot change the user's text, and says where."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, NoReturn, TypeVar

from pydantic import BaseModel, ConfigDict

from slidegen.diagnostics import Position, Report, Severity

JsonPath = tuple[str | int, ...]
StringKind = Literal["double", "single", "smart", "bare"]
_T = TypeVar("_T")

MAX_DEPTH = 200
SMART_OPENERS = "“”„"
QUOTE_STARTS = "\"'" + SMART_OPENERS
_CLOSERS: dict[str, str] = {"double": '"', "single": "'", "smart": "“”"}
_PLAIN: dict[str, re.Pattern[str]] = {
    "double": re.compile(r'[^"\\\x00-\x1f]+'),
    "single": re.compile(r"[^'\\\x00-\x1f]+"),
    "smart": re.compile(r"[^“”\\\x00-\x1f]+"),
}
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_NUMBER = re.compile(r"-?([0-9]+)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_IDENT = re.compile(r"[^\W0-9][\w$-]*")
_WORD = re.compile(r"\w+")
_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}
_JSON_SPACE = " \t\r\n"
_INVISIBLE = "\u200b\u2060\ufeff"
_AFTER_TEXT = ",:}]\r\n"
_STRICT_BODY = re.compile(r'\\(.)|"', re.S)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_RAW_CODES = ("raw-newline", "raw-tab", "control-char")


class ParseResult(BaseModel):
    """A parsed JSON value with the source position of every key and value."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    value: Any
    key_positions: dict[JsonPath, Position]
    value_positions: dict[JsonPath, Position]
    repaired: bool


class _Abort(Exception):
    """Stops parsing once an error that forbids a result has been reported."""


class LineIndex:
    """Maps character offsets to 1-based line and column; CRLF, CR and LF each end one line."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def at(self, offset: int) -> Position:
        """Position of the character at `offset`."""
        line = bisect_right(self._starts, offset) - 1
        return Position(line=line + 1, column=offset - self._starts[line] + 1)


@dataclass(frozen=True)
class _Literal:
    """Where one string came from and what it decoded to, for self-verification."""

    start: int
    body_start: int
    body_end: int
    kind: StringKind
    value: str
    path: JsonPath
    is_key: bool


@dataclass
class _RawChars:
    """First offset and count of each kind of raw character inside one string."""

    seen: dict[str, list[int]] = field(default_factory=dict)

    def note(self, code: str, offset: int) -> None:
        """Count one raw character."""
        entry = self.seen.setdefault(code, [offset, 0])
        entry[1] += 1


def parse_json(text: str, file: str, report: Report) -> ParseResult | None:
    """Parse hand-edited JSON, reporting each repair; None if it cannot be read without guessing."""
    parser = _Parser(text)
    try:
        return parser.run()
    except _Abort:
        return None
    except Exception as exc:  # a crash here is our bug; the user still gets a diagnostic
        parser.emit(
            Severity.ERROR,
            "internal-error",
            f"the JSON reader failed unexpectedly ({type(exc).__name__}); please report this file",
            min(parser.pos, len(text)),
        )
        return None
    finally:
        parser.flush(file, report)


class _Parser:
    """Recursive-descent parser over one text; all state lives in the instance."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.diagnostics: list[tuple[int, Severity, str, str]] = []
        self.lines = LineIndex(text)
        self.pos = 0
        self.repaired = False
        self.failed = False
        self.stack: list[tuple[str, int]] = []
        self.literals: list[_Literal] = []
        self.key_positions: dict[JsonPath, Position] = {}
        self.value_positions: dict[JsonPath, Position] = {}
        self.last_close: tuple[int, StringKind, int] | None = None

    # -- reporting -----------------------------------------------------------------------

    def _at(self, offset: int) -> Position:
        """Position of an offset."""
        return self.lines.at(offset)

    def emit(self, severity: Severity, code: str, message: str, offset: int) -> None:
        """Hold a diagnostic until the end, so they can be reported in file order."""
        self.diagnostics.append((offset, severity, code, message))

    def flush(self, file: str, report: Report) -> None:
        """Report held diagnostics sorted by position (stable for equal positions)."""
        for offset, severity, code, message in sorted(self.diagnostics, key=lambda d: d[0]):
            report.add(severity, code, message, file, self._at(offset))
        self.diagnostics.clear()

    def _warn(self, code: str, message: str, offset: int) -> None:
        """Record a repair."""
        self.repaired = True
        self.emit(Severity.WARNING, code, message, offset)

    def _error(self, code: str, message: str, offset: int) -> None:
        """Record an error that lets parsing go on but forbids a result."""
        self.failed = True
        self.emit(Severity.ERROR, code, message, offset)

    def _fail(self, code: str, message: str, offset: int) -> NoReturn:
        """Record an error and stop."""
        self._error(code, message, offset)
        raise _Abort

    def _where(self, offset: int) -> str:
        """`line:col` text for messages."""
        pos = self._at(offset)
        return f"{pos.line}:{pos.column}"

    def _truncated(self, expected: str) -> NoReturn:
        """The text ends while something is still open."""
        message = f"the file ends too early: expected {expected}"
        if self.stack:
            bracket, opened = self.stack[-1]
            message += f" to close the '{bracket}' opened at {self._where(opened)}"
            if len(self.stack) > 1:
                message += f" ({len(self.stack)} brackets are still open)"
        self._fail("truncated", message + "; the file may have been cut off", self.n)

    def _unexpected(self, offset: int, expected: str) -> NoReturn:
        """Something that fits nowhere; blame an early closing quote when that is likelier."""
        if self.last_close is not None and self.text[offset].isalnum():
            close, kind, opened = self.last_close
            between = self.text[close + 1 : offset]
            if re.fullmatch(r"[ \t]*(,[ \t]*)?", between):
                self._unescaped_quote(opened, close, kind)
        message = f"unexpected {_describe(self.text, offset)}; expected {expected}"
        if self.stack:
            bracket, opened = self.stack[-1]
            message += f" (inside the '{bracket}' opened at {self._where(opened)})"
        self._fail("unexpected-char", message, offset)

    def _unescaped_quote(self, opened: int, close: int, kind: StringKind) -> NoReturn:
        """A quote inside text ended the string before the text did."""
        if kind == "double":
            message = "a '\"' inside text ends the string early; write it as \\\" or use « »"
        elif kind == "single":
            message = "a ' inside text ends the string early; write it as \\' or use ’"
        else:
            message = "a ” or “ inside text ends the string early; use « » inside the text"
        if self._at(opened).line != self._at(close).line:
            message += f" (or the text opened at {self._where(opened)} lacks its closing quote)"
        stray = _stray_smart_close(self.text, opened + 1, close) if kind == "double" else None
        if stray is not None:
            message += f'; the ” at {self._where(stray)} looks meant to end the text: type " there'
        self._fail("unescaped-quote", message, close)

    # -- driver --------------------------------------------------------------------------

    def run(self) -> ParseResult | None:
        """Parse the whole text, then check that every string came through intact."""
        if self.text.startswith("\ufeff"):
            self._warn("bom", "ignored the byte order mark (U+FEFF) at the start of the file", 0)
            self.pos = 1
        self._skip_trivia()
        if self.pos >= self.n:
            self._fail("empty", "the file has no content; expected a JSON object { … }", self.pos)
        value = self._value((), 0)
        self._skip_trivia()
        if self.pos < self.n:
            self._unexpected(self.pos, "nothing after the end of the document")
        if self.failed:
            return None
        if not self._verify(value):
            return None
        return ParseResult(
            value=value,
            key_positions=self.key_positions,
            value_positions=self.value_positions,
            repaired=self.repaired,
        )

    # -- whitespace and comments ---------------------------------------------------------

    def _peek(self, offset: int | None = None) -> str:
        """The character at `offset` (default: the cursor), or '' at the end."""
        i = self.pos if offset is None else offset
        return self.text[i] if i < self.n else ""

    def _skip_trivia(self) -> None:
        """Skip whitespace and comments, reporting comments and odd spaces."""
        while self.pos < self.n:
            ch = self.text[self.pos]
            if ch in _JSON_SPACE:
                self.pos += 1
            elif ch == "/" and self._peek(self.pos + 1) in ("/", "*"):
                self._comment()
            elif ch.isspace() or ch in _INVISIBLE:
                self._odd_space()
            else:
                return

    def _comment(self) -> None:
        """Skip one // or /* */ comment."""
        start = self.pos
        if self.text[start + 1] == "/":
            match = _LINE_BREAK.search(self.text, start)
            self.pos = match.start() if match else self.n
            self._warn("comment", "ignored a // comment (JSON has no comments)", start)
            return
        end = self.text.find("*/", start + 2)
        if end < 0:
            self._fail("unterminated-comment", "this /* comment is never closed with */", start)
        self.pos = end + 2
        self._warn("comment", "ignored a /* */ comment (JSON has no comments)", start)

    def _odd_space(self) -> None:
        """Skip a run of non-JSON spaces between tokens."""
        start = self.pos
        while self.pos < self.n:
            ch = self.text[self.pos]
            if ch in _JSON_SPACE or not (ch.isspace() or ch in _INVISIBLE):
                break
            self.pos += 1
        code = ord(self.text[start])
        self._warn(
            "unusual-space",
            f"ignored an invisible or unusual space (U+{code:04X}) between items",
            start,
        )

    # -- values --------------------------------------------------------------------------

    def _value(self, path: JsonPath, depth: int) -> Any:
        """Parse any value at the cursor."""
        self._skip_trivia()
        if self.pos >= self.n:
            self._truncated("a value")
        if depth > MAX_DEPTH:
            self._fail("too-deep", f"more than {MAX_DEPTH} nested brackets", self.pos)
        start = self.pos
        self.value_positions[path] = self._at(start)
        ch = self.text[start]
        if ch == "{":
            return self._object(path, depth)
        if ch == "[":
            return self._array(path, depth)
        if ch in QUOTE_STARTS:
            return self._string_value(path)
        if ch == "-" or "0" <= ch <= "9":
            return self._number()
        if ch.isalpha():
            return self._word()
        return self._unexpected(start, 'a value (text in "quotes", a number, { or [)')

    def _open(self, bracket: str) -> None:
        """Enter a bracket at the cursor."""
        self.stack.append((bracket, self.pos))
        self.pos += 1
        self._skip_trivia()

    def _object(self, path: JsonPath, depth: int) -> dict[str, Any]:
        """Parse an object; the cursor is on '{'."""
        self._open("{")
        result: dict[str, Any] = {}
        key_offsets: dict[str, int] = {}
        if self._peek() == "}":
            return self._close(result)
        while True:
            key, key_offset = self._key(path)
            if key in key_offsets:
                self._duplicate(key, key_offsets[key], key_offset)
            key_offsets[key] = key_offset
            member = (*path, key)
            self.key_positions[member] = self._at(key_offset)
            self._colon()
            self._skip_trivia()
            start = self.pos
            result[key] = self._value(member, depth + 1)
            if self._separator(start, "}", self._starts_key):
                return self._close(result)

    def _array(self, path: JsonPath, depth: int) -> list[Any]:
        """Parse an array; the cursor is on '['."""
        self._open("[")
        result: list[Any] = []
        if self._peek() == "]":
            return self._close(result)
        while True:
            self._skip_trivia()
            start = self.pos
            result.append(self._value((*path, len(result)), depth + 1))
            if self._separator(start, "]", self._starts_value):
                return self._close(result)

    def _close(self, result: _T) -> _T:
        """Leave the innermost bracket; the cursor is on its closer."""
        self.stack.pop()
        self.pos += 1
        return result

    def _colon(self) -> None:
        """Expect ':' after a key."""
        self._skip_trivia()
        if self.pos >= self.n:
            self._truncated("':' after the key")
        if self.text[self.pos] != ":":
            self._unexpected(self.pos, "':' after the key")
        self.pos += 1

    def _separator(self, start: int, closer: str, starts_next: Callable[[int], bool]) -> bool:
        """Handle what follows an item; True when the container closed."""
        end = self.pos
        self._skip_trivia()
        ch = self._peek()
        if ch == "":
            self._truncated(f"',' or '{closer}'")
        if ch == closer:
            return True
        if ch == ",":
            comma = self.pos
            self.pos += 1
            self._skip_trivia()
            if self._peek() == closer:
                message = f"ignored ',' after the last item before '{closer}'"
                self._warn("trailing-comma", message, comma)
                return True
            if self._peek() == ",":
                self._unexpected(self.pos, "an item after ',' (two commas in a row)")
            return False
        glued = end == self.pos and self.text[end - 1].isalnum() and ch.isalnum()
        if starts_next(self.pos) and not glued:
            self._warn("missing-comma", f"inserted ',' after {self._snippet(start, end)}", end)
            return False
        return self._unexpected(self.pos, f"',' or '{closer}'")

    def _snippet(self, start: int, end: int) -> str:
        """The item that ended at `end`, shortened for a message."""
        source = self.text[start:end]
        if source[-1:] in "}]":
            return f"'{source[-1]}'"
        tail = _LINE_BREAK.split(source)[-1]
        if tail == source and len(source) <= 24:
            return source
        return source[0] + "…" + tail[-20:] if source[0] in QUOTE_STARTS else "…" + tail[-20:]

    def _starts_value(self, offset: int) -> bool:
        """Could a value start here (so a comma is missing before it)?"""
        ch = self._peek(offset)
        if ch in "{[-" or ch in QUOTE_STARTS or "0" <= ch <= "9":
            return ch != ""
        word = _WORD.match(self.text, offset)
        return word is not None and word.group() in _LITERALS

    def _starts_key(self, offset: int) -> bool:
        """Could an object key start here (so a comma is missing before it)?"""
        ch = self._peek(offset)
        if ch != "" and ch in QUOTE_STARTS:
            return True
        return self._bare_key(offset) is not None

    def _bare_key(self, offset: int) -> re.Match[str] | None:
        """An unquoted identifier followed by ':' at `offset`, if there is one."""
        match = _IDENT.match(self.text, offset)
        if match is None:
            return None
        return match if self._peek(_skip_blanks(self.text, match.end())) == ":" else None

    def _duplicate(self, key: str, first: int, second: int) -> None:
        """Two members with one key: the second would silently drop the first's text."""
        one, two = self._at(first), self._at(second)
        if one.line == two.line:
            lines = f"line {one.line}, columns {one.column} and {two.column}"
        else:
            lines = f"lines {one.line} and {two.line}"
        self._error(
            "duplicate-key",
            f"the key {json.dumps(key, ensure_ascii=False)} appears twice in one block ({lines}); "
            "the second would replace the first's text: rename or remove one",
            second,
        )

    # -- keys and strings ----------------------------------------------------------------

    def _key(self, path: JsonPath) -> tuple[str, int]:
        """Parse a member key, quoted or a bare identifier."""
        self._skip_trivia()
        start = self.pos
        ch = self._peek()
        if ch == "":
            self._truncated("a key in \"quotes\" or '}'")
        if ch in QUOTE_STARTS:
            key, kind, body_end = self._string()
            self._record(start, kind, key, body_end, (*path, key), is_key=True)
            return key, start
        bare = self._bare_key(start)
        if bare is None:
            self._unexpected(start, "a key in \"quotes\" or '}'")
        key = bare.group()
        self.pos = bare.end()
        self._warn("unquoted-key", f'the key {key} has no quotes; read it as "{key}"', start)
        self.literals.append(_Literal(start, start, bare.end(), "bare", key, (*path, key), True))
        return key, start

    def _string_value(self, path: JsonPath) -> str:
        """Parse a string in value position."""
        start = self.pos
        value, kind, body_end = self._string()
        self._record(start, kind, value, body_end, path, is_key=False)
        return value

    def _record(
        self, start: int, kind: StringKind, value: str, body_end: int, path: JsonPath, is_key: bool
    ) -> None:
        """Remember a string literal for self-verification."""
        self.literals.append(_Literal(start, start + 1, body_end, kind, value, path, is_key))

    def _string(self) -> tuple[str, StringKind, int]:
        """Parse a quoted string at the cursor; returns value, kind and the closer's offset."""
        start = self.pos
        opener = self.text[start]
        kind: StringKind = "double" if opener == '"' else "single" if opener == "'" else "smart"
        value, close = self._scan(start, kind)
        self.pos = close + 1
        self.last_close = (close, kind, start)
        if kind == "single":
            self._warn("single-quote", "text in '…' read as a normal \"…\" string", start)
        elif kind == "smart":
            pair = f"{opener}…{self.text[close]}"
            self._warn("smart-quote", f'text in {pair} read as a normal "…" string', start)
        return value, kind, close

    def _scan(self, start: int, kind: StringKind) -> tuple[str, int]:
        """Decode a string body; returns the value and the closing quote's offset."""
        closers, plain = _CLOSERS[kind], _PLAIN[kind]
        parts: list[str] = []
        raw = _RawChars()
        i = start + 1
        while True:
            run = plain.match(self.text, i)
            if run:
                parts.append(run.group())
                i = run.end()
            if i >= self.n:
                self._unterminated(start, kind)
            ch = self.text[i]
            if ch in closers:
                if self._closes(start, i, kind):
                    break
                parts.append(ch)
                i += 1
            elif ch == "\\":
                piece, i = self._escape(i, kind)
                parts.append(piece)
            else:
                i = self._raw_char(i, raw, parts)
        self._report_raw(raw)
        return "".join(parts), i

    def _closes(self, start: int, i: int, kind: StringKind) -> bool:
        """Does the quote at `i` end the string opened at `start`?"""
        after = i + 1
        if kind == "double":
            if not _may_follow_double(self.text, after):
                self._unescaped_quote(start, i, kind)
            return True
        if _delimits(self.text, after):
            return True
        if _quote_follows(self.text, after):
            self._unescaped_quote(start, i, kind)
        return False

    def _raw_char(self, i: int, raw: _RawChars, parts: list[str]) -> int:
        """Keep a raw control character as text, counting it for one warning per string."""
        ch = self.text[i]
        if ch == "\r" and self._peek(i + 1) == "\n":
            raw.note("raw-newline", i)
            parts.append("\r\n")
            return i + 2
        code = "raw-newline" if ch in "\r\n" else "raw-tab" if ch == "\t" else "control-char"
        raw.note(code, i)
        parts.append(ch)
        return i + 1

    def _report_raw(self, raw: _RawChars) -> None:
        """One warning per kind of raw character in one string, at its first occurrence."""
        for code in _RAW_CODES:
            if code not in raw.seen:
                continue
            first, count = raw.seen[code]
            self._warn(code, _raw_message(code, count, self.text[first]), first)

    def _escape(self, i: int, kind: StringKind) -> tuple[str, int]:
        """Decode the escape at `i`; invalid ones are errors, never guessed."""
        nxt = self._peek(i + 1)
        if nxt in _ESCAPES and nxt:
            return _ESCAPES[nxt], i + 2
        if nxt == "'" and kind == "single":
            return "'", i + 2
        if nxt == "u":
            return self._unicode_escape(i)
        if nxt == "":
            return "", i + 1
        shown = _LINE_BREAK.sub("⏎", self.text[i : i + 2])
        self._error(
            "invalid-escape",
            f"'{shown}' is not a valid escape; to write a backslash, type it twice: \\\\",
            i,
        )
        return self.text[i : i + 2], i + 2

    def _unicode_escape(self, i: int) -> tuple[str, int]:
        """Decode \\uXXXX, joining surrogate pairs; a lone half is an error."""
        digits = self.text[i + 2 : i + 6]
        if not _HEX4.fullmatch(digits):
            self._error("invalid-escape", "'\\u' must be followed by 4 hex digits (0-9, A-F)", i)
            return "", i + 2
        code = int(digits, 16)
        if 0xD800 <= code < 0xDC00:
            low = self.text[i + 8 : i + 12]
            if self.text[i + 6 : i + 8] == "\\u" and _HEX4.fullmatch(low):
                low_code = int(low, 16)
                if 0xDC00 <= low_code < 0xE000:
                    return chr(0x10000 + ((code - 0xD800) << 10) + (low_code - 0xDC00)), i + 12
        if 0xD800 <= code < 0xE000:
            self._error(
                "invalid-escape",
                f"'\\u{digits}' is half of a character pair and the other half is missing",
                i,
            )
            return "", i + 6
        return chr(code), i + 6

    def _unterminated(self, start: int, kind: StringKind) -> NoReturn:
        """The text ended inside a string."""
        if kind == "double":
            message = (
                "this text has no closing '\"' before the end of the file; add it "
                "(or the file was cut off)"
            )
        else:
            closer = "'" if kind == "single" else "”"
            message = (
                f"this text opened with {self.text[start]} is never closed: a closing {closer} "
                "must be followed by ',', ':', '}', ']' or a line end"
            )
        self._fail("unterminated-string", message, start)

    # -- numbers and words ---------------------------------------------------------------

    def _number(self) -> int | float:
        """Parse a JSON number; a leading zero is read as decimal and reported."""
        start = self.pos
        match = _NUMBER.match(self.text, start)
        if match is None:
            self._fail("invalid-number", "'-' must be followed by digits", start)
        source = match.group()
        after = self._peek(match.end())
        if after != "" and after in ".eE+-":
            self._fail("invalid-number", f"the number {source}{after} is incomplete", start)
        try:
            value: int | float = float(source) if match.group(2) or match.group(3) else int(source)
        except ValueError:
            self._fail("invalid-number", "this number has too many digits", start)
        if len(match.group(1)) > 1 and match.group(1).startswith("0"):
            message = f"the number {source} has a leading zero; read as {value}"
            self._warn("leading-zero", message, start)
        self.pos = match.end()
        return value

    def _word(self) -> Any:
        """Parse true, false or null; any other bare word is text without quotes."""
        start = self.pos
        match = _WORD.match(self.text, start)
        word = match.group() if match else self.text[start]
        if word in _LITERALS:
            self.pos = start + len(word)
            return _LITERALS[word]
        self._fail(
            "unexpected-char",
            f"unexpected word '{word[:30]}': text must be in double quotes, e.g. \"{word[:30]}\"",
            start,
        )

    # -- self-verification ---------------------------------------------------------------

    def _verify(self, value: Any) -> bool:
        """Re-derive every string independently; any difference is our bug, reported."""
        try:
            same = json.loads(json.dumps(value, ensure_ascii=False)) == value
        except (TypeError, ValueError):
            same = False
        if not same:
            return self._verify_failed("the parsed value does not survive a JSON round trip", 0)
        for literal in self.literals:
            if _rederive(self.text, literal) != literal.value or not _present(value, literal):
                return self._verify_failed("this text did not come through intact", literal.start)
        if _count_strings(value) != len(self.literals):
            return self._verify_failed("some text was lost while reading", 0)
        return True

    def _verify_failed(self, what: str, offset: int) -> bool:
        """Report an internal inconsistency instead of returning altered text."""
        self._error(
            "repair-verify",
            f"internal check failed: {what}; the file was not used, please report it",
            offset,
        )
        return False


def _describe(text: str, offset: int) -> str:
    """Name the character or word at `offset` for a message."""
    ch = text[offset]
    if ch.isalnum():
        word = _WORD.match(text, offset)
        return f"'{word.group()[:30] if word else ch}'"
    if ch.isprintable() and not ch.isspace():
        return f"'{ch}'"
    return f"character U+{ord(ch):04X}"


def _is_blank(ch: str) -> bool:
    """A space of any kind that does not end the line."""
    return (ch.isspace() and ch not in "\r\n") or ch in _INVISIBLE


def _skip_blanks(text: str, offset: int) -> int:
    """Skip spaces, tabs and other blanks on the same line."""
    while offset < len(text) and _is_blank(text[offset]):
        offset += 1
    return offset


def _is_comment_start(text: str, offset: int) -> bool:
    """Does a // or /* comment start here?"""
    return text[offset : offset + 2] in ("//", "/*")


def _delimits(text: str, offset: int) -> bool:
    """Can a closing quote stand before `offset`: then , : } ] a line end, a comment or EOF."""
    j = _skip_blanks(text, offset)
    return j >= len(text) or text[j] in _AFTER_TEXT or _is_comment_start(text, j)


def _quote_follows(text: str, offset: int) -> bool:
    """Is the next thing on this line another quote (an ambiguous place to close)?"""
    j = _skip_blanks(text, offset)
    return j < len(text) and text[j] in QUOTE_STARTS


def _may_follow_double(text: str, offset: int) -> bool:
    """Can a '"' close a string here? A quote right after it means an unescaped quote."""
    if offset < len(text) and text[offset] in QUOTE_STARTS:
        return False
    return _delimits(text, offset) or _quote_follows(text, offset)


def _stray_smart_close(text: str, start: int, end: int) -> int | None:
    """A ” inside a "…" string that sits where a closing quote would: a likely typo."""
    for match in re.finditer("[“”]", text[start:end]):
        if _delimits(text, start + match.end()):
            return start + match.start()
    return None


def _raw_message(code: str, count: int, sample: str) -> str:
    """Message for raw characters kept inside a string."""
    times = "" if count == 1 else f" ({count} in this text)"
    if code == "raw-newline":
        return f"kept a line break typed inside text{times}; strict JSON wants \\n"
    if code == "raw-tab":
        return f"kept a TAB typed inside text{times}; strict JSON wants \\t"
    return f"kept an invisible control character U+{ord(sample):04X} inside text{times}"


def _rederive(text: str, literal: _Literal) -> str | None:
    """Decode a literal's source slice with the standard library, independently of `_scan`."""
    body = text[literal.body_start : literal.body_end]
    if literal.kind == "bare":
        return body
    if literal.kind != "double":
        single = literal.kind == "single"
        body = _STRICT_BODY.sub(lambda m: _strict_piece(m, single), body)
    try:
        decoded = json.loads(f'"{body}"', strict=False)
    except ValueError:
        return None
    return decoded if isinstance(decoded, str) else None


def _strict_piece(match: re.Match[str], single: bool) -> str:
    """Rewrite one escape or raw quote of a '…' or “…” body into strict JSON."""
    if match.group() == '"':
        return '\\"'
    if single and match.group(1) == "'":
        return "'"
    return match.group()


def _present(value: Any, literal: _Literal) -> bool:
    """Is the literal's text where its path says it is in the final value?"""
    if literal.is_key:
        parent = _lookup(value, literal.path[:-1])
        named = literal.path[-1] == literal.value
        return isinstance(parent, dict) and named and literal.value in parent
    found = _lookup(value, literal.path)
    return isinstance(found, str) and found == literal.value


def _lookup(value: Any, path: JsonPath) -> Any:
    """Follow a path; None if it leads nowhere."""
    for step in path:
        in_dict = isinstance(value, dict) and isinstance(step, str) and step in value
        in_list = isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value)
        if not (in_dict or in_list):
            return None
        value = value[step]
    return value


def _count_strings(value: Any) -> int:
    """Number of keys and string values in a JSON value."""
    if isinstance(value, str):
        return 1
    if isinstance(value, dict):
        return sum(1 + _count_strings(item) for item in value.values())
    if isinstance(value, list):
        return sum(_count_strings(item) for item in value)
    return 0
