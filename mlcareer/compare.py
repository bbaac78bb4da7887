"""Pure comparison of roles: roles as columns, aspects as rows, figures with their sources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from mlcareer.aspects import BY_KEY, Point
from mlcareer.models import Catalog, Figure, Role, Stage


class Cell(NamedTuple):
    """One role's entry for one row: lines of text, titled points and figures, or a skill requirement."""

    lines: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    level: int | None = None
    importance: int | None = None
    points: tuple[Point, ...] = ()


class Row(NamedTuple):
    aspect: str
    label: str
    cells: tuple[Cell, ...]
    skill: str | None = None


class Comparison(NamedTuple):
    """Roles side by side at a career stage; `sources` lists every cited figure in order of first use."""

    roles: tuple[Role, ...]
    rows: tuple[Row, ...]
    sources: tuple[Figure, ...]
    stage: Stage = Stage.mid
    this_year: int | None = None
    """The year figures are dated against (older than three years: may be out of date); None: not dated."""


def compare(
    catalog: Catalog,
    roles: Sequence[Role],
    aspects: Sequence[str],
    stage: Stage = Stage.mid,
    this_year: int | None = None,
) -> Comparison:
    """Build the comparison of `roles` over `aspects` (already resolved); skill levels are the stage's."""
    rows: list[Row] = []
    for key in aspects:
        aspect = BY_KEY[key]
        if aspect.extract is None:
            rows.extend(_skill_rows(catalog, roles, stage))
            continue
        cells = []
        for role in roles:
            content = aspect.extract(role)
            lines = tuple(
                line for part in ("paragraphs", "bullets") if part in aspect.row for line in getattr(content, part)
            )
            figures = content.figures if "figures" in aspect.row else ()
            cells.append(Cell(lines, figures, points=content.points if "points" in aspect.row else ()))
        rows.append(Row(key, aspect.label, tuple(cells)))
    sources: dict[Figure, None] = {}
    for row in rows:
        for cell in row.cells:
            sources.update(dict.fromkeys(cell.figures))
    return Comparison(tuple(roles), tuple(rows), tuple(sources), stage, this_year)


def _skill_rows(catalog: Catalog, roles: Sequence[Role], stage: Stage) -> list[Row]:
    """A row per skill that any of the roles rates, in catalogue order."""
    rows = []
    needs = [{rated.skill: rated for rated in role.skills} for role in roles]
    for skill in catalog.skills:
        cells = []
        for by_skill in needs:
            need = by_skill.get(skill.id)
            cells.append(Cell(level=need.level(stage), importance=need.importance) if need else Cell())
        if any(c.level is not None for c in cells):
            rows.append(Row("skills", skill.name, tuple(cells), skill=skill.id))
    return rows
