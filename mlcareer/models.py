"""Plain typed data for roles, skills, FAQ entries and quiz results."""

from __future__ import annotations

from typing import NamedTuple

LEVELS = range(0, 5)
"""Skill levels: 0 (has not started) to 4 (leads others)."""

IMPORTANCE = range(1, 6)
"""How much a skill matters for a role: 1 (a little) to 5 (essential)."""


class Resource(NamedTuple):
    """A book, course or practice venue for learning a skill."""

    title: str
    author: str
    kind: str
    cost: str
    hours: int


class Skill(NamedTuple):
    """A skill in the shared catalogue, with one behavioural anchor per level."""

    id: str
    name: str
    description: str
    anchors: tuple[str, ...]
    resources: tuple[Resource, ...]


class Figure(NamedTuple):
    """A figure with where it comes from; `year` is None when the source is undated."""

    label: str
    value: str
    source: str
    year: int | None
    note: str = ""

    @property
    def citation(self) -> str:
        """Source and year, e.g. 'US BLS, Occupational Outlook Handbook, 2024'."""
        return f"{self.source}, {self.year if self.year is not None else 'undated'}"


class RoleSkill(NamedTuple):
    """How much a role needs one skill."""

    skill: str
    level: int
    importance: int


class ToolGroup(NamedTuple):
    area: str
    items: tuple[str, ...]


class Workplace(NamedTuple):
    industry: str
    examples: str


class Debate(NamedTuple):
    topic: str
    text: str


class Person(NamedTuple):
    name: str
    known_for: str


class KeyFact(NamedTuple):
    label: str
    value: str


class Cited(NamedTuple):
    """A short summary backed by figures (pay, outlook)."""

    summary: str = ""
    figures: tuple[Figure, ...] = ()


class Education(NamedTuple):
    summary: str = ""
    routes: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()


class Role(NamedTuple):
    """One career role and everything the tool knows about it."""

    id: str
    title: str
    summary: str
    focus: str
    overview: str
    skills: tuple[RoleSkill, ...]
    aliases: tuple[str, ...] = ()
    origins: str = ""
    daily_work: tuple[str, ...] = ()
    tools: tuple[ToolGroup, ...] = ()
    education: Education = Education()
    workplaces: tuple[Workplace, ...] = ()
    pay: Cited = Cited()
    outlook: Cited = Cited()
    challenges: tuple[str, ...] = ()
    debates: tuple[Debate, ...] = ()
    future: tuple[str, ...] = ()
    getting_started: tuple[str, ...] = ()
    people: tuple[Person, ...] = ()
    key_facts: tuple[KeyFact, ...] = ()

    def requirement(self, skill_id: str) -> RoleSkill | None:
        """The role's rating of a skill, or None when the role does not rate it."""
        for rated in self.skills:
            if rated.skill == skill_id:
                return rated
        return None


class FaqEntry(NamedTuple):
    """A common question with its answer in Markdown."""

    id: str
    topic: str
    question: str
    answer: str
    tags: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


class Faq(NamedTuple):
    """The FAQ entries, and the synonym groups and stop words search uses."""

    entries: tuple[FaqEntry, ...]
    synonyms: tuple[tuple[str, ...], ...] = ()
    stopwords: tuple[str, ...] = ()


class Catalog(NamedTuple):
    """All roles and skills, bundled and user-supplied."""

    roles: tuple[Role, ...]
    skills: tuple[Skill, ...]

    def skill(self, skill_id: str) -> Skill:
        """The skill with this id (ids are checked when the catalogue loads)."""
        for skill in self.skills:
            if skill.id == skill_id:
                return skill
        raise KeyError(skill_id)
