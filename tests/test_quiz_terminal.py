"""The quiz in a real terminal: going back, number keys, the review, and output redirected to a file."""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path
from typing import Any

import pytest

from mlcareer.catalog import load_bundled

DOWN, LEFT, BACKSPACE, ENTER = "\x1b[B", "\x1b[D", "\x7f", "\r"
SKILLS = [s.id for s in load_bundled().skills]
NAMES = [s.name for s in load_bundled().skills]
ROLES = [r.id for r in load_bundled().roles]
TOTAL = len(SKILLS)

pytestmark = pytest.mark.timeout(30)


def spawn(tmp_path: Path, *args: str, stdout: Path | None = None) -> Any:
    """`mlcareer quiz ARGS` in a 100x40 pseudo-terminal (stdout redirected to `stdout` when given)."""
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "MLCAREER_HOME": str(tmp_path), "COLUMNS": "100", "LINES": "40", "TERM": "xterm"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"  # NOTE: no cursor-position request, which a test terminal never answers
    env.pop("_TYPER_FORCE_DISABLE_TERMINAL", None)
    command = shlex.join([sys.executable, "-m", "mlcareer", "quiz", *args])
    if stdout is not None:
        command += f" > {shlex.quote(str(stdout))}"
    return pexpect.spawn("/bin/sh", ["-c", command], env=env, encoding="utf-8", timeout=10, dimensions=(40, 100))


def skill(child: Any, number: int, keys: str) -> None:
    """Wait for skill `number` (1-based) to be asked, then type `keys`."""
    child.expect(f"Skill {number} of {TOTAL}: ")
    child.send(keys)


def finish(child: Any) -> str:
    """Wait for the quiz to end with exit 0; what it showed after the last key."""
    pexpect = pytest.importorskip("pexpect")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


def saved_answers(tmp_path: Path) -> dict[str, Any]:
    (record,) = json.loads((tmp_path / "history.json").read_text(encoding="utf-8"))["results"]
    return dict(record)


def test_going_back_keeps_the_earlier_answer_and_number_keys_pick_at_once(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect("Which role are you aiming for")
    child.send(LEFT + "b")  # NOTE: the first question has nowhere to go back to: nothing happens
    child.send(DOWN + ENTER)  # the second role
    child.expect("At which career stage")
    child.send(LEFT)
    child.expect("Which role are you aiming for")
    child.send(ENTER)  # the role picked before is preselected
    child.expect("At which career stage")
    child.send(DOWN + ENTER)  # mid is preselected; one down is senior
    skill(child, 1, "2")
    skill(child, 2, "b")
    skill(child, 1, ENTER)  # still 2
    skill(child, 2, "4")
    skill(child, 3, BACKSPACE)
    skill(child, 2, DOWN + ENTER)  # from 4, one down is "not sure yet"
    for number in range(3, TOTAL + 1):
        skill(child, number, "1")
    child.expect("Your answers")
    child.send(ENTER)
    said = finish(child)
    assert f"saved the result to {tmp_path / 'history.json'}" in said
    record = saved_answers(tmp_path)
    assert (record["role"], record["stage"]) == (ROLES[1], "senior")
    assert record["answers"] == {SKILLS[0]: 2, SKILLS[1]: None} | dict.fromkeys(SKILLS[2:], 1)


def test_json_redirected_to_a_file_still_asks_on_the_terminal(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    child = spawn(tmp_path, "--role", "mle", "--stage", "mid", "--json", stdout=report)
    for number in range(1, TOTAL + 1):
        skill(child, number, "3")
    child.expect("Your answers")
    child.expect("Looks right, score it")
    child.send(ENTER)
    said = finish(child)
    assert "saved the result to" in said
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["role"]["id"], data["stage"]) == ("ml-engineer", "mid")
    assert data["answers"] == dict.fromkeys(SKILLS, 3)


def test_the_review_changes_an_answer_and_back_leaves_it(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--role", "ds")
    child.expect("At which career stage")
    child.send(ENTER)
    for number in range(1, TOTAL + 1):
        skill(child, number, "2")
    child.expect("Your answers")
    child.expect("Stage: mid")
    child.send(DOWN * 4 + ENTER)  # past "score it" and the stage: the third skill
    skill(child, 3, "4")
    child.expect(f"{NAMES[2]}: 4\\) ")
    child.send(DOWN + ENTER)  # the stage
    child.expect("At which career stage")
    child.send("b")  # back to the review, the stage unchanged
    child.expect("Your answers")
    child.send(DOWN * 2 + ENTER)  # the first skill, its answer preselected
    skill(child, 1, ENTER)
    child.expect("Your answers")
    child.send(ENTER)
    finish(child)
    record = saved_answers(tmp_path)
    assert (record["role"], record["stage"]) == ("data-scientist", "mid")
    assert record["answers"] == dict.fromkeys(SKILLS, 2) | {SKILLS[2]: 4}
