"""Pure: a role's whole profile as titled sections, ready for any renderer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from mlcareer.aspects import ASPECTS, Point
from mlcareer.models import Catalog, FaqEntry, Figure, Role


class SkillNeed(NamedTuple):
    """A skill the role needs: importance 1-5, the level each stage asks (0-4), and the mid-stage anchor."""

    skill: str
    name: str
    importance: int
    entry: int
    mid: int
    senior: int
    anchor: str


class Section(NamedTuple):
    title: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    skills: tuple[SkillNeed, ...] = ()
    points: tuple[Point, ...] = ()


class Profile(NamedTuple):
    role: Role
    sections: tuple[Section, ...]
    this_year: int | None = None
    """The year figures are dated against (older than three years: may be out of date); None: not dated."""


QUESTIONS = "Questions people ask"


def profile(catalog: Catalog, role: Role, faq: Sequence[FaqEntry] = (), this_year: int | None = None) -> Profile:
    """Every aspect of `role` as sections; `faq` lists the entries to link back to."""
    sections: list[Section] = []
    for aspect in ASPECTS:
        if aspect.extract is None:
            section = Section(aspect.title, skills=_needs(catalog, role))
        else:
            content = aspect.extract(role)
            section = Section(aspect.title, content.paragraphs, content.bullets, content.figures, points=content.points)
        if sections and sections[-1].title == section.title:
            last = sections[-1]
            section = Section(
                last.title,
                last.paragraphs + section.paragraphs,
                last.bullets + section.bullets,
                last.figures + section.figures,
                last.skills + section.skills,
                last.points + section.points,
            )
            sections[-1] = section
        else:
            sections.append(section)
    asked = tuple(f"{e.question} (mlcareer faq {e.number})" for e in faq if role.id in e.roles)
    sections.append(Section(QUESTIONS, bullets=asked))
    kept = tuple(s for s in sections if s.paragraphs or s.bullets or s.figures or s.skills or s.points)
    return Profile(role, kept, this_year)


def _needs(catalog: Catalog, role: Role) -> tuple[SkillNeed, ...]:
    """The skills the role rates, most important first."""
    needs = [
        SkillNeed(s.id, s.name, need.importance, need.entry, need.mid, need.senior, s.anchors[need.mid])
        for s in catalog.skills
        if (need := role.requirement(s.id)) is not None
    ]
    return tuple(sorted(needs, key=lambda n: (-n.importance, -n.mid)))
