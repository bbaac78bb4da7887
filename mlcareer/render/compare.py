"""`compare`: roles side by side as rich tables, Markdown, JSON or CSV, with numbered sources."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, assert_never

from mlcareer.compare import Cell, Comparison
from mlcareer.formats import TableFormat
from mlcareer.models import TOP_IMPORTANCE, TOP_LEVEL, Figure
from mlcareer.render.parts import (
    FULL,
    JSON_VERSION,
    NARROW,
    citation,
    dots,
    dump_json,
    md,
    md_text,
    plain,
    table,
    text,
    wrapped,
)
from mlcareer.text import clean, csv_cell, one_line

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

    from mlcareer.render.console import Terminal


def emit(comparison: Comparison, fmt: TableFormat, term: Terminal) -> None:
    match fmt:
        case TableFormat.table:
            term.page(compare_table(comparison, term.width))
        case TableFormat.markdown:
            term.write(compare_markdown(comparison))
        case TableFormat.json:
            term.write(compare_json(comparison))
        case TableFormat.csv:
            term.write(compare_csv(comparison))
        case _:
            assert_never(fmt)


def _footnotes(comparison: Comparison) -> tuple[dict[Figure, int], list[str]]:
    """A footnote number for each figure (one per distinct citation), and the citations."""
    numbers: dict[str, int] = {}
    for figure in comparison.sources:  # NOTE: numbered by the plain citation; Markdown escapes it when shown
        numbers.setdefault(citation(figure, comparison.this_year), len(numbers) + 1)
    return {f: numbers[citation(f, comparison.this_year)] for f in comparison.sources}, list(numbers)


def _cell_lines(
    cell: Cell, notes: dict[Figure, int], *, bullets: bool = True, esc: Callable[[str], str] = one_line
) -> list[str]:
    """A cell's lines of text and figures (a skill cell: its level and importance); titled points apart."""
    if cell.level is not None and cell.importance is not None:
        return [f"{dots(cell.level)} {cell.level}/{TOP_LEVEL}", f"importance {cell.importance}/{TOP_IMPORTANCE}"]
    lines = [esc(line) for line in cell.lines]
    lines += [f"{esc(f.label)}: {esc(f.value)} [{notes[f]}]" for f in cell.figures]
    if bullets and len(lines) + len(cell.points) > 1:
        lines = [f"• {line}" for line in lines]
    return lines


def _cell_text(cell: Cell, notes: dict[Figure, int]) -> Text:
    """A cell for a rich table: its lines, then each point's title in bold above its text."""
    found = text("\n".join(_cell_lines(cell, notes)))
    mark = "• " if len(cell.lines) + len(cell.figures) + len(cell.points) > 1 else ""
    for point in cell.points:
        if found.plain:
            found.append("\n")
        found.append_text(text(f"{mark}{point.title}", "bold"))
        found.append_text(text(f"\n{point.text}"))
    return found if found.plain else text("—")


def compare_table(comparison: Comparison, width: int = NARROW) -> list[RenderableType]:
    """The comparison as rich tables, a key to the skill marks, and numbered sources.

    At NARROW columns or more, and when it fits without breaking words, it is one table with aspects
    as rows; otherwise one table per aspect, titled, without the label column (a table that still
    does not fit is printed as a list: see console.print_renderables).
    """
    from rich.table import Table

    from mlcareer.render.console import fit_columns

    if width >= NARROW:
        whole = _compare_layout(comparison, width, wide=True)
        if all(fit_columns(item, width) for item in whole if isinstance(item, Table)):
            return whole
    return _compare_layout(comparison, width, wide=False)


def _compare_layout(comparison: Comparison, width: int, *, wide: bool) -> list[RenderableType]:
    notes, citations = _footnotes(comparison)
    titles = [role.title for role in comparison.roles]
    stage = comparison.stage.value
    heading = wrapped(f"Compared at the {stage} career stage (--stage entry|mid|senior)", width, "", "")
    heading.stylize("bold")
    out: list[RenderableType] = [heading]
    whole = table("", *titles) if wide else None
    skills: Table | None = None
    for row in comparison.rows:
        cells = [_cell_text(c, notes) for c in row.cells]
        if row.skill is not None:
            if skills is None:
                skills = whole if whole is not None else table("", *titles)
                legend = f"level 0-{TOP_LEVEL} at {stage}, importance 1-{TOP_IMPORTANCE}"
                skills.add_row(
                    text(f"Skills ({stage})" if wide else "", "bold"), *(text(legend, "dim") for _ in titles)
                )
                if whole is None:
                    out += [text(f"Skills at the {stage} stage", "bold"), skills]
            skills.add_row(text(row.label), *cells)
        elif whole is not None:
            whole.add_row(text(row.label, "bold"), *cells)
        else:
            aspect = table(*titles)
            aspect.add_row(*cells)
            out += [text(row.label, "bold"), aspect]
    if whole is not None:
        out.insert(1, whole)
    if skills is not None:
        key = (
            f"Skill levels: {FULL} per level required at the {stage} stage, on each skill's 0-{TOP_LEVEL} scale "
            "of what a person has done (mlcareer skills lists them)."
        )
        out.append(wrapped(key, width, "", ""))
    if citations:
        out.append(text("Sources:", "bold"))
        out.extend(wrapped(f"[{n}] {c}", width, "", "    ") for n, c in enumerate(citations, start=1))
    return out


def compare_markdown(comparison: Comparison) -> str:
    notes, citations = _footnotes(comparison)
    head = ["Aspect", *(md(r.title) for r in comparison.roles)]
    lines = [f"Compared at the {comparison.stage.value} career stage.", ""]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in comparison.rows:
        label = f"Skill: {row.label}" if row.skill else row.label
        cells = [
            "<br>".join(
                _cell_lines(cell, notes, bullets=False, esc=md)
                + [f"**{md(p.title)}**<br>{md(p.text)}" for p in cell.points]
            )
            or "—"
            for cell in row.cells
        ]
        lines.append("| " + " | ".join([md(label), *cells]) + " |")
    if comparison.sources:
        lines += ["", "Sources:", ""]
        lines += [f"{n}. {md_text(c)}" for n, c in enumerate(citations, start=1)]
    return "\n".join(lines) + "\n"


def compare_json(comparison: Comparison) -> str:
    rows = []
    for row in comparison.rows:
        cells: dict[str, Any] = {}
        for role, cell in zip(comparison.roles, row.cells, strict=True):
            cells[role.id] = {
                "text": [clean(line) for line in cell.lines],
                "figures": [plain(f) for f in cell.figures],
                "level": cell.level,
                "importance": cell.importance,
                "points": [plain(point, ("title", "text")) for point in cell.points],
            }
        rows.append({"aspect": row.aspect, "label": clean(row.label), "skill": row.skill, "cells": cells})
    roles = [plain(r, ("id", "title")) for r in comparison.roles]
    return dump_json({"version": JSON_VERSION, "stage": comparison.stage.value, "roles": roles, "rows": rows})


CSV_COLUMNS = (
    "aspect",
    "row",
    "skill",
    "stage",
    "role",
    "role_title",
    "level",
    "importance",
    "title",
    "text",
    "figure",
    "value",
    "low",
    "high",
    "currency",
    "per",
    "year",
    "source",
    "kind",
    "verified",
    "url",
)
"""One CSV row per fact: a skill's level and importance, a line of text, a titled point or a figure."""


def compare_csv(comparison: Comparison) -> str:
    """The comparison as one row per role and fact; numbers (level, importance, amounts, year) in their
    own columns, as numbers; text cells guarded against spreadsheet formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in comparison.rows:
        for role, cell in zip(comparison.roles, row.cells, strict=True):
            base: dict[str, Any] = {"aspect": row.aspect, "row": row.label, "role": role.id, "role_title": role.title}
            facts: list[dict[str, Any]] = []
            if cell.level is not None:
                facts.append(
                    {
                        "skill": row.skill,
                        "stage": comparison.stage.value,
                        "level": cell.level,
                        "importance": cell.importance,
                    }
                )
            facts += [{"text": line} for line in cell.lines]
            facts += [{"title": point.title, "text": point.text} for point in cell.points]
            facts += [_figure_fact(figure) for figure in cell.figures]
            for fact in facts:
                writer.writerow([_csv_value({**base, **fact}.get(column)) for column in CSV_COLUMNS])
    return buffer.getvalue()


def _figure_fact(figure: Figure) -> dict[str, Any]:
    return {
        "figure": figure.label,
        "value": figure.value,
        "low": figure.low,
        "high": figure.high,
        "currency": figure.currency,
        "per": figure.per,
        "year": figure.year,
        "source": figure.source,
        "kind": figure.kind,
        "verified": "true" if figure.verified else "false",
        "url": figure.url,
    }


def _csv_value(value: Any) -> Any:
    """A number as it is; text one line, guarded; nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    return csv_cell(one_line(str(value)))
