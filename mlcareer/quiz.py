"""Pure scoring of the skills-gap quiz: readiness, fit, gaps, strengths and a learning plan.

`answers` maps a skill id to the level a person picked (0-4), or to None for "not sure yet",
which scores as 0. Skills a role does not rate do not count for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from mlcareer.models import Catalog, Resource, Role

Answers = Mapping[str, int | None]

PLAN_SIZE = 5
"""How many of the largest gaps the learning plan covers."""
RESOURCES_PER_STEP = 3


class Gap(NamedTuple):
    """How far a person is from a role's requirement on one skill."""

    skill: str
    name: str
    you: int
    needed: int
    importance: int

    @property
    def size(self) -> int:
        """importance x levels missing."""
        return self.importance * max(0, self.needed - self.you)


class Fit(NamedTuple):
    role: str
    title: str
    readiness: float


class PlanStep(NamedTuple):
    """The next milestone for one skill, and what to learn it from."""

    skill: str
    name: str
    you: int
    needed: int
    milestone: str
    resources: tuple[Resource, ...]


class QuizResult(NamedTuple):
    role: str
    title: str
    answers: dict[str, int | None]
    unsure: tuple[str, ...]
    readiness: float
    fit: tuple[Fit, ...]
    gaps: tuple[Gap, ...]
    strengths: tuple[Gap, ...]
    plan: tuple[PlanStep, ...]
    plan_hours: int


def level_of(answers: Answers, skill: str) -> int:
    """The level scored for a skill: the answer, or 0 when missing or not sure."""
    value = answers.get(skill)
    return value if value is not None else 0


def readiness(role: Role, answers: Answers) -> float:
    """Sum of importance x min(yours, required) over sum of importance x required, in percent.

    A role that requires nothing (every level 0) is 100% reached.
    """
    need = sum(r.importance * r.level for r in role.skills)
    if need == 0:
        return 100.0
    have = sum(r.importance * min(level_of(answers, r.skill), r.level) for r in role.skills)
    return round(100.0 * have / need, 1)


def fit(catalog: Catalog, answers: Answers) -> tuple[Fit, ...]:
    """Readiness for every role, best first (ties keep catalogue order)."""
    scored = [Fit(role.id, role.title, readiness(role, answers)) for role in catalog.roles]
    return tuple(sorted(scored, key=lambda f: -f.readiness))


def _compared(catalog: Catalog, role: Role, answers: Answers) -> list[Gap]:
    out = []
    for skill in catalog.skills:
        need = role.requirement(skill.id)
        if need is not None:
            out.append(Gap(skill.id, skill.name, level_of(answers, skill.id), need.level, need.importance))
    return out


def gaps(catalog: Catalog, role: Role, answers: Answers) -> tuple[Gap, ...]:
    """Skills below the role's requirement, largest gap first, then most important."""
    found = [g for g in _compared(catalog, role, answers) if g.size > 0]
    return tuple(sorted(found, key=lambda g: (-g.size, -g.importance)))


def strengths(catalog: Catalog, role: Role, answers: Answers) -> tuple[Gap, ...]:
    """Skills the role needs (level 1 or more) where the person meets or exceeds it."""
    found = [g for g in _compared(catalog, role, answers) if g.needed > 0 and g.you >= g.needed]
    return tuple(sorted(found, key=lambda g: (-g.importance, -g.you)))


def plan(catalog: Catalog, top_gaps: Sequence[Gap]) -> tuple[tuple[PlanStep, ...], int]:
    """A step per gap: the next level's anchor as the milestone, and resources; total hours.

    A resource listed under several steps counts once in the total.
    """
    steps = []
    counted: dict[tuple[str, str], int] = {}
    for gap in top_gaps:
        skill = catalog.skill(gap.skill)
        resources = skill.resources[:RESOURCES_PER_STEP]
        for resource in resources:
            counted[(resource.title, resource.author)] = resource.hours
        milestone = skill.anchors[min(gap.you + 1, len(skill.anchors) - 1)]
        steps.append(PlanStep(gap.skill, gap.name, gap.you, gap.needed, milestone, resources))
    return tuple(steps), sum(counted.values())


def score(catalog: Catalog, role: Role, answers: Answers) -> QuizResult:
    """The whole result of a quiz for a target role."""
    full = {skill.id: answers.get(skill.id) for skill in catalog.skills}
    unsure = tuple(skill for skill, level in full.items() if level is None)
    found_gaps = gaps(catalog, role, full)
    steps, hours = plan(catalog, found_gaps[:PLAN_SIZE])
    return QuizResult(
        role=role.id,
        title=role.title,
        answers=full,
        unsure=unsure,
        readiness=readiness(role, full),
        fit=fit(catalog, full),
        gaps=found_gaps,
        strengths=strengths(catalog, role, full),
        plan=steps,
        plan_hours=hours,
    )
