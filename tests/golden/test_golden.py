"""The sample site's output matches the stored snapshot byte for byte."""

from __future__ import annotations

import difflib
from pathlib import Path

from tests.golden.snapshot import snapshot, stored

HINT = "if the change is intended, run `make golden-update` and review the diff"


def test_sample_site_matches_golden(sample_build: Path) -> None:
    """Same files, same bytes; a failure shows the first differing lines."""
    actual, expected = snapshot(sample_build), stored()
    assert sorted(actual) == sorted(expected), HINT
    for name in sorted(expected):
        if actual[name] != expected[name]:
            diff = difflib.unified_diff(
                expected[name].decode(errors="replace").splitlines(),
                actual[name].decode(errors="replace").splitlines(),
                f"expected/{name}",
                f"actual/{name}",
                lineterm="",
                n=1,
            )
            raise AssertionError("\n".join([*list(diff)[:40], HINT]))


def test_build_is_deterministic(sample_build: Path, tmp_path: Path) -> None:
    """Two builds of the same input are identical, so the golden test is meaningful."""
    from tests.conftest import REPO, build_into

    again = tmp_path / "again"
    build_into(REPO, again)
    assert snapshot(again) == snapshot(sample_build)
