"""Diagnostics shared by every pipeline stage, formatted like a compiler's."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Severity(StrEnum):
    """How bad a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Position(BaseModel):
    """A 1-based line and column in a source file."""

    model_config = ConfigDict(frozen=True)

    line: int
    column: int


class Diagnostic(BaseModel):
    """One message about one place in one file."""

    model_config = ConfigDict(frozen=True)

    file: str
    line: int | None = None
    column: int | None = None
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        """Render as `file:line:col: severity[code]: message`."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.severity.value}[{self.code}]: {self.message}"


class Report:
    """An ordered collection of diagnostics that stages append to."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        file: str,
        pos: Position | None = None,
    ) -> Diagnostic:
        """Record a diagnostic and return it."""
        diag = Diagnostic(
            file=file,
            line=pos.line if pos else None,
            column=pos.column if pos else None,
            severity=severity,
            code=code,
            message=message,
        )
        self._items.append(diag)
        return diag

    def error(self, code: str, message: str, file: str, pos: Position | None = None) -> Diagnostic:
        """Record an error."""
        return self.add(Severity.ERROR, code, message, file, pos)

    def warning(
        self, code: str, message: str, file: str, pos: Position | None = None
    ) -> Diagnostic:
        """Record a warning."""
        return self.add(Severity.WARNING, code, message, file, pos)

    def extend(self, diags: list[Diagnostic]) -> None:
        """Append diagnostics produced elsewhere."""
        self._items.extend(diags)

    def mark(self) -> int:
        """A bookmark: diagnostics added after it can be taken with `since`."""
        return len(self._items)

    def since(self, mark: int) -> list[Diagnostic]:
        """Diagnostics added after `mark`, e.g. to replay them when a cached result is reused."""
        return list(self._items[mark:])

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def count(self, severity: Severity) -> int:
        """How many diagnostics have this severity."""
        return sum(1 for d in self._items if d.severity is severity)

    @property
    def errors(self) -> int:
        """Number of errors."""
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        """Number of warnings."""
        return self.count(Severity.WARNING)

    def for_file(self, file: str) -> list[Diagnostic]:
        """Diagnostics about one file, in order."""
        return [d for d in self._items if d.file == file]
