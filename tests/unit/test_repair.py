"""parse_json: every repair and error with its exact position, valid JSON, and the seed deck."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from slidegen import repair
from slidegen.decode import decode_bytes
from slidegen.diagnostics import Diagnostic, Position, Report, Severity
from slidegen.repair import ParseResult, parse_json

FILE = "content/x.json"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SEED = SEEDS / "deck-1.5.1.1.1.json"


def _parse(text: str) -> tuple[ParseResult | None, list[Diagnostic]]:
    """Parse and return the result with the diagnostics."""
    report = Report()
    return parse_json(text, FILE, report), list(report)


def _codes(diags: list[Diagnostic]) -> list[tuple[str, int | None, int | None]]:
    """(code, line, column) of each diagnostic."""
    return [(d.code, d.line, d.column) for d in diags]


def _repaired(text: str) -> tuple[Any, list[tuple[str, int | None, int | None]]]:
    """Parse text that must be repairable; return the value and the warnings."""
    result, diags = _parse(text)
    assert result is not None, [d.format() for d in diags]
    assert all(d.severity is Severity.WARNING for d in diags)
    assert result.repaired == bool(diags)
    return result.value, _codes(diags)


def _refused(text: str) -> list[Diagnostic]:
    """Parse text that must be refused; return its diagnostics (at least one error)."""
    result, diags = _parse(text)
    assert result is None
    assert any(d.severity is Severity.ERROR for d in diags)
    return diags


def _errors(text: str) -> list[tuple[str, int | None, int | None]]:
    """(code, line, column) of the errors for refused text."""
    return _codes([d for d in _refused(text) if d.severity is Severity.ERROR])


# -- valid JSON --------------------------------------------------------------------------

VALID = [
    "{}",
    "[]",
    '""',
    "0",
    "-0.5e+10",
    "[true, false, null]",
    '{"a": {"b": [1, 2.5, -3e-2, "x"]}, "c": ""}',
    '{"t": "quotes \\" and \\\\ and \\/ and \\u00e9 and \\ud83d\\ude00 and \\b\\f\\n\\r\\t"}',
    '{"t": "apostrophe \' “smart” „low“ «guillemets» // not a comment /* nor this */"}',
    '{"k": "Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі 😀 \u2028 \u00a0"}',
    '\n\t {\r\n\t"a"\r\n:\r1\n}\n\n',
    json.dumps({"nested": [[{"x": [None]}]] * 3, "n": 12345678901234567890}, indent=4),
]


@pytest.mark.parametrize("text", VALID)
def test_valid_json_has_no_diagnostics_and_equals_json_loads(text: str) -> None:
    result, diags = _parse(text)
    assert diags == []
    assert result is not None
    assert result.value == json.loads(text)
    assert json.dumps(result.value) == json.dumps(json.loads(text))
    assert result.repaired is False


def test_positions_of_keys_and_values() -> None:
    text = '{\n  "a": [10,\n\t"x"],\r\n  "b": {"c": null}\n}'
    result, _ = _parse(text)
    assert result is not None
    assert result.key_positions == {
        ("a",): Position(line=2, column=3),
        ("b",): Position(line=4, column=3),
        ("b", "c"): Position(line=4, column=9),
    }
    assert result.value_positions == {
        (): Position(line=1, column=1),
        ("a",): Position(line=2, column=8),
        ("a", 0): Position(line=2, column=9),
        ("a", 1): Position(line=3, column=2),
        ("b",): Position(line=4, column=8),
        ("b", "c"): Position(line=4, column=14),
    }


def test_dict_keeps_key_order() -> None:
    value, _ = _repaired('{"z": 1, "a": 2 "m": 3}')
    assert list(value) == ["z", "a", "m"]


# -- repairs -----------------------------------------------------------------------------


def test_missing_comma_message_names_the_previous_value() -> None:
    result, diags = _parse('{\n  "name": "1"\n  "ID": "1.5"\n}')
    assert result is not None
    assert [d.format() for d in diags] == [
        "content/x.json:2:14: warning[missing-comma]: inserted ',' after \"1\""
    ]


@pytest.mark.parametrize(
    ("text", "expected", "where"),
    [
        ('{"a": 1 "b": 2}', {"a": 1, "b": 2}, (1, 8)),
        ("[1 2]", [1, 2], (1, 3)),
        ('["a"\n"b"]', ["a", "b"], (1, 5)),
        ('[{"a": 1}\n  {"b": 2}]', [{"a": 1}, {"b": 2}], (1, 10)),
        ('{"a": [1]\n\t"b": true}', {"a": [1], "b": True}, (1, 10)),
        ('{\r\n  "a": null\r\n  "b": 2\r\n}', {"a": None, "b": 2}, (2, 12)),
        ('["a" "b"]', ["a", "b"], (1, 5)),
        ('{"a": 1 /* c */ "b": 2}', {"a": 1, "b": 2}, (1, 8)),
    ],
)
def test_missing_comma(text: str, expected: Any, where: tuple[int, int]) -> None:
    value, diags = _repaired(text)
    assert value == expected
    assert [d for d in diags if d[0] == "missing-comma"] == [("missing-comma", *where)]


@pytest.mark.parametrize(
    ("text", "expected", "where"),
    [
        ('{"a": 1,}', {"a": 1}, (1, 8)),
        ("[1, 2 ,\n]", [1, 2], (1, 7)),
        ('{"a": [1,],\n   }', {"a": [1]}, (1, 9)),
    ],
)
def test_trailing_comma(text: str, expected: Any, where: tuple[int, int]) -> None:
    value, diags = _repaired(text)
    assert value == expected
    assert diags[0] == ("trailing-comma", *where)


def test_nested_trailing_commas_each_reported() -> None:
    _, diags = _repaired('{"a": [1,],\n   }')
    assert diags == [("trailing-comma", 1, 9), ("trailing-comma", 1, 11)]


def test_raw_newlines_are_kept_and_reported_once_per_string() -> None:
    value, diags = _repaired('{"a": "one\ntwo\nthree", "b": "x"}')
    assert value == {"a": "one\ntwo\nthree", "b": "x"}
    assert diags == [("raw-newline", 1, 11)]
    assert "2 in this text" in _parse('["one\ntwo\nthree"]')[1][0].message


def test_raw_crlf_and_cr_inside_text_are_kept_exactly() -> None:
    value, diags = _repaired('["a\r\nb",\r\n "c\rd"]')
    assert value == ["a\r\nb", "c\rd"]
    # The CRLF inside the first text is a line break in the file, so "c\rd" sits on line 3.
    assert diags == [("raw-newline", 1, 4), ("raw-newline", 3, 4)]


def test_raw_tab_is_kept() -> None:
    value, diags = _repaired('{"a":\t"x\ty\tz"}')
    assert value == {"a": "x\ty\tz"}
    assert diags == [("raw-tab", 1, 9)]


def test_raw_control_character_is_kept() -> None:
    value, diags = _repaired('["bell\x07 and vt\x0b"]')
    assert value == ["bell\x07 and vt\x0b"]
    assert diags == [("control-char", 1, 7)]


def test_one_string_with_several_kinds_of_raw_characters() -> None:
    value, diags = _repaired('["a\tb\nc\x01"]')
    assert value == ["a\tb\nc\x01"]
    assert sorted(diags) == [("control-char", 2, 2), ("raw-newline", 1, 6), ("raw-tab", 1, 4)]


def test_comments_are_skipped_outside_strings_only() -> None:
    text = '// head\n{"url": "http://x/*y*/", /* block\n spans */ "b": 1 // tail\n}'
    value, diags = _repaired(text)
    assert value == {"url": "http://x/*y*/", "b": 1}
    assert diags == [("comment", 1, 1), ("comment", 2, 26), ("comment", 3, 18)]


def test_smart_quotes_as_delimiters_of_key_and_value() -> None:
    value, diags = _repaired('{“title”: “He said “hi” to me”, „de“: "x"}')
    assert value == {"title": "He said “hi” to me", "de": "x"}
    assert diags == [("smart-quote", 1, 2), ("smart-quote", 1, 11), ("smart-quote", 1, 33)]


def test_smart_quotes_inside_a_normal_string_are_text() -> None:
    value, diags = _repaired('{"t": "“a”, „b“: ”c”"}')
    assert value == {"t": "“a”, „b“: ”c”"}
    assert diags == []


def test_single_quoted_strings() -> None:
    value, diags = _repaired("{'a': 'He said \"hi\"', 'b': 'it\\'s', 'c': 'rock 'n' roll'}")
    assert value == {"a": 'He said "hi"', "b": "it's", "c": "rock 'n' roll"}
    assert [d[0] for d in diags] == ["single-quote"] * 6
    assert diags[:2] == [("single-quote", 1, 2), ("single-quote", 1, 7)]


def test_single_quote_closes_only_before_a_delimiter() -> None:
    value, diags = _repaired("['Don't, ever'\n, 'x' ]")
    assert value == ["Don't, ever", "x"]
    assert diags == [("single-quote", 1, 2), ("single-quote", 2, 3)]


def test_bom_character_in_text() -> None:
    value, diags = _repaired('\ufeff{"a": 1}')
    assert value == {"a": 1}
    assert diags == [("bom", 1, 1)]


def test_leading_zero() -> None:
    value, diags = _repaired('{"slide_max": 01, "f": -007.5}')
    assert value == {"slide_max": 1, "f": -7.5}
    assert diags == [("leading-zero", 1, 15), ("leading-zero", 1, 24)]


def test_unquoted_keys() -> None:
    value, diags = _repaired('{name: "x",\n img_path : "", \u0430\u0442\u044b: 1}')
    assert value == {"name": "x", "img_path": "", "аты": 1}
    assert diags == [("unquoted-key", 1, 2), ("unquoted-key", 2, 2), ("unquoted-key", 2, 17)]


def test_unusual_spaces_between_tokens() -> None:
    value, diags = _repaired('{"a":\u00a01,\u200b"b": "\u00a0"}')
    assert value == {"a": 1, "b": "\u00a0"}
    assert diags == [("unusual-space", 1, 6), ("unusual-space", 1, 9)]


def test_unusual_space_after_a_closing_quote_still_closes_it() -> None:
    value, diags = _repaired('{"a": "x"\u00a0, \'b\'\u00a0: 1}')
    assert value == {"a": "x", "b": 1}
    assert diags == [("unusual-space", 1, 10), ("single-quote", 1, 13), ("unusual-space", 1, 16)]


def test_smart_quote_message_names_the_pair_used() -> None:
    result, diags = _parse("[„Hallo“]")
    assert result is not None
    assert "„…“" in diags[0].message


def test_several_repairs_in_one_file_are_all_reported_in_order() -> None:
    text = '{\n  name: \'x\' // c\n  "t": "a\tb",\n}'
    value, diags = _repaired(text)
    assert value == {"name": "x", "t": "a\tb"}
    assert diags == [
        ("unquoted-key", 2, 3),
        ("single-quote", 2, 9),
        ("missing-comma", 2, 12),
        ("comment", 2, 13),
        ("raw-tab", 3, 10),
        ("trailing-comma", 3, 13),
    ]


# -- errors ------------------------------------------------------------------------------


def test_unescaped_quote_in_double_quoted_text() -> None:
    diags = _refused('{"text": "He said "hi" to me"}')
    assert _codes(diags) == [("unescaped-quote", 1, 19)]
    assert '\\"' in diags[0].message
    assert "« »" in diags[0].message


def test_unescaped_quote_before_a_comma() -> None:
    assert _errors('{"text": "Hello ", she said"}') == [("unescaped-quote", 1, 17)]


def test_doubled_quote_is_not_a_missing_comma() -> None:
    assert _errors('["5"" screen"]') == [("unescaped-quote", 1, 4)]


def test_text_right_after_a_closing_quote_is_an_unescaped_quote() -> None:
    assert _errors('{"a" 1}') == [("unescaped-quote", 1, 4)]
    assert _errors('["size 5" x 3"]') == [("unescaped-quote", 1, 9)]


def test_missing_closing_quote_points_at_both_places() -> None:
    diags = _refused('{\n  "a": "hello,\n  "b": "x"\n}')
    assert _codes(diags) == [("unescaped-quote", 3, 3)]
    assert "2:8" in diags[0].message


def test_straight_quote_closed_with_a_smart_one_gets_a_hint() -> None:
    diags = _refused('{"name”: "x"}')
    assert _codes(diags) == [("unescaped-quote", 1, 10)]
    assert "1:7" in diags[0].message


def test_ambiguous_single_quote_is_an_error() -> None:
    assert _errors("['a' 'b']") == [("unescaped-quote", 1, 4)]
    assert _errors("{'t': 'it''s'}") == [("unescaped-quote", 1, 10)]


def test_single_quote_closing_early_is_an_error_not_a_guess() -> None:
    assert _errors("{'t': 'the dogs', cats' toys'}") == [("unescaped-quote", 1, 16)]


def test_unterminated_strings() -> None:
    assert _errors('{"a": "abc') == [("unterminated-string", 1, 7)]
    assert _errors("{'a': 'it's}") == [("unterminated-string", 1, 7)]
    assert _errors('{“a": 1}') == [("unterminated-string", 1, 2)]
    assert _errors('["x\\') == [("unterminated-string", 1, 2)]


def test_truncated_names_what_was_expected_and_the_open_bracket() -> None:
    diags = _refused('{\n  "content": [\n    {"a": 1}')
    assert _codes(diags) == [("truncated", 3, 13)]
    assert "expected ',' or ']'" in diags[0].message
    assert "'[' opened at 2:14" in diags[0].message


@pytest.mark.parametrize(
    ("text", "where"),
    [("{", (1, 2)), ('{"a"', (1, 5)), ('{"a":', (1, 6)), ("[1,", (1, 4)), ('{"a": 1,\n', (2, 1))],
)
def test_truncated_everywhere(text: str, where: tuple[int, int]) -> None:
    assert _errors(text) == [("truncated", *where)]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[1,,2]", (1, 4)),
        ('{"a" , 1}', (1, 6)),
        ("[1, 2}", (1, 6)),
        ('{"a": 1} x', (1, 10)),
        ('{"a": hello}', (1, 7)),
        ('{"a": =1}', (1, 7)),
        ("{'a': 1, ‘b’: 2}", (1, 10)),
        ('{"a": 1; "b": 2}', (1, 8)),
        ("[NaN]", (1, 2)),
        ("/x", (1, 1)),
        ("[1true]", (1, 3)),
    ],
)
def test_unexpected_char(text: str, where: tuple[int, int]) -> None:
    assert _errors(text) == [("unexpected-char", *where)]


def test_duplicate_key_names_both_lines() -> None:
    diags = _refused('{\n  "title": "first",\n  "x": 1,\n  "title": "second"\n}')
    assert _codes(diags) == [("duplicate-key", 4, 3)]
    assert "lines 2 and 4" in diags[0].message
    assert '"title"' in diags[0].message


def test_every_duplicate_key_is_reported() -> None:
    diags = _refused('[{"a": 1, "a": 2}, {"b": 1, "b": 2, "b": 3}]')
    assert _codes(diags) == [
        ("duplicate-key", 1, 11),
        ("duplicate-key", 1, 29),
        ("duplicate-key", 1, 37),
    ]


def test_same_key_in_different_objects_is_fine() -> None:
    value, _ = _repaired('[{"a": 1}, {"a": 2}]')
    assert value == [{"a": 1}, {"a": 2}]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"path": "C:\\Users"}', (1, 13)),
        ('["\\q"]', (1, 3)),
        ('["\\u12G4"]', (1, 3)),
        ('["ok \\ud83d alone"]', (1, 6)),
        ('["\\ude00"]', (1, 3)),
        ('["\\x41"]', (1, 3)),
        ('["line \\\nnext"]', (1, 8)),
    ],
)
def test_invalid_escape(text: str, where: tuple[int, int]) -> None:
    assert _errors(text) == [("invalid-escape", *where)]


def test_invalid_escapes_are_all_reported_with_repairs_around_them() -> None:
    diags = _refused('{"a": "\\q",\n "b": "\\w",}')
    assert _codes(diags) == [
        ("invalid-escape", 1, 8),
        ("invalid-escape", 2, 8),
        ("trailing-comma", 2, 11),
    ]


@pytest.mark.parametrize("text", ["", "   \n\t", "// nothing\n"])
def test_empty(text: str) -> None:
    assert [d[0] for d in _errors(text)] == ["empty"]


def test_unterminated_comment() -> None:
    assert _errors('{"a": 1 /* note') == [("unterminated-comment", 1, 9)]


@pytest.mark.parametrize("text", ["[1.]", "[-]", "[1e]", "[1.5.2]", "[" + "9" * 5000 + "]"])
def test_invalid_number(text: str) -> None:
    assert [d[0] for d in _errors(text)] == ["invalid-number"]


def test_too_deep_is_an_error_not_a_crash() -> None:
    assert _errors("[" * 10000) == [("too-deep", 1, repair.MAX_DEPTH + 2)]


def test_repair_verify_catches_text_altered_by_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(repair._ESCAPES, "n", "N")
    assert _errors('{"a": "x\\ny"}') == [("repair-verify", 1, 7)]


def test_internal_bug_is_a_diagnostic_not_an_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: object) -> None:
        raise KeyError("bug")

    monkeypatch.setattr(repair._Parser, "_comment", boom)
    assert [d[0] for d in _errors("[1 // x\n]")] == ["internal-error"]


# -- the real seed deck ------------------------------------------------------------------


@pytest.fixture
def seed_bytes() -> bytes:
    """The press office's real deck file."""
    if not SEED.is_file():
        pytest.skip(f"seed deck not found at {SEED} (shared/ must sit beside the repo)")
    return SEED.read_bytes()


def _text_fields(raw: bytes) -> list[str]:
    """Each "text" value, sliced from the raw bytes between its known delimiters."""
    found = []
    rest = raw
    while b'"text": "' in rest:
        rest = rest.split(b'"text": "', 1)[1]
        body, rest = rest.split(b'",\n     },', 1)
        found.append(body.decode("utf-8"))
    return found


def test_seed_deck_parses_with_all_text_intact(seed_bytes: bytes) -> None:
    report = Report()
    text = decode_bytes(seed_bytes, FILE, report)
    assert text is not None
    result = parse_json(text, FILE, report)
    assert result is not None, [d.format() for d in report]
    deck = result.value
    assert deck["name"] == "1"
    assert deck["ID"] == "1.5.1.1.1"
    assert len(deck["content"]) == 2
    first, second = _text_fields(seed_bytes)
    # The slices hold no quote or backslash, so the raw bytes are exactly the text.
    assert not {'"', "\\"} & set(first + second)
    assert deck["content"][0]["text"] == first
    assert deck["content"][1]["text"] == second
    assert second.count("\n") == 29
    assert second.count("\t") == 17
    assert deck["content"][1]["title"] == "Бесплатные IT-классы для детей"
    assert deck["content"][0]["block"] == "2"


def test_seed_deck_diagnostics_are_exactly_these(seed_bytes: bytes) -> None:
    report = Report()
    text = decode_bytes(seed_bytes, FILE, report)
    assert text is not None
    assert parse_json(text, FILE, report) is not None
    assert {(d.severity, *_codes([d])[0]) for d in report} == {
        (Severity.WARNING, "missing-comma", 2, 14),
        (Severity.WARNING, "raw-newline", 15, 77),
        (Severity.WARNING, "trailing-comma", 16, 2),
        (Severity.WARNING, "raw-newline", 25, 145),
        (Severity.WARNING, "raw-tab", 27, 31),
        (Severity.WARNING, "trailing-comma", 54, 2),
        (Severity.WARNING, "trailing-comma", 55, 7),
    }
    assert len(report) == 7
    assert report.for_file(FILE)[0].format() == (
        "content/x.json:2:14: warning[missing-comma]: inserted ',' after \"1\""
    )
