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


def file_digests(copies: dict[str, Path]) -> dict[str, bytes]:
    """Digests of files copied into the output, each read once per build."""
    return {name: hashlib.sha256(path.read_bytes()).digest() for name, path in copies.items()}


def page_versions(
    pages: dict[str, bytes],
    theme_digests: dict[str, bytes],
    digest: Callable[[str, bytes], bytes] = sha256,
) -> dict[str, str]:
    """The version of every HTML page, from its own bytes and every file under theme/."""
    shared = hashlib.sha256()
    for name in sorted(n for n in pages if n.startswith("theme/")):
        shared.update(name.encode() + b"\0" + hashlib.sha256(pages[name]).digest())
    for name in sorted(n for n in theme_digests if n.startswith("theme/")):
        shared.update(name.encode() + b"\0" + theme_digests[name])
    base = shared.digest()
    return {
        name: hashlib.sha256(base + digest(name, data)).hexdigest()[:16]
        for name, data in pages.items()
        if name.endswith(".html")
    }


def stamp_page(data: bytes, version: str) -> bytes:
    """Write a page's version over the placeholder in its meta tag; nothing else changes."""
    return data.replace(_META.format(PENDING).encode(), _META.format(version).encode(), 1)
