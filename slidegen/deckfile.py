"""Load one deck file: bytes, text, JSON, coercions, then the typed model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from slidegen.coerce import BLOCK_KEYS, DECK_KEYS, Coercer, Located
from slidegen.decode import decode_bytes
from slidegen.diagnostics import Report
from slidegen.fastjson import index_offsets, strict_value
from slidegen.ids import parse_id
from slidegen.model import BlockOrigin, DeckPart, LoadedPart, PlacedBlock
from slidegen.repair import LineIndex, ParseResult, parse_json


def read_deck_value(path: Path, rel: str, report: Report) -> tuple[Any, Located] | None:
    """Read and repair a deck file into a JSON value and its source positions."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.error(
            "unreadable", f"cannot read the file: {exc.strerror}; check its permissions", rel
        )
        return None
    text = decode_bytes(data, rel, report)
    if text is None:
        return None
    valid, value = strict_value(text)
    if valid:
        keys, values = index_offsets(text)
        return value, Located(rel, keys, values, LineIndex(text))
    parsed: ParseResult | None = parse_json(text, rel, report)
    if parsed is None:
        return None
    return parsed.value, Located(rel, parsed.key_positions, parsed.value_positions)


def load_deck_file(path: Path, rel: str, report: Report) -> LoadedPart | None:
    """Load one deck file, reporting every repair; None when it must be skipped."""
    read = read_deck_value(path, rel, report)
    if read is None:
        return None
    value, where = read
    coerced = Coercer(where, report).deck(value)
    if coerced is None:
        return None
    if "ID" not in coerced and not _id_from_name(path, coerced, where, report):
        return None
    key = parse_id(coerced["ID"].strip())
    if key is None:
        report.error(
            "invalid-id",
            f'"ID": "{coerced["ID"]}" is not a dotted list of positive numbers like "1.5.2"',
            rel,
            where.at(("ID",)) or where.at(("id",)),
        )
        return None
    if coerced["ID"] != coerced["ID"].strip():
        report.warning(
            "id-spaces",
            f'"ID": spaces around "{coerced["ID"].strip()}" ignored',
            rel,
            where.at(("ID",)),
        )
    part = _validate(coerced, key, where, report)
    if part is None:
        return None
    blocks = [
        PlacedBlock(
            block=b, origin=BlockOrigin(file=rel, index=i, line=_line(where, ("content", i)))
        )
        for i, b in enumerate(part.content)
    ]
    return LoadedPart(file=rel, part=part, key=key, blocks=blocks, fields=where.top_level())


def _id_from_name(path: Path, coerced: dict[str, Any], where: Located, report: Report) -> bool:
    """Fall back to an ID written as the file name, e.g. 1.5.2.json."""
    if parse_id(path.stem) is None:
        report.error(
            "missing-id",
            'no "ID"; add e.g. "ID": "1.5" to place the deck in the menu',
            where.file,
            where.at(()),
        )
        return False
    report.warning(
        "missing-id", f'no "ID"; using "{path.stem}" from the file name', where.file, where.at(())
    )
    coerced["ID"] = path.stem
    return True


def _validate(
    coerced: dict[str, Any], key: tuple[int, ...], where: Located, report: Report
) -> DeckPart | None:
    """Run the pydantic model; translate its errors to positioned diagnostics."""
    data = {k: v for k, v in coerced.items() if k in DECK_KEYS and v is not None}
    data["id"] = data.pop("ID").strip()
    data["content"] = [
        {k: v for k, v in block.items() if k in BLOCK_KEYS and v is not None}
        for block in coerced.get("content", [])
    ]
    try:
        return DeckPart.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple("ID" if p == "id" else p for p in err["loc"])
            field = ".".join(str(p) for p in loc)
            report.error("invalid-value", f"{field}: {_friendly(err)}", where.file, where.at(loc))
        return None


def _friendly(err: Any) -> str:
    """Short, non-technical reason for a pydantic error."""
    ctx = err.get("ctx") or {}
    if err["type"] == "greater_than_equal":
        return f"must be {ctx.get('ge')} or more"
    if err["type"] == "greater_than":
        return f"must be more than {ctx.get('gt')}"
    if err["type"] == "less_than_equal":
        return f"must be at most {ctx.get('le')}"
    if err["type"] == "string_pattern_mismatch":
        return 'must be a language tag such as "kk", "ru" or "en"'
    return str(err["msg"])


def _line(where: Located, path: tuple[str | int, ...]) -> int | None:
    pos = where.at(path)
    return pos.line if pos else None
