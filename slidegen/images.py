"""Prepare images for the screens with Pillow (orient, shrink, strip metadata) and cache them."""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import warnings
from pathlib import Path

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from slidegen.write import write_file

# Bump when the processing below changes, so cached results are made again.
PROCESS_VERSION = 1
CACHE_DIR = ".slidegen-cache"
_ORIENTATION = 0x0112
# EXIF orientation → the turn that makes the picture upright (as ImageOps.exif_transpose does).
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# Formats Chromium shows, with the extension an output file gets.
BROWSER_FORMATS = {
    "JPEG": ".jpg",
    "PNG": ".png",
    "GIF": ".gif",
    "WEBP": ".webp",
    "BMP": ".bmp",
    "AVIF": ".avif",
}
_METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc")
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1")
_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE | re.DOTALL)
_SVG_ATTR = re.compile(rb"""\b(width|height|viewBox)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_SVG_LENGTH = re.compile(r"\s*([0-9.]+)\s*(px)?\s*$")


class ImageSettings(BaseModel):
    """How large an output image may be, and how it is encoded."""

    model_config = ConfigDict(frozen=True)

    max_long: int = Field(default=3840, ge=16)
    max_short: int = Field(default=2160, ge=16)
    quality: int = Field(default=85, ge=40, le=95)

    def fingerprint(self) -> str:
        """Everything that changes the output bytes, as part of the cache key."""
        return f"v{PROCESS_VERSION}:{self.max_long}x{self.max_short}:q{self.quality}"


class ImageStats(BaseModel):
    """What image work one build did; a rebuild of unchanged images only counts cache hits."""

    cached: int = 0
    decoded: int = 0
    encoded: int = 0
    failed: int = 0


class PreparedImage(BaseModel):
    """What the cache remembers about one source image under one set of settings."""

    model_config = ConfigDict(frozen=True)

    width: int = 0
    height: int = 0
    ext: str = ""
    encoded: bool = False
    problem: str = ""


class ImageResult(BaseModel):
    """A prepared image and the file the output copies it from."""

    model_config = ConfigDict(frozen=True)

    info: PreparedImage
    path: Path
    name_hash: str


class ImageCache:
    """A folder of prepared images keyed by source content and settings; safe to delete."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def for_project(cls, project: Path) -> ImageCache:
        """The project's .slidegen-cache/, or a folder in the system's temp dir if read-only."""
        for root in (project / CACHE_DIR, _temp_cache(project)):
            try:
                (root / "images").mkdir(parents=True, exist_ok=True)
                tag = root / "CACHEDIR.TAG"
                if not tag.exists():
                    tag.write_text(
                        "Signature: 8a477f597d28d172789f06886806bc55\n"
                        "# slidegen's image cache; safe to delete.\n",
                        encoding="ascii",
                    )
                return cls(root / "images")
            except OSError:
                continue
        return cls(_temp_cache(project) / "images")

    def _meta(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def data_path(self, key: str, ext: str) -> Path:
        """Where the encoded bytes of an entry live."""
        return self.folder / f"{key}{ext}"

    def get(self, key: str) -> PreparedImage | None:
        """A complete entry, or None when missing or damaged."""
        try:
            info = PreparedImage.model_validate_json(self._meta(key).read_bytes())
        except (OSError, ValidationError):
            return None
        if info.encoded and not self.data_path(key, info.ext).is_file():
            return None
        return info

    def put(self, key: str, info: PreparedImage, data: bytes | None) -> bool:
        """Store an entry (bytes first, then its description); False if the folder is unusable."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if data is not None:
                write_file(self.data_path(key, info.ext), data)
            write_file(self._meta(key), info.model_dump_json().encode())
        except OSError:
            return False
        return True


def _temp_cache(project: Path) -> Path:
    tag = hashlib.sha256(str(project.resolve()).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"slidegen-cache-{tag}"


def file_digest(path: Path) -> str:
    """SHA-256 of a file, read in chunks so a large file never sits in memory."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def prepare_image(
    source: Path, digest: str, settings: ImageSettings, cache: ImageCache, stats: ImageStats
) -> ImageResult:
    """Prepared image for `source` (whose content hash is `digest`), from the cache if possible."""
    key = hashlib.sha256(f"{digest}:{settings.fingerprint()}".encode()).hexdigest()[:32]
    info = cache.get(key)
    if info is not None:
        stats.cached += 1
        data = None
    else:
        info, data = _process(source, settings, stats)
        if not cache.put(key, info, data) and data is not None:
            info = PreparedImage(problem=f"could not be stored in {cache.folder} (disk full?)")
    if info.problem:
        stats.failed += 1
    if info.encoded:
        return ImageResult(info=info, path=cache.data_path(key, info.ext), name_hash=key[:10])
    return ImageResult(info=info, path=source, name_hash=digest[:10])


def _process(
    source: Path, settings: ImageSettings, stats: ImageStats
) -> tuple[PreparedImage, bytes | None]:
    """Decode once to check the file, then copy it as it is or encode a smaller clean copy."""
    try:
        with source.open("rb") as handle:
            head = handle.read(65536)
    except OSError as exc:
        return PreparedImage(problem=f"cannot be read ({exc.strerror})"), None
    svg = _svg_size(head)
    if svg is not None:
        return PreparedImage(width=svg[0], height=svg[1], ext=".svg"), None
    stats.decoded += 1
    try:
        with warnings.catch_warnings():
            # Large photos are normal here; only Pillow's hard limit (an error) is refused.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                return _prepare(image, settings, stats)
    except Image.DecompressionBombError:
        return PreparedImage(problem="has too many pixels to process safely; make it smaller"), None
    except Exception as exc:  # Pillow's decoders raise many kinds of errors on damaged files.
        return PreparedImage(problem=_describe_unreadable(head, exc)), None


def _prepare(
    image: Image.Image, settings: ImageSettings, stats: ImageStats
) -> tuple[PreparedImage, bytes | None]:
    # MPO (a camera's stereo/multi-picture JPEG): its first picture is a plain JPEG.
    mpo = image.format == "MPO"
    fmt = "JPEG" if mpo else (image.format or "")
    orientation = _orientation(image)
    width, height = image.size
    upright = (height, width) if orientation in (5, 6, 7, 8) else (width, height)
    target = fit_within(upright, settings)
    frames = 1 if mpo else getattr(image, "n_frames", 1)
    if frames > 1:
        image.load()  # checks the first frame; animations are kept whole, never re-encoded
        if fmt in BROWSER_FORMATS:
            return PreparedImage(width=width, height=height, ext=BROWSER_FORMATS[fmt]), None
        problem = f"is an animated {fmt} image, which browsers cannot show"
        return PreparedImage(problem=problem), None
    as_is = (
        fmt in BROWSER_FORMATS
        and not mpo
        and target == upright
        and orientation == 1
        and not _has_metadata(image)
    )
    # Work in the file's own orientation and turn the picture last, when it is smallest.
    wanted = (target[1], target[0]) if upright != (width, height) else target
    if fmt == "JPEG" and not as_is:
        # Let libjpeg decode at a reduced scale: a 50-megapixel photo then costs a fraction.
        image.draft(image.mode, wanted)
    image.load()
    if as_is:
        return PreparedImage(width=width, height=height, ext=BROWSER_FORMATS[fmt]), None
    icc = image.info.get("icc_profile")
    clean = _normalise_mode(image, fmt)
    if clean.size != wanted:
        clean = clean.resize(wanted, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if orientation in _TRANSPOSE:
        clean = clean.transpose(_TRANSPOSE[orientation])
    data, ext = _encode(clean, fmt, settings.quality, icc)
    stats.encoded += 1
    return PreparedImage(width=clean.width, height=clean.height, ext=ext, encoded=True), data


def fit_within(size: tuple[int, int], settings: ImageSettings) -> tuple[int, int]:
    """The size an image of `size` gets: never larger than the largest screen, never upscaled."""
    width, height = size
    box = (
        (settings.max_long, settings.max_short)
        if width >= height
        else (settings.max_short, settings.max_long)
    )
    scale = min(box[0] / width, box[1] / height, 1.0)
    if scale >= 1.0:
        return size
    return max(1, round(width * scale)), max(1, round(height * scale))


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(_ORIENTATION, 1)
    except Exception:  # a damaged EXIF block must not lose the picture
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _has_metadata(image: Image.Image) -> bool:
    """EXIF, XMP, comments: camera, author and GPS data a public screen should not ship."""
    return any(key in image.info for key in _METADATA_KEYS)


def _normalise_mode(image: Image.Image, fmt: str) -> Image.Image:
    """A mode the encoder and the resampler handle well; transparency is kept."""
    if fmt == "JPEG":
        return image if image.mode in ("RGB", "L") else image.convert("RGB")
    if image.mode in ("RGB", "RGBA", "L", "LA"):
        return image
    has_alpha = image.mode == "PA" or "transparency" in image.info
    return image.convert("RGBA" if has_alpha else "RGB")


def _encode(image: Image.Image, fmt: str, quality: int, icc: bytes | None) -> tuple[bytes, str]:
    """JPEG stays JPEG, WebP stays WebP, everything else becomes lossless PNG."""
    buffer = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True, **extra)
        return buffer.getvalue(), ".jpg"
    if fmt == "WEBP":
        image.save(buffer, "WEBP", quality=quality, method=4, **extra)
        return buffer.getvalue(), ".webp"
    image.save(buffer, "PNG", compress_level=6, **extra)
    return buffer.getvalue(), ".png"


def _svg_size(head: bytes) -> tuple[int, int] | None:
    """Width and height of an SVG from its root tag; None when the file is not SVG."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not (start.startswith(b"<?xml") or start.startswith(b"<svg") or start.startswith(b"<!")):
        return None
    tag = _SVG_TAG.search(head)
    if tag is None:
        return None
    attrs = {k.decode().lower(): v.decode() for k, v in _SVG_ATTR.findall(tag.group(0))}
    width, height = (_SVG_LENGTH.match(attrs.get(k, "")) for k in ("width", "height"))
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    box = attrs.get("viewbox", "").replace(",", " ").split()
    try:
        return round(float(box[2])), round(float(box[3]))
    except (IndexError, ValueError):
        return 0, 0


def _describe_unreadable(head: bytes, exc: Exception) -> str:
    """Say what the file seems to be, in words a press office understands."""
    if not head:
        return "is empty (0 bytes)"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "is a HEIC photo, which browsers cannot show; export it as JPEG"
    if isinstance(exc, OSError) and "truncated" in str(exc):
        return "is damaged: the file is cut off"
    if b"\0" not in head[:1024]:
        try:
            head[:1024].decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return "is not an image: it is a text file"
    reason = str(exc).strip() or type(exc).__name__
    return f"is not an image or is damaged ({reason})"
