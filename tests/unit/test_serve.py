"""A real `slidegen serve`: rebuilds on edits, shows errors, never dies, stays confined."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.serving import Served


@pytest.fixture
def served(sample_project: Path):
    """`slidegen serve` on the sample site, stopped after the test."""
    server = Served(sample_project)
    yield server
    server.stop()


def test_edits_errors_fixes_deletes_and_templates(served: Served, sample_project: Path) -> None:
    """The served site follows every save; a broken file shows an overlay over the last build."""
    content = sample_project / "content"
    assert "livereload.js" in served.wait_for("deck/2.1.html", lambda b: "Жобаның" in b)
    charter = content / "2.1-charter.json"
    original = charter.read_text(encoding="utf-8")
    charter.write_text(original.replace("Жобаның жарғысы", "ӨЗГЕРТІЛГЕН ЖАРҒЫ", 1), "utf-8")
    served.wait_for("deck/2.1.html", lambda b: "ӨЗГЕРТІЛГЕН ЖАРҒЫ" in b)

    (content / "9.json").write_text('{"ID": "9", "name": "He said "no""}', encoding="utf-8")
    overlay = served.wait_for("index.html", lambda b: "sg-dev-overlay" in b)
    assert "content/9.json:1:" in overlay and "unescaped-quote" in overlay
    status, deck = served.get("deck/2.1.html")
    assert status == 200 and "ӨЗГЕРТІЛГЕН ЖАРҒЫ" in deck and "sg-dev-overlay" in deck

    (content / "9.json").write_text('{"ID": "9", "name": "Fixed", "content": []}', "utf-8")
    served.wait_for("index.html", lambda b: "sg-dev-overlay" not in b and "Fixed" in b)

    (content / "2.2-letter.json").unlink()
    served.wait_for("menu/2.html", lambda b: "Депутаттарға хат" not in b)
    assert served.get("deck/2.2.html")[0] == 404

    override = sample_project / "themes" / "default" / "templates"
    override.mkdir(parents=True)
    (override / "_header.html").write_text(
        '<header class="sg-header">OVERRIDDEN {% include "!default/_header.html" %}</header>',
        encoding="utf-8",
    )
    served.wait_for("deck/2.1.html", lambda b: "OVERRIDDEN" in b)
    assert served.proc.poll() is None


def test_serving_is_confined_to_the_output(served: Served) -> None:
    """No way out of the build folder, no directory listings."""
    for path in ("../slidegen.toml", "%2e%2e/slidegen.toml", "..%2fslidegen.toml", "content/"):
        status, body = served.get(path)
        assert status in (403, 404), path
        assert "ID" not in body


def test_reload_script_only_in_served_pages(served: Served, sample_project: Path) -> None:
    """The preview injects livereload; the files on disk never contain it."""
    assert "livereload.js" in served.get("index.html")[1]
    for page in (sample_project / "build").rglob("*.html"):
        assert "livereload" not in page.read_text(encoding="utf-8")


def test_ctrl_c_stops_cleanly(sample_project: Path) -> None:
    """SIGINT ends the server with exit 0 and a last word, no traceback."""
    server = Served(sample_project)
    assert server.stop() == 0
    text = "".join(server.output)
    assert "stopped" in text and "Traceback" not in text


def test_port_in_use_is_a_usage_error(sample_project: Path) -> None:
    """A taken port: a clear message with a suggestion, exit 2."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "slidegen", "--project", str(sample_project), "serve",
             "--port", str(port)],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
    assert result.returncode == 2
    assert "already in use" in result.stderr and f"--port {port + 1}" in result.stderr
