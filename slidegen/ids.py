"""Dotted deck IDs such as "1.5.1.1.1" and their ordering."""

from __future__ import annotations

import re

DeckKey = tuple[int, ...]

_ID = re.compile(r"[1-9][0-9]{0,8}(?:\.[1-9][0-9]{0,8})*")


def parse_id(text: str) -> DeckKey | None:
    """Parse a dotted ID of positive integers, or return None when it is not one."""
    if not _ID.fullmatch(text):
        return None
    return tuple(int(p) for p in text.split("."))


def format_id(key: DeckKey) -> str:
    """Render a key back to its dotted form."""
    return ".".join(str(p) for p in key)
