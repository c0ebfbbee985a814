"""Pictures found in documents, named by their content so a re-import writes the same file."""

from __future__ import annotations

import hashlib
import io
from pathlib import PurePosixPath

from slidegen.diagnostics import Report
from slidegen.importer.elements import ExtractedImage
from slidegen.importer.notes import note, warn

IMAGE_FOLDER = PurePosixPath("img")
# What Chromium shows as it is; TIFF and BMP are turned into PNG when Pillow is there.
_SHOWN = {"png", "jpg", "gif", "webp", "svg", "avif"}
_CONVERTIBLE = {"tif", "tiff", "bmp"}
_ALIASES = {"jpeg": "jpg", "jpe": "jpg", "svg+xml": "svg", "x-emf": "emf", "x-wmf": "wmf"}
_TYPES = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/svg+xml": "svg",
    "image/bmp": "bmp",
    "image/tiff": "tiff",
    "image/x-emf": "emf",
    "image/x-wmf": "wmf",
}


def extension(name_or_type: str) -> str:
    """A lower-case file extension from a file name, extension or MIME type."""
    value = name_or_type.lower().strip()
    if value in _TYPES:
        return _TYPES[value]
    ext = value.rsplit("/", 1)[-1].rsplit(".", 1)[-1]
    return _ALIASES.get(ext, ext)


def extract(data: bytes, ext: str, prefix: str, doc: str, report: Report) -> ExtractedImage:
    """A picture ready to write under static/img/, converted when browsers cannot show it."""
    ext = extension(ext)
    if ext in _CONVERTIBLE:
        converted = _to_png(data)
        if converted is not None:
            note(
                report, doc, f"a .{ext} picture was converted to PNG (browsers cannot show .{ext})"
            )
            data, ext = converted, "png"
    image = ExtractedImage(path=IMAGE_FOLDER / f"{prefix}-{_digest(data)}.{ext}", data=data)
    if ext not in _SHOWN:
        warn(
            report,
            "import-image",
            doc,
            f"{image.url}: browsers cannot show .{ext} pictures; save it as PNG or JPEG"
            " (in Word: right-click the picture, Save as Picture) and change img_path",
        )
    return image


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def _to_png(data: bytes) -> bytes | None:
    """PNG bytes of a picture Pillow can read, or None without Pillow or on a damaged file."""
    try:
        from PIL import Image
    except ImportError:
        return None
    try:
        with Image.open(io.BytesIO(data)) as picture:
            out = io.BytesIO()
            picture.save(out, format="PNG")
            return out.getvalue()
    except (OSError, ValueError):
        return None
