"""Which changes trigger a rebuild, and how bursts are debounced."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from slidegen.watch import Debouncer, InputFilter


@pytest.mark.parametrize(
    ("rel", "wanted"),
    [
        ("content/1.json", True),
        ("content/sub/2.json", True),
        ("static/img/logo.png", True),
        ("themes/default/templates/base.html", True),
        ("slidegen.toml", True),
        ("README.md", False),
        ("build/index.html", False),
        (".build-new-abc/index.html", False),
        ("content/.1.json.swp", False),
        ("content/1.json~", False),
        ("content/.#1.json", False),
        ("content/4913", False),
        ("content/1.json.bak", False),
        ("content/.~lock.1.json#", False),
        (".git/index", False),
        (".slidegen-cache/x", False),
    ],
)
def test_input_filter(tmp_path: Path, rel: str, wanted: bool) -> None:
    """Inputs trigger; output, editor temp files and hidden folders do not."""
    accept = InputFilter(tmp_path, tmp_path / "build")
    assert accept.wanted(str(tmp_path / rel)) is wanted


def test_burst_of_triggers_runs_once() -> None:
    """An editor's save is several events: one build."""
    runs: list[float] = []
    debouncer = Debouncer(lambda: runs.append(time.monotonic()), quiet=0.05)
    debouncer.start()
    try:
        for _ in range(5):
            debouncer.trigger()
            time.sleep(0.01)
        deadline = time.monotonic() + 2
        while not runs and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)
        assert len(runs) == 1
    finally:
        debouncer.stop()


def test_change_during_a_build_leads_to_one_more_build() -> None:
    """A save while building is not lost: exactly one more build follows."""
    started = threading.Event()
    release = threading.Event()
    runs: list[int] = []

    def action() -> None:
        runs.append(len(runs))
        started.set()
        if len(runs) == 1:
            release.wait(2)

    debouncer = Debouncer(action, quiet=0.02)
    debouncer.start()
    try:
        debouncer.trigger()
        assert started.wait(2)
        debouncer.trigger()
        debouncer.trigger()
        release.set()
        deadline = time.monotonic() + 2
        while len(runs) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)
        assert len(runs) == 2
    finally:
        debouncer.stop()


def test_stop_leaves_no_thread_behind() -> None:
    """stop() joins the worker."""
    debouncer = Debouncer(lambda: None, quiet=0.01)
    debouncer.start()
    debouncer.stop()
    assert not any(t.name == "slidegen-rebuild" and t.is_alive() for t in threading.enumerate())
