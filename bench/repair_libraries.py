"""Compare json-repair, json5 and slidegen's parser on faulty decks: does the text survive?

Run: .venv/bin/python bench/repair_libraries.py   (json-repair and json5 are optional;
install them into a scratch venv with `pip install json-repair json5` to compare).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slidegen.diagnostics import Report, Severity
from slidegen.repair import parse_json

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "deck-1.5.1.1.1.json"


@dataclass(frozen=True)
class Case:
    """One faulty input, what its author meant, and whether refusing is the only safe answer."""

    name: str
    source: str
    meant: Any
    refuse: bool = False


CASES = [
    Case(
        "line break typed at the end of a text",
        '{"text": "Паспорт проекта\n",\n "n": 1,\n}',
        {"text": "Паспорт проекта\n", "n": 1},
    ),
    Case(
        'unescaped " inside text',
        '{"text": "Компания "Нұр Отан" объявила", "title": "x"}',
        {"text": 'Компания "Нұр Отан" объявила', "title": "x"},
        refuse=True,
    ),
    Case(
        "backslash path C:\\new (valid JSON escapes)",
        '{"path": "C:\\new folder\\report.pdf"}',
        {"path": "C:\\new folder\\report.pdf"},
    ),
    Case(
        "backslash path C:\\Users (invalid escape)",
        '{"path": "C:\\Users\\Әлия\\logo.png"}',
        {"path": "C:\\Users\\Әлия\\logo.png"},
    ),
    Case(
        "raw TAB inside text",
        '{"text": "Жоба:\t1000 сынып\tашу"}',
        {"text": "Жоба:\t1000 сынып\tашу"},
    ),
    Case(
        "smart quotes inside text",
        '{"text": "Ол “IT-сынып” деді, „иә“"}',
        {"text": "Ол “IT-сынып” деді, „иә“"},
    ),
    Case(
        "smart quotes as delimiters, and inside",
        "{“title”: “Ол “IT” деді”, “n”: 1}",
        {"title": "Ол “IT” деді", "n": 1},
    ),
    Case(
        "single quotes with an apostrophe",
        "{'text': 'Don't stop', 'n': 1}",
        {"text": "Don't stop", "n": 1},
    ),
    Case(
        "missing comma, trailing commas, // comment",
        '{\n  "name": "1"\n  "ID": "1.5", // id\n  "content": [{"text": "a, b",},],\n}',
        {"name": "1", "ID": "1.5", "content": [{"text": "a, b"}]},
    ),
    Case("file cut off inside a text", '{"text": "Жоба мақсаты: балалар', None, refuse=True),
    Case("file cut off after a value", '{"text": "Жоба", "n": 1', None, refuse=True),
]


def _seed_case() -> Case | None:
    """The real press-office deck; its texts are sliced from the raw bytes."""
    if not SEED.is_file():
        return None
    raw = SEED.read_text(encoding="utf-8")
    texts = [part.split('",\n     },')[0] for part in raw.split('"text": "')[1:]]
    return Case("the real seed deck (its two texts)", raw, texts)


def _texts(value: Any) -> Any:
    """The seed deck's block texts, for comparison."""
    if not isinstance(value, dict) or not isinstance(value.get("content"), list):
        return value
    return [block.get("text") for block in value["content"] if isinstance(block, dict)]


def _slidegen(source: str) -> Any:
    """Our parser; raises ValueError with the error codes when it refuses."""
    report = Report()
    result = parse_json(source, "bench.json", report)
    if result is None:
        codes = sorted({d.code for d in report if d.severity is Severity.ERROR})
        raise ValueError(", ".join(codes))
    return result.value


def _library(module: str, call: str) -> Callable[[str], Any] | None:
    """A library's loads function, or None when it is not installed."""
    try:
        lib = importlib.import_module(module)
    except ImportError:
        return None
    if module == "json_repair":
        return lambda source: lib.repair_json(source, return_objects=True)
    return getattr(lib, call)


def _verdict(parse: Callable[[str], Any] | None, case: Case) -> tuple[str, str]:
    """Short verdict and a detail line."""
    if parse is None:
        return "not installed", ""
    try:
        value = parse(case.source)
    except Exception as exc:  # third-party parsers raise anything
        reason = str(exc).splitlines()[0][:60] if str(exc) else type(exc).__name__
        verdict = "refused (right)" if case.refuse else "refused"
        return verdict, reason
    if case.name.startswith("the real seed"):
        value = _texts(value)
    if case.refuse:
        guess = "a guess that matched" if value == case.meant else "a guess"
        return "GUESSED", f"{guess}: {value!r}"[:110]
    if value == case.meant:
        return "intact", ""
    return "ALTERED", repr(value)[:90]


def main() -> None:
    """Print one row per case and the details of every non-intact result."""
    parsers = {
        "json-repair": _library("json_repair", "loads"),
        "json5": _library("json5", "loads"),
        "slidegen": _slidegen,
    }
    width = max(len(case.name) for case in CASES)
    print(f"{'case':<{width}} | " + " | ".join(f"{name:<16}" for name in parsers))
    print("-" * (width + 1) + ("|" + "-" * 18) * len(parsers))
    details = []
    seed = _seed_case()
    for case in [*CASES, *([seed] if seed else [])]:
        cells = []
        for name, parse in parsers.items():
            verdict, detail = _verdict(parse, case)
            cells.append(f"{verdict:<16}")
            if detail:
                details.append(f"  {name:<11} {case.name}: {detail}")
        print(f"{case.name:<{width}} | " + " | ".join(cells))
    print("\nDetails:")
    print("\n".join(details))


if __name__ == "__main__":
    main()
