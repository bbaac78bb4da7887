"""The output formats each command offers, as enums: renderers dispatch on them exhaustively."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class TableFormat(StrEnum):
    """Formats of `compare`."""

    table = "table"
    markdown = "markdown"
    json = "json"
    csv = "csv"


class DocFormat(StrEnum):
    """Formats of `show`."""

    text = "text"
    markdown = "markdown"
    json = "json"


class ListFormat(StrEnum):
    """Formats of `roles`, `faq`, `history` and `quiz`: rich text, or JSON with --json."""

    text = "text"
    json = "json"


class ExportFormat(StrEnum):
    """Files `quiz --export` writes, by their suffix."""

    md = ".md"
    html = ".html"
    svg = ".svg"

    @classmethod
    def of(cls, path: Path) -> ExportFormat | None:
        """The format a file name asks for, or None when its suffix is not one of ours."""
        try:
            return cls(path.suffix.lower())
        except ValueError:
            return None


class PlanExport(StrEnum):
    """Files `plan --export` writes, by their suffix."""

    md = ".md"
    html = ".html"
    ics = ".ics"

    @classmethod
    def of(cls, path: Path) -> PlanExport | None:
        try:
            return cls(path.suffix.lower())
        except ValueError:
            return None


class PlanAction(StrEnum):
    """What `plan ACTION STEP` does to a step."""

    start = "start"
    done = "done"
    skip = "skip"
    undo = "undo"
