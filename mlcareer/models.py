"""Plain typed data for roles, skills, FAQ entries and quiz results.

Each record is declared once: its fields, their types and how a data file gives them
(`mlcareer.schema`). The loader, the cache and the JSON encoders all read these declarations.
"""

# NOTE: no `from __future__ import annotations` here: the loader reads the Annotated specs at run time.

from enum import StrEnum
from typing import Annotated, NamedTuple

from mlcareer.schema import Choice, Derived, Flag, Id, Int, Items, Link, Nested, Text, Year

LEVELS = range(0, 5)
"""Skill levels: 0 (has not started) to 4 (deep expertise)."""
TOP_LEVEL = LEVELS.stop - 1

IMPORTANCE = range(1, 6)
"""How much a skill matters for a role: 1 (a little) to 5 (essential)."""
TOP_IMPORTANCE = IMPORTANCE.stop - 1

MAX_GAP = TOP_IMPORTANCE * TOP_LEVEL
"""The largest possible gap on one skill: the top importance times every level missing."""

MAX_AMOUNT = 10**12
"""The largest amount of money a figure may give as a number."""

RESOURCE_KINDS = ("book", "course", "paper", "practice", "video", "docs", "tutorial")
COSTS = ("free", "paid", "free to audit")
STEP_LEVELS = Int(1, TOP_LEVEL)
"""A level a step of learning reaches: 1 to 4 (level 0 is where everyone starts)."""


class Stage(StrEnum):
    """A career stage: what a role asks of someone starting out, established, or senior."""

    entry = "entry"
    mid = "mid"
    senior = "senior"


class Resource(NamedTuple):
    """A book, course, document or practice venue for learning a skill, for the levels it serves."""

    title: Annotated[str, Text()]
    author: Annotated[str, Text()]
    kind: Annotated[str, Choice(RESOURCE_KINDS)]
    cost: Annotated[str, Choice(COSTS)]
    hours: Annotated[int, Int(0, 10_000)]
    url: Annotated[str, Link()]
    levels: Annotated[tuple[int, ...], Items(STEP_LEVELS, "level", at_least=1)]
    publisher: Annotated[str, Text()] = ""
    verified: Annotated[bool, Flag()] = False
    """Whether title, author and link were checked against a copy of the page."""
    note: Annotated[str, Text()] = ""


class Requirement(NamedTuple):
    """A skill needed before another: `skill` at `level`, before reaching level `at` of the skill that needs it."""

    skill: Annotated[str, Text()]
    level: Annotated[int, STEP_LEVELS]
    at: Annotated[int, STEP_LEVELS] = 1


class Skill(NamedTuple):
    """A skill in the shared catalogue, with one behavioural anchor per level."""

    id: Annotated[str, Id()]
    name: Annotated[str, Text()]
    description: Annotated[str, Text()]
    anchors: Annotated[tuple[str, ...], Items(Text(), "anchor", exactly=len(LEVELS), why=", for levels 0 to 4")]
    requires: Annotated[tuple[Requirement, ...], Items(Requirement, "requirement")] = ()
    signals: Annotated[tuple[str, ...], Items(Text(), "signal")] = ()
    """Words and phrases that show a job posting asks for the skill (whole words; capitals: exact case)."""
    resources: Annotated[tuple[Resource, ...], Items(Resource, "resource")] = ()

    def needs_before(self, level: int) -> tuple[Requirement, ...]:
        """The requirements that must be met before reaching `level` of this skill."""
        return tuple(r for r in self.requires if r.at <= level)

    def resources_for(self, level: int) -> tuple[Resource, ...]:
        """The resources that serve the step up to `level`, in the data's order of preference."""
        return tuple(r for r in self.resources if level in r.levels)


STALE_YEARS = 3
"""A figure older than this many years is marked as perhaps out of date."""
FIGURE_KINDS = ("official", "industry", "research", "article")
"""Where a figure comes from: a government statistic, an industry source, a study, or the article."""


class Figure(NamedTuple):
    """A figure with where it comes from; `year` is None when the source is undated."""

    label: Annotated[str, Text()]
    value: Annotated[str, Text()]
    source: Annotated[str, Text()]
    year: Annotated[int | None, Year()]
    kind: Annotated[str, Choice(FIGURE_KINDS)]
    url: Annotated[str, Link()] = ""
    verified: Annotated[bool, Flag()] = False
    """Whether the figure was checked against a copy of its source page."""
    note: Annotated[str, Text()] = ""
    low: Annotated[int | None, Int(0, MAX_AMOUNT)] = None
    """A money figure's lowest amount as a number (a single amount: itself; 'over X': X)."""
    high: Annotated[int | None, Int(0, MAX_AMOUNT)] = None
    """Its highest amount (a single amount: itself; none for 'over X')."""
    currency: Annotated[str, Text()] = ""
    """The ISO 4217 code of `low` and `high`, like USD."""
    per: Annotated[str, Text()] = ""
    """The time the amounts are for: year, month or hour."""

    @property
    def citation(self) -> str:
        """Source and year, e.g. 'US BLS, Occupational Outlook Handbook, 2024'."""
        return f"{self.source}, {self.year if self.year is not None else 'undated'}"

    def stale(self, this_year: int) -> bool:
        """Whether the figure is more than STALE_YEARS older than `this_year`."""
        return self.year is not None and this_year - self.year > STALE_YEARS


class RoleSkill(NamedTuple):
    """How much a role needs one skill: its importance, and the level each career stage asks for."""

    skill: Annotated[str, Text()]
    importance: Annotated[int, Int(IMPORTANCE.start, TOP_IMPORTANCE)]
    entry: Annotated[int, Int(LEVELS.start, TOP_LEVEL)]
    mid: Annotated[int, Int(LEVELS.start, TOP_LEVEL)]
    senior: Annotated[int, Int(LEVELS.start, TOP_LEVEL)]

    def level(self, stage: Stage) -> int:
        """The level required at a career stage."""
        return int(getattr(self, stage.value))


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
    job_titles: Annotated[tuple[str, ...], Items(Text(), "job title")] = ()
    """How job postings name the role in their titles ("ML Engineer"); `match` reads a posting's title with them."""
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
    from_article: Annotated[bool, Flag()] = False
    """One of the three roles the article compares: `compare` shows these when no role is named."""

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
    origin: Annotated[str, Derived()] = ""
    """The file a user's entry came from (empty for the bundled FAQ)."""


class Intent(NamedTuple):
    """Words a question uses that mean one search term, in queries only: 'make', 'earn' -> pay."""

    means: Annotated[str, Text()]
    phrases: Annotated[tuple[str, ...], Items(Text(), "phrase", at_least=1)]
    at_end: Annotated[tuple[str, ...], Items(Text(), "phrase")] = ()
    """Phrases that mean this only as a query's last words: "what do they make" (pay),
    not "does AutoML make them obsolete"."""


Intents = Annotated[tuple[Intent, ...], Items(Intent, "intent")]
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
    intents: Intents = ()


Skills = Annotated[tuple[Skill, ...], Items(Skill, "skill")]
NotTools = Annotated[tuple[str, ...], Items(Text(), "word")]
"""Words that look like tools or languages in a job posting but are not (degrees, places, laws)."""
Roles = Annotated[tuple[Role, ...], Items(Role, "role")]


class DataFile(NamedTuple):
    """What one YAML data file holds; sections it does not have are empty."""

    skills: Skills = ()
    roles: Roles = ()
    not_tools: NotTools = ()
    faq: FaqEntries = ()
    synonyms: Synonyms = ()
    stopwords: Stopwords = ()
    intents: Intents = ()


class Catalog(NamedTuple):
    """All roles and skills, bundled and user-supplied."""

    roles: Roles
    skills: Skills
    not_tools: NotTools = ()

    def skill(self, skill_id: str) -> Skill:
        """The skill with this id (ids are checked when the catalogue loads)."""
        for skill in self.skills:
            if skill.id == skill_id:
                return skill
        raise KeyError(skill_id)
