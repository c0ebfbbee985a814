"""`watch` and `serve`: one session, one watcher, and what the terminal shows.

Imported only by those two commands, so other commands do not load watchdog and tornado.
"""

from __future__ import annotations

import time
import traceback
import webbrowser
from collections.abc import Callable

import click
from tornado.ioloop import IOLoop

from slidegen.build import open_project
from slidegen.config import SiteConfig
from slidegen.diagnostics import Report
from slidegen.project import Project
from slidegen.rebuild import Outcome, Session
from slidegen.serve import PortInUseError, ServeState, bind, reload_browsers, run
from slidegen.watch import ProjectWatcher

Show = Callable[[Outcome], None]
Say = Callable[[str], None]


def safe_build(session: Session, show: Show) -> Outcome | None:
    """Build, show the result; a bug in slidegen is shown too but never stops the session."""
    try:
        outcome = session.build()
    except Exception:
        click.echo("slidegen: internal error during rebuild (please report):", err=True)
        click.echo(traceback.format_exc(limit=4), err=True)
        return None
    show(outcome)
    return outcome


def make_watcher(session: Session, rebuild: Callable[[], None], poll: bool) -> ProjectWatcher:
    """Watch the project's input folders and its config file."""
    root = session.project.resolve()
    # With a broken config, watch the default folders so that fixing it triggers a build.
    project = open_project(root, session.options, Report()) or Project(
        root=root, config=SiteConfig()
    )
    return ProjectWatcher(root, project.input_dirs(), session.output_dir(), rebuild, poll=poll)


def watch(session: Session, show: Show, say: Say, poll: bool) -> None:
    """Build, then rebuild on every change until Ctrl-C."""
    safe_build(session, show)
    watcher = make_watcher(session, lambda: safe_build(session, show), poll)
    watcher.start()
    say("watching for changes; press Ctrl-C to stop")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        say("stopped")


def serve(
    session: Session, show: Show, say: Say, poll: bool, host: str, port: int, open_browser: bool
) -> None:
    """Build, serve, rebuild and reload browsers until Ctrl-C; a taken port raises UsageError."""
    try:
        sockets = bind(host, port)
    except PortInUseError as exc:
        raise click.UsageError(f"{exc}; stop the other server or use --port {port + 1}") from exc
    port = sockets[0].getsockname()[1]
    if host not in ("127.0.0.1", "localhost", "::1"):
        say(f"warning: listening on {host}: other machines on the network can see the preview")
    state = ServeState(session.output_dir(), port)
    loop = IOLoop.current()
    url = f"http://{host}:{port}/"

    def rebuild() -> None:
        outcome = safe_build(session, show)
        if outcome is not None:
            state.last = outcome
            loop.add_callback(reload_browsers)

    def start() -> None:
        watcher.start()
        say(f"serving {state.root} at {url} (Ctrl-C to stop)")
        if open_browser:
            webbrowser.open(url)

    try:
        state.last = safe_build(session, show)
        watcher = make_watcher(session, rebuild, poll)
        run(state, sockets, start, watcher.stop)
    except KeyboardInterrupt:
        pass  # interrupted before serving began; nothing is running yet
    say("stopped")
