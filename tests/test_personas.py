"""Six realistic people take the quiz; the advice must be what a thoughtful mentor would give.

Each persona is an answers file in tests/personas/ (with who the person is at its top), and
tests/personas/expected.yaml says what a mentor would expect: the best-fitting role at the stage
they aim for, their strengths, what is not a gap, where the plan starts, and a believable number
of hours. These are exact where the data makes them exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mlcareer.answers import load_answers
from mlcareer.catalog import find_role, load_bundled
from mlcareer.models import Stage
from mlcareer.quiz import best_fit, readiness, score

PERSONAS = Path(__file__).resolve().parent / "personas"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((PERSONAS / "expected.yaml").read_text(encoding="utf-8"))
CATALOG = load_bundled()


def answers(name: str) -> dict[str, int | None]:
    return load_answers(PERSONAS / f"{name}.yaml", CATALOG.skills).answers


def test_every_persona_file_has_expectations() -> None:
    names = {p.stem for p in PERSONAS.glob("*.yaml")} - {"expected"}
    assert names == set(EXPECTED) and len(names) >= 6


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_persona_fits_the_role_a_mentor_would_name(name: str) -> None:
    expected = EXPECTED[name]
    assert best_fit(CATALOG, answers(name), Stage(expected["stage"])) == expected["fit"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_persona_strengths_gaps_and_plan(name: str) -> None:
    expected = EXPECTED[name]
    given = answers(name)
    role = find_role(CATALOG, expected["fit"])
    result = score(CATALOG, role, given, Stage(expected["stage"]))
    strengths = {s.skill for s in result.strengths}
    assert set(expected["strengths"]) <= strengths, f"{name}: strengths {sorted(strengths)}"
    gaps = {g.skill for g in result.gaps}
    assert not set(expected["not_gaps"]) & gaps, f"{name}: gaps {sorted(gaps)}"
    steps = result.plan.steps
    first = steps[0].skill if steps else None
    assert first == expected["first"], f"{name}: the plan starts with {first}"
    phase_one = {s.key for s in steps if s.phase == 1}
    assert set(expected["phase_one"]) <= phase_one, f"{name}: phase 1 is {sorted(phase_one)}"
    low, high = expected["hours"]
    assert low <= result.plan.hours <= high, f"{name}: {result.plan.hours} hours"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_persona_plan_never_puts_a_step_before_its_prerequisites(name: str) -> None:
    expected = EXPECTED[name]
    given = answers(name)
    result = score(CATALOG, find_role(CATALOG, expected["fit"]), given, Stage(expected["stage"]))
    done = {skill: level or 0 for skill, level in given.items()}
    for step in result.plan.steps:
        for requirement in CATALOG.skill(step.skill).needs_before(step.level):
            assert done.get(requirement.skill, 0) >= requirement.level, f"{name}: {step.key} before its prerequisite"
        assert done.get(step.skill, 0) == step.level - 1
        done[step.skill] = step.level


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_persona_is_readier_for_entry_than_for_senior(name: str) -> None:
    role = find_role(CATALOG, EXPECTED[name]["fit"])
    given = answers(name)
    entry, senior = readiness(role, given, Stage.entry), readiness(role, given, Stage.senior)
    assert entry > senior or entry == senior == 100.0
