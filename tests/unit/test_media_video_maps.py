"""Video files and players, maps in every form, QR codes for links, the page's CSP."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import segno

from slidegen.build import BuildOptions, run_pipeline
from slidegen.csp import FRAME_HOSTS, page_policy
from slidegen.diagnostics import Report
from slidegen.maps import MapNote, MapPlace, MapProblem, MapProvider, read_map
from slidegen.qr import find_links, link_label
from slidegen.video import Verdict, check_video, video_embed
from slidegen.write import write_output
from tests.media_files import jpeg, mp4, webm


def deck(*blocks: dict[str, object]) -> str:
    """A deck file with the given blocks."""
    return json.dumps({"ID": "1", "name": "Media", "content": list(blocks)})


def build(root: Path, out: Path) -> tuple[Report, str]:
    """Build and write; return the report and deck/1.html."""
    report = Report()
    result = run_pipeline(root, BuildOptions(), report)
    assert result.output is not None, [d.format() for d in report]
    write_output(result.output, out)
    return report, (out / "deck" / "1.html").read_text(encoding="utf-8")


def codes(report: Report) -> list[str]:
    """The codes of all diagnostics, in order."""
    return [d.code for d in report]


@pytest.mark.parametrize(
    ("data", "verdict", "codec"),
    [
        (mp4(b"avc1"), Verdict.OK, "H.264"),
        (mp4(b"av01"), Verdict.OK, "AV1"),
        (mp4(b"hvc1"), Verdict.MAYBE, "HEVC (H.265)"),
        (mp4(b"mp4v"), Verdict.NO, "MPEG-4 Part 2"),
        (mp4(b"avc1", brand=b"qt  "), Verdict.MAYBE, "H.264"),
        (webm(b"V_VP9"), Verdict.OK, "VP9"),
        (b"RIFF\0\0\0\0AVI LIST" + bytes(64), Verdict.NO, ""),
        (b"just text, not a video", Verdict.NO, ""),
    ],
)
def test_container_check(tmp_path: Path, data: bytes, verdict: Verdict, codec: str) -> None:
    """Headers and track codecs decide whether Chromium plays a file; nothing is decoded."""
    path = tmp_path / "clip.bin"
    path.write_bytes(data)
    check = check_video(path)
    assert check.verdict is verdict, check
    if codec:
        assert codec in check.codecs
    if verdict is not Verdict.OK:
        assert check.reason


@pytest.mark.parametrize(
    ("url", "src", "link"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&mute=1&playsinline=1"
            "&rel=0&start=90",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&mute=1&playsinline=1"
            "&rel=0",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&mute=1&playsinline=1"
            "&rel=0",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        (
            "https://vimeo.com/76979871",
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&muted=1&playsinline=1",
            "https://vimeo.com/76979871",
        ),
        (
            "https://vimeo.com/76979871/abcdef1234",
            "https://player.vimeo.com/video/76979871?h=abcdef1234&dnt=1&autoplay=1&muted=1"
            "&playsinline=1",
            "https://vimeo.com/76979871/abcdef1234",
        ),
    ],
)
def test_video_links_become_privacy_friendly_players(url: str, src: str, link: str) -> None:
    """youtube-nocookie.com and Vimeo's dnt=1; the QR link opens the normal page."""
    embed = video_embed(url)
    assert embed is not None and embed.src == src and embed.link == link


@pytest.mark.parametrize(
    "url", ["https://www.youtube.com/watch?v=short", "https://example.com/v.mp4", "ftp://a/b"]
)
def test_other_links_are_not_players(url: str) -> None:
    """Only well-formed YouTube/Vimeo links become players."""
    assert video_embed(url) is None


def test_video_slides(make_project, tmp_path: Path) -> None:
    """Local MP4 copied as is with its poster; YouTube player with QR; javascript: refused."""
    clip = mp4()
    root = make_project(
        {
            "static/video/clip.mp4": clip,
            "static/video/old.avi": b"RIFF\0\0\0\0AVI LIST" + bytes(64),
            "static/img/poster.jpg": jpeg(640, 360),
            "content/d.json": deck(
                {
                    "title": "Local",
                    "block": 5,
                    "video": "/video/clip.mp4",
                    "poster": "/img/poster.jpg",
                },
                {"title": "YT", "block": 5, "video": "https://youtu.be/dQw4w9WgXcQ"},
                {"title": "JS", "block": 5, "video": "javascript:alert(1)"},
                {"title": "Data", "block": 5, "video": "data:video/mp4;base64,AAAA"},
                {"title": "AVI", "block": 5, "video": "/video/old.avi"},
                {"title": "Web", "block": 5, "video": "https://cdn.example.org/clip.mp4"},
            ),
        }
    )
    report, html = build(root, tmp_path / "out")
    copied = next((tmp_path / "out" / "media").glob("clip.*.mp4"))
    assert copied.read_bytes() == clip
    assert re.search(rf'<video [^>]*src="../media/{copied.name}" poster="../media/poster\.', html)
    assert 'data-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?' in html
    assert "<title>youtube.com/watch?v=dQw4w9WgXcQ</title>" in html
    assert "javascript:" not in html and "data:video" not in html
    assert "cdn.example.org" not in html and not list((tmp_path / "out/media").glob("old*"))
    by_block = {d.message.split(":")[0]: d.code for d in report if d.message.startswith("block")}
    assert by_block['block 2 "video"'] == "needs-network"
    assert by_block['block 3 "video"'] == "unsafe-path"
    assert by_block['block 4 "video"'] == "unsafe-path"
    assert by_block['block 5 "video"'] == "unplayable-video"
    assert by_block['block 6 "video"'] == "remote-media"
    assert 'block 1 "video"' not in by_block and 'block 1 "poster"' not in by_block
    assert "unknown-key" not in codes(report)  # "poster" is a known block key


P = MapProvider


@pytest.mark.parametrize(
    ("value", "provider", "embed", "link"),
    [
        (
            "43.2383, 76.9453",
            P.OSM,
            "https://www.openstreetmap.org/export/embed.html?bbox=",
            "https://www.openstreetmap.org/?mlat=43.2383&mlon=76.9453#map=16/43.2383/76.9453",
        ),
        (
            "43.2383,76.9453,12",
            P.GOOGLE,
            "https://maps.google.com/maps?q=43.2383,76.9453&z=12&output=embed",
            "https://www.google.com/maps/search/?api=1&query=43.2383,76.9453",
        ),
        (
            "51.128, 71.430",
            P.YANDEX,
            "https://yandex.kz/map-widget/v1/?ll=71.43%2C51.128&z=16",
            "https://yandex.kz/maps/?pt=71.43,51.128&z=16&l=map",
        ),
        (
            "https://www.openstreetmap.org/export/embed.html?bbox=76.9,43.2,77.0,43.3"
            "&layer=mapnik&marker=43.25,76.95",
            P.OSM,
            "https://www.openstreetmap.org/export/embed.html?bbox=76.9,43.2,77.0,43.3",
            "https://www.openstreetmap.org/?mlat=43.25&mlon=76.95#map=16/43.25/76.95",
        ),
        (
            '<iframe src="https://www.google.com/maps/embed?pb=!1m18!2d76.9453!3d43.2383!2m3"'
            ' width="600" height="450" style="border:0;" allowfullscreen=""></iframe>',
            P.OSM,
            "https://www.google.com/maps/embed?pb=!1m18!2d76.9453!3d43.2383!2m3",
            "https://www.openstreetmap.org/?mlat=43.2383&mlon=76.9453#map=16/43.2383/76.9453",
        ),
        (
            "https://yandex.kz/maps/162/almaty/?ll=76.9453%2C43.2383&z=15",
            P.OSM,
            "https://www.openstreetmap.org/export/embed.html?bbox=",
            "https://yandex.kz/maps/162/almaty/?ll=76.9453%2C43.2383&z=15",
        ),
        (
            "Астана, Мәңгілік Ел 55",
            P.GOOGLE,
            "https://maps.google.com/maps?q=%D0%90%D1%81",
            "https://www.google.com/maps/search/?api=1&query=%D0%90%D1%81",
        ),
        ("Астана, Мәңгілік Ел 55", P.OSM, None, "https://www.openstreetmap.org/search?query="),
        ("geo:43.2383,76.9453", P.OSM, "https://www.openstreetmap.org/export/", "https://www."),
    ],
)
def test_map_forms(value: str, provider: MapProvider, embed: str | None, link: str) -> None:
    """Coordinates, embeds (also pasted <iframe> code), provider links and addresses."""
    place = read_map(value, provider)
    assert isinstance(place, MapPlace), place
    if embed is None:
        assert place.embed_src is None
    else:
        assert place.embed_src is not None and place.embed_src.startswith(embed)
        assert any(place.embed_src.startswith(host + "/") for host in FRAME_HOSTS)
    assert place.link.startswith(link)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("https://evil.example.com/map?embed", "not allowed"),
        ("javascript:alert(1)", "not a place"),
        ("data:text/html,<b>x</b>", "not a place"),
        ("95.0, 76.9", "latitude must be between"),
        ("143.2383, 43.2", "latitude comes first"),
        ("x" * 300, "too long"),
    ],
)
def test_bad_maps_are_explained(value: str, words: str) -> None:
    """Refused hosts, schemes and impossible coordinates say what to write instead."""
    problem = read_map(value, MapProvider.OSM)
    assert isinstance(problem, MapProblem) and words in problem.message


def test_link_without_coordinates_keeps_its_qr() -> None:
    """A short 2GIS link has no coordinates: no map, but a QR code of the link and a note."""
    result = read_map("https://go.2gis.com/abc123", MapProvider.OSM)
    assert isinstance(result, MapNote)
    assert result.place.embed_src is None and result.place.link == "https://go.2gis.com/abc123"


def test_map_slides(make_project, tmp_path: Path) -> None:
    """Every form on a slide: an iframe loaded by the runtime, an offline card, a QR code."""
    root = make_project(
        {
            "content/d.json": deck(
                {"title": "A", "block": 6, "map": "43.2383,76.9453,15", "text": "Abai square"},
                {"title": "B", "block": 6, "map": "Астана, Мәңгілік Ел 55"},
                {"title": "C", "block": 6, "map": "https://evil.example.com/embed"},
            )
        }
    )
    report, html = build(root, tmp_path / "out")
    assert html.count('class="sg-map-frame sg-embed" data-src="https://www.openstreetmap.org') == 1
    assert html.count("data-offline-note hidden") == 1
    link = "https://www.openstreetmap.org/?mlat=43.2383&amp;mlon=76.9453#map=15/43.2383/76.9453"
    assert f'data-map-link="{link}"' in html
    assert html.count('class="sg-qr-code"') == 2
    assert "evil.example.com" not in html
    assert codes(report).count("map-address") == 1 and codes(report).count("bad-map") == 1


def test_qr_codes_for_links_in_text(make_project, tmp_path: Path) -> None:
    """Links in <a>, bare URLs and www. addresses get codes; switched off by [media] link_qr."""
    text = "Read https://example.kz/news, [the akimat](https://akimat.kz/a?x=1&y=2) and www.gov.kz."
    files = {"content/d.json": deck({"title": "T", "block": 2, "text": text})}
    root = make_project(files)
    _, html = build(root, tmp_path / "on")
    labels = re.findall(r'<figure class="sg-qr">.*?<figcaption>(.*?)</figcaption>', html)
    assert labels == ["example.kz/news", "akimat.kz/a?x=1&amp;y=2", "gov.kz"]
    expected = segno.make("https://akimat.kz/a?x=1&y=2", error="m", micro=False)
    path = re.search(
        r'<path stroke="#000" d="([^"]+)"', expected.svg_inline(border=4, lineclass=None)
    )
    assert path is not None and path.group(1) in html
    (root / "slidegen.toml").write_text("[media]\nlink_qr = false\n", encoding="utf-8")
    _, off = build(root, tmp_path / "off")
    assert "sg-qr" not in off


def test_find_links_and_labels() -> None:
    """Trailing punctuation is not part of a URL; labels drop the scheme and get shortened."""
    html = '<p>See (https://a.kz/x). <a href="mailto:press@a.kz">mail</a> <a href="/rel">r</a></p>'
    assert find_links(html) == ["https://a.kz/x", "mailto:press@a.kz"]
    assert link_label("https://www.example.kz/") == "example.kz"
    assert link_label("mailto:press@a.kz") == "press@a.kz"
    assert len(link_label("https://example.kz/" + "a" * 80)) == 42


def test_every_page_carries_the_policy(sample_build: Path) -> None:
    """The CSP meta tag on every HTML page: own files, allowlisted frames, no inline code."""
    policy = page_policy()
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "script-src 'self';" in policy and "img-src 'self' data:;" in policy
    pages = list(sample_build.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f'<meta http-equiv="Content-Security-Policy" content="{policy}">' in html, page
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), page
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html), page


def test_vimeo_private_hash_is_the_segment_after_the_id() -> None:
    """Only a hex segment right after the video id is a private link's hash."""
    from slidegen.video import video_embed

    with_hash = video_embed("https://vimeo.com/123456/abcdef12/embed")
    assert with_hash is not None and "h=abcdef12" in with_hash.src
    other = video_embed("https://vimeo.com/123456/showcase/abcdef12")
    assert other is not None and "h=" not in other.src
