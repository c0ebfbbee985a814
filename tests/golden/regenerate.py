"""Rebuild the sample site and store its output as the golden snapshot (`make golden-update`)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tests.conftest import REPO, build_into
from tests.golden.snapshot import EXPECTED, snapshot
from tests.golden.test_golden_themes import EXPECTED_THEMES, write_theme_snapshots


def main() -> None:
    """Replace expected/ with the current output of the sample site."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "build"
        build_into(REPO, out)
        files = snapshot(out)
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for rel, data in files.items():
        target = EXPECTED / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"wrote {len(files)} files to {EXPECTED.relative_to(REPO)}")
    with tempfile.TemporaryDirectory() as tmp:
        themed = write_theme_snapshots(Path(tmp))
    print(f"wrote {themed} files to {EXPECTED_THEMES.relative_to(REPO)}")


if __name__ == "__main__":
    main()
