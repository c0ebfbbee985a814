"""The Content-Security-Policy of every page: its own files, allowlisted embeds, nothing else."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

from slidegen import maps, video

# Every host a slide may frame (video players, maps); the templates never frame anything else.
FRAME_HOSTS = tuple(sorted({*video.EMBED_HOSTS, *maps.EMBED_HOSTS}))


def _policy(directives: dict[str, Iterable[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def page_policy() -> str:
    """Policy for built pages; in Chromium, 'self' on a file:// page matches its file:// files."""
    return _policy(
        {
            "default-src": ["'none'"],
            "script-src": ["'self'"],
            "style-src": ["'self'"],
            # data: for inline images; QR codes are inline <svg>, which img-src does not govern.
            "img-src": ["'self'", "data:"],
            "media-src": ["'self'"],
            "font-src": ["'self'"],
            # The runtime may poll manifest.json for a new build when served over http.
            "connect-src": ["'self'"],
            "frame-src": FRAME_HOSTS,
            "base-uri": ["'none'"],
            "form-action": ["'none'"],
        }
    )


def source_hash(code: str) -> str:
    """A CSP hash source for an inline <script> or <style> whose text is exactly `code`."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def single_file_policy(scripts: Iterable[str], styles: Iterable[str]) -> str:
    """Policy for a self-contained page: only its own inline code (by hash), data: images."""
    script_hashes = sorted({source_hash(s) for s in scripts}) or ["'none'"]
    style_hashes = sorted({source_hash(s) for s in styles}) or ["'none'"]
    return _policy(
        {
            "default-src": ["'none'"],
            "script-src": script_hashes,
            "style-src": style_hashes,
            "img-src": ["data:"],
            # Videos stay beside the page as separate files.
            "media-src": ["'self'", "data:"],
            "font-src": ["data:"],
            "frame-src": FRAME_HOSTS,
            "base-uri": ["'none'"],
            "form-action": ["'none'"],
        }
    )
