"""The glue of `watch` and `serve`: one session, one watcher, and what the terminal shows."""

from __future__ import annotations

import traceback
from collections.abc import Callable

import click

from slidegen.build import open_project
from slidegen.config import SiteConfig
from slidegen.diagnostics import Report
from slidegen.rebuild import Outcome, Session
from slidegen.watch import ProjectWatcher


def describe(outcome: Outcome) -> str:
    """One line per build for the terminal."""
    ms = outcome.seconds * 1000
    stats = outcome.stats
    if not outcome.ok:
        errors = sum(1 for d in outcome.diagnostics if d.severity.value == "error")
        return f"build failed ({errors} error(s), {ms:.0f} ms); still serving the last good build"
    return (
        f"built {outcome.decks} deck(s) in {ms:.0f} ms: {stats.decks_rendered} re-rendered,"
        f" {stats.decks_reused} unchanged, {outcome.written} file(s) written"
    )


def safe_build(session: Session, show: Callable[[Outcome], None]) -> Outcome | None:
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
    project = open_project(session.project, session.options, Report())
    config = project.config if project else SiteConfig()
    root = session.project.resolve()
    folders = [root / config.content_dir, root / config.static_dir, root / config.themes_dir]
    return ProjectWatcher(root, folders, session.output_dir(), rebuild, poll=poll)
