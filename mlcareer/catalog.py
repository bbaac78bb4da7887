"""The catalogue of roles, skills and FAQ entries: bundled data (cached), user files, role lookup.

Parsing lives in `loader` (with `yamlnodes`) and is imported only when YAML has to be read: on the first run after
the data changes, and for a user's --data file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from mlcareer.errors import UsageProblem
from mlcareer.models import Catalog, Faq, Figure, Role, Skill

if TYPE_CHECKING:
    from mlcareer.faq import Index

BUNDLED_FILES = ("skills.yaml", "roles.yaml", "faq.yaml")

T = TypeVar("T", Role, Skill)


class UnknownNameError(UsageProblem):
    """A name matches no role or skill; the closest names are suggested."""

    kind = "name"

    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {' or '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {self.kind} '{name}'{hint}")


class UnknownRoleError(UnknownNameError):
    """A role name matches no id, alias or title."""

    kind = "role"


class UnknownSkillError(UnknownNameError):
    """A skill name matches no id or name."""

    kind = "skill"


def bundled_dir() -> Path:
    """The folder of bundled YAML: inside the installed package, or the repo's data/."""
    packaged = Path(__file__).with_name("data")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


def normalise(name: str) -> str:
    """A role name as typed, folded for matching: 'ML Engineer' -> 'ml-engineer'."""
    return re.sub(r"[\s_]+", "-", name.strip().lower())


@functools.cache
def _bundled() -> tuple[Catalog, Faq]:
    """The bundled catalogue and FAQ, from the cache when it matches the files, else from YAML."""
    from mlcareer import cache

    folder = bundled_dir()
    sources = [folder / name for name in BUNDLED_FILES]
    cached = cache.read(sources, (Catalog, Faq))
    if cached is not None:
        catalog, faq = cached
        return catalog, faq
    from mlcareer.loader import load_file

    skills_file = load_file(sources[0], label="data/skills.yaml")
    skills = skills_file.skills
    roles = load_file(sources[1], known_skills=skills, label="data/roles.yaml").roles
    faq_file = load_file(sources[2], label="data/faq.yaml").faq
    assert faq_file is not None, "data/faq.yaml has no 'faq' section"
    loaded = (Catalog(roles=roles, skills=skills, not_tools=skills_file.not_tools), numbered(faq_file))
    cache.write(sources, loaded)
    return loaded


def numbered(faq: Faq, start: int = 1) -> Faq:
    """The FAQ with each entry's number set: what users type to pick it."""
    return faq._replace(entries=tuple(e._replace(number=n) for n, e in enumerate(faq.entries, start=start)))


def load_bundled() -> Catalog:
    """The bundled roles and skills (loaded once per process)."""
    return _bundled()[0]


def load_bundled_faq() -> Faq:
    """The bundled FAQ (loaded once per process)."""
    return _bundled()[1]


def faq_index_sources() -> list[Path]:
    """What the bundled FAQ's cached index is built from: the data, and the search code itself
    (so an edited analyser in a working copy never reads tables an older one wrote)."""
    from mlcareer import faq as search

    return [*(bundled_dir() / name for name in BUNDLED_FILES), Path(search.__file__)]


def faq_index(faq: Faq) -> Index:
    """The search index of a FAQ; for the bundled FAQ, kept in the cache beside the data."""
    from mlcareer import cache
    from mlcareer.faq import Index

    if faq is not load_bundled_faq():
        return Index(faq)
    sources = faq_index_sources()
    tables = cache.read_json("faq-index", sources)
    if Index.tables_fit(faq, tables):
        return Index(faq, tables)
    index = Index(faq)
    cache.write_json("faq-index", sources, index.tables())
    return index


def load_catalog(user_file: Path | None = None, label: str | None = None) -> Catalog:
    """The bundled catalogue, merged with a user's file when one is given.

    A user role or skill with a bundled id replaces it; new ones are added after.
    """
    bundled = load_bundled()
    if user_file is None:
        return bundled
    from mlcareer.loader import load_file

    extra = load_file(user_file, known_skills=bundled.skills, known_roles=bundled.roles, label=label)
    return Catalog(
        roles=_merge(bundled.roles, extra.roles),
        skills=_merge(bundled.skills, extra.skills),
        not_tools=bundled.not_tools + extra.not_tools,
    )


def load_faq(user_file: Path | None = None, label: str | None = None) -> Faq:
    """The bundled FAQ, with the entries of a user's file added after it, numbered on.

    Each added entry remembers the file it came from; the user's synonyms, stop words and
    intents join the bundled ones.
    """
    faq = load_bundled_faq()
    if user_file is None:
        return faq
    from mlcareer.loader import load_file

    bundled = load_bundled()
    extra = load_file(user_file, known_skills=bundled.skills, known_roles=bundled.roles, label=label).faq
    if extra is None:
        return faq
    origin = label or str(user_file)
    start = len(faq.entries) + 1
    added = tuple(e._replace(number=n, origin=origin) for n, e in enumerate(extra.entries, start=start))
    return Faq(
        faq.entries + added,
        faq.synonyms + extra.synonyms,
        faq.stopwords + extra.stopwords,
        faq.intents + extra.intents,
    )


def _merge(base: Sequence[T], extra: Iterable[T]) -> tuple[T, ...]:
    by_id = {item.id: item for item in base}
    for item in extra:
        by_id[item.id] = item
    return tuple(by_id.values())


def stale_figures(roles: Iterable[Role], this_year: int) -> list[tuple[Role, Figure]]:
    """Figures more than three years older than `this_year`, with the role that cites them."""
    return [
        (role, figure)
        for role in roles
        for figure in (*role.pay.figures, *role.outlook.figures, *role.education.figures)
        if figure.stale(this_year)
    ]


def find_role(catalog: Catalog, name: str) -> Role:
    """The role named by id, alias or title, in any case; UnknownRoleError otherwise."""
    names: dict[str, Role] = {}
    for role in catalog.roles:
        for candidate in (role.id, *role.aliases, normalise(role.title)):
            names.setdefault(candidate, role)
    found = names.get(normalise(name))
    if found is None:
        raise UnknownRoleError(name, list(dict.fromkeys(names[c].id for c in _closest(normalise(name), names))))
    return found


def find_skill(catalog: Catalog, name: str) -> Skill:
    """The skill named by id or name, in any case; UnknownSkillError otherwise."""
    names: dict[str, Skill] = {}
    for skill in catalog.skills:
        for candidate in (skill.id, normalise(skill.name)):
            names.setdefault(candidate, skill)
    found = names.get(normalise(name))
    if found is None:
        raise UnknownSkillError(name, list(dict.fromkeys(names[c].id for c in _closest(normalise(name), names))))
    return found


def _closest(wanted: str, names: Iterable[str]) -> list[str]:
    """The names nearly as close to `wanted` as the closest one, so 'ml-enginer' suggests ml-engineer alone."""
    import difflib

    scored = sorted(((difflib.SequenceMatcher(None, wanted, n).ratio(), n) for n in names), reverse=True)
    best = scored[0][0] if scored else 0.0
    return [n for ratio, n in scored[:3] if ratio >= 0.7 and ratio >= best - 0.05]
