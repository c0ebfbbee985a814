"""Shared fixtures: the repo's sample site and scratch projects."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from slidegen.build import BuildOptions, run_pipeline
from slidegen.diagnostics import Report
from slidegen.write import write_output

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
ARTIFACTS = REPO / "tests" / "artifacts"


def build_into(project: Path, out: Path) -> Report:
    """Run the pipeline on `project` and write it to `out`; return the diagnostics."""
    report = Report()
    result = run_pipeline(project, BuildOptions(), report)
    assert result.output is not None, [d.format() for d in report]
    write_output(result.output, out)
    return report


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repo's sample site, built once per test session."""
    out = tmp_path_factory.mktemp("sample") / "build"
    build_into(REPO, out)
    return out


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A scratch project: deck files given as {relative path: text or bytes}."""

    def make(files: dict[str, str | bytes], config: str | None = None) -> Path:
        root = tmp_path / "project"
        (root / "content").mkdir(parents=True, exist_ok=True)
        if config is not None:
            (root / "slidegen.toml").write_text(config, encoding="utf-8")
        for rel, body in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(body, bytes):
                path.write_bytes(body)
            else:
                path.write_text(body, encoding="utf-8")
        return root

    return make


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A writable copy of the repo's sample site (content, static, config)."""
    root = tmp_path / "sample"
    for name in ("content", "static"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "slidegen.toml", root / "slidegen.toml")
    return root
