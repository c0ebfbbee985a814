"""`slidegen serve`: the built site on 127.0.0.1, rebuilt and reloaded as the editor saves.

Reloads use livereload's websocket protocol and client script; the files are served by our
own small handler so that serving stays inside the output folder, the reload script is
injected only here (never into `slidegen build` output), and a failed rebuild shows its
diagnostics over the last good pages.
"""

from __future__ import annotations

import errno
import html
import mimetypes
import socket
from collections.abc import Callable
from pathlib import Path

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.watcher import Watcher
from tornado import netutil
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.web import Application, HTTPError, RequestHandler

from slidegen.diagnostics import Diagnostic, Severity
from slidegen.rebuild import Outcome

OVERLAY_CSS = b"""\
.sg-dev-overlay { position: fixed; inset: 0; z-index: 2147483647; overflow: auto;
  background: rgba(20, 0, 0, 0.92); color: #fff; font: 18px/1.45 monospace; padding: 2em; }
.sg-dev-overlay h2 { margin: 0 0 0.8em; font: bold 24px sans-serif; color: #ff8a80; }
.sg-dev-overlay ol { margin: 0; padding-left: 1.5em; }
.sg-dev-overlay li { margin: 0 0 0.5em; white-space: pre-wrap; }
.sg-dev-overlay .error { color: #ff8a80; } .sg-dev-overlay .warning { color: #ffe082; }
.sg-dev-overlay p { font-family: sans-serif; color: #ccc; }
"""


class ServeState:
    """What the handlers need to know about the latest build, set from the rebuild thread."""

    def __init__(self, root: Path, port: int) -> None:
        self.root = root
        self.port = port
        self.last: Outcome | None = None


def overlay_html(diagnostics: list[Diagnostic]) -> str:
    """The error overlay shown over the last good page after a failed rebuild."""
    shown = [d for d in diagnostics if d.severity is Severity.ERROR]
    shown += [d for d in diagnostics if d.severity is Severity.WARNING]
    items = "".join(f'<li class="{d.severity.value}">{html.escape(d.format())}</li>' for d in shown)
    return (
        '<link rel="stylesheet" href="/__slidegen__/overlay.css">'
        '<div class="sg-dev-overlay" id="sg-dev-overlay" role="alert">'
        "<h2>slidegen: the last change could not be built</h2>"
        f"<ol>{items}</ol>"
        "<p>The page below is the last good build. Fix the file and save: this message goes"
        " away by itself.</p></div>"
    )


class SiteHandler(RequestHandler):
    """Serves files of the output folder only; HTML gets the reload script (and the overlay)."""

    def initialize(self, state: ServeState) -> None:
        """Keep the shared state."""
        self.state = state

    def get(self, path: str) -> None:
        """Serve one file, confined to the output folder; no directory listings."""
        target = self._resolve(path)
        body = target.read_bytes() if target else b""
        if target is None:
            self.set_status(404)
            body = b"<!doctype html><title>Not found</title><body><h1>Not found</h1></body>"
            kind = "text/html"
        else:
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            body = self._inject(body)
            kind += "; charset=utf-8"
        self.set_header("Content-Type", kind)
        self.set_header("Cache-Control", "no-store")
        self.write(body)

    def _resolve(self, path: str) -> Path | None:
        root = self.state.root.resolve()
        candidate = (root / path).resolve()
        if not candidate.is_relative_to(root):
            raise HTTPError(403)
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def _inject(self, body: bytes) -> bytes:
        """Add the livereload client and, after a failed build, the overlay before </body>."""
        extra = f'<script src="/livereload.js?port={self.state.port}"></script>'
        last = self.state.last
        if last is not None and not last.ok:
            extra = overlay_html(last.diagnostics) + extra
        marker = body.rfind(b"</body>")
        at = marker if marker >= 0 else len(body)
        return body[:at] + extra.encode() + body[at:]


class OverlayCssHandler(RequestHandler):
    """The overlay's stylesheet (a file, so the pages' Content-Security-Policy allows it)."""

    def get(self) -> None:
        """Serve the CSS."""
        self.set_header("Content-Type", "text/css; charset=utf-8")
        self.write(OVERLAY_CSS)


class PortInUseError(Exception):
    """The requested port is taken."""


def make_app(state: ServeState) -> Application:
    """The tornado application: reload websocket and script, overlay CSS, then the site."""
    LiveReloadHandler.live_css = False
    # reload_waiters() logs the watcher's last path; ours is watchdog, so give it an idle one.
    LiveReloadHandler.watcher = Watcher()
    return Application(
        [
            (r"/livereload", LiveReloadHandler),
            (r"/livereload.js", LiveReloadJSHandler),
            (r"/__slidegen__/overlay.css", OverlayCssHandler),
            (r"/(.*)", SiteHandler, {"state": state}),
        ]
    )


def bind(host: str, port: int) -> list[socket.socket]:
    """Bind the listening sockets now, so a taken port is reported before anything starts."""
    try:
        return netutil.bind_sockets(port, address=host)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortInUseError(f"port {port} on {host} is already in use") from exc
        raise


def reload_browsers() -> None:
    """Tell every connected page to reload (runs on the IOLoop)."""
    LiveReloadHandler.reload_waiters("*")


def run(
    state: ServeState,
    sockets: list[socket.socket],
    on_start: Callable[[], None],
    on_stop: Callable[[], None],
) -> None:
    """Serve until interrupted; `on_start`/`on_stop` start and stop the watcher."""
    server = HTTPServer(make_app(state))
    server.add_sockets(sockets)
    loop = IOLoop.current()
    try:
        on_start()
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        on_stop()
        LiveReloadHandler.waiters.clear()
