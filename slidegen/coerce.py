"""Turn a parsed deck file into the canonical shape: report each coercion, never alter text."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from slidegen.diagnostics import Position, Report
from slidegen.model import LAYOUT_NAMES, Layout
from slidegen.repair import JsonPath, LineIndex
from slidegen.suggest import did_you_mean

DECK_KEYS = ("name", "ID", "logo_title", "logo_path", "slide_max", "slide_now", "lang", "content")
BLOCK_KEYS = ("title", "block", "text", "img_path", "video", "poster", "map", "duration")
TEXT_KEYS = frozenset({"name", "logo_title", "logo_path", "lang", "title", "text"})
MEDIA_KEYS = frozenset({"img_path", "video", "map"})
COUNT_KEYS = frozenset({"slide_max", "slide_now"})


class Located:
    """Positions of keys and values in the source file, looked up by JSON path.

    Positions may be stored as character offsets and turned into line:column only when a
    diagnostic needs one, which keeps loading valid files fast.
    """

    def __init__(
        self,
        file: str,
        keys: Mapping[JsonPath, Position | int],
        values: Mapping[JsonPath, Position | int],
        lines: LineIndex | None = None,
    ) -> None:
        self.file = file
        self.keys = keys
        self.values = values
        self.lines = lines

    def at(self, path: JsonPath) -> Position | None:
        """Position of the key at `path`, else of its value, else of the nearest parent."""
        while True:
            found = self.keys.get(path)
            if found is None:
                found = self.values.get(path)
            if found is not None or not path:
                break
            path = path[:-1]
        if isinstance(found, int):
            return self.lines.at(found) if self.lines else None
        return found

    def top_level(self) -> dict[str, Position]:
        """Positions of the deck's own keys."""
        return {str(k[0]): pos for k in self.keys if len(k) == 1 and (pos := self.at(k))}


class Coercer:
    """Applies the reported coercions to one file's JSON value."""

    def __init__(self, where: Located, report: Report) -> None:
        self.where = where
        self.report = report
        self.failed = False

    def warn(self, code: str, message: str, path: JsonPath) -> None:
        """Report a repair at `path`."""
        self.report.warning(code, message, self.where.file, self.where.at(path))

    def fail(self, code: str, message: str, path: JsonPath) -> None:
        """Report an error at `path`; the deck will be skipped."""
        self.failed = True
        self.report.error(code, message, self.where.file, self.where.at(path))

    def deck(self, value: Any) -> dict[str, Any] | None:
        """Coerce a whole deck file, or return None after reporting why it cannot be used."""
        if not isinstance(value, dict):
            self.fail("not-a-deck", "a deck file must be one JSON object {...}", ())
            return None
        out: dict[str, Any] = {}
        for key, item in value.items():
            path: JsonPath = (key,)
            if key in ("ID", "id"):
                self._id(out, key, item, path)
            elif key == "content":
                out["content"] = self._content(item, path)
            elif key in DECK_KEYS:
                out[key] = self._scalar(key, item, path)
            else:
                self._unknown(key, DECK_KEYS, path, out, item)
        return None if self.failed else out

    def _id(self, out: dict[str, Any], key: str, item: Any, path: JsonPath) -> None:
        if isinstance(item, bool) or not isinstance(item, (str, int)):
            self.fail("invalid-id", f'"{key}" must be a dotted number in quotes, e.g. "1.5"', path)
            return
        text = str(item)
        if isinstance(item, int):
            self.warn("coerced-type", f'"{key}": number {item} read as the ID "{text}"', path)
        if "ID" in out and out["ID"] != text:
            self.fail(
                "conflicting-id", f'"ID" is "{out["ID"]}" but "id" is "{text}"; keep one', path
            )
            return
        if "ID" in out:
            self.warn("duplicate-id-key", 'both "ID" and "id" are given; "id" ignored', path)
        out["ID"] = text

    def _content(self, item: Any, path: JsonPath) -> list[Any]:
        if item is None:
            self.warn("null-value", '"content" is null; read as an empty list of blocks', path)
            return []
        if isinstance(item, dict):
            self.warn(
                "single-block", '"content" holds one block, not a list; read as [ {...} ]', path
            )
            return [self._block(item, path)]
        if not isinstance(item, list):
            self.fail("wrong-type", '"content" must be a list of blocks [ {...}, {...} ]', path)
            return []
        return [self._block(b, (*path, i)) for i, b in enumerate(item)]

    def _block(self, item: Any, path: JsonPath) -> dict[str, Any]:
        if not isinstance(item, dict):
            self.fail("wrong-type", f"block {_index(path)} must be an object {{...}}", path)
            return {}
        out: dict[str, Any] = {}
        for key, field in item.items():
            if key == "block":
                out[key] = field
            elif key == "duration":
                out[key] = self._number(key, field, (*path, key), float)
            elif key in BLOCK_KEYS:
                out[key] = self._scalar(key, field, (*path, key))
            else:
                self._unknown(key, BLOCK_KEYS, (*path, key), out, field)
        out["block"] = self._layout(out, path)
        return out

    def _unknown(
        self, key: str, known: tuple[str, ...], path: JsonPath, out: dict[str, Any], item: Any
    ) -> None:
        hint = did_you_mean(key, known)
        self.warn("unknown-key", f'unknown key "{key}" is kept but not shown{hint}', path)
        out[key] = item

    def _scalar(self, key: str, item: Any, path: JsonPath) -> Any:
        if key in COUNT_KEYS:
            return self._number(key, item, path, int)
        if item is None:
            self.warn("null-value", f'"{key}" is null; read as ""', path)
            return ""
        if isinstance(item, int) and not isinstance(item, bool):
            self.warn("coerced-type", f'"{key}": number {item} read as text "{item}"', path)
            return str(item)
        if not isinstance(item, str):
            kind = type(item).__name__
            self.fail("wrong-type", f'"{key}" must be text in quotes, not {_kind(kind)}', path)
        return item

    def _number(self, key: str, item: Any, path: JsonPath, kind: Callable[[str], Any]) -> Any:
        if item is None:
            self.warn("null-value", f'"{key}" is null; the default is used', path)
            return None
        if isinstance(item, bool):
            self.fail("wrong-type", f'"{key}" must be a number, not true/false', path)
            return item
        if isinstance(item, str) and re.fullmatch(r"\s*\d+(\.\d+)?\s*", item):
            number = float(item) if kind is float else _as_int(item)
            if number is not None:
                self.warn(
                    "coerced-type", f'"{key}": text "{item}" read as the number {number}', path
                )
                return number
        if isinstance(item, float) and kind is int and item.is_integer():
            self.warn("coerced-type", f'"{key}": {item} read as {int(item)}', path)
            return int(item)
        if isinstance(item, (int, float)) and not isinstance(item, str):
            return kind(item) if kind is float else item
        self.fail("wrong-type", f'"{key}" must be a whole number like 1, not {item!r}', path)
        return item

    def _layout(self, block: dict[str, Any], path: JsonPath) -> int:
        given = block.get("block")
        key_path = (*path, "block")
        layout = _layout_from(given)
        if layout is not None and isinstance(given, str):
            self.warn(
                "coerced-type",
                f'"block": "{given}" read as layout {layout.value} ({layout.slug})',
                key_path,
            )
        inferred = infer_layout(block)
        if layout is None:
            reason = "missing" if given in (None, "") else f"unknown layout {given!r}"
            self.warn(
                "layout-inferred",
                f'"block" {reason}; using {inferred.value} ({inferred.slug}) from the filled fields'
                " (1 cover, 2 text, 3 text+image, 4 image, 5 video, 6 map)",
                key_path if "block" in block else path,
            )
            return inferred
        needed = {Layout.TEXT_IMAGE: "img_path", Layout.IMAGE: "img_path"}
        media = {Layout.VIDEO: "video", Layout.MAP: "map"} | needed
        field = media.get(layout)
        if field and not str(block.get(field) or "").strip():
            self.warn(
                "layout-mismatch",
                f'layout {layout.value} ({layout.slug}) needs "{field}", which is empty;'
                f" showing it as {inferred.value} ({inferred.slug})",
                key_path,
            )
            return inferred
        return layout


def infer_layout(block: dict[str, Any]) -> Layout:
    """Pick the layout that shows the fields that are filled."""

    def filled(key: str) -> bool:
        return isinstance(block.get(key), str) and bool(block[key].strip())

    if filled("video"):
        return Layout.VIDEO
    if filled("map"):
        return Layout.MAP
    if filled("img_path"):
        return Layout.TEXT_IMAGE if filled("text") else Layout.IMAGE
    if filled("text"):
        return Layout.TEXT
    return Layout.COVER


def _layout_from(given: Any) -> Layout | None:
    if isinstance(given, bool):
        return None
    if isinstance(given, int) and given in Layout._value2member_map_:
        return Layout(given)
    if isinstance(given, str):
        text = given.strip().lower()
        if text.isdigit() and int(text) in Layout._value2member_map_:
            return Layout(int(text))
        return LAYOUT_NAMES.get(text)
    return None


def _as_int(text: str) -> int | None:
    number = float(text)
    return int(number) if number.is_integer() else None


def _index(path: JsonPath) -> str:
    return str(path[-1] + 1) if path and isinstance(path[-1], int) else "1"


def _kind(name: str) -> str:
    return {"list": "a list [...]", "dict": "an object {...}", "float": "a number"}.get(name, name)
