"""Run a real `slidegen serve` in a subprocess on a free loopback port, for tests."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

_URL = re.compile(r"at (http://127\.0\.0\.1:\d+/)")


class Served:
    """A running `slidegen serve`; its stderr lines are collected as they come."""

    def __init__(self, project: Path, *args: str) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "slidegen",
                "--project",
                str(project),
                "serve",
                "--port",
                "0",
                *args,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        threading.Thread(target=self._pump, daemon=True).start()
        self.url = self._wait_for_url()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.output.append(line)
            self.lines.put(line)

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            found = _URL.search(line)
            if found:
                return found.group(1)
        self.stop()
        raise AssertionError("serve did not start:\n" + "".join(self.output))

    def get(self, path: str) -> tuple[int, str]:
        """Status and body of a GET."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", errors="replace")

    def wait_for(self, path: str, check: Callable[[str], bool], seconds: float = 10) -> str:
        """Poll `path` until its body passes `check` (bounded in time)."""
        deadline = time.monotonic() + seconds
        body = ""
        while time.monotonic() < deadline:
            body = self.get(path)[1]
            if check(body):
                return body
            time.sleep(0.05)
        raise AssertionError(f"{path} never matched; last body:\n{body[:2000]}")

    def stop(self) -> int:
        """Ctrl-C, then wait; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode
