"""Pure comparison of roles: roles as columns, aspects as rows, figures with their sources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from mlcareer.models import Catalog, Figure, Role

ASPECTS: dict[str, str] = {
    "focus": "Focus",
    "overview": "Overview",
    "origins": "How the role came about",
    "daily-work": "Day-to-day work",
    "skills": "Skills",
    "tools": "Tools and languages",
    "education": "Education",
    "workplaces": "Where they work",
    "pay": "Pay",
    "outlook": "Outlook",
    "challenges": "Common challenges",
    "debates": "Debates",
    "future": "Where it is heading",
    "getting-started": "Getting started",
}
"""Every aspect a comparison can show, by name, with its row label."""

DEFAULT_ASPECTS = ("focus", "daily-work", "skills", "tools", "education", "workplaces", "pay", "outlook")


class UnknownAspectError(ValueError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"unknown aspect '{name}'; choose from: {', '.join(ASPECTS)}")


class Cell(NamedTuple):
    """One role's entry for one row: lines of text, or a skill requirement."""

    lines: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    level: int | None = None
    importance: int | None = None


class Row(NamedTuple):
    aspect: str
    label: str
    cells: tuple[Cell, ...]
    skill: str | None = None


class Comparison(NamedTuple):
    """Roles side by side; `sources` lists every cited figure in order of first use."""

    roles: tuple[Role, ...]
    rows: tuple[Row, ...]
    sources: tuple[Figure, ...]


def resolve_aspects(names: Sequence[str]) -> tuple[str, ...]:
    """Aspect names as given (any case, '_' or '-'), checked; the defaults when none."""
    if not names:
        return DEFAULT_ASPECTS
    out = []
    for name in names:
        key = name.strip().lower().replace("_", "-").replace(" ", "-")
        if key == "all":
            return tuple(ASPECTS)
        if key not in ASPECTS:
            raise UnknownAspectError(name)
        if key not in out:
            out.append(key)
    return tuple(out)


def compare(catalog: Catalog, roles: Sequence[Role], aspects: Sequence[str]) -> Comparison:
    """Build the comparison of `roles` over `aspects` (already resolved)."""
    rows: list[Row] = []
    for aspect in aspects:
        if aspect == "skills":
            rows.extend(_skill_rows(catalog, roles))
        else:
            rows.append(Row(aspect, ASPECTS[aspect], tuple(_cell(role, aspect) for role in roles)))
    sources: dict[Figure, None] = {}
    for row in rows:
        for cell in row.cells:
            sources.update(dict.fromkeys(cell.figures))
    return Comparison(roles=tuple(roles), rows=tuple(rows), sources=tuple(sources))


def _skill_rows(catalog: Catalog, roles: Sequence[Role]) -> list[Row]:
    """A row per skill that any of the roles rates, in catalogue order."""
    rows = []
    needs = [{rated.skill: rated for rated in role.skills} for role in roles]
    for skill in catalog.skills:
        cells = []
        for by_skill in needs:
            need = by_skill.get(skill.id)
            cells.append(Cell(level=need.level, importance=need.importance) if need else Cell())
        if any(c.level is not None for c in cells):
            rows.append(Row("skills", skill.name, tuple(cells), skill=skill.id))
    return rows


def _cell(role: Role, aspect: str) -> Cell:
    match aspect:
        case "focus":
            return Cell((role.focus,))
        case "overview":
            return Cell((role.overview,))
        case "origins":
            return Cell((role.origins,) if role.origins else ())
        case "daily-work":
            return Cell(role.daily_work)
        case "tools":
            return Cell(tuple(f"{g.area}: {', '.join(g.items)}" for g in role.tools))
        case "education":
            edu = role.education
            return Cell(tuple(filter(None, (edu.summary,))), edu.figures)
        case "workplaces":
            return Cell(tuple(f"{w.industry}: {w.examples}" for w in role.workplaces))
        case "pay":
            return Cell((), role.pay.figures)
        case "outlook":
            return Cell((), role.outlook.figures)
        case "challenges":
            return Cell(role.challenges)
        case "debates":
            return Cell(tuple(f"{d.topic} {d.text}" for d in role.debates))
        case "future":
            return Cell(role.future)
        case "getting-started":
            return Cell(role.getting_started)
    raise UnknownAspectError(aspect)  # pragma: no cover - aspects are resolved first
