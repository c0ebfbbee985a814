"""Per-page versions: a hash of each page and the theme files it uses, written into the page and
listed in manifest.json, so a screen reloads only when what it shows has changed and a rebuild
rewrites only the pages that did."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

# Pages are rendered with this placeholder; the version (a hash of them) is stamped afterwards.
PENDING = "slidegen-page-pending"
_META = '<meta name="slidegen-page" content="{}">'


def sha256(name: str, data: bytes) -> bytes:
    """Digest of one output file (a build cache memoises this per content)."""
    return hashlib.sha256(data).digest()


def page_versions(
    pages: dict[str, bytes],
    copies: dict[str, Path],
    digest: Callable[[str, bytes], bytes] = sha256,
) -> dict[str, str]:
    """The version of every HTML page, from its own bytes and every file under theme/."""
    shared = hashlib.sha256()
    for name in sorted(n for n in pages if n.startswith("theme/")):
        shared.update(name.encode() + b"\0" + hashlib.sha256(pages[name]).digest())
    for name in sorted(n for n in copies if n.startswith("theme/")):
        shared.update(name.encode() + b"\0" + hashlib.sha256(copies[name].read_bytes()).digest())
    base = shared.digest()
    return {
        name: hashlib.sha256(base + digest(name, data)).hexdigest()[:16]
        for name, data in pages.items()
        if name.endswith(".html")
    }


def stamp_page(data: bytes, version: str) -> bytes:
    """Write a page's version over the placeholder in its meta tag; nothing else changes."""
    return data.replace(_META.format(PENDING).encode(), _META.format(version).encode(), 1)


def stamp_versions(pages: dict[str, bytes], versions: dict[str, str]) -> dict[str, bytes]:
    """Stamp every page that has a version."""
    return {
        name: stamp_page(data, versions[name]) if name in versions else data
        for name, data in pages.items()
    }
