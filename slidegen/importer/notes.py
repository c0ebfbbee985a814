"""Telling the user what the importer had to interpret, through the shared report."""

from __future__ import annotations

from slidegen.diagnostics import Position, Report, Severity

NOTE = "import"


def note(report: Report, file: str, message: str, line: int | None = None) -> None:
    """Record an interpretation the user should know about (shown as `import: file:line: …`)."""
    report.add(Severity.INFO, NOTE, message, file, _at(line))


def warn(report: Report, code: str, file: str, message: str, line: int | None = None) -> None:
    """Record something the user must look at: the deck is written but may need an edit."""
    report.warning(code, message, file, _at(line))


def _at(line: int | None) -> Position | None:
    return Position(line=line, column=1) if line else None
