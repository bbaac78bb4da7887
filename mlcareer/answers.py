"""Read a quiz answers file (YAML or JSON: skill id -> level 0-4), strictly."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mlcareer.errors import DataError, Problem
from mlcareer.files import read_text
from mlcareer.models import LEVELS, Skill

if TYPE_CHECKING:
    from mlcareer.yamlnodes import Checker, Node

UNSURE_WORDS = ("", "unsure", "not sure", "not sure yet")
"""Answers that mean "not sure yet" (an empty value too, quoted or not)."""


class AnswerSheet(NamedTuple):
    """Levels by skill id (None: not sure yet), and the catalogue skills the file left out."""

    answers: dict[str, int | None]
    missing: tuple[str, ...]


def load_answers(path: Path, skills: Sequence[Skill]) -> AnswerSheet:
    """Parse and validate an answers file; DataError lists every problem as file:line."""
    name = str(path)
    text = read_text(path, name)
    if path.suffix.lower() == ".json":
        quick = _valid_json(text, skills)
        if quick is not None:
            return _sheet(quick, skills)
    from mlcareer.yamlnodes import Checker, gc_paused, parse_text

    with gc_paused():
        root = parse_text(text, name, json_syntax=path.suffix.lower() == ".json")
    if root is None:
        raise DataError([Problem(name, None, "is empty; expected skill ids with levels 0-4, like 'python: 2'")])
    check = Checker(name, text)
    ids = [s.id for s in skills]
    fields = check.mapping(root, "the answers", (), ids)
    answers: dict[str, int | None] = {}
    for skill, node in (fields or {}).items():
        answers[skill] = _level(check, node, skill)
    check.raise_if_failed()
    return _sheet(answers, skills)


def _sheet(answers: dict[str, int | None], skills: Sequence[Skill]) -> AnswerSheet:
    """The answers with every skill the file left out added as "not sure yet"."""
    missing = tuple(s.id for s in skills if s.id not in answers)
    return AnswerSheet({**answers, **dict.fromkeys(missing)}, missing)


def _valid_json(text: str, skills: Sequence[Skill]) -> dict[str, int | None] | None:
    """The answers of a JSON file that is valid as it stands, else None.

    NOTE: a fast path for scripts: it skips YAML entirely. Anything unusual (a duplicate key,
    an unknown skill, a value out of range) returns None, and the checked path reports it with
    its line.
    """
    import json

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({key for key, _ in items}) != len(items):
            raise ValueError("duplicate key")
        return dict(items)

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return None
    ids = {s.id for s in skills}
    if not isinstance(data, dict) or not set(data) <= ids:
        return None
    answers: dict[str, int | None] = {}
    for skill, value in data.items():
        if value is None or (isinstance(value, str) and value.strip().lower() in UNSURE_WORDS):
            answers[skill] = None
        elif type(value) is int and value in LEVELS:
            answers[skill] = value
        else:
            return None
    return answers


def _level(check: Checker, node: Node, skill: str) -> int | None:
    from mlcareer.yamlnodes import ScalarNode, kind

    what = f"the answer for '{skill}'"
    if isinstance(node, ScalarNode):
        found = kind(node, check.source)
        if found == "null" or (found == "str" and node.value.strip().lower() in UNSURE_WORDS):
            return None
        if found == "str" and node.value.strip().isdigit():
            return check.integer(
                ScalarNode("tag:yaml.org,2002:int", node.value.strip(), node.start_mark, node.end_mark),
                what,
                LEVELS.start,
                LEVELS.stop - 1,
            )
    return check.integer(node, what, LEVELS.start, LEVELS.stop - 1)
