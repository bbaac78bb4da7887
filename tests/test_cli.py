"""Every command and format through Typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mlcareer import __version__
from mlcareer.aspects import BY_KEY as ASPECTS
from mlcareer.aspects import DEFAULT as DEFAULT_ASPECTS
from mlcareer.models import Catalog

from .conftest import ROOT, RunCli, write
from .test_loader import GOOD_ROLE

ESC = "\x1b"


def test_version(run: RunCli) -> None:
    assert run("--version").stdout.strip() == f"mlcareer {__version__}"


def test_roles_lists_ids_titles_aliases_and_summaries(run: RunCli) -> None:
    out = run("roles").stdout
    for text in ("ml-engineer", "Machine Learning", "mle", "data-scientist", "ds", "ai-researcher", "researcher"):
        assert text in out


def test_roles_json(run: RunCli) -> None:
    data = json.loads(run("roles", "--json").stdout)
    assert data["version"] == 1
    ids = ["ml-engineer", "data-scientist", "ai-researcher", "ai-engineer", "mlops-engineer"]
    assert [r["id"] for r in data["roles"]] == ids
    assert data["roles"][0]["aliases"][0] == "mle"


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("ml-engineer", "Machine Learning Engineer"),
        ("MLE", "Machine Learning Engineer"),
        ("Machine Learning Engineer", "Machine Learning Engineer"),
        ("data-scientist", "Data Scientist"),
        ("DS", "Data Scientist"),
        ("ai-researcher", "AI Researcher"),
        ("Researcher", "AI Researcher"),
    ],
)
def test_show_by_id_alias_or_title_in_any_case(run: RunCli, name: str, title: str) -> None:
    out = run("show", name).stdout
    assert out.startswith(title)
    for section in ("Overview", "Day-to-day work", "Skills", "Tools and languages", "Education and ways in"):
        assert section in out
    for section in ("Where they work", "Pay", "Outlook", "Common challenges", "Debates", "Where it is heading"):
        assert section in out


def test_show_mle_carries_the_article(run: RunCli) -> None:
    out = " ".join(run("show", "mle").stdout.split())
    for text in (
        "2015-2017",
        '$100,000-$150,000 a year (The article "Machine Learning Engineers | Don\'t Miss That Window", undated; '
        "the article's claim)",
        "Dario Roda",
        "How the role came about",
    ):
        assert text in out
    assert "$140,910 a year (US BLS, Occupational Outlook Handbook, 2024; official statistic" in out
    assert (
        "https://www.bls.gov/ooh/computer-and-information-technology/computer-and-information-research-scientists.htm"
        in out
    )
    assert "seed" not in out.lower()


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_show_formats(run: RunCli, fmt: str) -> None:
    out = run("show", "ds", "--format", fmt).stdout
    if fmt == "json":
        data = json.loads(out)
        assert data["role"]["id"] == "data-scientist"
        pay = next(s for s in data["sections"] if s["title"] == "Pay")
        assert pay["figures"][0]["source"] and pay["figures"][0]["year"] == 2024
    else:
        assert out.startswith("# Data Scientist\n")
        assert "## Skills" in out and "| Skill | Importance | Entry | Mid | Senior |" in out


@pytest.mark.parametrize(("command", "name"), [("show", "pilot"), ("compare", "astronaut")])
def test_unknown_role_exits_2_with_one_line(run: RunCli, command: str, name: str) -> None:
    result = run(command, name, code=2)
    assert result.stdout == ""
    assert result.stderr == f"mlcareer: error: unknown role '{name}'\n"


@pytest.mark.parametrize(("name", "hint"), [("ml-enginer", "ml-engineer"), ("data-scientst", "data-scientist")])
def test_unknown_role_suggests_the_closest(run: RunCli, name: str, hint: str) -> None:
    result = run("show", name, code=2)
    assert result.stderr == f"mlcareer: error: unknown role '{name}'; did you mean '{hint}'?\n"


def test_compare_defaults_to_the_articles_three_roles(run: RunCli) -> None:
    data = json.loads(run("compare", "--json").stdout)
    assert [r["id"] for r in data["roles"]] == ["ml-engineer", "data-scientist", "ai-researcher"]
    every = json.loads(run("compare", "--all", "--json").stdout)
    assert [r["id"] for r in every["roles"]] == [
        "ml-engineer",
        "data-scientist",
        "ai-researcher",
        "ai-engineer",
        "mlops-engineer",
    ]
    assert list(dict.fromkeys(r["aspect"] for r in data["rows"])) == list(DEFAULT_ASPECTS)


def test_compare_table_shows_every_default_aspect_and_sources(run: RunCli) -> None:
    out = run("compare", env={"COLUMNS": "200"}).stdout
    for aspect in DEFAULT_ASPECTS:
        assert ASPECTS[aspect].label in out
    assert "Sources:" in out and "[1] US BLS, Occupational Outlook Handbook, 2024; official statistic" in out
    assert "The article \"Machine Learning Engineers | Don't Miss That Window\", undated; the article's claim" in out
    assert "●●●●" in out and "○" in out


def test_compare_chosen_roles_and_aspects(run: RunCli) -> None:
    data = json.loads(run("compare", "ds", "MLE", "--aspect", "pay", "-a", "Daily_Work", "--json").stdout)
    assert [r["id"] for r in data["roles"]] == ["data-scientist", "ml-engineer"]
    assert [r["aspect"] for r in data["rows"]] == ["pay", "daily-work"]
    pay = data["rows"][0]["cells"]["ml-engineer"]["figures"]
    assert {"label", "value", "source", "year", "note"} <= set(pay[0])


def test_compare_all_aspects(run: RunCli) -> None:
    data = json.loads(run("compare", "-a", "all", "--format", "json").stdout)
    assert list(dict.fromkeys(r["aspect"] for r in data["rows"])) == list(ASPECTS)


def test_compare_skill_rows_carry_levels(run: RunCli) -> None:
    data = json.loads(run("compare", "-a", "skills", "--json").stdout)
    mlops = next(r for r in data["rows"] if r["skill"] == "mlops")
    assert mlops["cells"]["ml-engineer"] == {"text": [], "figures": [], "level": 3, "importance": 5, "points": []}
    assert mlops["cells"]["ai-researcher"]["level"] == 1
    assert data["stage"] == "mid"


@pytest.mark.parametrize(("stage", "level"), [("entry", 2), ("mid", 3), ("senior", 4)])
def test_compare_shows_the_levels_of_the_chosen_stage(run: RunCli, stage: str, level: int) -> None:
    data = json.loads(run("compare", "mle", "-a", "skills", "--stage", stage, "--json").stdout)
    mlops = next(r for r in data["rows"] if r["skill"] == "mlops")
    assert (data["stage"], mlops["cells"]["ml-engineer"]["level"]) == (stage, level)
    title = run("compare", "mle", "-a", "skills", "--stage", stage).stdout.splitlines()[0]
    assert title == f"Compared at the {stage} career stage (--stage entry|mid|senior)"


def test_compare_unknown_aspect_exits_2(run: RunCli) -> None:
    result = run("compare", "--aspect", "salary", code=2)
    assert result.stderr.startswith("mlcareer: error: unknown aspect 'salary'; choose from: focus,")


def test_compare_markdown(run: RunCli) -> None:
    out = run("compare", "-a", "pay", "-a", "skills", "--format", "markdown").stdout
    lines = out.splitlines()
    assert lines[0] == "Compared at the mid career stage."
    assert lines[2] == "| Aspect | Machine Learning Engineer | Data Scientist | AI Researcher |"
    assert lines[3] == "|---|---|---|---|"
    assert all(line.count(" | ") == 3 for line in lines[4:] if line.startswith("| "))
    assert "| Skill: MLOps and model deployment | ●●●○ 3/4<br>importance 5/5 |" in out
    assert "Sources:" in out and '1. The article "Machine Learning Engineers | Don\'t Miss That Window", undated' in out


def test_compare_csv_has_one_row_per_fact_and_numbers_in_their_own_columns(run: RunCli, bundled: Catalog) -> None:
    out = run("compare", "-a", "pay", "-a", "skills", "-a", "debates", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    mle = next(r for r in bundled.roles if r.id == "ml-engineer")
    pay = [r for r in rows if r["aspect"] == "pay" and r["role"] == "ml-engineer"]
    assert [r["figure"] for r in pay] == [f.label for f in mle.pay.figures]
    median = next(r for r in pay if r["year"] == "2024")
    assert (median["low"], median["high"], median["currency"], median["per"]) == ("140910", "140910", "USD", "year")
    article = pay[0]
    assert (article["low"], article["high"], article["year"], article["kind"]) == ("100000", "150000", "", "article")
    every = list(csv.DictReader(io.StringIO(run("compare", "--all", "-a", "pay", "--format", "csv").stdout)))
    wanted = [str(f.verified).lower() for role in bundled.roles for f in role.pay.figures]
    assert [r["verified"] for r in every] == wanted and set(wanted) == {"true", "false"}
    mlops = next(r for r in rows if r["skill"] == "mlops" and r["role"] == "ml-engineer")
    assert (mlops["level"], mlops["importance"], mlops["stage"], mlops["text"]) == ("3", "5", "mid", "")
    debates = [(r["title"], r["text"]) for r in rows if r["aspect"] == "debates" and r["role"] == "ml-engineer"]
    assert debates == [(d.topic, d.text) for d in mle.debates]
    assert all(None not in r.values() and len(r) == len(rows[0]) for r in rows)


def test_compare_the_same_role_twice_shows_it_once(run: RunCli) -> None:
    data = json.loads(run("compare", "mle", "ml-engineer", "--json").stdout)
    assert [r["id"] for r in data["roles"]] == ["ml-engineer"]


def test_data_option_merges_roles(run: RunCli, tmp_path: Path) -> None:
    user = write(tmp_path, "mine.yaml", GOOD_ROLE)
    out = run("--data", str(user), "roles", "--json").stdout
    assert [r["id"] for r in json.loads(out)["roles"]][-1] == "ml-compiler-engineer"
    assert "ML Compiler Engineer" in run("--data", str(user), "compare", "mlce", "ds").stdout


def test_data_from_environment(run: RunCli, tmp_path: Path) -> None:
    user = write(tmp_path, "mine.yaml", GOOD_ROLE.replace("id: ml-compiler-engineer", "id: ml-engineer"))
    out = run("show", "ml-engineer", "--format", "json", env={"MLCAREER_DATA": str(user)}).stdout
    assert json.loads(out)["role"]["title"] == "ML Compiler Engineer"


def test_bad_data_file_is_one_line_exit_1(run: RunCli, tmp_path: Path) -> None:
    user = write(
        tmp_path,
        "mine.yaml",
        GOOD_ROLE.replace(
            "importance: 5, entry: 4, mid: 4, senior: 4}\n      - {skill: cloud",
            "importance: 5, entry: 9, mid: 4, senior: 4}\n      - {skill: cloud",
        ).replace("title: ML Compiler Engineer", "title: yes"),
    )
    result = run("--data", str(user), "compare", code=1)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"mlcareer: error: {user}:3: ")
    assert "(and 1 more problem; run 'mlcareer validate FILE' for all)" in result.stderr


def test_missing_data_file_is_exit_1(run: RunCli, tmp_path: Path) -> None:
    result = run("--data", str(tmp_path / "nope.yaml"), "roles", code=1)
    assert result.stderr == f"mlcareer: error: {tmp_path / 'nope.yaml'}: no such file\n"


def test_validate_good_file(run: RunCli, tmp_path: Path) -> None:
    user = write(tmp_path, "mine.yaml", GOOD_ROLE)
    assert run("validate", str(user)).stdout == f"{user}: ok (1 role, 0 skills)\n"


def test_validate_bundled_files(run: RunCli) -> None:
    out = run("validate", str(ROOT / "data" / "skills.yaml"), str(ROOT / "data" / "roles.yaml")).stdout
    assert "skills.yaml: ok (0 roles, 17 skills)" in out and "roles.yaml: ok (5 roles, 0 skills)" in out


def test_validate_reports_every_problem_and_exits_1(run: RunCli, tmp_path: Path) -> None:
    bad = (
        GOOD_ROLE.replace(
            "importance: 5, entry: 4, mid: 4, senior: 4}\n      - {skill: cloud",
            "importance: 5, entry: 9, mid: 4, senior: 4}\n      - {skill: cloud",
        )
        .replace("title: ML Compiler Engineer", "title: yes")
        .replace("skill: cloud", "skill: x")
    )
    user = write(tmp_path, "mine.yaml", bad)
    good = write(tmp_path, "good.yaml", GOOD_ROLE)
    result = run("validate", str(user), str(good), code=1)
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    assert all(line.startswith(f"{user}:") for line in lines)
    assert [line.split(":")[1] for line in lines] == ["3", "9", "10"], lines
    assert f"{good}: ok" in result.stdout


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mlcareer", "compare", "ds", "-a", "focus"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Data Scientist" in result.stdout and ESC not in result.stdout


def test_piped_output_and_no_color_carry_no_escape_codes(tmp_path: Path) -> None:
    import os

    for extra in ({}, {"NO_COLOR": "1", "FORCE_COLOR": "1"}):
        env = {**os.environ, "COLUMNS": "80", **extra}
        for args in (["compare"], ["show", "mle"], ["roles"]):
            out = subprocess.run(
                [sys.executable, "-m", "mlcareer", *args], capture_output=True, text=True, env=env, check=True
            ).stdout
            assert ESC not in out, (args, extra)


def test_shell_completion_is_offered(run: RunCli) -> None:
    assert "--install-completion" in run("--help").stdout


OLD_FIGURE = (
    GOOD_ROLE
    + """    pay:
      summary: S
      figures:
        - {label: Median pay, value: "$1", source: US BLS, kind: official, year: 2019, url: "https://www.bls.gov/"}
"""
)


def test_a_figure_older_than_three_years_is_marked_and_validate_warns(run: RunCli, tmp_path: Path) -> None:
    import datetime

    user = write(tmp_path, "mine.yaml", OLD_FIGURE)
    result = run("validate", str(user))
    assert result.stdout == f"{user}: ok (1 role, 0 skills)\n"
    assert result.stderr == (
        f"mlcareer: warning: {user}: role 'ml-compiler-engineer': 'Median pay' is from 2019; look for a newer edition\n"
    )
    shown = " ".join(run("--data", str(user), "show", "mlce").stdout.split())
    assert datetime.date.today().year - 2019 > 3
    assert "(US BLS, 2019, may be out of date; official statistic, unverified https://www.bls.gov/)" in shown
    compared = " ".join(run("--data", str(user), "compare", "mlce", "mle", "-a", "pay").stdout.split())
    assert (
        "US BLS, 2019, may be out of date" in compared and "Occupational Outlook Handbook, 2024; official" in compared
    )


def test_the_validate_hint_after_a_bad_answers_file_leads_to_every_problem(run: RunCli, tmp_path: Path) -> None:
    answers = write(tmp_path, "answers.yaml", "python: 7\npyton: 2\nmlops: lots\n")
    quiz = run("quiz", "--role", "mle", "--answers", str(answers), "--no-save", code=1)
    first = f"{answers}:1: the answer for 'python' is 7; it should be from 0 to 4"
    assert quiz.stderr == f"mlcareer: error: {first} (and 2 more problems; run 'mlcareer validate FILE' for all)\n"
    checked = run("validate", str(answers), code=1)
    assert checked.stdout == ""
    assert checked.stderr.splitlines() == [
        first,
        f"{answers}:2: unknown key 'pyton' in the answers; did you mean 'python'?",
        f"{answers}:3: the answer for 'mlops' should be a whole number from 0 to 4, not 'lots'",
    ]


def test_validate_says_a_good_answers_file_is_ok(run: RunCli, bundled: Catalog) -> None:
    example = ROOT / "examples" / "answers.yaml"
    result = run("validate", str(example))
    lines = [line for line in example.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    unsure = sum(1 for line in lines if line.endswith(": unsure"))
    assert unsure  # NOTE: the example shows "not sure yet"; the count below must then say so
    expected = f"quiz answers for {len(lines)} of {len(bundled.skills)} skills, {unsure} not sure yet"
    assert result.stdout == f"{example}: ok ({expected})\n"


def test_skills_named_show_only_those_by_id_or_name(run: RunCli) -> None:
    data = json.loads(run("skills", "mlops", "python programming", "mlops", "--json").stdout)
    assert [s["id"] for s in data["skills"]] == ["mlops", "python"]
    text = run("skills", "python").stdout
    assert text.startswith("Python programming (python)") and "(mlops)" not in text


def test_an_unknown_skill_exits_2_with_the_closest(run: RunCli) -> None:
    result = run("skills", "mlopz", code=2)
    assert result.stderr == "mlcareer: error: unknown skill 'mlopz'; did you mean 'mlops'?\n"
