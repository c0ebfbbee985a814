"""`slidegen import`: turn the documents a press office receives into decks."""

from __future__ import annotations

from slidegen.importer.command import ImportRequest, ImportResult, ImportUsageError, run_import
from slidegen.importer.readers import Format

__all__ = ["Format", "ImportRequest", "ImportResult", "ImportUsageError", "run_import"]
