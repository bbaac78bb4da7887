"""The output formats each command offers, as enums: renderers dispatch on them exhaustively."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TypeVar

F = TypeVar("F", bound=StrEnum)


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


def by_suffix(formats: type[F], path: Path) -> F | None:
    """The member of an export enum (valued by suffix) a file name asks for, or None when none fits."""
    try:
        return formats(path.suffix.lower())
    except ValueError:
        return None


def suffix_list(formats: type[StrEnum]) -> str:
    """An export enum's suffixes as a phrase: '.md, .html, .svg or .json'."""
    names = [member.value for member in formats]
    return f"{', '.join(names[:-1])} or {names[-1]}"


class ExportFormat(StrEnum):
    """Files `quiz --export` and `match --export` write, by their suffix (.json: the same as --json)."""

    md = ".md"
    html = ".html"
    svg = ".svg"
    json = ".json"


class PlanExport(StrEnum):
    """Files `plan --export` writes, by their suffix (.json: the same as --json)."""

    md = ".md"
    html = ".html"
    ics = ".ics"
    json = ".json"


class PlanAction(StrEnum):
    """What `plan ACTION STEP` does to a step."""

    start = "start"
    done = "done"
    skip = "skip"
    undo = "undo"
