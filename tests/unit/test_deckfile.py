"""Loading one deck file: coercions reported with positions, pydantic errors translated."""

from __future__ import annotations

from pathlib import Path

import pytest

from slidegen.deckfile import load_deck_file
from slidegen.diagnostics import Report
from slidegen.model import Layout


def load(tmp_path: Path, text: str, name: str = "deck.json"):
    """Load `text` as a deck file and return (part, report)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = Report()
    return load_deck_file(path, f"content/{name}", report), report


def codes(report: Report) -> list[tuple[str, str, int | None]]:
    """(severity, code, line) of each diagnostic."""
    return [(d.severity.value, d.code, d.line) for d in report]


def test_string_numbers_and_layouts_are_coerced_and_reported(tmp_path: Path) -> None:
    """ "2" → layout 2, "3" → 3, names → codes; each coercion is a warning at its key."""
    text = (
        '{"ID": "1.2",\n"slide_max": "1",\n"slide_now": 1.0,\n'
        '"content": [\n{"title": "A", "block": "2", "text": "x"},\n'
        '{"title": "B", "block": "cover"}]}'
    )
    loaded, report = load(tmp_path, text)
    assert loaded is not None
    assert loaded.key == (1, 2)
    assert [b.block.block for b in loaded.blocks] == [Layout.TEXT, Layout.COVER]
    assert ("warning", "coerced-type", 2) in codes(report)
    assert ("warning", "coerced-type", 3) in codes(report)
    assert ("warning", "coerced-type", 5) in codes(report)
    assert report.errors == 0


def test_null_and_single_block_and_numbers_as_text(tmp_path: Path) -> None:
    """null → empty, one block object → a list of one, a number where text goes → text."""
    text = '{"id": 7, "name": 1, "logo_title": null,\n"content": {"title": "Only", "text": "t"}}'
    loaded, report = load(tmp_path, text)
    assert loaded is not None
    assert loaded.part.id == "7" and loaded.part.name == "1" and loaded.part.logo_title == ""
    assert len(loaded.blocks) == 1 and loaded.blocks[0].block.title == "Only"
    found = {c for _, c, _ in codes(report)}
    assert {"coerced-type", "null-value", "single-block", "layout-inferred"} <= found


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ('"video": "v.mp4"', Layout.VIDEO),
        ('"map": "51.1,71.4"', Layout.MAP),
        ('"img_path": "a.png", "text": "t"', Layout.TEXT_IMAGE),
        ('"img_path": "a.png"', Layout.IMAGE),
        ('"text": "t"', Layout.TEXT),
        ('"title": "t"', Layout.COVER),
    ],
)
def test_layout_inferred_from_filled_fields(tmp_path: Path, fields: str, expected: Layout) -> None:
    """Missing or unknown `block` is inferred from the filled fields, with a warning."""
    loaded, report = load(tmp_path, f'{{"ID": "1", "content": [{{"block": "zzz", {fields}}}]}}')
    assert loaded is not None and loaded.blocks[0].block.block is expected
    assert [c for _, c, _ in codes(report)] == ["layout-inferred"]


def test_unknown_keys_warn_with_did_you_mean(tmp_path: Path) -> None:
    """A misspelt key is kept out of the model and named with the closest known key."""
    loaded, report = load(
        tmp_path, '{"ID": "1",\n"nmae": "x",\n"content": [{"Title": "y", "block": 1}]}'
    )
    assert loaded is not None
    messages = [d.message for d in report if d.code == "unknown-key"]
    assert any('"nmae"' in m and 'did you mean "name"' in m for m in messages)
    assert any('"Title"' in m and 'did you mean "title"' in m for m in messages)
    assert [d.line for d in report if d.code == "unknown-key"] == [2, 3]


@pytest.mark.parametrize("bad_id", ['"1..2"', '"0.1"', '"a.b"', '""', "true", "1.5"])
def test_invalid_ids_are_errors(tmp_path: Path, bad_id: str) -> None:
    """IDs must be dotted positive integers; the error points at the ID line."""
    loaded, report = load(tmp_path, f'{{\n"ID": {bad_id},\n"content": []}}')
    assert loaded is None
    assert report.errors == 1
    assert next(d for d in report if d.severity.value == "error").line == 2


def test_missing_id_taken_from_file_name(tmp_path: Path) -> None:
    """A file named like an ID supplies it, with a warning; otherwise it is an error."""
    loaded, report = load(tmp_path, '{"content": []}', name="3.4.json")
    assert loaded is not None and loaded.part.id == "3.4"
    assert [c for _, c, _ in codes(report)] == ["missing-id"]
    loaded, report = load(tmp_path, '{"content": []}', name="misc.json")
    assert loaded is None and report.errors == 1


def test_pydantic_errors_point_at_the_key(tmp_path: Path) -> None:
    """A value the model rejects is an error at that key's line, in plain words."""
    loaded, report = load(tmp_path, '{"ID": "1",\n"slide_now": 0,\n"content": []}')
    assert loaded is None
    error = next(iter(report))
    assert (error.code, error.line) == ("invalid-value", 2)
    assert "1 or more" in error.message
    loaded, report = load(tmp_path, '{"ID": "1", "content": [\n{"title": "t", "duration": -3}]}')
    assert loaded is None
    assert next(iter(report)).line == 2


def test_wrong_types_are_errors_not_guesses(tmp_path: Path) -> None:
    """A list where text goes cannot be coerced without losing structure."""
    loaded, report = load(tmp_path, '{"ID": "1", "content": [{"text": ["a", "b"]}]}')
    assert loaded is None
    assert any(d.code == "wrong-type" and '"text"' in d.message for d in report)


def test_layout_that_needs_missing_media_falls_back(tmp_path: Path) -> None:
    """Layout 4 (image) without an image is shown as the layout the fields call for."""
    loaded, report = load(tmp_path, '{"ID": "1", "content": [{"block": 4, "text": "t"}]}')
    assert loaded is not None and loaded.blocks[0].block.block is Layout.TEXT
    assert [c for _, c, _ in codes(report)] == ["layout-mismatch"]
