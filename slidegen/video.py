"""Check local video files Chromium must play, and turn YouTube/Vimeo links into embeds."""

from __future__ import annotations

import re
import struct
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO, Literal
from urllib.parse import parse_qs, urlencode

from pydantic import BaseModel, ConfigDict

from slidegen.text.sanitize import split_url

# Frame hosts the page's Content-Security-Policy allows for video.
EMBED_HOSTS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")
_YOUTUBE_HOSTS = frozenset(
    {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtu.be"}
    | {"youtube-nocookie.com", "www.youtube-nocookie.com"}
)
_VIMEO_HOSTS = frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"})
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_MAX_MOOV = 64 * 1024 * 1024
_CONTAINER_BOXES = frozenset({b"moov", b"trak", b"mdia", b"minf", b"stbl"})


class Verdict(StrEnum):
    """Whether Chromium plays a file."""

    OK = "ok"
    MAYBE = "maybe"
    NO = "no"


class VideoCheck(BaseModel):
    """What a local video file is, and whether Chromium will play it."""

    model_config = ConfigDict(frozen=True)

    verdict: Verdict
    mime: str = ""
    codecs: tuple[str, ...] = ()
    reason: str = ""


class VideoEmbed(BaseModel):
    """A hosted video shown through the provider's privacy-friendly player."""

    model_config = ConfigDict(frozen=True)

    provider: Literal["YouTube", "Vimeo"]
    src: str
    link: str


# Sample-entry codes in MP4 and codec IDs in WebM, with what Chromium makes of them.
_MP4_CODECS: dict[bytes, tuple[str, Verdict]] = {
    b"avc1": ("H.264", Verdict.OK),
    b"avc3": ("H.264", Verdict.OK),
    b"vp09": ("VP9", Verdict.OK),
    b"vp08": ("VP8", Verdict.OK),
    b"av01": ("AV1", Verdict.OK),
    b"hvc1": ("HEVC (H.265)", Verdict.MAYBE),
    b"hev1": ("HEVC (H.265)", Verdict.MAYBE),
    b"mp4v": ("MPEG-4 Part 2", Verdict.NO),
    b"mp4a": ("AAC", Verdict.OK),
    b"Opus": ("Opus", Verdict.OK),
    b"fLaC": ("FLAC", Verdict.OK),
    b".mp3": ("MP3", Verdict.OK),
    b"ac-3": ("AC-3", Verdict.MAYBE),
    b"ec-3": ("E-AC-3", Verdict.MAYBE),
}
_WEBM_CODECS: dict[bytes, tuple[str, Verdict]] = {
    b"V_VP8": ("VP8", Verdict.OK),
    b"V_VP9": ("VP9", Verdict.OK),
    b"V_AV1": ("AV1", Verdict.OK),
    b"V_MPEG4/ISO/AVC": ("H.264", Verdict.MAYBE),
    b"V_MPEGH/ISO/HEVC": ("HEVC (H.265)", Verdict.MAYBE),
    b"A_OPUS": ("Opus", Verdict.OK),
    b"A_VORBIS": ("Vorbis", Verdict.OK),
    b"A_AAC": ("AAC", Verdict.MAYBE),
}
_FOREIGN = (
    (lambda h: h[:4] == b"RIFF" and h[8:12] == b"AVI ", "an AVI file"),
    (lambda h: h[:4] == b"\x30\x26\xb2\x75", "a Windows Media (WMV/ASF) file"),
    (lambda h: h[:3] == b"FLV", "a Flash video (FLV) file"),
    (lambda h: h[:4] == b"OggS", "an Ogg file"),
    (lambda h: h[:4] == b"\x00\x00\x01\xba", "an MPEG program stream (VOB/MPG) file"),
    (lambda h: len(h) > 376 and h[0] == h[188] == h[376] == 0x47, "an MPEG transport stream"),
)
CONVERT_HINT = "convert it to MP4 (H.264 video, AAC audio) or WebM (VP9, Opus)"


def check_video(path: Path) -> VideoCheck:
    """Sniff the container and codecs from the file's header; nothing is decoded."""
    with path.open("rb") as handle:
        head = handle.read(1024 * 1024)
        if head[4:8] == b"ftyp":
            return _check_mp4(handle, head)
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return _check_matroska(head)
    for test, what in _FOREIGN:
        if test(head):
            return VideoCheck(
                verdict=Verdict.NO,
                reason=f"is {what}, which Chromium cannot play; {CONVERT_HINT}",
            )
    return VideoCheck(
        verdict=Verdict.NO,
        reason=f"is not a video file Chromium can play (no MP4 or WebM header); {CONVERT_HINT}",
    )


def _check_mp4(handle: BinaryIO, head: bytes) -> VideoCheck:
    quicktime = head[8:12].decode("latin-1").strip() == "qt"
    codes = _mp4_sample_entries(handle)
    known = [_MP4_CODECS[c] for c in codes if c in _MP4_CODECS]
    unknown = [c.decode("latin-1") for c in codes if c not in _MP4_CODECS]
    names = tuple(dict.fromkeys(name for name, _ in known)) + tuple(unknown)
    worst = _worst([v for _, v in known] + [Verdict.MAYBE] * bool(unknown))
    reason = ""
    if worst is Verdict.NO:
        bad = ", ".join(n for n, v in known if v is Verdict.NO)
        reason = f"uses {bad}, which Chromium cannot play; {CONVERT_HINT}"
    elif worst is Verdict.MAYBE:
        odd = ", ".join(dict.fromkeys([n for n, v in known if v is Verdict.MAYBE] + unknown))
        reason = f"uses {odd}, which Chromium plays only on some machines; {CONVERT_HINT}"
    elif quicktime:
        worst = Verdict.MAYBE
        reason = "is a QuickTime .mov file; Chromium usually plays it, but MP4 is safer"
    elif not codes:
        worst = Verdict.MAYBE
        reason = "has no readable track list (is it complete?); check that it plays"
    return VideoCheck(verdict=worst, mime="video/mp4", codecs=names, reason=reason)


def _mp4_sample_entries(handle: BinaryIO) -> list[bytes]:
    """Codec codes of every track, walking boxes by their sizes and never reading the media."""
    codes: list[bytes] = []
    size = handle.seek(0, 2)
    offset = 0
    while offset + 8 <= size:
        box, start, end = _box_at(handle, offset, size)
        if box is None:
            break
        if box == b"moov" and end - start <= _MAX_MOOV:
            handle.seek(start)
            _walk(handle.read(end - start), codes)
        offset = end
    return codes


def _box_at(handle: BinaryIO, offset: int, limit: int) -> tuple[bytes | None, int, int]:
    handle.seek(offset)
    header = handle.read(16)
    if len(header) < 8:
        return None, 0, 0
    length, kind = struct.unpack(">I4s", header[:8])
    start = offset + 8
    if length == 1 and len(header) == 16:
        length = struct.unpack(">Q", header[8:16])[0]
        start += 8
    elif length == 0:
        length = limit - offset
    if length < start - offset:
        return None, 0, 0
    return kind, start, min(offset + length, limit)


def _walk(data: bytes, codes: list[bytes]) -> None:
    """Descend into container boxes; an `stsd` box lists the tracks' codec codes."""
    offset = 0
    while offset + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if length < 8 or offset + length > len(data):
            return
        body = data[offset + 8 : offset + length]
        if kind in _CONTAINER_BOXES:
            _walk(body, codes)
        elif kind == b"stsd" and len(body) >= 16:
            codes.append(body[12:16])
        offset += length


def _check_matroska(head: bytes) -> VideoCheck:
    doctype = b"webm" if b"\x42\x82\x84webm" in head[:64] else b"matroska"
    found = [(name, v) for code, (name, v) in _WEBM_CODECS.items() if code in head]
    names = tuple(dict.fromkeys(n for n, _ in found))
    if doctype == b"matroska":
        return VideoCheck(
            verdict=Verdict.MAYBE,
            mime="video/webm",
            codecs=names,
            reason="is a Matroska (.mkv) file, which Chromium plays only sometimes;"
            f" {CONVERT_HINT}",
        )
    worst = _worst([v for _, v in found])
    reason = ""
    if worst is not Verdict.OK:
        odd = ", ".join(n for n, v in found if v is not Verdict.OK)
        reason = f"uses {odd}, which Chromium may not play in WebM; {CONVERT_HINT}"
    return VideoCheck(verdict=worst, mime="video/webm", codecs=names, reason=reason)


def _worst(verdicts: list[Verdict]) -> Verdict:
    if Verdict.NO in verdicts:
        return Verdict.NO
    return Verdict.MAYBE if Verdict.MAYBE in verdicts else Verdict.OK


def video_embed(url: str) -> VideoEmbed | None:
    """The privacy-friendly player URL of a YouTube or Vimeo link; None for other links."""
    parts = split_url(url.strip())
    if parts is None or parts.scheme.lower() not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    if host in _YOUTUBE_HOSTS:
        return _youtube(host, parts.path, parse_qs(parts.query), parts.fragment)
    if host in _VIMEO_HOSTS:
        return _vimeo(parts.path, parse_qs(parts.query))
    return None


def _youtube(host: str, path: str, query: dict[str, list[str]], fragment: str) -> VideoEmbed | None:
    segments = [s for s in path.split("/") if s]
    if host == "youtu.be":
        candidate = segments[0] if segments else ""
    elif segments[:1] == ["watch"]:
        candidate = query.get("v", [""])[0]
    elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v", "e"):
        candidate = segments[1]
    else:
        candidate = ""
    if not _YOUTUBE_ID.fullmatch(candidate):
        return None
    params = {"autoplay": "1", "mute": "1", "playsinline": "1", "rel": "0"}
    start = _seconds(query.get("t", query.get("start", [fragment.removeprefix("t=")]))[0])
    if start:
        params["start"] = str(start)
    return VideoEmbed(
        provider="YouTube",
        src=f"https://www.youtube-nocookie.com/embed/{candidate}?{urlencode(params)}",
        link=f"https://www.youtube.com/watch?v={candidate}" + (f"&t={start}s" if start else ""),
    )


def _vimeo(path: str, query: dict[str, list[str]]) -> VideoEmbed | None:
    segments = [s for s in path.split("/") if s]
    numbers = [i for i, s in enumerate(segments) if s.isdigit()]
    if not numbers:
        return None
    index = numbers[-1]
    video_id = segments[index]
    private = query.get("h", [""])[0]
    following = segments[index + 1] if index + 1 < len(segments) else ""
    if not private and re.fullmatch(r"[0-9a-f]{6,}", following):
        private = following
    params = {"dnt": "1", "autoplay": "1", "muted": "1", "playsinline": "1"}
    if private:
        params = {"h": private, **params}
    link = f"https://vimeo.com/{video_id}" + (f"/{private}" if private else "")
    return VideoEmbed(
        provider="Vimeo",
        src=f"https://player.vimeo.com/video/{video_id}?{urlencode(params)}",
        link=link,
    )


def _seconds(value: str) -> int:
    """YouTube start times: "90", "90s", "1m30s", "1h2m3s"."""
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", value.strip())
    if not match or not any(match.groups()):
        return 0
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds
