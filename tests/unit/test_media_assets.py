"""Media paths stay inside the project; images are oriented, shrunk, stripped, cached."""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from slidegen.assets import Assets, MediaRef
from slidegen.build import BuildOptions, run_pipeline
from slidegen.diagnostics import Diagnostic, Report
from slidegen.images import ImageCache, ImageSettings, ImageStats, file_digest, prepare_image
from slidegen.write import write_output
from tests.media_files import jpeg, mp4, png_rgba

SECRET = b"TOP-SECRET-OUTSIDE-THE-PROJECT"
_OPENED: list[str] = []
_RECORDING: list[bool] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _RECORDING and event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


def deck(*blocks: dict[str, object], logo: str = "") -> str:
    """A deck file with the given blocks."""
    return json.dumps({"ID": "1", "name": "Media", "logo_path": logo, "content": list(blocks)})


def build(root: Path, out: Path) -> tuple[Report, str]:
    """Build and write; return the report and deck/1.html."""
    report = Report()
    result = run_pipeline(root, BuildOptions(), report)
    assert result.output is not None, [d.format() for d in report]
    write_output(result.output, out)
    return report, (out / "deck" / "1.html").read_text(encoding="utf-8")


def found(report: Report, code: str) -> list[Diagnostic]:
    """Diagnostics with one code."""
    return [d for d in report if d.code == code]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A PNG outside the project whose bytes must never reach the output."""
    folder = tmp_path / "outside"
    folder.mkdir()
    secret = folder / "secret.png"
    secret.write_bytes(png_rgba(8, 8) + SECRET)
    return secret


def test_images_are_oriented_shrunk_stripped_and_sized(make_project, tmp_path: Path) -> None:
    """A 5000×3000 photo rotated by EXIF becomes upright 2160×3600 without EXIF or GPS."""
    root = make_project(
        {
            "static/img/photo.jpg": jpeg(5000, 3000, orientation=6, gps=True),
            "static/img/alpha.png": png_rgba(4000, 1000),
            "static/img/small.png": png_rgba(300, 200),
            "content/d.json": deck(
                {"title": "Photo", "block": 4, "img_path": "/img/photo.jpg"},
                {"title": "Alpha", "block": 4, "img_path": "/img/alpha.png"},
                {"title": "Small", "block": 3, "img_path": "/img/small.png", "text": "x"},
            ),
        }
    )
    report, html = build(root, tmp_path / "out")
    assert not [d for d in report if d.severity.value != "info" and "img" in d.message]
    media = sorted((tmp_path / "out" / "media").iterdir())
    photo = next(p for p in media if p.name.startswith("photo."))
    with Image.open(photo) as image:
        assert image.size == (2160, 3600)
        assert not image.getexif() and "exif" not in image.info
        # Orientation 6 turns the red left half to the top.
        red, blue = image.getpixel((1080, 900)), image.getpixel((1080, 2700))
    assert red[0] > 180 and red[2] < 80 and blue[2] > 180 and blue[0] < 80
    assert f'src="../media/{photo.name}" width="2160" height="3600"' in html
    alpha = next(p for p in media if p.name.startswith("alpha."))
    with Image.open(alpha) as image:
        assert image.size == (3840, 960) and image.mode == "RGBA"
        assert image.getpixel((10, 10))[3] == 0 and image.getpixel((3800, 10))[3] == 255
    small = next(p for p in media if p.name.startswith("small."))
    assert small.read_bytes() == (root / "static/img/small.png").read_bytes()
    assert 'width="300" height="200"' in html


def test_bad_images_get_placeholders_and_say_why(make_project, tmp_path: Path) -> None:
    """Corrupt JPEG, text named .png, empty and missing files: warnings, placeholders, a build."""
    whole = jpeg(800, 600)
    root = make_project(
        {
            "static/img/cut.jpg": whole[: len(whole) // 2],
            "static/img/notes.png": "meeting notes, not a picture\n",
            "static/img/empty.jpg": b"",
            "static/img/Photo.jpg": whole,
            "content/d.json": deck(
                {"title": "Cut", "block": 4, "img_path": "/img/cut.jpg"},
                {"title": "Notes", "block": 4, "img_path": "/img/notes.png"},
                {"title": "Empty", "block": 4, "img_path": "/img/empty.jpg"},
                {"title": "Missing", "block": 4, "img_path": "/img/photo.jpg"},
            ),
        }
    )
    report, html = build(root, tmp_path / "out")
    bad = {d.message.split(":")[0]: d for d in found(report, "bad-image")}
    assert "cut off" in bad['block 1 "img_path"'].message
    assert "text file" in bad['block 2 "img_path"'].message
    assert "empty" in bad['block 3 "img_path"'].message
    assert all(d.file == "content/d.json" and d.line for d in bad.values())
    (missing,) = found(report, "missing-file")
    assert missing.message.startswith('block 4 "img_path": /img/photo.jpg not found')
    assert '"Photo.jpg"' in missing.message  # the capitals hint
    assert html.count("sg-placeholder") == 4
    assert not (tmp_path / "out" / "media").exists()


TRAVERSALS = [
    "../../outside/secret.png",
    "/../../outside/secret.png",
    "/%2e%2e/%2e%2e/outside/secret.png",
    "%2E%2E%2F%2E%2E%2Foutside%2Fsecret.png",
    "..\\..\\outside\\secret.png",
    "file:///{secret}",
    "{secret}",
    "C:/outside/secret.png",
    "//server/share/secret.png",
    "/img/link.png",
    "/img/.hidden.png",
]


@pytest.mark.parametrize("field", ["img_path", "logo_path", "video", "poster"])
def test_traversal_is_refused_in_every_path_field(
    field: str, make_project, outside: Path, tmp_path: Path
) -> None:
    """Every escape attempt is an error naming file, block and field; the secret is never read."""
    files: dict[str, str | bytes] = {"static/img/ok.png": png_rgba(4, 4)}
    blocks = []
    for value in TRAVERSALS:
        path = value.format(secret=outside)
        if field == "img_path":
            blocks.append({"title": "t", "block": 4, "img_path": path})
        elif field == "video":
            blocks.append({"title": "t", "block": 5, "video": path})
        elif field == "poster":
            files["static/video/ok.mp4"] = mp4()
            blocks.append({"title": "t", "block": 5, "video": "/video/ok.mp4", "poster": path})
    logos = [v.format(secret=outside) for v in TRAVERSALS] if field == "logo_path" else [""]
    for index, logo in enumerate(logos):
        files[f"content/d{index}.json"] = deck(*blocks, logo=logo).replace(
            '"ID": "1"', f'"ID": "{index + 1}"'
        )
    root = make_project(files)
    link = root / "static/img/link.png"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    _OPENED.clear()
    _RECORDING.append(True)
    try:
        report, _ = build(root, tmp_path / "out")
    finally:
        _RECORDING.clear()
    # The absolute path is read as static/<that path>: missing, not dangerous.
    assert len(found(report, "unsafe-path")) == len(TRAVERSALS) - 1
    assert len(found(report, "missing-file")) == 1
    for diag in found(report, "unsafe-path"):
        assert diag.severity.value == "error" and diag.file.startswith("content/d")
        assert f'"{field}"' in diag.message and "static/" in diag.message
        if field != "logo_path":
            assert diag.message.startswith("block ")
    for path in (tmp_path / "out").rglob("*"):
        assert not path.is_file() or SECRET not in path.read_bytes(), path
    assert any(p.endswith("d0.json") for p in _OPENED)  # the hook does see reads
    assert not [p for p in _OPENED if "outside" in p], _OPENED


def _settings() -> ImageSettings:
    return ImageSettings(max_long=800, max_short=600)


def test_cache_makes_a_rebuild_do_no_image_work(tmp_path: Path) -> None:
    """200 images: the first pass decodes and encodes, the second only reads the cache."""
    folder = tmp_path / "imgs"
    folder.mkdir()
    for index in range(200):
        image = Image.new("RGB", (1200, 700), (index, 100, 200 - index))
        image.paste((0, 0, 0), (index * 5, 0, index * 5 + 5, 700))  # no two files alike
        buffer = io.BytesIO()
        image.save(buffer, "JPEG")
        (folder / f"{index:03}.jpg").write_bytes(buffer.getvalue())
    cache = ImageCache(tmp_path / "cache")
    runs: list[tuple[ImageStats, float, list[str]]] = []
    for _ in range(2):
        stats = ImageStats()
        started = time.perf_counter()
        results = [
            prepare_image(p, file_digest(p), _settings(), cache, stats)
            for p in sorted(folder.iterdir())
        ]
        runs.append((stats, time.perf_counter() - started, [r.path.name for r in results]))
    first, second = runs
    assert (first[0].decoded, first[0].encoded, first[0].cached) == (200, 200, 0)
    assert (second[0].decoded, second[0].encoded, second[0].cached) == (0, 0, 200)
    assert first[2] == second[2]
    assert second[1] < first[1]


def test_pipeline_rebuild_opens_no_image_with_pillow(
    make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second full build of an unchanged project never calls PIL.Image.open."""
    files: dict[str, str | bytes] = {
        f"static/img/{i}.jpg": jpeg(4200, 2400, orientation=3) for i in range(3)
    }
    files["content/d.json"] = deck(
        *({"title": str(i), "block": 4, "img_path": f"/img/{i}.jpg"} for i in range(3))
    )
    root = make_project(files)
    _, first = build(root, tmp_path / "a")
    opened: list[object] = []
    real_open = Image.open

    def counting_open(*args: object, **kwargs: object) -> Image.Image:
        opened.append(args[0])
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("slidegen.images.Image.open", counting_open)
    _, second = build(root, tmp_path / "b")
    assert opened == []
    assert first == second
    assert (root / ".slidegen-cache" / "CACHEDIR.TAG").is_file()
    for name in os.listdir(tmp_path / "a" / "media"):
        assert (tmp_path / "a/media" / name).read_bytes() == (
            tmp_path / "b/media" / name
        ).read_bytes()


def test_locate_accepts_paths_inside_the_project(make_project) -> None:
    """Leading / means static/; otherwise the deck's folder; encoded names are decoded."""
    root = make_project(
        {
            "static/img/a b.png": png_rgba(4, 4),
            "content/news/pic.png": png_rgba(4, 4),
            "content/news/d.json": "{}",
        }
    )
    report = Report()
    assets = Assets(root, root / "static", report, cache=ImageCache(root / "c"))

    def ref(field: str) -> MediaRef:
        return MediaRef(file="content/news/d.json", field=field, block=1)

    assert assets.locate("/img/a%20b.png", ref("img_path")) == (root / "static/img/a b.png")
    assert assets.locate("pic.png", ref("img_path")) == (root / "content/news/pic.png")
    assert assets.locate("./pic.png", ref("img_path")) == (root / "content/news/pic.png")
    assert assets.locate("  ", ref("img_path")) is None
    assert len(report) == 0


def test_remote_images_are_refused_with_advice(make_project, tmp_path: Path) -> None:
    """An http image would not show offline (and the CSP forbids it): a warning and placeholder."""
    root = make_project(
        {
            "content/d.json": deck(
                {"title": "R", "block": 4, "img_path": "https://photos.example.org/a.jpg"}
            )
        }
    )
    report, html = build(root, tmp_path / "out")
    (diag,) = found(report, "remote-media")
    assert "offline" in diag.message and "static/" in diag.message
    assert "photos.example.org" not in html


def test_image_size_follows_the_screens_setting(make_project, tmp_path: Path) -> None:
    """Largest screen × 2 device pixels: 1280×720 screens need images within 2560×1440."""
    root = make_project(
        {
            "static/img/photo.jpg": jpeg(4000, 3000),
            "content/d.json": deck({"title": "P", "block": 4, "img_path": "/img/photo.jpg"}),
        },
        config='screens = ["1280x720"]\n',
    )
    _, html = build(root, tmp_path / "out")
    assert 'width="1920" height="1440"' in html


def test_animations_svg_and_heic(tmp_path: Path) -> None:
    """Animated GIFs and SVGs are copied as they are, with sizes; HEIC is explained."""
    frames = [Image.new("RGB", (5000, 40), (80 * i, 0, 0)) for i in range(3)]
    gif = tmp_path / "a.gif"
    frames[0].save(gif, save_all=True, append_images=frames[1:], duration=100)
    svg = tmp_path / "logo.svg"
    svg.write_text('<?xml version="1.0"?>\n<svg viewBox="0 0 320 80"><rect/></svg>')
    heic = tmp_path / "photo.jpg"
    heic.write_bytes(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + bytes(64))
    cache, stats = ImageCache(tmp_path / "cache"), ImageStats()
    results = [prepare_image(p, file_digest(p), ImageSettings(), cache, stats) for p in (gif, svg)]
    assert [(r.info.width, r.info.height, r.info.encoded) for r in results] == [
        (5000, 40, False),
        (320, 80, False),
    ]
    assert [r.path for r in results] == [gif, svg]
    problem = prepare_image(heic, file_digest(heic), ImageSettings(), cache, stats).info.problem
    assert "HEIC" in problem and "JPEG" in problem
