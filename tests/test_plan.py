"""The kept learning plan: the quiz -> plan -> tick off -> new quiz loop, the store's guarantees, exports."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import icalendar
import pytest

from mlcareer import plans

from .conftest import ROOT, RunCli, write
from .test_history import KILL_AT

PERSONA = ROOT / "tests" / "personas" / "data-analyst.yaml"
TODAY = datetime.date.today().isoformat()


def home() -> Path:
    return Path(os.environ["MLCAREER_HOME"])


def steps(run: RunCli) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = json.loads(run("plan", "--json").stdout)["steps"]
    return result


def by_key(run: RunCli) -> dict[str, dict[str, Any]]:
    return {step["key"]: step for step in steps(run)}


def quiz(run: RunCli, tmp_path: Path, answers: str, role: str = "mle") -> None:
    run("quiz", "-r", role, "--stage", "mid", "--answers", str(write(tmp_path, "answers.yaml", answers)))


def raise_skill(answers: str, skill: str, level: int) -> str:
    lines = [f"{skill}: {level}" if line.startswith(f"{skill}:") else line for line in answers.splitlines()]
    return "\n".join(lines) + "\n"


def test_the_whole_loop_quiz_plan_tick_off_new_quiz(run: RunCli, tmp_path: Path) -> None:
    answers = PERSONA.read_text(encoding="utf-8")
    quiz(run, tmp_path, answers)
    first = steps(run)
    assert [s["number"] for s in first] == list(range(1, len(first) + 1))
    assert {s["status"] for s in first} == {"todo"}
    keys = [s["key"] for s in first]
    # NOTE: the plan is the quiz's plan, in its order
    quiz_json = json.loads(run("quiz", "-r", "mle", "--stage", "mid", "--answers", str(PERSONA), "--json").stdout)
    assert keys == [f"{s['skill']}:{s['to']}" for s in quiz_json["plan"]["steps"]]

    one, two = first[0]["key"], first[1]["key"]
    assert "is now doing" in run("plan", "start", "1").stderr
    assert by_key(run)[one]["status"] == "doing"
    run("plan", "done", one)
    run("plan", "skip", "2")
    now = by_key(run)
    assert (now[one]["status"], now[one]["done_on"], now[one]["from_quiz"]) == ("done", TODAY, False)
    assert now[two]["status"] == "skipped"

    # NOTE: a skill the plan teaches, other than the two ticked off, raised to the level of its last step
    target = next(s for s in reversed(first) if s["skill"] not in (first[0]["skill"], first[1]["skill"]))
    quiz(run, tmp_path, raise_skill(answers, target["skill"], target["level"]))
    after = by_key(run)
    assert after[one]["status"] == "done" and after[one]["done_on"] == TODAY, "statuses of unchanged steps are kept"
    assert after[two]["status"] == "skipped"
    reached = [s for s in first if s["skill"] == target["skill"]]
    for step in reached:
        assert after[step["key"]]["status"] == "done"
        assert after[step["key"]]["from_quiz"] is True
    text = " ".join(run("plan").stdout.split())
    assert f"{target['key']}; done {TODAY}, from the quiz)" in text
    reached_keys = [s["key"] for s in steps(run) if s["phase"] == plans.REACHED]
    assert reached_keys == [s["key"] for s in reached], "steps the quiz reached come first, under their own heading"
    assert text.index("Reached since the plan was made (from your quiz)") < text.index("Phase 1")


def test_a_new_plan_shows_what_was_added_and_what_dropped_out(run: RunCli, tmp_path: Path) -> None:
    answers = PERSONA.read_text(encoding="utf-8")
    quiz(run, tmp_path, answers)
    first = {s["key"] for s in steps(run)}
    # NOTE: a lower level on a skill the plan did not need adds steps; none of the old ones is reached
    lowered = raise_skill(answers, "data-wrangling", 0)
    quiz(run, tmp_path, lowered)
    data = json.loads(run("plan", "--json").stdout)
    added = set(data["added"])
    assert added and added == {s["key"] for s in data["steps"]} - first
    assert all(key.startswith("data-wrangling:") for key in added)
    assert "Since the last quiz: added " + ", ".join(data["added"]) in " ".join(run("plan").stdout.split())
    # NOTE: back to the first answers: the data-wrangling steps leave the plan, reached by the answers
    quiz(run, tmp_path, answers)
    again = json.loads(run("plan", "--json").stdout)
    assert (again["added"], again["dropped"]) == ([], [])
    assert {s["key"] for s in again["steps"] if s["from_quiz"]} == added


def test_steps_neither_planned_nor_reached_are_listed_as_dropped(run: RunCli, tmp_path: Path) -> None:
    """A posting's plan kept over the quiz's plan for the same role and stage: the steps it does not ask
    for, and the answers do not reach, drop out; the steps both share keep their status."""
    quiz(run, tmp_path, PERSONA.read_text(encoding="utf-8"), role="ds")
    before = by_key(run)
    shared = "ml-fundamentals:2"
    run("plan", "start", shared)
    posting = ROOT / "tests" / "postings" / "30-data-scientist-entry-deutsche-boerse.txt"
    run("match", str(posting), "--answers", str(PERSONA), "--save")
    data = json.loads(run("plan", "--json").stdout)
    now = {s["key"]: s for s in data["steps"]}
    assert data["role"] == "data-scientist" and now[shared]["status"] == "doing"
    assert set(data["dropped"]) == set(before) - set(now) and data["dropped"]
    assert set(data["added"]) == set(now) - set(before)


def test_done_before_a_prerequisite_asks_or_needs_yes(run: RunCli, tmp_path: Path) -> None:
    quiz(run, tmp_path, PERSONA.read_text(encoding="utf-8"))
    later = next(s for s in steps(run) if s["after"])
    result = run("plan", "done", str(later["number"]), code=2)
    assert result.stderr.count("\n") == 1
    assert f"{later['key']} comes after {later['after'][0]}" in result.stderr and "--yes" in result.stderr
    assert by_key(run)[later["key"]]["status"] == "todo"
    run("plan", "done", str(later["number"]), "--yes")
    assert by_key(run)[later["key"]]["status"] == "done"


def test_done_after_its_prerequisites_needs_no_question(run: RunCli, tmp_path: Path) -> None:
    quiz(run, tmp_path, PERSONA.read_text(encoding="utf-8"))
    later = next(s for s in steps(run) if s["after"])
    for key in later["after"]:
        run("plan", "skip" if key.endswith(":1") else "done", key, "--yes")
    run("plan", "done", later["key"])
    assert by_key(run)[later["key"]]["status"] == "done"


def test_undo_returns_a_step_to_todo_and_forgets_the_date(run: RunCli, tmp_path: Path) -> None:
    quiz(run, tmp_path, PERSONA.read_text(encoding="utf-8"))
    run("plan", "done", "1")
    run("plan", "undo", "1")
    step = steps(run)[0]
    assert (step["status"], step["done_on"]) == ("todo", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("plan", "done", "99"), "no step 99; the plan has steps 1 to"),
        (("plan", "done", "0"), "no step 0; the plan has steps 1 to"),
        (("plan", "done", "python:9"), "no step 'python:9' in the plan"),
        (("plan", "done"), "plan done needs a STEP"),
        (("plan", "finish", "1"), "'finish'"),
        (("plan", "--pace", "0"), "--pace"),
    ],
)
def test_plan_usage_errors_are_one_line_exit_2(
    run: RunCli, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    quiz(run, tmp_path, PERSONA.read_text(encoding="utf-8"))
    result = run(*args, code=2)
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_no_plan_yet_is_one_line_exit_1(run: RunCli) -> None:
    result = run("plan", code=1)
    assert (
        result.stderr
        == "mlcareer: error: no learning plan yet; take the quiz (mlcareer quiz) and its plan is kept here\n"
    )
    assert run("plan", "done", "1", code=1).stderr == result.stderr


def test_no_save_keeps_no_plan(run: RunCli, tmp_path: Path) -> None:
    run("quiz", "-r", "mle", "--answers", str(PERSONA), "--no-save")
    run("plan", code=1)


def test_the_pace_is_remembered_and_moves_the_finish(run: RunCli, tmp_path: Path) -> None:
    quiz(run, tmp_path, PERSONA.read_text(encoding="utf-8"))
    slow = json.loads(run("plan", "--json").stdout)
    assert slow["pace"] == 5
    run("plan", "--pace", "10")
    fast = json.loads(run("plan", "--json").stdout)
    assert fast["pace"] == 10 and fast["finish"] < slow["finish"]
    weeks = -(-fast["hours_left"] // 10)
    assert fast["finish"] == (datetime.date.today() + datetime.timedelta(weeks=weeks)).isoformat()
    finish = datetime.date.fromisoformat(fast["finish"])
    text = " ".join(run("plan").stdout.split())
    assert f"At 10 hours a week: 0 hours done, {fast['hours_left']} left (estimates); " in text
    assert f"finishing around {finish.day} {finish:%B %Y}." in text, "the day without a leading zero"


def _aged(days: int) -> None:
    """Make the current plan `days` old."""
    then = (datetime.date.today() - datetime.timedelta(days=days)).isoformat()

    def older(store: plans.Store) -> plans.Store:
        kept = store.plans[store.current]
        return store._replace(plans={**store.plans, store.current: kept._replace(created=then)})

    plans.update(older)


def test_ahead_or_behind_the_pace(run: RunCli, tmp_path: Path) -> None:
    quiz(run, tmp_path, PERSONA.read_text(encoding="utf-8"))
    _aged(28)
    data = json.loads(run("plan", "--json").stdout)
    assert data["hours_expected_by_now"] == 20
    assert "You are 20 hours behind the pace (20 hours expected by now)." in " ".join(run("plan").stdout.split())
    done = 0
    for step in steps(run):
        run("plan", "done", step["key"], "--yes")
        done += step["hours"]
        if done >= 30:
            break
    assert f"You are {done - 20} hours ahead of the pace" in " ".join(run("plan").stdout.split())


def test_a_corrupt_plan_store_is_set_aside_and_history_still_works(run: RunCli, tmp_path: Path) -> None:
    home().mkdir(parents=True)
    (home() / "plans.json").write_text('{"version": 1, "plans": {"x', encoding="utf-8")
    quiz(run, tmp_path, PERSONA.read_text(encoding="utf-8"))
    assert len(list(home().glob("plans.json.corrupt-*"))) == 1
    assert "Machine Learning Engineer (mid stage)" in run("history").stdout
    assert steps(run), "a new plan was kept"
    assert json.loads((home() / "history.json").read_text())["results"]


def test_a_corrupt_plan_store_warns_on_plan(run: RunCli) -> None:
    home().mkdir(parents=True)
    (home() / "plans.json").write_text('{"version": 1, "current": "a@mid", "pace": 5, "plans": {}}', encoding="utf-8")
    result = run("plan", code=1)
    assert "warning:" in result.stderr and "moved it to" in result.stderr
    assert result.stderr.rstrip("\n").splitlines()[-1].startswith("mlcareer: error: no learning plan yet")


def _store(tmp_path: Path, count: int, name: str = "Skill") -> tuple[Path, plans.Kept]:
    items = tuple(
        plans.Item(
            f"s{k}:1", f"s{k}", f"{name} {k}", 1, 1 + k // 10, "has done it", "A course", "https://example.org/", 3, ()
        )
        for k in range(count)
    )
    kept = plans.Kept("ml-engineer", "Machine Learning Engineer", "mid", "2026-11-01", items)
    path = tmp_path / "plans.json"
    plans.update(lambda s: plans.keep(s, kept, {}, "2026-11-01"), path)
    return path, kept


MARKER = """
import sys
from pathlib import Path
from mlcareer import plans
path, start, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
for index in range(start, start + count):
    def change(store, index=index):
        kept = store.plans[store.current]
        return store._replace(plans={store.current: plans.set_status(kept, index, "done", "2026-11-28")})
    plans.update(change, path)
"""


def test_concurrent_plan_updates_all_land(tmp_path: Path) -> None:
    path, _ = _store(tmp_path, 80)
    procs = [subprocess.Popen([sys.executable, "-c", MARKER, str(path), str(k * 20), "20"]) for k in range(4)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0, 0, 0]
    store, warnings = plans.load(path)
    assert warnings == []
    assert [item.status for item in store.plans[store.current].items] == ["done"] * 80


KILL_MID_UPDATE = (
    KILL_AT
    + """
from mlcareer import plans
def change(store):
    kept = store.plans[store.current]
    return store._replace(plans={store.current: plans.set_status(kept, 0, "done", "2026-11-28")})
plans.update(change, path)
"""
)


@pytest.mark.parametrize("moment", ["during-write", "before-rename"])
def test_an_update_killed_mid_save_keeps_the_old_plan(tmp_path: Path, moment: str) -> None:
    path, kept = _store(tmp_path, 30)
    before = path.read_bytes()
    result = subprocess.run([sys.executable, "-c", KILL_MID_UPDATE, str(path), moment], check=False)
    assert result.returncode == -9, "the updater was killed mid-save"
    assert path.read_bytes() == before
    store, warnings = plans.load(path)
    assert warnings == [] and store.plans[store.current] == kept
    plans.update(lambda s: s, path)
    assert not list(tmp_path.glob(".plans.json.*.tmp")), "orphaned temporary files are swept by the next save"


HOSTILE = 'Prompts, chains; and \\ paths <script>alert(1)</script> \x1b[31m \u202e\u00e9\u4e2d\u6587 "quoted"'


def _hostile_plan(run: RunCli, tmp_path: Path) -> None:
    items = (
        plans.Item(
            "s0:1", "s0", HOSTILE, 1, 1, "m " * 60 + "\u00e9" * 40, HOSTILE, "https://example.org/a?b=1&c=2", 7, ()
        ),
        plans.Item("s1:1", "s1", "Second", 1, 1, "has done it", "", "", 0, ("s0:1",)),
        plans.Item(
            "s2:2", "s2", "Third, done", 2, 2, "has done it", "Book", "https://example.org/", 5, (), "done", TODAY
        ),
    )
    kept = plans.Kept("ml-engineer", HOSTILE, "mid", TODAY, items)
    plans.update(lambda s: plans.keep(s, kept, {}, TODAY))


def test_ics_export_parses_back_with_icalendar(run: RunCli, tmp_path: Path) -> None:
    _hostile_plan(run, tmp_path)
    target = tmp_path / "plan.ics"
    run("plan", "--pace", "7", "--export", str(target))
    raw = target.read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines), "content lines are folded at 75 octets"
    assert any(line.startswith(b" ") for line in lines), "the long milestone was folded"
    calendar = icalendar.Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert len(events) == 2, "one event per step not done"
    assert len({str(e["UID"]) for e in events}) == 2
    assert all(e.get("DTSTAMP") is not None for e in events)
    first, second = events
    assert str(first["SUMMARY"]).startswith("Prompts, chains; and \\ paths <script>")
    assert "\x1b" not in str(first["SUMMARY"]) and "\u202e" not in str(first["SUMMARY"])
    assert "\u00e9" * 40 in str(first["DESCRIPTION"]).replace("\n", "")
    # NOTE: 7 hours at 7 a week is one week, then the next step starts
    start, end = first.decoded("DTSTART"), first.decoded("DTEND")
    assert (start, end - start) == (datetime.date.today(), datetime.timedelta(days=7))
    assert second.decoded("DTSTART") == end


def test_markdown_export_is_a_checklist_with_inert_text(run: RunCli, tmp_path: Path) -> None:
    _hostile_plan(run, tmp_path)
    target = tmp_path / "plan.md"
    run("plan", "--export", str(target))
    text = target.read_text(encoding="utf-8")
    assert "- [ ] **1. " in text and "- [x] **3. Third, done to level 2**" in text
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "\x1b" not in text and "\u202e" not in text
    assert "[A course]" not in text and "(<https://example.org/a?b=1&c=2>)" in text


def test_html_export_escapes_everything(run: RunCli, tmp_path: Path) -> None:
    _hostile_plan(run, tmp_path)
    target = tmp_path / "plan.html"
    run("plan", "--export", str(target))
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page
    assert page.count('<li class="done">') == 1 and page.count('<li class="todo">') == 2


def test_export_refuses_other_suffixes_and_overwrites(run: RunCli, tmp_path: Path) -> None:
    quiz(run, tmp_path, PERSONA.read_text(encoding="utf-8"))
    assert (
        "use a file ending in .md, .html, .ics or .json"
        in run("plan", "--export", str(tmp_path / "p.pdf"), code=2).stderr
    )
    target = tmp_path / "p.md"
    target.write_text("mine", encoding="utf-8")
    run("plan", "--export", str(target), code=2)
    assert target.read_text(encoding="utf-8") == "mine"
    run("plan", "--export", str(target), "--force")
    assert target.read_text(encoding="utf-8").startswith("# Learning plan: Machine Learning Engineer")


def test_terminal_and_json_show_hostile_text_inert(run: RunCli, tmp_path: Path) -> None:
    _hostile_plan(run, tmp_path)
    out = run("plan").stdout
    assert "\x1b" not in out and "\u202e" not in out
    data = json.loads(run("plan", "--json").stdout)
    assert "\x1b" not in data["steps"][0]["name"] and data["steps"][0]["name"].startswith("Prompts, chains;")


def test_match_save_keeps_the_postings_plan(run: RunCli, tmp_path: Path) -> None:
    posting = ROOT / "tests" / "postings" / "17-ai-engineer-mid-hubspot.txt"
    assert "match --save needs your levels" in run("match", str(posting), "--save", code=2).stderr
    run("match", str(posting), "--answers", str(PERSONA), "--save")
    data = json.loads(run("plan", "--json").stdout)
    assert (data["role"], data["stage"], data["title"]) == ("ai-engineer", "mid", "AI Engineer (job posting)")
    report = json.loads(run("match", str(posting), "--answers", str(PERSONA), "--json").stdout)
    assert [s["key"] for s in data["steps"]] == [f"{s['skill']}:{s['to']}" for s in report["plan"]["steps"]]


def test_history_shows_per_skill_changes(run: RunCli, tmp_path: Path) -> None:
    answers = PERSONA.read_text(encoding="utf-8")
    quiz(run, tmp_path, answers)
    quiz(run, tmp_path, raise_skill(raise_skill(answers, "python", 3), "deep-learning", 2))
    out = " ".join(run("history").stdout.split())
    assert re.search(r"\(\+\d+\) Python programming 1->3, Deep learning frameworks 0->2$", out)
    data = json.loads(run("history", "--json").stdout)
    assert data["roles"][0]["results"][0]["skill_changes"] == []
    assert data["roles"][0]["results"][-1]["skill_changes"] == [
        {"skill": "python", "from": 1, "to": 3},
        {"skill": "deep-learning", "from": 0, "to": 2},
    ]


def test_history_yes_without_clear_is_a_usage_error(run: RunCli) -> None:
    result = run("history", "--yes", code=2)
    assert "--yes" in result.stderr and "--clear" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.timeout(30)
@pytest.mark.parametrize(("answer", "status"), [("y", "done"), ("n", "todo")])
def test_done_before_a_prerequisite_asks_in_a_real_terminal(
    run: RunCli, tmp_path: Path, answer: str, status: str
) -> None:
    pexpect = pytest.importorskip("pexpect")
    quiz(run, tmp_path, PERSONA.read_text(encoding="utf-8"))
    later = next(s for s in steps(run) if s["after"])
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("_TYPER_FORCE_DISABLE_TERMINAL", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "mlcareer", "plan", "done", later["key"]],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 200),
    )
    try:
        child.expect(r"Mark it done anyway\?")
        child.send(answer)
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert by_key(run)[later["key"]]["status"] == status
