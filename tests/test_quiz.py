"""Quiz scoring (properties and worked examples), answers files, reports and exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlcareer.catalog import find_role, load_bundled
from mlcareer.models import Catalog, Role, RoleSkill
from mlcareer.quiz import fit, gaps, plan, readiness, score

from .conftest import RunCli, write

CATALOG = load_bundled()
SKILLS = [s.id for s in CATALOG.skills]
ROLES = st.sampled_from(CATALOG.roles)
ANSWERS = st.fixed_dictionaries({s: st.one_of(st.none(), st.integers(0, 4)) for s in SKILLS})


@given(ROLES, ANSWERS)
def test_readiness_stays_within_0_and_100(role: Role, answers: dict[str, int | None]) -> None:
    assert 0.0 <= readiness(role, answers) <= 100.0


@given(ROLES, ANSWERS, st.sampled_from(SKILLS), st.integers(1, 4))
def test_readiness_never_drops_when_an_answer_rises(
    role: Role, answers: dict[str, int | None], skill: str, step: int
) -> None:
    before = readiness(role, answers)
    raised = {**answers, skill: min(4, (answers[skill] or 0) + step)}
    assert readiness(role, raised) >= before


@given(ROLES, st.data())
def test_readiness_is_100_when_every_answer_meets_its_requirement(role: Role, data: st.DataObject) -> None:
    answers = {r.skill: data.draw(st.integers(r.level, 4)) for r in role.skills}
    assert readiness(role, answers) == 100.0
    assert gaps(CATALOG, role, answers) == ()


@given(ROLES, st.sampled_from([0, None]))
def test_readiness_is_0_when_every_answer_is_0_or_unsure(role: Role, value: int | None) -> None:
    assert readiness(role, dict.fromkeys(SKILLS, value)) == 0.0


@given(ANSWERS)
def test_fit_ranks_every_role_best_first(answers: dict[str, int | None]) -> None:
    ranked = fit(CATALOG, answers)
    assert {f.role for f in ranked} == {r.id for r in CATALOG.roles}
    assert [f.readiness for f in ranked] == sorted((f.readiness for f in ranked), reverse=True)


@given(ROLES, ANSWERS)
def test_gaps_are_ranked_largest_first_and_sized_by_importance(role: Role, answers: dict[str, int | None]) -> None:
    found = gaps(CATALOG, role, answers)
    sizes = [g.size for g in found]
    assert sizes == sorted(sizes, reverse=True)
    for gap in found:
        need = role.requirement(gap.skill)
        assert need is not None
        assert gap.size == need.importance * (need.level - (answers[gap.skill] or 0)) > 0


def test_worked_example() -> None:
    """Two skills: importance 5 needs level 4, importance 1 needs level 2; answers 2 and 3."""
    role = Role("r", "R", "s", "f", "o", (RoleSkill("mlops", 4, 5), RoleSkill("python", 2, 1)))
    catalog = Catalog(roles=(role,), skills=CATALOG.skills)
    answers = {"mlops": 2, "python": 3}
    # (5 x min(2, 4) + 1 x min(3, 2)) / (5 x 4 + 1 x 2) = 12 / 22
    assert readiness(role, answers) == 54.5
    result = score(catalog, role, answers)
    assert [(g.skill, g.size) for g in result.gaps] == [("mlops", 10)]
    assert [g.skill for g in result.strengths] == ["python"]
    assert result.plan[0].milestone == catalog.skill("mlops").anchors[3]
    assert set(result.unsure) == set(SKILLS) - {"mlops", "python"}


def test_plan_counts_a_shared_resource_once() -> None:
    role = find_role(CATALOG, "mle")
    top = gaps(CATALOG, role, {})[:5]
    steps, hours = plan(CATALOG, top)
    distinct = {(r.title, r.author): r.hours for s in steps for r in s.resources}
    assert hours == sum(distinct.values())
    assert hours < sum(r.hours for s in steps for r in s.resources), "Made With ML appears under two skills"
    assert all(1 <= len(s.resources) <= 3 for s in steps)


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
    assert out.startswith("Readiness for Machine Learning Engineer: 52%\n")
    for heading in ("Fit for every role", "Biggest gaps for Machine Learning Engineer", "Strengths", "Learning plan"):
        assert heading in out
    assert "Not sure yet (scored as 0)" in out and "Responsible AI" in out
    assert "Milestone: has served a model behind a small API, with a test for it" in out
    assert "scored as 'not sure yet': experimentation" in result.stderr


def test_quiz_json_shape(run: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "answers.yaml", ANSWERS_YAML)
    data = json.loads(run("quiz", "-r", "ds", "--answers", str(path), "--json").stdout)
    assert list(data) == [
        "version",
        "role",
        "readiness",
        "answers",
        "unsure",
        "missing",
        "fit",
        "gaps",
        "strengths",
        "plan",
    ]
    assert data["role"] == {"id": "data-scientist", "title": "Data Scientist"}
    assert data["answers"]["python"] == 3 and data["answers"]["responsible-ai"] is None
    assert data["missing"] == ["experimentation"] and set(data["unsure"]) == {"responsible-ai", "experimentation"}
    assert data["fit"][0]["role"] == "data-scientist"
    assert data["gaps"][0]["gap"] >= data["gaps"][-1]["gap"]
    step = data["plan"]["steps"][0]
    assert step["to"] == step["from"] + 1 and step["resources"][0]["author"]
    assert data["plan"]["hours"] > 0


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
    assert "Machine Learning Engineer" in text and "52%" in text
    if suffix == ".md":
        assert text.startswith("# mlcareer quiz: Machine Learning Engineer\n")
        assert "- [ ] Designing Machine Learning Systems" in text
    elif suffix == ".html":
        assert text.lstrip().startswith("<!DOCTYPE html>")
    else:
        assert text.lstrip().startswith("<svg")
    assert not list(tmp_path.glob(".report*.tmp")), "no temporary file left behind"


def test_export_to_an_unknown_type_is_a_usage_error(run: RunCli, tmp_path: Path) -> None:
    result = run("quiz", "--answers", "x.yaml", "--export", str(tmp_path / "r.pdf"), code=2)
    assert "use a file ending in .md, .html or .svg" in result.stderr


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
