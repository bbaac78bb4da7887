"""Property-based fuzzing: mutate the bundled data structurally; only DataError may escape."""

from __future__ import annotations

import contextlib
import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlcareer.answers import AnswerSheet, load_answers
from mlcareer.catalog import bundled_dir, load_bundled
from mlcareer.errors import DataError
from mlcareer.loader import load_file

BUNDLED = load_bundled()
TEXTS = st.sampled_from(["no", "on", "012", "12:30", "2024-01-01", "~", "", "[bold]x[/]", "\x1b[31mred", "has a"])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    TEXTS,
)
VALUES = st.recursive(
    SCALARS,
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=8), kids, max_size=3),
    max_leaves=8,
)


def mutate(tree: Any, data: st.DataObject) -> Any:
    """Apply one structural change somewhere in the tree: delete, replace, duplicate or add."""
    node = tree
    while True:
        children = (
            list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []
        )
        descend = [(k, v) for k, v in children if isinstance(v, (dict, list)) and v]
        if not descend or data.draw(st.booleans()):
            break
        _, node = data.draw(st.sampled_from(descend))
    action = data.draw(st.sampled_from(["delete", "replace", "duplicate", "add"]))
    if isinstance(node, dict) and node:
        key = data.draw(st.sampled_from(sorted(node, key=str)))
        if action == "delete":
            del node[key]
        elif action in ("replace", "duplicate"):
            node[key] = data.draw(VALUES)
        else:
            node[data.draw(st.text(min_size=1, max_size=10))] = data.draw(VALUES)
    elif isinstance(node, list) and node:
        index = data.draw(st.integers(0, len(node) - 1))
        if action == "delete":
            del node[index]
        elif action == "replace":
            node[index] = data.draw(VALUES)
        elif action == "duplicate":
            node.append(copy.deepcopy(node[index]))
        else:
            node.insert(index, data.draw(VALUES))
    return tree


ORIGINALS = {
    name: yaml.safe_load((bundled_dir() / name).read_text(encoding="utf-8"))
    for name in ("roles.yaml", "skills.yaml", "faq.yaml")
}
# NOTE: MLCAREER_FUZZ_EXAMPLES=5000 runs a deeper search locally; CI keeps the default.
FUZZ = settings(
    max_examples=int(os.environ.get("MLCAREER_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@pytest.mark.parametrize("name", list(ORIGINALS))
@given(data=st.data())
def test_mutated_bundled_data_loads_or_raises_data_error(tmp_path: Path, name: str, data: st.DataObject) -> None:
    tree = copy.deepcopy(ORIGINALS[name])
    for _ in range(data.draw(st.integers(1, 4))):
        tree = mutate(tree, data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    try:
        load_file(path, known_skills=BUNDLED.skills, known_roles=BUNDLED.roles)
    except DataError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == str(path)
            assert problem.line is None or problem.line >= 1


ANSWER_KEYS = st.one_of(st.sampled_from([s.id for s in BUNDLED.skills]), st.text(max_size=12))


@FUZZ
@given(answers=st.dictionaries(ANSWER_KEYS, VALUES, max_size=20), as_json=st.booleans())
def test_any_answers_file_parses_or_raises_data_error(tmp_path: Path, answers: dict[str, Any], as_json: bool) -> None:
    path = tmp_path / ("answers.json" if as_json else "answers.yaml")
    path.write_text(json.dumps(answers) if as_json else yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    try:
        sheet = load_answers(path, BUNDLED.skills)
    except DataError as exc:
        assert all(p.file == str(path) for p in exc.problems)
    else:
        assert set(sheet.answers) == {s.id for s in BUNDLED.skills}
        assert all(v is None or 0 <= v <= 4 for v in sheet.answers.values())


@FUZZ
@given(raw=st.binary(max_size=300), suffix=st.sampled_from([".yaml", ".json"]))
def test_any_bytes_as_answers_parse_or_raise_data_error(tmp_path: Path, raw: bytes, suffix: str) -> None:
    path = tmp_path / f"answers{suffix}"
    path.write_bytes(raw)
    with contextlib.suppress(DataError):
        load_answers(path, BUNDLED.skills)


@FUZZ
@given(answers=st.dictionaries(ANSWER_KEYS, VALUES, max_size=20))
def test_the_json_fast_path_agrees_with_the_checked_path(tmp_path: Path, answers: dict[str, Any]) -> None:
    """A JSON answers file reads the same whether it takes the fast path or the YAML-checked one."""
    text = json.dumps(answers)
    fast, checked = tmp_path / "answers.json", tmp_path / "answers.yaml"
    fast.write_text(text, encoding="utf-8")
    checked.write_text(text, encoding="utf-8")
    outcomes: list[AnswerSheet | None] = []
    for path in (fast, checked):
        try:
            outcomes.append(load_answers(path, BUNDLED.skills))
        except DataError:
            outcomes.append(None)
    assert outcomes[0] == outcomes[1]
