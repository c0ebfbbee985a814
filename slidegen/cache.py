"""What a long-running watch keeps between builds, so unchanged decks cost (almost) nothing.

Every entry is keyed by everything its result depends on, so a cached result is always the
result a clean build would produce: the incremental build stays byte-identical to a clean one.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from pydantic import BaseModel, ConfigDict

from slidegen.diagnostics import Diagnostic, Report
from slidegen.model import LoadedPart

StatKey = tuple[int, int, int]


def stat_key(path: Path) -> StatKey | None:
    """Inode, size and modification time: changes whenever an editor saves the file."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class _Loaded(BaseModel):
    """One deck file's load result and the diagnostics it produced."""

    model_config = ConfigDict(frozen=True)

    stat: StatKey
    part: LoadedPart | None
    diagnostics: list[Diagnostic]


class _Rendered(BaseModel):
    """One deck page, with what it needs copied and the diagnostics rendering it produced."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    key: str
    page: bytes
    slides: int
    copies: dict[str, Path]
    diagnostics: list[Diagnostic]


class CacheStats(BaseModel):
    """How much work the last build did, for tests and the benchmark."""

    files_loaded: int = 0
    files_reused: int = 0
    decks_rendered: int = 0
    decks_reused: int = 0


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory; Jinja checks each entry against the source's checksum."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill the bucket from memory if we have it."""
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the bucket's compiled code."""
        self._store[bucket.key] = bucket.bytecode_to_string()


class BuildCache:
    """Memo of loaded files and rendered deck pages, owned by one watch/serve session."""

    def __init__(self) -> None:
        self.templates: BytecodeCache = _MemoryBytecodeCache()
        self._files: dict[str, _Loaded] = {}
        self._decks: dict[str, _Rendered] = {}
        self._digests: dict[str, tuple[bytes, bytes]] = {}
        self._pages: dict[str, tuple[str, bytes]] = {}
        self.stats = CacheStats()

    def start(self) -> None:
        """Reset the per-build counters."""
        self.stats = CacheStats()

    def load(
        self, path: Path, rel: str, report: Report, load: Callable[[], LoadedPart | None]
    ) -> LoadedPart | None:
        """The file's LoadedPart, re-read only if the file changed; its diagnostics replayed."""
        stat = stat_key(path)
        entry = self._files.get(rel)
        if stat is not None and entry is not None and entry.stat == stat:
            report.extend(entry.diagnostics)
            self.stats.files_reused += 1
            return entry.part
        mark = report.mark()
        part = load()
        self.stats.files_loaded += 1
        if stat is not None:
            self._files[rel] = _Loaded(stat=stat, part=part, diagnostics=report.since(mark))
        return part

    def file_stat(self, rel: str) -> StatKey | None:
        """The stat key a file had when it was last loaded."""
        entry = self._files.get(rel)
        return entry.stat if entry else None

    def memo(self, name: str, key: str, make: Callable[[], bytes]) -> bytes:
        """An output file made once per distinct `key` (menu, play and stamped pages)."""
        known = self._pages.get(name)
        if known is not None and known[0] == key:
            return known[1]
        data = make()
        self._pages[name] = (key, data)
        return data

    def forget_missing(self, present: set[str]) -> None:
        """Drop entries of deck files that no longer exist."""
        self._files = {k: v for k, v in self._files.items() if k in present}

    def deck(self, deck_id: str, key: str) -> _Rendered | None:
        """A deck page rendered earlier with exactly these inputs."""
        entry = self._decks.get(deck_id)
        if entry is not None and entry.key == key:
            self.stats.decks_reused += 1
            return entry
        return None

    def store_deck(
        self,
        deck_id: str,
        key: str,
        page: bytes,
        slides: int,
        copies: dict[str, Path],
        diagnostics: list[Diagnostic],
    ) -> _Rendered:
        """Remember a freshly rendered deck page."""
        self.stats.decks_rendered += 1
        entry = _Rendered(key=key, page=page, slides=slides, copies=copies, diagnostics=diagnostics)
        self._decks[deck_id] = entry
        return entry

    def digest(self, name: str, data: bytes) -> bytes:
        """SHA-256 of an output file, computed once per distinct content."""
        known = self._digests.get(name)
        if known is not None and known[0] is data:
            return known[1]
        value = hashlib.sha256(data).digest()
        self._digests[name] = (data, value)
        return value


def fingerprint(*parts: object) -> str:
    """A stable hash of the given values' reprs (all plain data: str, int, tuples)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def tree_fingerprint(folders: list[Path]) -> str:
    """Hash of every file's path and bytes under the folders (themes: a few dozen small files)."""
    digest = hashlib.sha256()
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = Path(root, name)
                digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
