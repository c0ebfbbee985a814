"""Benchmark: slidegen against Hugo and a bare Jinja loop on a 1,000-deck × 10-slide corpus.

Run with `make bench`. Every figure is a median over repeated runs in this one run, printed
with its ratio to Hugo's cold build; nothing here is a test assertion.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import generate
from bench.hugo import hugo_available, hugo_site

REPO = Path(__file__).resolve().parents[1]
RUNS = 5

# A child process builds cold and reports its own wall time and peak resident memory.
CHILD = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from slidegen.build import BuildOptions, run_pipeline
from slidegen.diagnostics import Report
from slidegen.write import write_output
report = Report()
result = run_pipeline(Path(sys.argv[1]), BuildOptions(), report)
write_output(result.output, Path(sys.argv[2]))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mib": peak, "decks": result.decks}))
"""

# The floor: the same text through one Jinja template, no Markdown, no checks.
FLOOR = """
import json, sys, time
from pathlib import Path
from jinja2 import Environment
start = time.perf_counter()
env = Environment(autoescape=True)
page = env.from_string("<!doctype html><title>{{ d.name }}</title>{% for b in d.content %}"
                       "<section><h1>{{ b.title }}</h1><p>{{ b.text }}</p></section>{% endfor %}")
out = Path(sys.argv[2]); out.mkdir(parents=True, exist_ok=True)
for path in sorted(Path(sys.argv[1], "content").glob("*.json")):
    deck = json.loads(path.read_text(encoding="utf-8"))
    (out / (path.stem + ".html")).write_text(page.render(d=deck), encoding="utf-8")
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def median_of(runs: int, measure: Callable[[], float]) -> float:
    """Median of `runs` measurements."""
    return statistics.median(measure() for _ in range(runs))


def child(code: str, *args: str) -> dict[str, float]:
    """Run `code` in a fresh interpreter and read its JSON line."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout)


def timed(command: list[str]) -> float:
    """Wall time of a command."""
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def incremental(corpus: Path, out: Path) -> tuple[float, float]:
    """Median no-op rebuild and one-deck edit → output written, in one watch session."""
    from slidegen.build import BuildOptions
    from slidegen.rebuild import Session

    session = Session(corpus, BuildOptions(), out)
    session.build()
    noop = median_of(RUNS, lambda: session.build().seconds)
    deck = corpus / "content" / "deck-0500.json"
    original = deck.read_text(encoding="utf-8")

    def edit() -> float:
        text = deck.read_text(encoding="utf-8")
        deck.write_text(text.replace("Slide 1", "Slide 1 edited", 1), encoding="utf-8")
        start = time.perf_counter()
        outcome = session.build()
        assert outcome.stats.decks_rendered == 1, outcome.stats
        return time.perf_counter() - start

    try:
        return noop, median_of(RUNS, edit)
    finally:
        deck.write_text(original, encoding="utf-8")


def edit_to_reload(corpus: Path) -> float:
    """Median time from saving a deck file to the reload message on the livereload socket."""
    from tests.serving import Served

    server = Served(corpus)
    try:
        return asyncio.run(_reload_times(server.url, corpus / "content" / "deck-0300.json"))
    finally:
        server.stop()


async def _reload_times(url: str, deck: Path) -> float:
    from tornado.websocket import websocket_connect

    socket = await websocket_connect(url.replace("http", "ws") + "livereload")
    await socket.write_message(json.dumps({"command": "hello", "protocols": []}))
    await socket.read_message()
    await socket.write_message(json.dumps({"command": "info", "url": url}))
    reloads: asyncio.Queue[float] = asyncio.Queue()

    async def listen() -> None:
        # One reader for the whole run: a cancelled read would break tornado's websocket.
        while (message := await socket.read_message()) is not None:
            if json.loads(message).get("command") == "reload":
                reloads.put_nowait(time.perf_counter())

    reader = asyncio.ensure_future(listen())
    original = deck.read_text(encoding="utf-8")
    times = []
    for n in range(RUNS):
        await asyncio.sleep(0.5)  # let earlier saves settle (one save may be several events)
        while not reloads.empty():
            reloads.get_nowait()
        deck.write_text(original.replace("Slide 1", f"Slide 1 v{n}", 1), encoding="utf-8")
        start = time.perf_counter()
        times.append(await asyncio.wait_for(reloads.get(), timeout=30) - start)
    deck.write_text(original, encoding="utf-8")
    socket.close()
    reader.cancel()
    return statistics.median(times)


def main() -> None:
    """Measure everything in one run and print figures with their ratio to Hugo."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = generate(work / "corpus")
        cold = [child(CHILD, str(corpus), str(work / f"cold-{i}")) for i in range(3)]
        floor = median_of(3, lambda: child(FLOOR, str(corpus), str(work / "floor"))["seconds"])
        sample = child(CHILD, str(REPO), str(work / "sample"))
        noop, edit = incremental(corpus, work / "live")
        reload = edit_to_reload(corpus)
        hugo = None
        if hugo_available():
            site = hugo_site(corpus, work / "hugo")
            command = ["hugo", "--quiet", "-s", str(site), "-d", str(work / "hugo-out")]
            hugo = median_of(3, lambda: timed(command))
    rows = [
        ("cold build, 1,000 decks", statistics.median(c["seconds"] for c in cold), 1.5),
        ("no-op rebuild (watch)", noop, 0.3),
        ("edit one deck -> output", edit, None),
        ("edit -> reload message", reload, None),
        ("bare Jinja loop (floor)", floor, None),
        ("Hugo cold build", hugo, None),
    ]
    peak = statistics.median(c["peak_mib"] for c in cold)
    print(
        f"corpus: 1,000 decks x 10 slides; sample site cold build {sample['seconds']:.2f} s,"
        f" peak {sample['peak_mib']:.0f} MiB"
    )
    print(f"{'measure':<28}{'seconds':>10}{'x Hugo':>9}{'target':>9}")
    for name, seconds, target in rows:
        if seconds is None:
            print(f"{name:<28}{'n/a':>10}   (apt-get install hugo)")
            continue
        ratio = f"{seconds / hugo:.2f}" if hugo else "n/a"
        goal = f"<={target}x" if target else ""
        print(f"{name:<28}{seconds:>10.3f}{ratio:>9}{goal:>9}")
    print(f"{'peak memory, cold build':<28}{peak:>9.0f}M{'':>9}{'<=150M':>9}")
    print("targets in ms: edit -> output <= 50, edit -> reload <= 150")


if __name__ == "__main__":
    main()
