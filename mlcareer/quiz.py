"""Pure scoring of the skills-gap quiz: readiness, fit, gaps, strengths and a paced learning plan.

`answers` maps a skill id to the level a person picked (0-4), or to None for "not sure yet",
which scores as 0. Every score is for a role at a career stage (entry, mid or senior): the
stage decides the level each skill needs. Skills a role does not rate do not count for it.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from mlcareer.models import Catalog, Resource, Role, Skill, Stage
from mlcareer.text import one_line

Answers = Mapping[str, int | None]

DEFAULT_PACE = 5
"""Hours a week of study the plan assumes unless told otherwise."""
ALTERNATIVES = 2
"""Resources shown beside a step's primary one."""


class Rating(NamedTuple):
    """One skill of a role: the person's level against the level the role asks at a stage, and its weight."""

    skill: str
    name: str
    you: int
    needed: int
    importance: int

    @property
    def size(self) -> int:
        """The gap: importance x levels missing."""
        return self.importance * max(0, self.needed - self.you)

    @property
    def above(self) -> bool:
        """Beyond what the role asks at this stage."""
        return self.you > self.needed


Gap = Rating
"""A rating below the requirement (`size` > 0)."""
Strength = Rating
"""A rating the person brings: level 1 or more, meeting the requirement (`above` when beyond it)."""


class Fit(NamedTuple):
    """Readiness for one role at the chosen stage, with what lifts it and what holds it back."""

    role: str
    title: str
    readiness: float
    lifts: tuple[str, ...]
    holds: tuple[str, ...]


class Step(NamedTuple):
    """One level of one skill to reach, with its milestone, resources and place in the plan."""

    skill: str
    name: str
    level: int
    """The level this step reaches (from level - 1)."""
    milestone: str
    phase: int
    primary: Resource | None
    alternatives: tuple[Resource, ...]
    needed_for: str
    """Empty when the role itself asks for the level; else the step that needs it, e.g. 'Deep learning 2'."""
    after: tuple[str, ...]
    """Keys (`skill:level`) of the steps that come first."""

    @property
    def key(self) -> str:
        return f"{self.skill}:{self.level}"


class Plan(NamedTuple):
    """Every step from where a person is to what the role asks at the stage, in a workable order."""

    steps: tuple[Step, ...]
    hours: int
    """Estimated hours of the primary resources; one that serves several steps counts once."""
    pace: float
    """Hours a week."""
    weeks: int
    finish: datetime.date | None


class QuizResult(NamedTuple):
    role: str
    title: str
    stage: Stage
    answers: dict[str, int | None]
    unsure: tuple[str, ...]
    readiness: float
    fit: tuple[Fit, ...]
    gaps: tuple[Gap, ...]
    strengths: tuple[Strength, ...]
    plan: Plan
    levels: tuple[Rating, ...] = ()
    """Every skill the role rates, your level against the level asked (for charts); catalogue order."""


def level_of(answers: Answers, skill: str) -> int:
    """The level scored for a skill: the answer, or 0 when missing or not sure."""
    value = answers.get(skill)
    return value if value is not None else 0


def readiness(role: Role, answers: Answers, stage: Stage) -> float:
    """Sum of importance x min(yours, required) over sum of importance x required, in percent.

    A role that requires nothing at the stage (every level 0) is 100% reached.
    """
    need = sum(r.importance * r.level(stage) for r in role.skills)
    if need == 0:
        return 100.0
    have = sum(r.importance * min(level_of(answers, r.skill), r.level(stage)) for r in role.skills)
    return round(100.0 * have / need, 1)


def compared(catalog: Catalog, role: Role, answers: Answers, stage: Stage) -> list[Rating]:
    """Every skill the role rates, in catalogue order: your level against the level asked at the stage."""
    out = []
    for skill in catalog.skills:
        need = role.requirement(skill.id)
        if need is not None:
            out.append(Rating(skill.id, skill.name, level_of(answers, skill.id), need.level(stage), need.importance))
    return out


def fit(catalog: Catalog, answers: Answers, stage: Stage) -> tuple[Fit, ...]:
    """Readiness for every role at the stage, best first, each with why.

    Ties are broken by readiness at the senior stage (how far the person's skills carry into the
    role), then by catalogue order.
    """
    scored = []
    for role in catalog.roles:
        rated = compared(catalog, role, answers, stage)
        lifting = sorted(
            (g for g in rated if min(g.you, g.needed) > 0), key=lambda g: -g.importance * min(g.you, g.needed)
        )
        holding = sorted((g for g in rated if g.size > 0), key=lambda g: -g.size)
        lifts = tuple(g.name for g in lifting[:2])
        holds = tuple(g.name for g in holding[:2])
        scored.append(Fit(role.id, role.title, readiness(role, answers, stage), lifts, holds))
    senior = {role.id: readiness(role, answers, Stage.senior) for role in catalog.roles}
    return tuple(sorted(scored, key=lambda f: (-f.readiness, -senior[f.role])))


def gaps(catalog: Catalog, role: Role, answers: Answers, stage: Stage) -> tuple[Gap, ...]:
    """Skills below the role's requirement at the stage, largest gap first, then most important."""
    return gaps_among(compared(catalog, role, answers, stage))


def gaps_among(ratings: Sequence[Rating]) -> tuple[Gap, ...]:
    """The ratings below their requirement, largest gap first, then most important."""
    return tuple(sorted((r for r in ratings if r.size > 0), key=lambda r: (-r.size, -r.importance)))


def strengths(catalog: Catalog, role: Role, answers: Answers, stage: Stage) -> tuple[Strength, ...]:
    """What a person brings to the role (see `strengths_among`)."""
    return strengths_among(compared(catalog, role, answers, stage))


def strengths_among(ratings: Sequence[Rating]) -> tuple[Strength, ...]:
    """Every skill the person has (level 1 or more) that meets its requirement.

    That includes skills beyond what the stage asks (an edge), and skills the role needs little
    of. Most important first, then the widest margin.
    """
    found = [r for r in ratings if r.you > 0 and r.you >= r.needed]
    return tuple(sorted(found, key=lambda r: (-r.importance, -(r.you - r.needed))))


# --- the learning plan ----------------------------------------------------------------------------


def plan(
    catalog: Catalog,
    role: Role,
    answers: Answers,
    stage: Stage,
    *,
    pace: float = DEFAULT_PACE,
    start: datetime.date | None = None,
) -> Plan:
    """Every step from the person's levels to the stage's requirements, prerequisites first.

    A step (skill, level) comes after the step below it on the same skill and after every step
    its prerequisites need (`Skill.requires`); a skill the role asks little of is still raised as
    far as a prerequisite needs, and its step says what it is needed for. Steps are grouped in
    phases (a step's phase is one more than the latest phase it depends on) and, within a phase,
    ordered by the size of the gap they close.
    """
    skills = {s.id: s for s in catalog.skills}
    order = {s.id: index for index, s in enumerate(catalog.skills)}
    targets: dict[str, int] = {}
    for rated in role.skills:
        if rated.skill in skills and rated.level(stage) > level_of(answers, rated.skill):
            targets[rated.skill] = rated.level(stage)
    needed_for: dict[tuple[str, int], str] = {}
    pending = list(targets)
    while pending:  # NOTE: raise prerequisites until every step's requirements are planned too
        skill_id = pending.pop()
        skill = skills[skill_id]
        for level in range(level_of(answers, skill_id) + 1, targets[skill_id] + 1):
            for requirement in skill.needs_before(level):
                have = max(level_of(answers, requirement.skill), targets.get(requirement.skill, 0))
                if requirement.level > have and requirement.skill in skills:
                    targets[requirement.skill] = requirement.level
                    pending.append(requirement.skill)
                for reached in range(level_of(answers, requirement.skill) + 1, requirement.level + 1):
                    needed_for.setdefault((requirement.skill, reached), f"{skill.name} {level}")
    own = {r.skill: r.level(stage) for r in role.skills}
    nodes: dict[tuple[str, int], tuple[tuple[str, int], ...]] = {}
    for skill_id, target in targets.items():
        you = level_of(answers, skill_id)
        for level in range(you + 1, target + 1):
            deps = [(skill_id, level - 1)] if level - 1 > you else []
            for requirement in skills[skill_id].needs_before(level):
                if requirement.level > level_of(answers, requirement.skill):
                    deps.append((requirement.skill, requirement.level))
            nodes[(skill_id, level)] = tuple(dict.fromkeys(deps))
    phases: dict[tuple[str, int], int] = {}

    def phase_of(node: tuple[str, int]) -> int:
        if node not in phases:
            phases[node] = 1 + max((phase_of(dep) for dep in nodes[node]), default=0)
        return phases[node]

    importance = {r.skill: r.importance for r in role.skills}

    def priority(node: tuple[str, int]) -> tuple[int, int, int, int]:
        skill_id, level = node
        gap = importance.get(skill_id, 1) * (targets[skill_id] - level_of(answers, skill_id))
        return (phase_of(node), -gap, order[skill_id], level)

    steps = []
    for node in sorted(nodes, key=priority):
        skill_id, level = node
        skill = skills[skill_id]
        offered = skill.resources_for(level)
        reason = needed_for.get(node, "") if level > own.get(skill_id, 0) else ""
        steps.append(
            Step(
                skill=skill_id,
                name=skill.name,
                level=level,
                milestone=skill.anchors[level],
                phase=phase_of(node),
                primary=offered[0] if offered else None,
                alternatives=offered[1 : 1 + ALTERNATIVES],
                needed_for=reason,
                after=tuple(f"{s}:{lv}" for s, lv in nodes[node]),
            )
        )
    return _paced(tuple(steps), pace, start)


def _paced(steps: tuple[Step, ...], pace: float, start: datetime.date | None) -> Plan:
    counted: dict[tuple[str, str], int] = {}
    for step in steps:
        if step.primary is not None:
            counted.setdefault((step.primary.title, step.primary.author), step.primary.hours)
    hours = sum(counted.values())
    weeks = math.ceil(hours / pace) if pace > 0 else 0
    finish = start + datetime.timedelta(weeks=weeks) if start is not None else None
    return Plan(steps, hours, pace, weeks, finish)


def best_fit(catalog: Catalog, answers: Answers, stage: Stage) -> str:
    """The id of the role a person is readiest for at the stage."""
    return fit(catalog, answers, stage)[0].role


def score(
    catalog: Catalog,
    role: Role,
    answers: Answers,
    stage: Stage = Stage.mid,
    *,
    pace: float = DEFAULT_PACE,
    start: datetime.date | None = None,
) -> QuizResult:
    """The whole result of a quiz for a target role at a career stage."""
    full = {skill.id: answers.get(skill.id) for skill in catalog.skills}
    unsure = tuple(skill for skill, level in full.items() if level is None)
    ratings = tuple(compared(catalog, role, full, stage))
    return QuizResult(
        role=role.id,
        title=role.title,
        stage=stage,
        answers=full,
        unsure=unsure,
        readiness=readiness(role, full, stage),
        fit=fit(catalog, full, stage),
        gaps=gaps_among(ratings),
        strengths=strengths_among(ratings),
        plan=plan(catalog, role, full, stage, pace=pace, start=start),
        levels=ratings,
    )


def template(skills: Sequence[Skill]) -> str:
    """A complete answers file: every skill id, its anchors as comments, all 'unsure'."""
    lines = [
        "# mlcareer answers: for each skill, replace 'unsure' with the level (0-4) whose sentence",
        "# describes what you have done; pick the highest that is true. Leave 'unsure' if you do not know.",
        "# Then: mlcareer quiz --answers THIS-FILE",
    ]
    for skill in skills:
        lines += ["", f"# {one_line(skill.name)}: {one_line(skill.description)}"]
        lines += [f"#   {level}: {one_line(anchor)}" for level, anchor in enumerate(skill.anchors)]
        lines.append(f"{skill.id}: unsure")
    return "\n".join(lines) + "\n"
