"""Quiz scoring (properties and worked examples), answers files, reports and exports."""

from __future__ import annotations

import datetime
import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcareer.answers import load_answers
from mlcareer.catalog import find_role, load_bundled
from mlcareer.models import Catalog, Role, RoleSkill, Stage
from mlcareer.quiz import fit, gaps, plan, readiness, score, template

from .conftest import RunCli, write

CATALOG = load_bundled()
SKILLS = [s.id for s in CATALOG.skills]
ROLES = st.sampled_from(CATALOG.roles)
STAGES = st.sampled_from(list(Stage))
ANSWERS = st.fixed_dictionaries({s: st.one_of(st.none(), st.integers(0, 4)) for s in SKILLS})


@given(ROLES, ANSWERS, STAGES)
def test_readiness_stays_within_0_and_100(role: Role, answers: dict[str, int | None], stage: Stage) -> None:
    assert 0.0 <= readiness(role, answers, stage) <= 100.0


@given(ROLES, ANSWERS, st.sampled_from(SKILLS), st.integers(1, 4))
def test_raising_any_answer_never_lowers_readiness_at_any_stage(
    role: Role, answers: dict[str, int | None], skill: str, step: int
) -> None:
    raised = {**answers, skill: min(4, (answers[skill] or 0) + step)}
    for stage in Stage:
        assert readiness(role, raised, stage) >= readiness(role, answers, stage)


@given(ROLES, STAGES, st.data())
def test_readiness_is_100_when_every_answer_meets_its_requirement(
    role: Role, stage: Stage, data: st.DataObject
) -> None:
    answers = {r.skill: data.draw(st.integers(r.level(stage), 4)) for r in role.skills}
    assert readiness(role, answers, stage) == 100.0
    assert gaps(CATALOG, role, answers, stage) == ()
    assert plan(CATALOG, role, answers, stage).steps == ()


@given(ROLES, st.sampled_from([0, None]), STAGES)
def test_readiness_is_0_when_every_answer_is_0_or_unsure(role: Role, value: int | None, stage: Stage) -> None:
    if any(r.level(stage) for r in role.skills):
        assert readiness(role, dict.fromkeys(SKILLS, value), stage) == 0.0


@given(ANSWERS, STAGES)
def test_fit_ranks_every_role_best_first(answers: dict[str, int | None], stage: Stage) -> None:
    ranked = fit(CATALOG, answers, stage)
    assert {f.role for f in ranked} == {r.id for r in CATALOG.roles}
    assert [f.readiness for f in ranked] == sorted((f.readiness for f in ranked), reverse=True)
    assert all(len(f.lifts) <= 2 and len(f.holds) <= 2 for f in ranked)


@given(ROLES, ANSWERS, STAGES)
def test_gaps_are_ranked_largest_first_and_sized_by_importance(
    role: Role, answers: dict[str, int | None], stage: Stage
) -> None:
    found = gaps(CATALOG, role, answers, stage)
    sizes = [g.size for g in found]
    assert sizes == sorted(sizes, reverse=True)
    for gap in found:
        need = role.requirement(gap.skill)
        assert need is not None
        assert gap.size == need.importance * (need.level(stage) - (answers[gap.skill] or 0)) > 0


@settings(max_examples=60, deadline=None)
@given(ROLES, ANSWERS, STAGES)
def test_the_plan_is_in_prerequisite_order_and_reaches_every_requirement(
    role: Role, answers: dict[str, int | None], stage: Stage
) -> None:
    made = plan(CATALOG, role, answers, stage)
    position = {step.key: index for index, step in enumerate(made.steps)}
    for index, step in enumerate(made.steps):
        for before in step.after:
            assert position[before] < index, f"{before} must come before {step.key}"
        for requirement in CATALOG.skill(step.skill).needs_before(step.level):
            have = answers.get(requirement.skill) or 0
            if requirement.level > have:
                assert position[f"{requirement.skill}:{requirement.level}"] < index
        if step.level - 1 > (answers.get(step.skill) or 0):
            assert position[f"{step.skill}:{step.level - 1}"] < index
    reached = {s.skill: s.level for s in made.steps}
    for rated in role.skills:
        assert max(reached.get(rated.skill, 0), answers.get(rated.skill) or 0) >= rated.level(stage)
    phases = [s.phase for s in made.steps]
    assert phases == sorted(phases)


@settings(max_examples=60, deadline=None)
@given(ROLES, ANSWERS, STAGES)
def test_every_step_primary_resource_serves_that_step(role: Role, answers: dict[str, int | None], stage: Stage) -> None:
    for step in plan(CATALOG, role, answers, stage).steps:
        assert step.primary is not None, f"{step.key} has no resource"
        assert step.level in step.primary.levels
        assert all(step.level in r.levels for r in step.alternatives)
        assert len(step.alternatives) <= 2 and step.primary not in step.alternatives


@given(ROLES, ANSWERS, STAGES, st.floats(0.5, 60))
def test_the_pace_turns_hours_into_weeks(role: Role, answers: dict[str, int | None], stage: Stage, pace: float) -> None:
    start = datetime.date(2026, 11, 28)
    made = plan(CATALOG, role, answers, stage, pace=pace, start=start)
    assert made.weeks == math.ceil(made.hours / pace)
    assert made.finish == start + datetime.timedelta(weeks=made.weeks)


def test_worked_example_with_a_prerequisite() -> None:
    """The README's example: a role needs deep learning at 2 (importance 5) and Python at 2 (importance 1)."""
    role = Role(
        "r",
        "R",
        "s",
        "f",
        "o",
        (RoleSkill("deep-learning", 5, 2, 2, 3), RoleSkill("python", 1, 1, 2, 2)),
    )
    catalog = Catalog(roles=(role,), skills=CATALOG.skills)
    answers = {"deep-learning": 1, "python": 3, "ml-fundamentals": 1, "math-stats": 1, "data-wrangling": 1}
    # mid: (5 x min(1, 2) + 1 x min(3, 2)) / (5 x 2 + 1 x 2) = 7 / 12
    assert readiness(role, answers, Stage.mid) == 58.3
    result = score(catalog, role, answers, Stage.mid)
    assert [(g.skill, g.size) for g in result.gaps] == [("deep-learning", 5)]
    assert [(s.skill, s.above) for s in result.strengths] == [("python", True)]
    steps = [(s.key, s.phase, s.needed_for) for s in result.plan.steps]
    assert steps == [("ml-fundamentals:2", 1, "Deep learning frameworks 2"), ("deep-learning:2", 2, "")]
    assert result.plan.steps[1].after == ("ml-fundamentals:2",)


def test_a_resource_that_serves_several_steps_counts_once() -> None:
    role = find_role(CATALOG, "mle")
    made = plan(CATALOG, role, {}, Stage.senior)
    distinct = {(s.primary.title, s.primary.author): s.primary.hours for s in made.steps if s.primary is not None}
    assert made.hours == sum(distinct.values())
    assert made.hours < sum(s.primary.hours for s in made.steps if s.primary is not None)


def test_the_template_reads_back_as_all_unsure(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(template(CATALOG.skills), encoding="utf-8")
    sheet = load_answers(path, CATALOG.skills)
    assert sheet.answers == dict.fromkeys(SKILLS) and sheet.missing == ()


# --- the command, from an answers file -----------------------------------------------------------

ANSWERS_YAML = """\
python: 3
software-engineering: 2
algorithms: 2
math-stats: 2
ml-fundamentals: 2
deep-learning: 1
data-wrangling: 3
cloud: 1
containers: 1
mlops: 1
distributed-systems: 0
research: 1
communication: 2
responsible-ai: not sure
"""


def test_quiz_from_answers_prints_the_report(run: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "answers.yaml", ANSWERS_YAML)
    result = run("quiz", "--role", "mle", "--answers", str(path))
    out = result.stdout
    assert out.startswith("Readiness for Machine Learning Engineer (mid stage): 60%\n")
    for heading in (
        "Fit for every role at the mid stage",
        "Biggest gaps for Machine Learning Engineer",
        "Strengths",
        "Learning plan",
        "Phase 1",
    ):
        assert heading in out
    assert "Not sure yet (scored as 0)" in out and "Responsible AI" in out
    assert "Milestone: has served a model behind an API with an automated test for it" in out
    assert "At 5 hours a week (--pace to change)" in " ".join(out.split())
    assert "scored as 'not sure yet': experimentation, llm-apps, ai-security" in result.stderr


def test_quiz_json_shape(run: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "answers.yaml", ANSWERS_YAML)
    data = json.loads(run("quiz", "-r", "ds", "--answers", str(path), "--json").stdout)
    assert list(data) == [
        "version",
        "date",
        "role",
        "stage",
        "readiness",
        "answers",
        "anchors",
        "unsure",
        "missing",
        "fit",
        "gaps",
        "strengths",
        "plan",
    ]
    assert data["role"] == {"id": "data-scientist", "title": "Data Scientist"}
    assert data["answers"]["python"] == 3 and data["answers"]["responsible-ai"] is None
    python = next(s for s in load_bundled().skills if s.id == "python")
    assert data["anchors"]["python"] == python.anchors[3] and data["anchors"]["responsible-ai"] is None
    assert data["date"] == datetime.date.today().isoformat()
    assert data["missing"] == ["experimentation", "llm-apps", "ai-security"]
    assert set(data["unsure"]) == {"responsible-ai", "experimentation", "llm-apps", "ai-security"}
    assert data["fit"][0]["role"] == "data-scientist"
    assert data["gaps"][0]["gap"] >= data["gaps"][-1]["gap"]
    assert data["stage"] == "mid"
    step = data["plan"]["steps"][0]
    assert (
        step["to"] == step["from"] + 1 and step["primary"]["author"] and step["primary"]["url"].startswith("https://")
    )
    assert data["plan"]["hours"] > 0 and data["plan"]["hours_are_estimates"] is True
    assert data["plan"]["weeks"] == math.ceil(data["plan"]["hours"] / 5)


def test_quiz_json_answers_file(run: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "answers.json", json.dumps(dict.fromkeys(SKILLS, 4)))
    data = json.loads(run("quiz", "-r", "researcher", "--answers", str(path), "--json").stdout)
    assert data["readiness"] == 100.0 and data["gaps"] == [] and data["plan"]["steps"] == []


def test_quiz_without_role_targets_the_best_fit(run: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "answers.yaml", ANSWERS_YAML)
    data = json.loads(run("quiz", "--answers", str(path), "--json").stdout)
    assert data["role"]["id"] == data["fit"][0]["role"] == "data-scientist"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("python: 3\npyton: 2\n", 2, "unknown key 'pyton' in the answers; did you mean 'python'?"),
        ("python: 7\n", 1, "the answer for 'python' is 7; it should be from 0 to 4"),
        ("python: -1\n", 1, "should be from 0 to 4"),
        ("python: no\n", 1, "not a true/false value (no)"),
        ("python: [1]\n", 1, "should be a whole number from 0 to 4, not a list"),
        ("python: 3\npython: 2\n", 2, "duplicate key 'python'"),
        ("python: [3\n", 2, "YAML syntax error"),
        ("- python\n", 1, "the answers should be a mapping"),
    ],
)
def test_bad_answers_exit_1_with_file_and_line(
    run: RunCli, tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    path = write(tmp_path, "answers.yaml", text)
    result = run("quiz", "-r", "mle", "--answers", str(path), code=1)
    assert result.stderr.startswith(f"mlcareer: error: {path}:{line}: "), result.stderr
    assert fragment in result.stderr and result.stderr.count("\n") == 1


def test_empty_or_missing_answers_file(run: RunCli, tmp_path: Path) -> None:
    empty = write(tmp_path, "empty.yaml", "")
    assert "is empty" in run("quiz", "--answers", str(empty), code=1).stderr
    assert "no such file" in run("quiz", "--answers", str(tmp_path / "nope.yaml"), code=1).stderr


@pytest.mark.parametrize("suffix", [".md", ".html", ".svg"])
def test_export(run: RunCli, tmp_path: Path, suffix: str) -> None:
    answers = write(tmp_path, "answers.yaml", ANSWERS_YAML)
    target = tmp_path / f"report{suffix}"
    result = run("quiz", "-r", "mle", "--answers", str(answers), "--export", str(target))
    assert f"wrote the report to {target}" in result.stderr
    text = target.read_text(encoding="utf-8").replace("&#160;", " ")
    assert "Machine Learning Engineer" in text and "60%" in text
    if suffix == ".md":
        assert text.startswith("# mlcareer quiz: Machine Learning Engineer (mid stage)\n")
        assert "- [ ] **1. " in text and "](<https://" in text
    elif suffix == ".html":
        assert text.lstrip().startswith("<!DOCTYPE html>")
    else:
        assert text.lstrip().startswith("<svg")
    assert not list(tmp_path.glob(".report*.tmp")), "no temporary file left behind"


def test_export_to_an_unknown_type_is_a_usage_error(run: RunCli, tmp_path: Path) -> None:
    result = run("quiz", "--answers", "x.yaml", "--export", str(tmp_path / "r.pdf"), code=2)
    assert "use a file ending in .md, .html, .svg or .json" in result.stderr


def test_html_export_escapes_data(run: RunCli, tmp_path: Path) -> None:
    user = write(
        tmp_path,
        "mine.yaml",
        "skills:\n  - id: python\n    name: <script>alert(1)</script>\n    description: d\n"
        "    anchors: [has a, has b, has c, has d, has e]\n",
    )
    answers = write(tmp_path, "answers.yaml", "python: 0\n")
    target = tmp_path / "r.html"
    run("--data", str(user), "quiz", "-r", "mle", "--answers", str(answers), "--export", str(target), "--no-save")
    html = target.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_quiz_unknown_role_exits_2(run: RunCli, tmp_path: Path) -> None:
    answers = write(tmp_path, "answers.yaml", ANSWERS_YAML)
    assert "unknown role 'pilot'" in run("quiz", "-r", "pilot", "--answers", str(answers), code=2).stderr


def test_quiz_without_a_terminal_names_the_answers_flag(run: RunCli) -> None:
    result = run("quiz", code=2)
    assert result.stderr == (
        "mlcareer: error: the quiz needs a terminal to ask its questions; give your answers with --answers FILE\n"
    )


def test_skills_lists_every_skill_with_anchors_prerequisites_and_links(run: RunCli) -> None:
    data = json.loads(run("skills", "--json").stdout)
    assert [s["id"] for s in data["skills"]] == SKILLS
    deep = next(s for s in data["skills"] if s["id"] == "deep-learning")
    assert len(deep["anchors"]) == 5
    assert {"skill": "ml-fundamentals", "level": 2, "at": 2} in deep["requires"]
    assert all(r["url"].startswith("https://") and r["levels"] for r in deep["resources"])
    text = " ".join(run("skills").stdout.split())
    assert "Before level 2: Machine learning fundamentals 2" in text
    assert "0: has not yet trained a neural network" in text


def test_the_template_from_the_command_is_read_back_unchanged(run: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "answers.yaml", run("quiz", "--template").stdout)
    data = json.loads(run("quiz", "-r", "mle", "--no-save", "--json", "--answers", str(path)).stdout)
    assert data["answers"] == dict.fromkeys(SKILLS) and data["missing"] == []


def test_a_resource_a_step_began_is_continued_not_restarted(run: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "answers.yaml", ANSWERS_YAML)
    out = " ".join(run("quiz", "-r", "mle", "--stage", "senior", "--no-save", "--answers", str(path)).stdout.split())
    assert "Continue with: Made With ML (begun in step" in out


@pytest.mark.parametrize("pace", ["0", "-2", "100"])
def test_a_pace_outside_1_to_80_hours_is_a_usage_error(run: RunCli, tmp_path: Path, pace: str) -> None:
    path = write(tmp_path, "answers.yaml", ANSWERS_YAML)
    result = run("quiz", "-r", "mle", "--answers", str(path), "--pace", pace, code=2)
    assert "--pace is hours a week" in result.stderr
