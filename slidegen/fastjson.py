"""Valid JSON at C speed, with key positions; anything else goes to the tolerant parser."""

from __future__ import annotations

import json
import re
from typing import Any

from slidegen.repair import JsonPath

# On valid JSON, strings and punctuation are all the structure there is; numbers and literals
# never start a key, and their positions fall back to their key's.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]', re.DOTALL)


class _Duplicate(Exception):
    """Two members share a key: the tolerant parser reports it properly."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Duplicate
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(name)


def strict_value(text: str) -> tuple[bool, Any]:
    """(True, value) when `text` is strict JSON the loader may take as it is, else (False, None)."""
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
        # Lone surrogates are valid JSON escapes but cannot be written out as UTF-8.
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (ValueError, _Duplicate, UnicodeEncodeError, RecursionError):
        return False, None
    return True, value


def index_offsets(text: str) -> tuple[dict[JsonPath, int], dict[JsonPath, int]]:
    """Offsets of every key, and of every string/object/array value, in valid JSON."""
    keys: dict[JsonPath, int] = {}
    values: dict[JsonPath, int] = {}
    # Each frame: [bracket, path, current key or index, expecting a key].
    stack: list[list[Any]] = []

    def here() -> JsonPath:
        if not stack:
            return ()
        _, path, slot, _ = stack[-1]
        return (*path, slot)

    for match in _TOKEN.finditer(text):
        token, offset = match.group(), match.start()
        if token in "{[":
            path = here()
            values[path] = offset
            stack.append([token, path, 0 if token == "[" else None, token == "{"])
        elif token in "}]":
            stack.pop()
        elif token == ",":
            frame = stack[-1]
            if frame[0] == "[":
                frame[2] += 1
            else:
                frame[3] = True
        elif token == ":":
            continue
        elif stack and stack[-1][3]:
            frame = stack[-1]
            frame[2], frame[3] = json.loads(token), False
            keys[(*frame[1], frame[2])] = offset
        else:
            values[here()] = offset
    return keys, values
