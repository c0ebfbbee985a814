"""One editing session's builds: incremental, and never losing the last good output."""

from __future__ import annotations

import time
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from slidegen.build import BuildOptions, open_project, run_pipeline
from slidegen.cache import BuildCache, CacheStats, stat_key
from slidegen.diagnostics import Diagnostic, Report, Severity
from slidegen.write import Output, UnsafeOutputError, check_output_dir, write_output


class Outcome(BaseModel):
    """What one build did; `ok` is False when the previous output was kept."""

    model_config = ConfigDict(frozen=True)

    ok: bool
    seconds: float
    decks: int
    diagnostics: list[Diagnostic]
    stats: CacheStats
    written: int = 0

    def summary(self) -> str:
        """One line for the terminal."""
        ms = self.seconds * 1000
        if not self.ok:
            errors = sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)
            return (
                f"build failed ({errors} error(s), {ms:.0f} ms); still serving the last good build"
            )
        return (
            f"built {self.decks} deck(s) in {ms:.0f} ms: {self.stats.decks_rendered} re-rendered,"
            f" {self.stats.decks_reused} unchanged, {self.written} file(s) written"
        )


class Session:
    """Rebuilds a project again and again, reusing everything that did not change."""

    def __init__(self, project: Path, options: BuildOptions, out: Path | None = None) -> None:
        self.project = project
        self.options = options
        self.out = out
        self.cache = BuildCache()
        self._written: dict[str, object] = {}
        self.last: Outcome | None = None

    def output_dir(self) -> Path:
        """Where builds go: --out, else the configured folder (read anew: the config may change)."""
        if self.out is not None:
            return self.out.resolve()
        report = Report()
        project = open_project(self.project, self.options, report)
        return project.out_dir if project else (self.project / "build").resolve()

    def build(self) -> Outcome:
        """Build once; on errors keep the last good output and report why."""
        started = time.perf_counter()
        report = Report()
        result = run_pipeline(self.project, self.options, report, self.cache)
        written = 0
        output, project = result.output, result.project
        ok = output is not None and project is not None and report.errors == 0
        if ok and output is not None and project is not None:
            target = self.out.resolve() if self.out else project.out_dir
            try:
                check_output_dir(target, project.root, project.input_dirs())
                written = self._write(output, target)
            except (UnsafeOutputError, OSError) as exc:
                report.error("output", f"cannot write {target}: {exc}", "slidegen.toml")
                ok = False
        self.last = Outcome(
            ok=ok,
            seconds=time.perf_counter() - started,
            decks=result.decks,
            diagnostics=list(report),
            stats=self.cache.stats.model_copy(),
            written=written,
        )
        return self.last

    def _write(self, output: Output, target: Path) -> int:
        """Swap in the new build, writing only files that differ from what we wrote last time."""
        signatures: dict[str, object] = dict(output.pages)
        signatures.update({rel: (src, stat_key(src)) for rel, src in output.copies.items()})
        previous = self._written if target.exists() else {}

        def unchanged(rel: str) -> bool:
            before = previous.get(rel)
            return before is not None and (before is signatures[rel] or before == signatures[rel])

        written = write_output(output, target, unchanged)
        self._written = signatures
        return written
