"""The interactive quiz: keys through prompt_toolkit's pipe input, and once in a real terminal."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from mlcareer.catalog import load_bundled

from .conftest import RunCli

DOWN, ENTER, CTRL_C, CTRL_D = "\x1b[B", "\r", "\x03", "\x04"
SCORE = ENTER
"""At the review of the answers, "Looks right, score it" is first."""
SKILLS = [s.id for s in load_bundled().skills]


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    """Keys typed into every prompt that runs inside the `with` block's CLI call."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def pick(level: int) -> str:
    """Keys that choose the anchor of `level` (the list starts at level 0); 5 is "not sure yet"."""
    return DOWN * level + ENTER


@pytest.mark.timeout(30)
def test_every_skill_is_asked_and_each_anchor_maps_to_its_level(run: RunCli, keys: PipeInput) -> None:
    levels = [i % 6 for i in range(len(SKILLS))]
    keys.send_text("".join(pick(level) for level in levels) + SCORE)
    data = json.loads(run("quiz", "--role", "mle", "--stage", "mid", "--json").stdout)
    expected = {skill: (None if level == 5 else level) for skill, level in zip(SKILLS, levels, strict=True)}
    assert data["answers"] == expected
    assert set(data["unsure"]) == {s for s, v in expected.items() if v is None}


@pytest.mark.timeout(30)
def test_role_then_stage_are_chosen_from_lists_when_not_given(run: RunCli, keys: PipeInput) -> None:
    keys.send_text(DOWN + ENTER + DOWN + ENTER + pick(2) * len(SKILLS) + SCORE)
    data = json.loads(run("quiz", "--json").stdout)
    assert data["role"]["id"] == "data-scientist"
    assert data["stage"] == "senior", "the stage list starts on mid; one down is senior"
    assert set(data["answers"].values()) == {2}


@pytest.mark.timeout(30)
def test_not_sure_of_the_role_picks_the_best_fit(run: RunCli, keys: PipeInput) -> None:
    roles = len(load_bundled().roles)
    answers = {"python": 3, "software-engineering": 3, "mlops": 3, "containers": 3, "cloud": 3}
    levels = [answers.get(skill, 1) for skill in SKILLS]
    keys.send_text(DOWN * roles + ENTER + ENTER + "".join(pick(level) for level in levels) + SCORE)
    data = json.loads(run("quiz", "--json").stdout)
    assert data["role"]["id"] == data["fit"][0]["role"]
    assert data["stage"] == "mid"


@pytest.mark.timeout(30)
@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_cancel_exits_130_and_saves_nothing(run: RunCli, keys: PipeInput, key: str) -> None:
    keys.send_text(pick(1) + pick(2) + key)
    result = run("quiz", "--role", "ds", "--stage", "entry", code=130)
    assert result.stderr == "mlcareer: quiz cancelled; nothing was saved\n"
    assert "Traceback" not in result.output
    assert not (Path(os.environ["MLCAREER_HOME"]) / "history.json").exists()


@pytest.mark.timeout(30)
def test_cancel_at_the_review_saves_nothing(run: RunCli, keys: PipeInput) -> None:
    keys.send_text(pick(1) * len(SKILLS) + CTRL_D)
    result = run("quiz", "--role", "ds", "--stage", "entry", code=130)
    assert result.stderr == "mlcareer: quiz cancelled; nothing was saved\n"
    assert not (Path(os.environ["MLCAREER_HOME"]) / "history.json").exists()


@pytest.mark.timeout(30)
def test_completed_quiz_is_saved(run: RunCli, keys: PipeInput) -> None:
    keys.send_text(pick(3) * len(SKILLS) + SCORE)
    run("quiz", "--role", "researcher", "--stage", "mid")
    saved = json.loads((Path(os.environ["MLCAREER_HOME"]) / "history.json").read_text())
    assert [r["role"] for r in saved["results"]] == ["ai-researcher"]


@pytest.mark.timeout(60)
def test_whole_quiz_in_a_real_terminal(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "MLCAREER_HOME": str(tmp_path), "COLUMNS": "100", "LINES": "40", "TERM": "xterm"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"  # NOTE: no cursor-position request, which a test terminal never answers
    env.pop("_TYPER_FORCE_DISABLE_TERMINAL", None)
    child = pexpect.spawn(
        sys.executable, ["-m", "mlcareer", "quiz"], env=env, encoding="utf-8", timeout=20, dimensions=(40, 100)
    )
    try:
        child.expect("Which role are you aiming for")
        child.send(DOWN + DOWN + ENTER)  # AI Researcher
        child.expect("At which career stage")
        child.send(DOWN + ENTER)  # senior
        for number in range(1, len(SKILLS) + 1):
            child.expect(f"Skill {number} of {len(SKILLS)}")
            child.send(DOWN * 4 + ENTER)  # the top anchor
        child.expect("Your answers")
        child.send(SCORE)
        child.expect("Readiness for AI Researcher \\(senior stage\\): 100%")
        child.expect("Fit for every role at the senior stage")
        child.expect("Nothing to learn for this role at this stage")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    saved = json.loads((tmp_path / "history.json").read_text())
    assert saved["results"][0]["readiness"] == 100.0


@pytest.mark.timeout(30)
def test_kill_int_at_a_prompt_cancels_like_ctrl_c(tmp_path: Path) -> None:
    """`kill -INT` from another shell reaches prompt_toolkit as a key, not as Python's KeyboardInterrupt."""
    import signal
    import time

    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "MLCAREER_HOME": str(tmp_path), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("_TYPER_FORCE_DISABLE_TERMINAL", None)
    child = pexpect.spawn(sys.executable, ["-m", "mlcareer", "quiz"], env=env, encoding="utf-8", timeout=20)
    try:
        child.expect("Which role are you aiming for")
        time.sleep(0.3)
        os.kill(child.pid, signal.SIGINT)
        child.expect("quiz cancelled; nothing was saved")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130
    assert not (tmp_path / "history.json").exists()


@pytest.mark.timeout(30)
def test_a_pager_that_does_not_exist_is_said_and_the_text_shown(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "MLCAREER_HOME": str(tmp_path), "TERM": "xterm", "PAGER": "/no/such/pager"}
    env.pop("_TYPER_FORCE_DISABLE_TERMINAL", None)
    output, status = pexpect.run(
        f"{sys.executable} -m mlcareer faq --all", env=env, withexitstatus=True, encoding="utf-8", timeout=20
    )
    assert status == 0
    assert "the pager '/no/such/pager' (PAGER) was not found" in output
    assert "Do I need a PhD" in output
