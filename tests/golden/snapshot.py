"""Snapshot of a built site: text files verbatim, binary files by their SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".txt", ".svg"}
EXPECTED = Path(__file__).resolve().parent / "expected"
BINARY_INDEX = "_binary-sha256.txt"


def snapshot(build: Path) -> dict[str, bytes]:
    """Every output file as it should be stored under expected/."""
    files: dict[str, bytes] = {}
    binaries: list[str] = []
    for path in sorted(p for p in build.rglob("*") if p.is_file()):
        rel = path.relative_to(build).as_posix()
        if path.suffix in TEXT_SUFFIXES:
            files[rel] = path.read_bytes()
        else:
            binaries.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {rel}\n")
    files[BINARY_INDEX] = "".join(binaries).encode()
    return files


def stored() -> dict[str, bytes]:
    """The snapshot kept in the repository."""
    return {
        p.relative_to(EXPECTED).as_posix(): p.read_bytes()
        for p in sorted(EXPECTED.rglob("*"))
        if p.is_file()
    }
