"""Parse and validate YAML files of roles, skills and FAQ entries into models (strict, safe)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

import yaml

from mlcareer.errors import DataError, Problem
from mlcareer.models import (
    IMPORTANCE,
    LEVELS,
    Cited,
    Debate,
    Education,
    Faq,
    FaqEntry,
    Figure,
    KeyFact,
    Person,
    Resource,
    Role,
    RoleSkill,
    Skill,
    ToolGroup,
    Workplace,
)
from mlcareer.strictyaml import Checker, gc_paused, read_yaml, suggest

P = TypeVar("P")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
RESOURCE_KINDS = ("book", "course", "paper", "practice", "video", "docs")
COSTS = ("free", "paid")
ROLE_LISTS = ("daily_work", "challenges", "future", "getting_started")
ROLE_KEYS = (
    "aliases",
    "origins",
    *ROLE_LISTS,
    "tools",
    "education",
    "workplaces",
    "pay",
    "outlook",
    "debates",
    "people",
    "key_facts",
)


class DataFile(NamedTuple):
    """What one YAML data file holds; sections it does not have are empty."""

    skills: tuple[Skill, ...] = ()
    roles: tuple[Role, ...] = ()
    faq: Faq | None = None


def load_file(
    path: Path,
    *,
    known_skills: Sequence[Skill] = (),
    known_roles: Sequence[Role] = (),
    label: str | None = None,
) -> DataFile:
    """Load and validate one YAML data file; DataError lists every problem as file:line."""
    with gc_paused():
        return _load_file(path, known_skills, known_roles, label or str(path))


def _load_file(path: Path, known_skills: Sequence[Skill], known_roles: Sequence[Role], name: str) -> DataFile:
    root = read_yaml(path, name)
    check = Checker(name)
    if root is None:
        raise DataError([Problem(name, None, "is empty; expected 'roles:', 'skills:' or 'faq:'")])
    fields = check.mapping(root, "the file", (), ("skills", "roles", "faq", "synonyms", "stopwords"))
    if fields is None:
        check.raise_if_failed()
        return DataFile()
    if not fields:
        check.fail(root, "has none of 'roles:', 'skills:' or 'faq:'")
    for key in ("synonyms", "stopwords"):
        if key in fields and "faq" not in fields:
            check.fail(fields[key], f"'{key}' belongs with 'faq'")

    skills = check.items(fields.get("skills"), "skill", lambda n, w: _skill(check, n, w))
    _unique_ids(check, fields.get("skills"), "skill")
    skill_ids = {s.id for s in known_skills} | {s.id for s in skills}
    roles = check.items(fields.get("roles"), "role", lambda n, w: _role(check, n, w, skill_ids))
    _unique_ids(check, fields.get("roles"), "role")
    _unique_role_names(check, fields.get("roles"), roles, known_roles)

    faq = None
    if "faq" in fields:
        role_ids = {r.id for r in (*known_roles, *roles)}
        entries = check.items(fields["faq"], "faq entry", lambda n, w: _faq_entry(check, n, w, role_ids))
        _unique_ids(check, fields["faq"], "faq entry")
        synonyms = check.items(fields.get("synonyms"), "synonym group", lambda n, w: _synonyms(check, n, w))
        stopwords = tuple(w.lower() for w in check.texts(fields.get("stopwords"), "stop word"))
        faq = Faq(entries=entries, synonyms=synonyms, stopwords=stopwords)
    check.raise_if_failed()
    return DataFile(skills=skills, roles=roles, faq=faq)


def _id(check: Checker, node: yaml.Node, what: str) -> str | None:
    value = check.text(node, what)
    if value is not None and not ID_PATTERN.match(value):
        check.fail(node, f"{what} '{value}' should be lower-case words joined by '-', like 'ml-engineer'")
        return None
    return value


def _unique_ids(check: Checker, seq: yaml.Node | None, what: str) -> None:
    _unique(check, seq, "id", lambda value: f"duplicate {what} id '{value}'")


def _unique(check: Checker, seq: yaml.Node | None, key: str, message: Callable[[str], str]) -> None:
    """Report each item of a list whose `key` repeats an earlier item's, at the repeat's line."""
    if not isinstance(seq, yaml.SequenceNode):
        return
    seen: set[str] = set()
    for item in seq.value:
        if not isinstance(item, yaml.MappingNode):
            continue
        for key_node, value in item.value:
            if key_node.value == key and isinstance(value, yaml.ScalarNode):
                if value.value in seen:
                    check.fail(value, message(value.value))
                seen.add(value.value)


def _unique_role_names(check: Checker, seq: yaml.Node | None, roles: Sequence[Role], known: Sequence[Role]) -> None:
    """An alias must name one role only, across the bundled roles and this file."""
    replaced = {r.id for r in roles}
    owner: dict[str, str] = {}
    for role in known:
        if role.id not in replaced:
            for name in (role.id, *role.aliases):
                owner[name] = role.id
    # NOTE: invalid roles were dropped from `roles`, so find each role's own node by its id.
    where: dict[str, yaml.Node] = {}
    for item in seq.value if isinstance(seq, yaml.SequenceNode) else []:
        if not isinstance(item, yaml.MappingNode):
            continue
        fields = {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode)}
        if isinstance(fields.get("id"), yaml.ScalarNode):
            where.setdefault(fields["id"].value, item)
    for role in roles:
        node = where.get(role.id)
        for name in role.aliases:
            other = owner.get(name)
            if other is not None and other != role.id:
                check.fail(node, f"alias '{name}' of role '{role.id}' already names role '{other}'")
            owner.setdefault(name, role.id)
        owner.setdefault(role.id, role.id)


def _skill(check: Checker, node: yaml.Node, what: str) -> Skill | None:
    f = check.record(node, what, ("id", "name", "description", "anchors"), ("resources",))
    if f is None:
        return None
    skill_id = _id(check, f["id"], f"{what} id")
    where = f"skill '{skill_id}'" if skill_id else what
    name = check.text(f["name"], f"{where} name")
    description = check.text(f["description"], f"{where} description")
    anchors = check.texts(f["anchors"], f"{where} anchor")
    if isinstance(f["anchors"], yaml.SequenceNode) and len(f["anchors"].value) != len(LEVELS):
        check.fail(
            f["anchors"], f"{where} has {len(f['anchors'].value)} anchors; it needs {len(LEVELS)}, for levels 0 to 4"
        )
    resources = check.items(f.get("resources"), f"{where} resource", lambda n, w: _resource(check, n, w))
    if None in (skill_id, name, description) or len(anchors) != len(LEVELS):
        return None
    assert skill_id is not None and name is not None and description is not None
    return Skill(id=skill_id, name=name, description=description, anchors=anchors, resources=resources)


def _resource(check: Checker, node: yaml.Node, what: str) -> Resource | None:
    f = check.record(node, what, ("title", "author", "kind", "cost", "hours"))
    if f is None:
        return None
    title = check.text(f["title"], f"{what} title")
    author = check.text(f["author"], f"{what} author")
    kind = _choice(check, f["kind"], f"{what} kind", RESOURCE_KINDS)
    cost = _choice(check, f["cost"], f"{what} cost", COSTS)
    hours = check.integer(f["hours"], f"{what} hours", 0, 10_000)
    if title is None or author is None or kind is None or cost is None or hours is None:
        return None
    return Resource(title=title, author=author, kind=kind, cost=cost, hours=hours)


def _choice(check: Checker, node: yaml.Node, what: str, choices: Sequence[str]) -> str | None:
    value = check.text(node, what)
    if value is not None and value not in choices:
        check.fail(node, f"{what} '{value}' should be one of: {', '.join(choices)}")
        return None
    return value


def _role(check: Checker, node: yaml.Node, what: str, skill_ids: set[str]) -> Role | None:
    f = check.record(node, what, ("id", "title", "summary", "focus", "overview", "skills"), ROLE_KEYS)
    if f is None:
        return None
    role_id = _id(check, f["id"], f"{what} id")
    where = f"role '{role_id}'" if role_id else what
    title = check.text(f["title"], f"{where} title")
    summary = check.text(f["summary"], f"{where} summary")
    focus = check.text(f["focus"], f"{where} focus")
    overview = check.text(f["overview"], f"{where} overview")
    aliases = check.items(f.get("aliases"), f"{where} alias", lambda n, w: _id(check, n, w))
    skills = check.items(f["skills"], f"{where} skill", lambda n, w: _role_skill(check, n, w, skill_ids))
    if isinstance(f["skills"], yaml.SequenceNode) and not f["skills"].value:
        check.fail(f["skills"], f"{where} rates no skills; list at least one")
    _unique(check, f["skills"], "skill", lambda skill: f"{where} rates skill '{skill}' twice")

    def pair(keys: tuple[str, str], build: Callable[[str, str], P]) -> Callable[[yaml.Node, str], P | None]:
        return lambda n, w: _text_pair(check, n, w, keys, build)

    lists = {key: check.texts(f.get(key), f"{where} {key.replace('_', ' ')}") for key in ROLE_LISTS}
    role = Role(
        id=role_id or "",
        title=title or "",
        summary=summary or "",
        focus=focus or "",
        overview=overview or "",
        skills=skills,
        aliases=aliases,
        origins=check.optional_text(f, "origins", where),
        tools=check.items(f.get("tools"), f"{where} tools", lambda n, w: _tool_group(check, n, w)),
        education=_education(check, f.get("education"), f"{where} education"),
        workplaces=check.items(f.get("workplaces"), f"{where} workplace", pair(("industry", "examples"), Workplace)),
        pay=_cited(check, f.get("pay"), f"{where} pay"),
        outlook=_cited(check, f.get("outlook"), f"{where} outlook"),
        debates=check.items(f.get("debates"), f"{where} debate", pair(("topic", "text"), Debate)),
        people=check.items(f.get("people"), f"{where} person", pair(("name", "known_for"), Person)),
        key_facts=check.items(f.get("key_facts"), f"{where} key fact", pair(("label", "value"), KeyFact)),
        **lists,
    )
    if None in (role_id, title, summary, focus, overview):
        return None
    return role


def _role_skill(check: Checker, node: yaml.Node, what: str, skill_ids: set[str]) -> RoleSkill | None:
    f = check.record(node, what, ("skill", "level", "importance"))
    if f is None:
        return None
    skill = check.text(f["skill"], f"{what} skill")
    if skill is not None and skill not in skill_ids:
        check.fail(f["skill"], f"{what} names skill '{skill}', which does not exist{suggest(skill, skill_ids)}")
        skill = None
    level = check.integer(f["level"], f"{what} level", LEVELS.start, LEVELS.stop - 1)
    importance = check.integer(f["importance"], f"{what} importance", IMPORTANCE.start, IMPORTANCE.stop - 1)
    if skill is None or level is None or importance is None:
        return None
    return RoleSkill(skill=skill, level=level, importance=importance)


def _tool_group(check: Checker, node: yaml.Node, what: str) -> ToolGroup | None:
    f = check.record(node, what, ("area", "items"))
    if f is None:
        return None
    area = check.text(f["area"], f"{what} area")
    items = check.texts(f["items"], f"{what} item")
    return ToolGroup(area=area, items=items) if area is not None else None


def _text_pair(
    check: Checker, node: yaml.Node, what: str, keys: tuple[str, str], build: Callable[[str, str], P]
) -> P | None:
    """A mapping of exactly two text fields, e.g. a workplace's industry and examples."""
    f = check.record(node, what, keys)
    if f is None:
        return None
    first = check.text(f[keys[0]], f"{what} {keys[0]}")
    second = check.text(f[keys[1]], f"{what} {keys[1]}")
    return build(first, second) if first is not None and second is not None else None


def _figure(check: Checker, node: yaml.Node, what: str) -> Figure | None:
    f = check.record(node, what, ("label", "value", "source", "year"), ("note",))
    if f is None:
        return None
    label = check.text(f["label"], f"{what} label")
    value = check.text(f["value"], f"{what} value")
    source = check.text(f["source"], f"{what} source")
    year_node = f["year"]
    year: int | None = None
    undated = isinstance(year_node, yaml.ScalarNode) and year_node.value == "undated"
    if not undated:
        year = check.integer(year_node, f"{what} year (or 'undated')", 1900, 2100)
    note = check.optional_text(f, "note", what)
    if label is None or value is None or source is None or (year is None and not undated):
        return None
    return Figure(label=label, value=value, source=source, year=year, note=note)


def _figures(check: Checker, node: yaml.Node | None, what: str) -> tuple[Figure, ...]:
    return check.items(node, what, lambda n, w: _figure(check, n, w))


def _cited(check: Checker, node: yaml.Node | None, what: str) -> Cited:
    if node is None:
        return Cited()
    f = check.record(node, what, ("summary",), ("figures",))
    if f is None:
        return Cited()
    return Cited(
        summary=check.text(f["summary"], f"{what} summary") or "",
        figures=_figures(check, f.get("figures"), f"{what} figure"),
    )


def _education(check: Checker, node: yaml.Node | None, what: str) -> Education:
    if node is None:
        return Education()
    f = check.record(node, what, ("summary",), ("routes", "figures"))
    if f is None:
        return Education()
    return Education(
        summary=check.text(f["summary"], f"{what} summary") or "",
        routes=check.texts(f.get("routes"), f"{what} route"),
        figures=_figures(check, f.get("figures"), f"{what} figure"),
    )


def _faq_entry(check: Checker, node: yaml.Node, what: str, role_ids: set[str]) -> FaqEntry | None:
    """An FAQ entry; its roles must exist when any roles are known."""
    f = check.record(node, what, ("id", "topic", "question", "answer"), ("tags", "roles"))
    if f is None:
        return None
    entry_id = _id(check, f["id"], f"{what} id")
    where = f"faq entry '{entry_id}'" if entry_id else what
    topic = check.text(f["topic"], f"{where} topic")
    question = check.text(f["question"], f"{where} question")
    answer = check.text(f["answer"], f"{where} answer")
    tags = check.texts(f.get("tags"), f"{where} tag")
    roles = check.items(f.get("roles"), f"{where} role", lambda n, w: _faq_role(check, n, w, where, role_ids))
    if entry_id is None or topic is None or question is None or answer is None:
        return None
    return FaqEntry(id=entry_id, topic=topic, question=question, answer=answer, tags=tags, roles=roles)


def _faq_role(check: Checker, node: yaml.Node, what: str, where: str, role_ids: set[str]) -> str | None:
    role = _id(check, node, what)
    if role is not None and role_ids and role not in role_ids:
        check.fail(node, f"{where} names role '{role}', which does not exist{suggest(role, role_ids)}")
        return None
    return role


def _synonyms(check: Checker, node: yaml.Node, what: str) -> tuple[str, ...] | None:
    words = check.texts(node, f"{what} word")
    if isinstance(node, yaml.SequenceNode) and len(node.value) < 2:
        check.fail(node, f"{what} needs at least two words")
        return None
    return tuple(w.lower() for w in words) or None
