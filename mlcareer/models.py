"""Plain typed data for roles, skills, FAQ entries and quiz results.

Each record is declared once: its fields, their types and how a data file gives them
(`mlcareer.schema`). The loader, the cache and the JSON encoders all read these declarations.
"""

# NOTE: no `from __future__ import annotations` here: the loader reads the Annotated specs at run time.

from typing import Annotated, NamedTuple

from mlcareer.schema import Choice, Derived, Id, Int, Items, Nested, Text, Year

LEVELS = range(0, 5)
"""Skill levels: 0 (has not started) to 4 (deep expertise)."""
TOP_LEVEL = LEVELS.stop - 1

IMPORTANCE = range(1, 6)
"""How much a skill matters for a role: 1 (a little) to 5 (essential)."""
TOP_IMPORTANCE = IMPORTANCE.stop - 1

MAX_GAP = TOP_IMPORTANCE * TOP_LEVEL
"""The largest possible gap on one skill: the top importance times every level missing."""

RESOURCE_KINDS = ("book", "course", "paper", "practice", "video", "docs")
COSTS = ("free", "paid")


class Resource(NamedTuple):
    """A book, course or practice venue for learning a skill."""

    title: Annotated[str, Text()]
    author: Annotated[str, Text()]
    kind: Annotated[str, Choice(RESOURCE_KINDS)]
    cost: Annotated[str, Choice(COSTS)]
    hours: Annotated[int, Int(0, 10_000)]


class Skill(NamedTuple):
    """A skill in the shared catalogue, with one behavioural anchor per level."""

    id: Annotated[str, Id()]
    name: Annotated[str, Text()]
    description: Annotated[str, Text()]
    anchors: Annotated[tuple[str, ...], Items(Text(), "anchor", exactly=len(LEVELS), why=", for levels 0 to 4")]
    resources: Annotated[tuple[Resource, ...], Items(Resource, "resource")] = ()


class Figure(NamedTuple):
    """A figure with where it comes from; `year` is None when the source is undated."""

    label: Annotated[str, Text()]
    value: Annotated[str, Text()]
    source: Annotated[str, Text()]
    year: Annotated[int | None, Year()]
    note: Annotated[str, Text()] = ""

    @property
    def citation(self) -> str:
        """Source and year, e.g. 'US BLS, Occupational Outlook Handbook, 2024'."""
        return f"{self.source}, {self.year if self.year is not None else 'undated'}"


class RoleSkill(NamedTuple):
    """How much a role needs one skill."""

    skill: Annotated[str, Text()]
    level: Annotated[int, Int(LEVELS.start, TOP_LEVEL)]
    importance: Annotated[int, Int(IMPORTANCE.start, TOP_IMPORTANCE)]


class ToolGroup(NamedTuple):
    area: Annotated[str, Text()]
    items: Annotated[tuple[str, ...], Items(Text(), "item")]


class Workplace(NamedTuple):
    industry: Annotated[str, Text()]
    examples: Annotated[str, Text()]


class Debate(NamedTuple):
    topic: Annotated[str, Text()]
    text: Annotated[str, Text()]


class Person(NamedTuple):
    name: Annotated[str, Text()]
    known_for: Annotated[str, Text()]


class KeyFact(NamedTuple):
    label: Annotated[str, Text()]
    value: Annotated[str, Text()]


class Cited(NamedTuple):
    """A short summary backed by figures (pay, outlook)."""

    summary: Annotated[str, Text()] = ""
    figures: Annotated[tuple[Figure, ...], Items(Figure, "figure")] = ()


class Education(NamedTuple):
    summary: Annotated[str, Text()] = ""
    routes: Annotated[tuple[str, ...], Items(Text(), "route")] = ()
    figures: Annotated[tuple[Figure, ...], Items(Figure, "figure")] = ()


class Role(NamedTuple):
    """One career role and everything the tool knows about it."""

    id: Annotated[str, Id()]
    title: Annotated[str, Text()]
    summary: Annotated[str, Text()]
    focus: Annotated[str, Text()]
    overview: Annotated[str, Text()]
    skills: Annotated[tuple[RoleSkill, ...], Items(RoleSkill, "skill", at_least=1)]
    aliases: Annotated[tuple[str, ...], Items(Id(), "alias")] = ()
    origins: Annotated[str, Text()] = ""
    daily_work: Annotated[tuple[str, ...], Items(Text(), "daily work")] = ()
    tools: Annotated[tuple[ToolGroup, ...], Items(ToolGroup, "tools")] = ()
    education: Annotated[Education, Nested()] = Education()
    workplaces: Annotated[tuple[Workplace, ...], Items(Workplace, "workplace")] = ()
    pay: Annotated[Cited, Nested()] = Cited()
    outlook: Annotated[Cited, Nested()] = Cited()
    challenges: Annotated[tuple[str, ...], Items(Text(), "challenges")] = ()
    debates: Annotated[tuple[Debate, ...], Items(Debate, "debate")] = ()
    future: Annotated[tuple[str, ...], Items(Text(), "future")] = ()
    getting_started: Annotated[tuple[str, ...], Items(Text(), "getting started")] = ()
    people: Annotated[tuple[Person, ...], Items(Person, "person")] = ()
    key_facts: Annotated[tuple[KeyFact, ...], Items(KeyFact, "key fact")] = ()

    def requirement(self, skill_id: str) -> RoleSkill | None:
        """The role's rating of a skill, or None when the role does not rate it."""
        for rated in self.skills:
            if rated.skill == skill_id:
                return rated
        return None


class FaqEntry(NamedTuple):
    """A common question with its answer in Markdown; `number` is what users type (set at load)."""

    id: Annotated[str, Id()]
    topic: Annotated[str, Text()]
    question: Annotated[str, Text()]
    answer: Annotated[str, Text()]
    tags: Annotated[tuple[str, ...], Items(Text(), "tag")] = ()
    roles: Annotated[tuple[str, ...], Items(Id(), "role")] = ()
    number: Annotated[int, Derived()] = 0


Synonyms = Annotated[tuple[tuple[str, ...], ...], Items(Items(Text(), "word", at_least=2), "synonym group")]
"""Groups of words and phrases that FAQ search treats as one."""
Stopwords = Annotated[tuple[str, ...], Items(Text(), "stop word")]
"""Words FAQ search ignores."""
FaqEntries = Annotated[tuple[FaqEntry, ...], Items(FaqEntry, "faq entry")]


class Faq(NamedTuple):
    """The FAQ entries, and the synonym groups and stop words search uses."""

    entries: FaqEntries
    synonyms: Synonyms = ()
    stopwords: Stopwords = ()


Skills = Annotated[tuple[Skill, ...], Items(Skill, "skill")]
Roles = Annotated[tuple[Role, ...], Items(Role, "role")]


class DataFile(NamedTuple):
    """What one YAML data file holds; sections it does not have are empty."""

    skills: Skills = ()
    roles: Roles = ()
    faq: FaqEntries = ()
    synonyms: Synonyms = ()
    stopwords: Stopwords = ()


class Catalog(NamedTuple):
    """All roles and skills, bundled and user-supplied."""

    roles: Roles
    skills: Skills

    def skill(self, skill_id: str) -> Skill:
        """The skill with this id (ids are checked when the catalogue loads)."""
        for skill in self.skills:
            if skill.id == skill_id:
                return skill
        raise KeyError(skill_id)
