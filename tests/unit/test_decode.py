"""decode_bytes: every encoding case, and exact positions for bytes that are not UTF-8."""

from __future__ import annotations

import pytest

from slidegen.decode import decode_bytes
from slidegen.diagnostics import Diagnostic, Report, Severity

FILE = "content/deck.json"
TEXT = '{\n  "title": "Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі «Нұр Отан» 😀",\n  "text": "a\tb"\n}\n'


def _decode(data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """Decode and return the text with the diagnostics."""
    report = Report()
    return decode_bytes(data, FILE, report), list(report)


def test_plain_utf8_is_returned_without_diagnostics() -> None:
    text, diags = _decode(TEXT.encode("utf-8"))
    assert text == TEXT
    assert diags == []


def test_utf8_bom_is_stripped_with_only_an_info() -> None:
    text, diags = _decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert text == TEXT
    assert [(d.severity, d.code) for d in diags] == [(Severity.INFO, "bom")]


def test_crlf_and_cr_are_kept_as_typed() -> None:
    original = '{\r\n  "a": "x\r\ny",\r  "b": 1\r\n}'
    text, diags = _decode(original.encode("utf-8"))
    assert text == original
    assert diags == []


@pytest.mark.parametrize(
    ("bom", "codec", "label"),
    [
        (b"\xff\xfe", "utf-16-le", "UTF-16 LE"),
        (b"\xfe\xff", "utf-16-be", "UTF-16 BE"),
        (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32 LE"),
        (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32 BE"),
    ],
)
def test_wide_encodings_with_bom_are_decoded_with_a_warning(
    bom: bytes, codec: str, label: str
) -> None:
    text, diags = _decode(bom + TEXT.encode(codec))
    assert text == TEXT
    assert [(d.severity, d.code) for d in diags] == [(Severity.WARNING, "encoding")]
    assert label in diags[0].message
    assert "UTF-8" in diags[0].message


@pytest.mark.parametrize(
    ("codec", "label"), [("utf-16-le", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE")]
)
def test_utf16_without_bom_is_recognised_by_nul_bytes(codec: str, label: str) -> None:
    text, diags = _decode(TEXT.encode(codec))
    assert text == TEXT
    assert [(d.severity, d.code) for d in diags] == [(Severity.WARNING, "encoding")]
    assert label in diags[0].message
    assert "without a BOM" in diags[0].message


def test_a_stray_nul_in_utf8_is_not_taken_for_utf16() -> None:
    data = b'["x\x00y"]\x00'
    text, diags = _decode(data)
    assert text == data.decode("utf-8")
    assert diags == []


def test_windows_1251_is_an_error_at_the_first_bad_byte() -> None:
    data = '{\n  "a": "Привет"\n}'.encode("cp1251")
    text, diags = _decode(data)
    assert text is None
    assert [(d.severity, d.code, d.line, d.column) for d in diags] == [
        (Severity.ERROR, "encoding", 2, 9)
    ]
    assert "save the file as UTF-8" in diags[0].message
    assert "0xCF" in diags[0].message


def test_bad_byte_column_counts_characters_not_bytes() -> None:
    data = '{"t": "Әә 😀'.encode() + b"\xff" + b'"}'
    _, diags = _decode(data)
    assert [(d.line, d.column) for d in diags] == [(1, len('{"t": "Әә 😀') + 1)]


def test_bad_byte_line_counts_crlf_as_one_break() -> None:
    data = b'{\r\n"a": "ok",\r\n\r"b": "\xe9"}'
    _, diags = _decode(data)
    assert [(d.code, d.line, d.column) for d in diags] == [("encoding", 4, 7)]


def test_utf8_cut_in_the_middle_of_a_letter() -> None:
    text, diags = _decode(b'["\xd0')
    assert text is None
    assert [(d.code, d.line, d.column) for d in diags] == [("encoding", 1, 3)]
    assert "cut off" in diags[0].message


def test_bom_then_bad_byte_positions_ignore_the_bom() -> None:
    text, diags = _decode(b'\xef\xbb\xbf["\xe9"]')
    assert text is None
    assert [(d.severity, d.code, d.line, d.column) for d in diags] == [
        (Severity.INFO, "bom", None, None),
        (Severity.ERROR, "encoding", 1, 3),
    ]


def test_damaged_utf16_with_bom_is_an_error() -> None:
    data = b"\xff\xfe" + '[\n"ab'.encode("utf-16-le") + b"\x00\xdc" + '"]'.encode("utf-16-le")
    text, diags = _decode(data)
    assert text is None
    assert [(d.severity, d.code, d.line, d.column) for d in diags] == [
        (Severity.ERROR, "encoding", 2, 4)
    ]


def test_empty_input_is_empty_text() -> None:
    assert _decode(b"") == ("", [])
