"""Parse and validate YAML data files into models by walking the records' declarations.

Each record's fields are read as its declaration says (`mlcareer.schema`), with every problem
reported as `file:line: message`. Checks that span records (unique ids, skills a role names,
alias ownership, FAQ roles) run afterwards, in one explicit pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from mlcareer import schema
from mlcareer.errors import DataError, Problem
from mlcareer.models import DataFile, Faq, Figure, Role, RoleSkill, Skill
from mlcareer.yamlnodes import (
    Checker,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    gc_paused,
    read_yaml,
    short,
    suggest,
)

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
LINK = re.compile(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]+)?(/[^\s<>\"]*)?")
SECTIONS = ("roles", "skills", "faq")
FAQ_ONLY = ("synonyms", "stopwords", "intents")


class Loaded(NamedTuple):
    """What one file holds, as the catalogue uses it."""

    skills: tuple[Skill, ...] = ()
    roles: tuple[Role, ...] = ()
    faq: Faq | None = None
    not_tools: tuple[str, ...] = ()


class Spot(NamedTuple):
    """Where a record was read: its node, its fields' nodes, and how messages name it."""

    node: Node
    fields: dict[str, Node]
    where: str


class Reader:
    """Reads records from nodes as declared, remembering where each one came from."""

    def __init__(self, check: Checker) -> None:
        self.check = check
        self.spots: dict[int, Spot] = {}
        self.built: dict[type, list[Any]] = {}
        """Every record read, by type, even those whose parent record failed."""

    def record(self, node: Node, record: type, what: str, kind: str = "") -> Any:
        """One record, or None when a required field is missing or unreadable."""
        required, optional = schema.key_names(record)
        found = self.check.record(node, what, required, optional)
        if found is None:
            return None
        where = what
        values: dict[str, Any] = {}
        failed = False
        for field in schema.readable(record):
            sub = found.get(field.name)
            if sub is None:
                continue
            value = self.value(sub, field.spec, field.type, f"{where} {field.label}", where)
            if value is None:
                failed = failed or field.required
                continue
            values[field.name] = None if value is Undated else value
            if field.name == "id" and kind:
                where = f"{kind} '{value}'"
        if failed:
            return None
        built = record(**values)
        self.spots[id(built)] = Spot(node, found, where)
        self.built.setdefault(record, []).append(built)
        return built

    def value(self, node: Node, spec: schema.Spec, kind: Any, what: str, owner: str) -> Any:
        """One field's value as its spec says; None (and a problem) when it is wrong."""
        check = self.check
        match spec:
            case schema.Text():
                return check.text(node, what)
            case schema.Id():
                return self.id(node, what)
            case schema.Int(low=low, high=high):
                return check.integer(node, what, low, high)
            case schema.Choice(options=options):
                value = check.text(node, what)
                if value is not None and value not in options:
                    check.fail(node, f"{what} '{value}' should be one of: {', '.join(options)}")
                    return None
                return value
            case schema.Link():
                value = check.text(node, what)
                if value is not None and not LINK.fullmatch(value):
                    check.fail(
                        node, f"{what} '{short(value)}' should be an https link, like 'https://example.org/page'"
                    )
                    return None
                return value
            case schema.Flag():
                return check.flag(node, what)
            case schema.Year(label=label):
                if isinstance(node, ScalarNode) and node.value == "undated":
                    check.visit(node)
                    return Undated
                return check.integer(node, f"{owner} {label}", 1900, 2100)
            case schema.Nested():
                return self.record(node, kind, what)
            case schema.Items():
                return self.items(node, spec, owner, what)
            case schema.Derived():  # pragma: no cover - derived fields are never read
                return None

    def items(self, node: Node, spec: schema.Items, owner: str, what: str) -> tuple[Any, ...] | None:
        """A list whose items are read with the spec's item, with its count checked."""
        item = spec.item

        def read(sub: Node, label: str) -> Any:
            if schema.is_record(item):
                return self.record(sub, item, label, spec.label)
            return self.value(sub, item, None, label, label)

        values = self.check.items(node, what, read)
        if isinstance(node, SequenceNode):
            count = len(node.value)
            if spec.exactly is not None and count != spec.exactly:
                self.check.fail(node, f"{owner} has {_plural(count, spec.label)}; it needs {spec.exactly}{spec.why}")
                return None
            if count < spec.at_least:
                self.check.fail(node, f"{owner} has {_plural(count, spec.label)}; it needs at least {spec.at_least}")
                return None
        return tuple(v if v is not Undated else None for v in values)

    def id(self, node: Node, what: str) -> str | None:
        value = self.check.text(node, what)
        if value is not None and not ID_PATTERN.fullmatch(value):
            self.check.fail(node, f"{what} '{value}' should be lower-case words joined by '-', like 'ml-engineer'")
            return None
        return value


class _Undated:
    """Read for `year: undated`; stored as None (a plain None would mean 'could not read')."""


Undated = _Undated()


def _plural(count: int, label: str) -> str:
    if count == 1:
        return f"1 {label}"
    return f"{count} {label if label.endswith('s') else label + 's'}"


def load_file(
    path: Path,
    *,
    known_skills: Sequence[Skill] = (),
    known_roles: Sequence[Role] = (),
    label: str | None = None,
) -> Loaded:
    """Load and validate one YAML data file; DataError lists every problem as file:line."""
    with gc_paused():
        return _load_file(path, known_skills, known_roles, label or str(path))


def _load_file(path: Path, known_skills: Sequence[Skill], known_roles: Sequence[Role], name: str) -> Loaded:
    root, source = read_yaml(path, name)
    check = Checker(name, source)
    if root is None:
        raise DataError([Problem(name, None, "is empty; expected 'roles:', 'skills:' or 'faq:'")])
    required, optional = schema.key_names(DataFile)
    fields = check.mapping(root, "the file", required, optional)
    if fields is None:
        check.raise_if_failed()
        return Loaded()
    if not fields:
        check.fail(root, "has none of 'roles:', 'skills:' or 'faq:'")
    for key in FAQ_ONLY:
        if key in fields and "faq" not in fields:
            check.fail(fields[key], f"'{key}' belongs with 'faq'")
    reader = Reader(check)
    read: dict[str, Any] = {}
    for field in schema.readable(DataFile):
        if field.name in fields:
            assert isinstance(field.spec, schema.Items)
            read[field.name] = reader.items(fields[field.name], field.spec, field.spec.label, field.spec.label) or ()
    data = DataFile(**read)
    _cross_check(reader, data, known_skills, known_roles)
    check.raise_if_failed()
    faq = None
    if "faq" in fields:
        synonyms = tuple(tuple(w.lower() for w in group) for group in data.synonyms)
        faq = Faq(data.faq, synonyms, tuple(w.lower() for w in data.stopwords), data.intents)
    return Loaded(skills=data.skills, roles=data.roles, faq=faq, not_tools=data.not_tools)


def is_answers_file(path: Path, skill_ids: Iterable[str]) -> bool:
    """Whether a file reads as quiz answers rather than data: a mapping with a skill id among its keys and
    none of a data file's keys, or a JSON file that is empty or no mapping (data files are YAML). A file
    that cannot be read or parsed is not (the data loader says why)."""
    try:
        root, _ = read_yaml(path)
    except DataError:
        return False
    if not isinstance(root, MappingNode):
        return path.suffix.lower() == ".json"
    keys = {k.value for k, _ in root.value if isinstance(k, ScalarNode)}
    required, optional = schema.key_names(DataFile)
    return not keys & {*required, *optional} and bool(keys & set(skill_ids))


# --- checks that span records ------------------------------------------------------------------


def _cross_check(reader: Reader, data: DataFile, known_skills: Sequence[Skill], known_roles: Sequence[Role]) -> None:
    """Unique ids, the skills each role rates, alias ownership and the roles FAQ entries name."""
    check = reader.check
    for what, records in (("skill", data.skills), ("role", data.roles), ("faq entry", data.faq)):
        _unique(reader, records, "id", lambda value, what=what: f"duplicate {what} id '{value}'")
    skill_ids = {s.id for s in known_skills} | {s.id for s in data.skills}
    for role in data.roles:
        where = reader.spots[id(role)].where
        _unique(reader, role.skills, "skill", lambda skill, where=where: f"{where} rates skill '{skill}' twice")
    for rated in reader.built.get(RoleSkill, []):
        spot = reader.spots[id(rated)]
        if rated.skill not in skill_ids:
            message = f"{spot.where} names skill '{rated.skill}', which does not exist"
            check.fail(spot.fields["skill"], message + (suggest(rated.skill, skill_ids) if check.room else ""))
        if not rated.entry <= rated.mid <= rated.senior:
            levels = f"entry {rated.entry}, mid {rated.mid}, senior {rated.senior}"
            check.fail(spot.node, f"{spot.where} asks for less at a later stage ({levels}); levels must not fall")
    for figure in reader.built.get(Figure, []):
        spot = reader.spots[id(figure)]
        if figure.low is not None and figure.high is not None and figure.high < figure.low:
            check.fail(spot.fields["high"], f"{spot.where} high {figure.high} is below its low {figure.low}")
        if (figure.low is not None or figure.high is not None) and not (figure.currency and figure.per):
            check.fail(spot.node, f"{spot.where} gives an amount; say its currency (USD) and per (year, hour)")
    _requirements(reader, data.skills, known_skills)
    _aliases(reader, data.roles, known_roles)
    role_ids = {r.id for r in (*known_roles, *data.roles)}
    if not role_ids:
        return
    for entry in data.faq:
        spot = reader.spots[id(entry)]
        for index, role_id in enumerate(entry.roles):
            if role_id not in role_ids:
                node = spot.fields["roles"].value[index] if isinstance(spot.fields["roles"], SequenceNode) else None
                message = f"{spot.where} names role '{role_id}', which does not exist"
                check.fail(node, message + (suggest(role_id, role_ids) if check.room else ""))


def _requirements(reader: Reader, skills: Sequence[Skill], known: Sequence[Skill]) -> None:
    """Prerequisites name skills that exist, never the skill itself, and never form a cycle."""
    check = reader.check
    by_id = {s.id: s for s in (*known, *skills)}
    for skill in skills:
        for requirement in skill.requires:
            spot = reader.spots[id(requirement)]
            if requirement.skill == skill.id:
                check.fail(spot.fields["skill"], f"{spot.where}: skill '{skill.id}' cannot require itself")
            elif requirement.skill not in by_id:
                message = f"{spot.where} names skill '{requirement.skill}', which does not exist"
                check.fail(spot.fields["skill"], message + (suggest(requirement.skill, by_id) if check.room else ""))
    for skill in skills:
        cycle = _cycle_from(skill.id, by_id)
        if cycle and cycle[0] == skill.id:
            node = reader.spots[id(skill)].fields.get("requires")
            check.fail(
                node,
                f"skill '{skill.id}' requires itself through {' -> '.join(cycle)}; prerequisites must not form a cycle",
            )


def _cycle_from(start: str, by_id: dict[str, Skill]) -> list[str]:
    """The prerequisite path from `start` back to itself, or [] when there is none."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        current, path = stack.pop()
        skill = by_id.get(current)
        for requirement in skill.requires if skill is not None else ():
            if requirement.skill == current:
                continue  # NOTE: a skill that names itself is reported on its own
            if requirement.skill == start:
                return [*path, start]
            if requirement.skill not in seen:
                seen.add(requirement.skill)
                stack.append((requirement.skill, [*path, requirement.skill]))
    return []


def _unique(reader: Reader, records: Iterable[Any], key: str, message: Any) -> None:
    """Report each record whose `key` repeats an earlier record's, at the repeat's line."""
    seen: set[str] = set()
    for record in records:
        value = getattr(record, key)
        if value in seen:
            reader.check.fail(reader.spots[id(record)].fields[key], message(value))
        seen.add(value)


def _aliases(reader: Reader, roles: Sequence[Role], known: Sequence[Role]) -> None:
    """An alias must name one role only, across the bundled roles and this file."""
    replaced = {r.id for r in roles}
    owner: dict[str, str] = {}
    for role in known:
        if role.id not in replaced:
            for name in (role.id, *role.aliases):
                owner[name] = role.id
    for role in roles:
        node = reader.spots[id(role)].node
        other = owner.get(role.id)
        if other is not None and other != role.id:
            reader.check.fail(node, f"role id '{role.id}' is already an alias of role '{other}'; choose another id")
        for name in role.aliases:
            other = owner.get(name)
            if other is not None and other != role.id:
                reader.check.fail(node, f"alias '{name}' of role '{role.id}' already names role '{other}'")
            owner.setdefault(name, role.id)
        owner.setdefault(role.id, role.id)
