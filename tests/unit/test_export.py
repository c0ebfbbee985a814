"""`slidegen export`: a deterministic zip and self-contained single-file pages."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from click.testing import CliRunner, Result

from slidegen.cli import main
from slidegen.csp import source_hash
from tests.media_files import jpeg, mp4, png_rgba

DECK = json.dumps(
    {
        "ID": "1",
        "name": "Media",
        "logo_path": "/img/logo.png",
        "content": [
            {"title": "Photo", "block": 3, "img_path": "/img/photo.jpg", "text": "See www.gov.kz"},
            {"title": "Clip", "block": 5, "video": "/video/clip.mp4", "poster": "/img/photo.jpg"},
        ],
    }
)


def run(project: Path, *args: str) -> Result:
    """Invoke the CLI in-process against `project`."""
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def media_project(make_project) -> Path:
    """A project with a logo, a photo and a video."""
    return make_project(
        {
            "static/img/logo.png": png_rgba(64, 32),
            "static/img/photo.jpg": jpeg(800, 600),
            "static/video/clip.mp4": mp4(),
            "content/d.json": DECK,
        }
    )


def test_zip_is_deterministic_and_safe(make_project, tmp_path: Path) -> None:
    """Sorted relative names, 1980 dates, Unix modes; two exports are byte-identical."""
    root = media_project(make_project)
    first, second = tmp_path / "a" / "site.zip", tmp_path / "b" / "site.zip"
    assert run(root, "export", "--zip", str(first)).exit_code == 0
    assert run(root, "export", "--zip", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert "index.html" in names and "deck/1.html" in names
        assert any(re.fullmatch(r"media/clip\.[0-9a-f]{10}\.mp4", n) for n in names)
        for info in infos:
            assert not info.filename.startswith("/") and ".." not in info.filename.split("/")
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.external_attr >> 16 == 0o100644
        clip = next(n for n in names if n.endswith(".mp4"))
        assert archive.read(clip) == mp4()
    assert not (root / "build").exists()


def test_export_refuses_the_projects_own_folders(make_project, tmp_path: Path) -> None:
    """Content, static, themes, build and the project itself are never export targets."""
    root = media_project(make_project)
    (root / "notes.txt").write_text("keep me", encoding="utf-8")
    for target in (root / "content" / "site.zip", root / "static", root, root / "build" / "x"):
        result = run(root, "export", "--zip", str(target))
        assert result.exit_code == 2 and "Traceback" not in result.output, target
    result = run(root, "export", "--zip", str(root / "notes.txt"))
    assert result.exit_code == 2 and "not a zip" in result.output
    assert (root / "notes.txt").read_text(encoding="utf-8") == "keep me"
    result = run(root, "export", "--single-file", str(root / "content" / "usb"))
    assert result.exit_code == 2
    other = tmp_path / "documents"
    other.mkdir()
    (other / "letter.docx").write_bytes(b"PK")
    result = run(root, "export", "--single-file", str(other))
    assert result.exit_code == 2 and (other / "letter.docx").is_file()
    assert run(root, "export").exit_code == 2


def test_single_file_pages_carry_everything_but_videos(make_project, tmp_path: Path) -> None:
    """No local file is referenced except the video; the CSP hashes match the inline code."""
    root = media_project(make_project)
    target = tmp_path / "usb"
    result = run(root, "export", "--single-file", str(target))
    assert result.exit_code == 0, result.output
    assert re.search(r"deck/1\.html \([\d,]+ bytes\); keep beside it: media/clip\.", result.stderr)
    html = (target / "deck" / "1.html").read_text(encoding="utf-8")
    local = re.findall(r'(?:src|href|poster)="(?!data:|https?:|#)([^"]+)"', html)
    assert [u for u in local if not u.endswith(".html")] == [
        next(u for u in local if u.endswith(".mp4"))
    ]
    assert 'poster="data:image/jpeg;base64,' in html and 'src="data:image/' in html
    assert '<link rel="stylesheet"' not in html and "<script src=" not in html
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    styles = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
    assert scripts and styles
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert policy is not None and html.count("Content-Security-Policy") == 1
    text = policy.group(1).replace("&#x27;", "'")
    for code in scripts + styles:
        assert source_hash(code) in text
    assert "'self'" not in text.split("script-src")[1].split(";")[0]
    assert sorted(p.name for p in (target / "media").iterdir()) == [
        next(u for u in local if u.endswith(".mp4")).split("/")[-1]
    ]
    again = run(root, "export", "--single-file", str(target))
    assert again.exit_code == 0
    assert (target / "deck" / "1.html").read_text(encoding="utf-8") == html
