"""Turn a content file's bytes into text without ever guessing a legacy code page."""

from __future__ import annotations

from slidegen.diagnostics import Position, Report, Severity

_UTF8_BOM = b"\xef\xbb\xbf"
# Longest BOMs first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32 LE"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32 BE"),
    (b"\xff\xfe", "utf-16-le", "UTF-16 LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16 BE"),
)
_SAVE_AS_UTF8 = "save the file as UTF-8 (in most editors: File > Save As > Encoding: UTF-8)"
_TEXT_CONTROLS = frozenset("\t\n\r")


def position_in(text: str, offset: int) -> Position:
    """1-based line and column of `offset` in `text`; CRLF, CR and LF each end one line."""
    line = 1
    line_start = 0
    i = 0
    while i < offset:
        ch = text[i]
        if ch == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            i += 1
        if ch in "\r\n":
            line += 1
            line_start = i + 1
        i += 1
    return Position(line=line, column=offset - line_start + 1)


def decode_bytes(data: bytes, file: str, report: Report) -> str | None:
    """Decode a content file, reporting the encoding used or why it cannot be read."""
    if data.startswith(_UTF8_BOM):
        report.add(Severity.INFO, "bom", "removed the UTF-8 byte order mark", file)
        return _decode_utf8(data[len(_UTF8_BOM) :], file, report)
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return _decode_wide(data[len(bom) :], codec, label, file, report, "with a BOM")
    codec = _sniff_utf16(data)
    if codec is not None:
        text = _try_decode(data, codec)
        if text is not None and _looks_like_text(text):
            label = "UTF-16 LE" if codec.endswith("le") else "UTF-16 BE"
            _warn_wide(label, "without a BOM", file, report)
            return text
    return _decode_utf8(data, file, report)


def _decode_utf8(data: bytes, file: str, report: Report) -> str | None:
    """Strict UTF-8, with the first bad byte's line and column on failure."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        bad = data[exc.start]
        cut = (
            " or was cut off in the middle of a letter"
            if exc.reason == "unexpected end of data"
            else ""
        )
        report.error(
            "encoding",
            f"byte 0x{bad:02X} is not valid UTF-8: the file is saved in another encoding "
            f"(perhaps Windows-1251 or Latin-1){cut}; {_SAVE_AS_UTF8}",
            file,
            position_in(good, len(good)),
        )
        return None


def _decode_wide(
    data: bytes, codec: str, label: str, file: str, report: Report, how: str
) -> str | None:
    """Decode UTF-16/UTF-32 strictly, reporting where it breaks if it does."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        unit = 4 if "32" in codec else 2
        start = exc.start - exc.start % unit
        good = data[:start].decode(codec, errors="replace")
        report.error(
            "encoding",
            f"the file looks like {label} {how} but is damaged at this point; {_SAVE_AS_UTF8}",
            file,
            position_in(good, len(good)),
        )
        return None
    _warn_wide(label, how, file, report)
    return text


def _warn_wide(label: str, how: str, file: str, report: Report) -> None:
    """Say which non-UTF-8 encoding was read."""
    report.warning("encoding", f"read the file as {label} {how}; {_SAVE_AS_UTF8}", file)


def _sniff_utf16(data: bytes) -> str | None:
    """Recognise BOM-less UTF-16 by NUL bytes sitting on one side of each code unit."""
    if len(data) < 2 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    units = len(data) // 2
    # JSON opens with ASCII ({, [ or a space), and its punctuation and spaces give UTF-16
    # many NUL half-units on one side; a stray NUL in UTF-8 text gives neither.
    if data[0] and not data[1] and odd_nuls * 10 >= units and even_nuls * 20 <= odd_nuls:
        return "utf-16-le"
    if data[1] and not data[0] and even_nuls * 10 >= units and odd_nuls * 20 <= even_nuls:
        return "utf-16-be"
    return None


def _try_decode(data: bytes, codec: str) -> str | None:
    """Strict decode or None."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _looks_like_text(text: str) -> bool:
    """No control characters other than tab and line breaks."""
    return all(ch >= " " or ch in _TEXT_CONTROLS for ch in text)
