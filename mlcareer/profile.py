"""Pure: a role's whole profile as titled sections, ready for any renderer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from mlcareer.models import Catalog, FaqEntry, Figure, Role


class SkillNeed(NamedTuple):
    """A skill the role needs: level 0-4, importance 1-5, and the anchor of that level."""

    skill: str
    name: str
    level: int
    importance: int
    anchor: str


class Section(NamedTuple):
    title: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    skills: tuple[SkillNeed, ...] = ()


class Profile(NamedTuple):
    role: Role
    sections: tuple[Section, ...]


def profile(catalog: Catalog, role: Role, faq: Sequence[FaqEntry] = ()) -> Profile:
    """Every aspect of `role` as sections; `faq` lists the entries to link back to."""
    needs = tuple(
        SkillNeed(s.id, s.name, need.level, need.importance, s.anchors[need.level])
        for s in catalog.skills
        if (need := role.requirement(s.id)) is not None
    )
    needs = tuple(sorted(needs, key=lambda n: (-n.importance, -n.level)))
    edu = role.education
    sections = [
        Section("Overview", paragraphs=(role.focus, role.overview)),
        Section("How the role came about", paragraphs=_some(role.origins)),
        Section("Day-to-day work", bullets=role.daily_work),
        Section("Skills", skills=needs),
        Section("Tools and languages", bullets=tuple(f"{g.area}: {', '.join(g.items)}" for g in role.tools)),
        Section("Education and ways in", paragraphs=_some(edu.summary), bullets=edu.routes, figures=edu.figures),
        Section("Where they work", bullets=tuple(f"{w.industry}: {w.examples}" for w in role.workplaces)),
        Section("Pay", paragraphs=_some(role.pay.summary), figures=role.pay.figures),
        Section("Outlook", paragraphs=_some(role.outlook.summary), figures=role.outlook.figures),
        Section("Common challenges", bullets=role.challenges),
        Section("Debates", bullets=tuple(f"{d.topic} {d.text}" for d in role.debates)),
        Section("Where it is heading", bullets=role.future),
        Section("Getting started", bullets=role.getting_started),
        Section("People to learn from", bullets=tuple(f"{p.name}: {p.known_for}" for p in role.people)),
        Section("Key facts", bullets=tuple(f"{k.label}: {k.value}" for k in role.key_facts)),
        Section(
            "Questions people ask",
            bullets=tuple(f"{e.question} (mlcareer faq {n})" for n, e in _numbered(faq) if role.id in e.roles),
        ),
    ]
    return Profile(role, tuple(s for s in sections if s.paragraphs or s.bullets or s.figures or s.skills))


def _some(text: str) -> tuple[str, ...]:
    return (text,) if text else ()


def _numbered(faq: Sequence[FaqEntry]) -> list[tuple[int, FaqEntry]]:
    return list(enumerate(faq, start=1))
