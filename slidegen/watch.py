"""Watch a project's inputs and rebuild after each burst of changes (watchdog, debounced)."""

from __future__ import annotations

import fnmatch
import threading
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from slidegen.config import CONFIG_NAME

# Editors save through swap, backup and lock files; none of them is an input.
IGNORED_NAMES = (
    "*.swp", "*.swx", "*.swo", "*~", ".#*", "#*#", "4913", "*.tmp", "*.bak",
    ".~lock.*", "~$*", ".DS_Store", "*.part", "*.crdownload",
)  # fmt: skip
IGNORED_DIRS = (".git", ".slidegen-cache", "__pycache__", "node_modules")


class InputFilter:
    """Decides whether a changed path is an input of the build."""

    def __init__(self, root: Path, out_dir: Path) -> None:
        self.root = root.resolve()
        self.out_dir = out_dir.resolve()

    def wanted(self, path: str) -> bool:
        """True for files that can change the output; False for output, temp and hidden files."""
        target = Path(path)
        if target.is_relative_to(self.out_dir) or target.name.startswith(f".{self.out_dir.name}-"):
            return False
        if any(fnmatch.fnmatch(target.name, pattern) for pattern in IGNORED_NAMES):
            return False
        try:
            parts = target.relative_to(self.root).parts
        except ValueError:
            return True  # an input folder reached through a symlink
        if len(parts) == 1:
            return parts[0] == CONFIG_NAME
        return not any(p in IGNORED_DIRS or p.startswith(".") for p in parts[:-1])


class Debouncer:
    """Runs `action` once a burst of triggers has been quiet for `quiet` seconds.

    A trigger during a run leads to exactly one more run after it, so no change is lost.
    """

    def __init__(self, action: Callable[[], None], quiet: float) -> None:
        self.action = action
        self.quiet = quiet
        self._wake = threading.Condition()
        self._pending = False
        self._stopping = False
        self._thread = threading.Thread(target=self._loop, name="slidegen-rebuild", daemon=True)

    def start(self) -> None:
        """Start the worker thread."""
        self._thread.start()

    def trigger(self) -> None:
        """Note a change; the action runs after the burst settles."""
        with self._wake:
            self._pending = True
            self._wake.notify()

    def stop(self) -> None:
        """Stop the worker and wait for a running action to finish."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
        if self._thread.is_alive():
            self._thread.join()

    def _loop(self) -> None:
        while True:
            with self._wake:
                while not self._pending and not self._stopping:
                    self._wake.wait()
                if self._stopping:
                    return
                # Quiet period: every new trigger restarts it.
                while self._pending and not self._stopping:
                    self._pending = False
                    self._wake.wait(self.quiet)
                if self._stopping:
                    return
            self.action()


class _Handler(FileSystemEventHandler):
    """Forwards input changes to the debouncer."""

    def __init__(self, accept: InputFilter, debouncer: Debouncer) -> None:
        self.accept = accept
        self.debouncer = debouncer

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Trigger a rebuild for a change to an input file (or its folder)."""
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        if any(p and self.accept.wanted(str(p)) for p in paths):
            self.debouncer.trigger()


class ProjectWatcher:
    """Observes content/, static/, themes/ and slidegen.toml and rebuilds on change."""

    def __init__(
        self,
        root: Path,
        folders: list[Path],
        out_dir: Path,
        rebuild: Callable[[], None],
        poll: bool = False,
        quiet: float = 0.03,
    ) -> None:
        self.debouncer = Debouncer(rebuild, quiet)
        self.observer: BaseObserver = PollingObserver(timeout=0.5) if poll else Observer()
        handler = _Handler(InputFilter(root, out_dir), self.debouncer)
        # The project root is watched flat, for slidegen.toml; input folders recursively.
        self.observer.schedule(handler, str(root), recursive=False)
        for folder in sorted({f.resolve() for f in folders if f.is_dir()}):
            self.observer.schedule(handler, str(folder), recursive=True)

    def start(self) -> None:
        """Start observing and the rebuild worker."""
        self.debouncer.start()
        self.observer.start()

    def stop(self) -> None:
        """Stop both and wait for them: no thread is left behind."""
        if self.observer.is_alive():
            self.observer.stop()
            self.observer.join()
        self.debouncer.stop()
