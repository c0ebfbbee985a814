"""Write a build into a temporary folder beside the output, then swap it in at once."""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict

MARKER = "manifest.json"
_RENAME_EXCHANGE = 2


class Output(BaseModel):
    """Everything a build produces: generated files and files copied as they are."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    pages: dict[str, bytes] = {}
    copies: dict[str, Path] = {}


class UnsafeOutputError(Exception):
    """The output folder holds something a build must not replace."""


def write_file(path: Path, data: bytes) -> None:
    """Replace one file at once: readers (a build, a watcher, an editor) never see half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_output_dir(out: Path, project: Path, protected: list[Path]) -> None:
    """Refuse an output folder that would overwrite the project or a folder that is not a build."""
    target = out.resolve()
    for folder in [project, *protected]:
        folder = folder.resolve()
        if target == folder or folder.is_relative_to(target):
            raise UnsafeOutputError(f"{out} would replace {folder}; choose another --out folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise UnsafeOutputError(
            f"{out} exists and is not a slidegen build (no {MARKER});"
            " empty it or choose another --out"
        )


def write_output(output: Output, out: Path, unchanged: Callable[[str], bool] | None = None) -> int:
    """Write into a sibling temp folder and swap it with `out`; the old build survives failure.

    Files for which `unchanged(rel)` is true are hard-linked from the current `out` instead of
    written again, so a rebuild that changed one deck writes one page. Returns how many files
    were written.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    tree = _Tree(str(staging))
    written = 0
    try:
        for rel, data in output.pages.items():
            if not (unchanged and unchanged(rel) and _link(out, tree, rel)):
                with open(tree.target(rel), "wb") as handle:
                    handle.write(data)
                written += 1
        for rel, source in output.copies.items():
            if not (unchanged and unchanged(rel) and _link(out, tree, rel)):
                shutil.copyfile(source, tree.target(rel))
                written += 1
        staging.chmod(0o755)
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


class _Tree:
    """Paths inside the staging folder, creating each sub-folder once (plain strings: fast)."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.made: set[str] = {root}

    def target(self, rel: str) -> str:
        """The staging path for `rel`, with its folder created."""
        path = os.path.join(self.root, rel)
        folder = os.path.dirname(path)
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)
        return path


def _link(out: Path, tree: _Tree, rel: str) -> bool:
    """Hard-link an unchanged file from the current build; False if that is not possible."""
    try:
        os.link(os.path.join(out, rel), tree.target(rel))
    except OSError:
        return False
    return True


def _swap(staging: Path, out: Path) -> None:
    """Exchange the folders atomically where the OS can; else rename the old one aside first."""
    if out.exists() and _exchange(staging, out):
        return  # staging now holds the old build and is removed by the caller
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        old.rmdir()
        out.rename(old)
        staging.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(out)


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(RENAME_EXCHANGE) on Linux: a server never sees the folder missing."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
