"""Benchmark: cold build time and peak memory of the sample site and a 1,000-deck corpus.

Run with `make bench`. Figures are medians over repeated runs in fresh processes; nothing here
is a test assertion.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.corpus import generate

REPO = Path(__file__).resolve().parents[1]
RUNS = 3

# A child process builds and reports its own wall time and peak resident memory.
CHILD = """
import json, resource, sys, time
from pathlib import Path
from slidegen.build import BuildOptions, run_pipeline
from slidegen.diagnostics import Report
from slidegen.write import write_output
start = time.perf_counter()
report = Report()
result = run_pipeline(Path(sys.argv[1]), BuildOptions(), report)
write_output(result.output, Path(sys.argv[2]))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
summary = {"seconds": seconds, "peak_mib": peak, "decks": result.decks}
print(json.dumps(summary | {"files": result.files}))
"""


def measure(project: Path, out: Path) -> dict[str, float]:
    """Median of RUNS cold builds, each in a new interpreter."""
    runs = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(project), str(out)],
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(done.stdout))
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "peak_mib": statistics.median(r["peak_mib"] for r in runs),
        "decks": runs[0]["decks"],
        "files": runs[0]["files"],
    }


def main() -> None:
    """Print one line per scenario."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(Path(tmp) / "corpus")
        scenarios = {
            "sample site": measure(REPO, Path(tmp) / "sample-build"),
            "1,000 decks x 10 slides": measure(corpus, Path(tmp) / "corpus-build"),
        }
    print(f"{'scenario':<26}{'decks':>7}{'files':>8}{'build s':>10}{'peak MiB':>10}")
    for name, r in scenarios.items():
        print(
            f"{name:<26}{r['decks']:>7}{r['files']:>8}{r['seconds']:>10.2f}{r['peak_mib']:>10.1f}"
        )


if __name__ == "__main__":
    main()
