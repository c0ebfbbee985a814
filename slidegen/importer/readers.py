"""Which reader a document needs, from its name or (for stdin) its first bytes."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

from slidegen.decode import decode_bytes
from slidegen.diagnostics import Report
from slidegen.importer.elements import SourceDoc
from slidegen.importer.htmldoc import read_html
from slidegen.importer.plaintext import read_text
from slidegen.importer.word import read_docx


class Format(StrEnum):
    """The document formats `slidegen import` reads."""

    TXT = "txt"
    MD = "md"
    HTML = "html"
    DOCX = "docx"


EXTENSIONS = {
    ".txt": Format.TXT,
    ".text": Format.TXT,
    ".md": Format.MD,
    ".markdown": Format.MD,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".docx": Format.DOCX,
}
# Formats people will try, and what to do with them instead.
_SAVE_AS = {
    ".doc": "an old Word .doc: open it in Word and save it as .docx",
    ".rtf": "RTF: open it in Word and save it as .docx",
    ".odt": "an OpenDocument file: save it as .docx from LibreOffice",
    ".pdf": "a PDF: copy its text into a .txt file, or import the Word file it was made from",
    ".json": "already a deck file: put it in content/ (and run `slidegen fix` to clean it)",
}
_ZIP = b"PK\x03\x04"
_MD_HINT = re.compile(r"^(?:#{1,6} |\*\*|> |\d+\. |- |\* )|\*\*\S|\]\(", re.MULTILINE)


class FormatError(ValueError):
    """The file's format is unknown or unreadable; the message says what to do."""


def format_for(path: Path, given: Format | None) -> Format:
    """The format from --format, else from the file's extension."""
    if given is not None:
        return given
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    known = ", ".join(sorted({f".{f.value}" for f in Format}))
    if suffix in _SAVE_AS:
        raise FormatError(f"{path}: {_SAVE_AS[suffix]}")
    raise FormatError(
        f'{path}: cannot import "{suffix or "no extension"}" files (known: {known});'
        " if it is one of those, say which with --format"
    )


def sniff(data: bytes) -> Format:
    """Guess the format of text piped to stdin."""
    if data.startswith(_ZIP):
        return Format.DOCX
    # <!doctype html>, <html>, or any page or fragment that opens with a tag.
    if data.lstrip().startswith(b"<"):
        return Format.HTML
    head = data[:65536].decode("utf-8", errors="replace")
    return Format.MD if _MD_HINT.search(head) else Format.TXT


def read_document(
    data: bytes,
    fmt: Format,
    name: str,
    base: Path | None,
    image_prefix: str,
    report: Report,
) -> SourceDoc | None:
    """Read a document's bytes with the reader for its format; None when it cannot be read."""
    if fmt is Format.DOCX:
        return read_docx(data, name, image_prefix, report)
    text = decode_bytes(data, name, report)
    if text is None:
        return None
    if fmt is Format.HTML:
        return read_html(text, name, base, image_prefix, report)
    return read_text(text, name, markdown=fmt is Format.MD, report=report)
