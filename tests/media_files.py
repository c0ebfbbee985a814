"""Small media files made on the fly for tests: photos with EXIF, PNGs, MP4 headers."""

from __future__ import annotations

import io
import struct

from PIL import Image


def jpeg(width: int, height: int, orientation: int = 1, gps: bool = False) -> bytes:
    """A JPEG whose left half is red and right half blue, with an EXIF orientation tag."""
    image = Image.new("RGB", (width, height), (220, 20, 20))
    image.paste((20, 20, 220), (width // 2, 0, width, height))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "TestCam"
    if gps:
        exif[0x8825] = {1: "N", 2: (43.0, 14.0, 18.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80, exif=exif.tobytes())
    return buffer.getvalue()


def png_rgba(width: int, height: int) -> bytes:
    """A PNG with a transparent left half."""
    image = Image.new("RGBA", (width, height), (0, 128, 0, 255))
    image.paste((0, 0, 0, 0), (0, 0, width // 2, height))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(body), kind) + body


def mp4(codec: bytes = b"avc1", brand: bytes = b"isom") -> bytes:
    """An MP4 header (ftyp, moov with one track's sample description, empty mdat)."""
    ftyp = _box(b"ftyp", brand + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    entry = _box(codec, bytes(78))
    stsd = _box(b"stsd", struct.pack(">II", 0, 1) + entry)
    hdlr = _box(b"hdlr", bytes(8) + b"vide" + bytes(13))
    trak = _box(b"trak", _box(b"mdia", hdlr + _box(b"minf", _box(b"stbl", stsd))))
    mvhd = _box(b"mvhd", bytes(100))
    return ftyp + _box(b"moov", mvhd + trak) + _box(b"mdat", b"")


def webm(codec: bytes = b"V_VP9") -> bytes:
    """An EBML header with DocType webm and a track codec ID."""
    doctype = b"\x42\x82\x84webm"
    header = b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(doctype)]) + doctype
    return header + b"\x18\x53\x80\x67" + b"\x86\x81" + codec + bytes(32)
