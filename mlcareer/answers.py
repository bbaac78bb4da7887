"""Read a quiz answers file (YAML or JSON: skill id -> level 0-4), strictly."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import yaml

from mlcareer.errors import DataError, Problem
from mlcareer.models import LEVELS, Skill
from mlcareer.strictyaml import Checker, gc_paused, kind, read_yaml

UNSURE_WORDS = ("unsure", "not sure", "not sure yet")


class AnswerSheet(NamedTuple):
    """Levels by skill id (None: not sure yet), and the catalogue skills the file left out."""

    answers: dict[str, int | None]
    missing: tuple[str, ...]


def load_answers(path: Path, skills: Sequence[Skill]) -> AnswerSheet:
    """Parse and validate an answers file; DataError lists every problem as file:line."""
    name = str(path)
    with gc_paused():
        root = read_yaml(path, name)
    if root is None:
        raise DataError([Problem(name, None, "is empty; expected skill ids with levels 0-4, like 'python: 2'")])
    check = Checker(name)
    ids = [s.id for s in skills]
    fields = check.mapping(root, "the answers", (), ids)
    answers: dict[str, int | None] = {}
    for skill, node in (fields or {}).items():
        answers[skill] = _level(check, node, skill)
    check.raise_if_failed()
    missing = tuple(s for s in ids if s not in answers)
    return AnswerSheet({**answers, **dict.fromkeys(missing)}, missing)


def _level(check: Checker, node: yaml.Node, skill: str) -> int | None:
    what = f"the answer for '{skill}'"
    if isinstance(node, yaml.ScalarNode):
        found = kind(node)
        if found == "null" or (found == "str" and node.value.strip().lower() in UNSURE_WORDS):
            return None
        if found == "str" and node.value.strip().isdigit():
            return check.integer(
                yaml.ScalarNode("tag:yaml.org,2002:int", node.value.strip(), node.start_mark, node.end_mark),
                what,
                LEVELS.start,
                LEVELS.stop - 1,
            )
    return check.integer(node, what, LEVELS.start, LEVELS.stop - 1)
