"""A small site made for the runtime tests, a local http server for it, and a video clip."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser

from tests.browser.conftest import Watched

KAZAKH = "Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі"
# Embeds from the net the pages may frame when online (tests answer them with a stub page).
REMOTE_VIDEO = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"

CONFIG = """\
title = "Kiosk"
lang = "kk"

[kiosk]
slide_duration = 1
idle_timeout = 90
loop = true

[menu]
"1" = "Бірінші бөлім"
"2" = "Екінші бөлім"
"3" = "Медиа"
"""

_CLIP_JS = """async (ms) => {
  const canvas = document.createElement('canvas');
  canvas.width = 160; canvas.height = 90;
  const ctx = canvas.getContext('2d');
  const recorder = new MediaRecorder(canvas.captureStream(25), {mimeType: 'video/webm;codecs=vp8'});
  const chunks = [];
  recorder.ondataavailable = e => chunks.push(e.data);
  let frame = 0;
  const draw = setInterval(() => {
    ctx.fillStyle = `hsl(${frame * 12 % 360}, 70%, 50%)`; ctx.fillRect(0, 0, 160, 90); frame++;
  }, 40);
  recorder.start();
  await new Promise(r => setTimeout(r, ms));
  recorder.stop();
  await new Promise(r => { recorder.onstop = r; });
  clearInterval(draw);
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}"""


def record_clip(browser: Browser, millis: int) -> bytes:
    """A short silent webm recorded by the browser itself (no ffmpeg needed)."""
    page = browser.new_page()
    try:
        page.goto("about:blank")
        return base64.b64decode(page.evaluate(_CLIP_JS, millis))
    finally:
        page.close()


def _deck(deck_id: str, name: str, blocks: list[dict[str, object]]) -> str:
    return json.dumps({"ID": deck_id, "name": name, "content": blocks}, ensure_ascii=False)


def _text(title: str, text: str, **extra: object) -> dict[str, object]:
    return {"title": title, "text": text, "block": "text", **extra}


def make_site(root: Path, clip: bytes) -> Path:
    """Write the runtime test project into `root` and return it."""
    files = {
        "slidegen.toml": CONFIG,
        "content/1.1.json": _deck(
            "1.1",
            "Үш слайд",
            [
                _text("Бірінші слайд", f"Қазақ әліпбиі: {KAZAKH}"),
                _text("Екінші слайд", "Бұл слайд екі секунд тұрады.", duration=2),
                _text("Үшінші слайд", "Соңғы слайд, [сілтеме](https://example.org/page)."),
            ],
        ),
        "content/1.2.json": _deck(
            "1.2", "Екі слайд", [_text("Алғашқы", "Бір."), _text("Келесі", "Екі.")]
        ),
        "content/2.1.json": _deck("2.1", "Жалғыз слайд", [_text("Жалғыз", "Бір ғана слайд.")]),
        "content/3.1.json": _deck(
            "3.1",
            "Бейне",
            [
                {"title": "Бейне", "video": "/clip.webm", "block": "video", "text": ""},
                _text("Бейнеден кейін", "Келесі."),
            ],
        ),
        "content/3.2.json": _deck(
            "3.2",
            "Желідегі медиа",
            [
                {"title": "Желідегі бейне", "video": REMOTE_VIDEO, "block": "video"},
                {"title": "Карта", "map": "51.128, 71.430", "block": "map", "text": ""},
            ],
        ),
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "static").mkdir(exist_ok=True)
    (root / "static" / "clip.webm").write_bytes(clip)
    return root


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to the test output."""

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 at a free port until the block ends; yields the base URL."""
    handler = partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class Place:
    """Where a build is opened from: file:// or a local server; knows what stays inside."""

    def __init__(self, folder: Path, base: str) -> None:
        self.folder = folder
        self.base = base

    @property
    def kind(self) -> str:
        """Which transport it is, "file" or "http": for names of screenshots."""
        return "http" if self.is_http else "file"

    @property
    def is_http(self) -> bool:
        """Served over http rather than opened from disk."""
        return self.base.startswith("http")

    def url(self, rel: str) -> str:
        """URL of an output file, with any query or hash."""
        return self.base + rel

    def outside(self, watched: Watched) -> list[str]:
        """Requests that left the build folder or the local server."""
        if not self.is_http:
            return watched.outside(self.folder)
        return [u for u in watched.requests if not u.startswith(self.base)]
