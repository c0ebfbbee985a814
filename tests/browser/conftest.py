"""Headless Debian chromium driven by playwright, recording console errors and requests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Response, sync_playwright

from tests.conftest import ARTIFACTS

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
SCREENS = {"landscape": (1920, 1080), "portrait": (1080, 1920), "small": (1280, 720)}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium from the PATH; CI installs it, a developer is told how to."""
    executable = shutil.which("chromium")
    if executable is None:
        message = "Debian's chromium is not on the PATH: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watched:
    """A page with the console errors and requests it produced."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.failed: list[Response] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("response", lambda r: self.failed.append(r) if r.status >= 400 else None)

    def outside(self, root: Path) -> list[str]:
        """Requests that left the folder `root`."""
        prefix = root.resolve().as_uri() + "/"
        return [u for u in self.requests if not u.startswith(prefix)]


@pytest.fixture
def open_page(browser: Browser) -> Iterator[callable]:
    """Open a URL at a screen size, with touch, and watch it."""
    contexts = []

    def open_(url: str, screen: str = "landscape") -> Watched:
        width, height = SCREENS[screen]
        context = browser.new_context(viewport={"width": width, "height": height}, has_touch=True)
        contexts.append(context)
        watched = Watched(context.new_page())
        watched.page.goto(url)
        return watched

    yield open_
    for context in contexts:
        context.close()


def screenshot(page: Page, name: str) -> Path:
    """Save a screenshot under tests/artifacts/screens/ for a person to look at."""
    path = ARTIFACTS / "screens" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    return path
