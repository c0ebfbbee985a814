"""Measure what the image cache saves: `python -m tests.measure_image_cache [COUNT]`.

Makes a scratch project with COUNT (default 200) phone-sized photos (4032×3024, EXIF-rotated),
builds it twice and prints, for each build, the Pillow decodes and encodes, cache hits and time.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

from slidegen import build as build_module
from slidegen.assets import Assets
from slidegen.diagnostics import Report
from slidegen.project import Project


def _photo(index: int) -> bytes:
    """A distinct 4032×3024 JPEG with an EXIF orientation, like a phone's."""
    image = Image.new("RGB", (4032, 3024), (40 + index % 200, 90, 160))
    draw = ImageDraw.Draw(image)
    for step in range(0, 4032, 96):
        draw.line([(step, 0), (4032 - step, 3024)], fill=(index % 255, step % 255, 80), width=9)
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def _project(root: Path, count: int) -> None:
    (root / "content").mkdir(parents=True)
    (root / "static" / "img").mkdir(parents=True)
    blocks = []
    for index in range(count):
        (root / "static" / "img" / f"p{index:03}.jpg").write_bytes(_photo(index))
        blocks.append({"title": f"Photo {index}", "block": 4, "img_path": f"/img/p{index:03}.jpg"})
    deck = {"ID": "1", "name": "Photos", "content": blocks}
    (root / "content" / "photos.json").write_text(json.dumps(deck), encoding="utf-8")


def main(count: int) -> None:
    """Build twice and print the figures."""
    created: list[Assets] = []
    original = Assets.for_project

    def recording(project: Project, report: Report) -> Assets:
        assets = original(project, report)
        created.append(assets)
        return assets

    Assets.for_project = staticmethod(recording)  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        _project(root, count)
        for label in ("first build", "second build"):
            report = Report()
            started = time.perf_counter()
            result = build_module.run_pipeline(root, build_module.BuildOptions(), report)
            elapsed = time.perf_counter() - started
            assert result.output is not None, [d.format() for d in report]
            stats = created[-1].stats
            print(
                f"{label}: {count} images, {stats.decoded} decoded, {stats.encoded} encoded,"
                f" {stats.cached} from cache, {stats.failed} failed, {elapsed:.2f} s"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
