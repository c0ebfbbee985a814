"""Rewrite repaired deck files as clean JSON, keeping key order and every character of text."""

from __future__ import annotations

import difflib
import json
import shutil
from enum import StrEnum
from pathlib import Path
from typing import Any

from slidegen.coerce import Coercer
from slidegen.deckfile import read_deck_value
from slidegen.diagnostics import Report
from slidegen.write import write_file


class FixOutcome(StrEnum):
    """What happened to one file."""

    CLEAN = "clean"
    FIXED = "fixed"
    FAILED = "failed"


def clean_json(value: Any) -> str:
    """The canonical form `fix` writes: two-space indent, UTF-8 text, newline at the end."""
    return json.dumps(_drop_nulls(value), ensure_ascii=False, indent=2) + "\n"


def fix_file(path: Path, rel: str, report: Report, dry_run: bool) -> tuple[FixOutcome, str]:
    """Fix one file; returns the outcome and a unified diff of the change."""
    errors_before = report.errors
    read = read_deck_value(path, rel, report)
    coerced = Coercer(read[1], report).deck(read[0]) if read else None
    if coerced is None or report.errors > errors_before:
        return FixOutcome.FAILED, ""
    original = path.read_bytes().decode("utf-8", errors="replace")
    fixed = clean_json(coerced)
    if fixed == original:
        return FixOutcome.CLEAN, ""
    diff = "".join(
        difflib.unified_diff(
            original.splitlines(keepends=True),
            fixed.splitlines(keepends=True),
            rel,
            f"{rel} (fixed)",
        )
    )
    if not dry_run:
        shutil.copy2(path, path.with_name(path.name + ".bak"))
        write_file(path, fixed.encode("utf-8"))
    return FixOutcome.FIXED, diff


def _drop_nulls(value: Any) -> Any:
    """Nulls the loader replaced by defaults are left out, so the next build is quiet."""
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value
