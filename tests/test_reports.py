"""Exports as documents: HTML self-contained and escaped, SVG offline, JSON as --json, Markdown dated."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

from mlcareer.catalog import load_bundled
from mlcareer.render.parts import long_date

from .conftest import ROOT, RunCli, write

PERSONA = ROOT / "tests" / "personas" / "backend-engineer.yaml"
POSTING = ROOT / "tests" / "postings" / "17-ai-engineer-mid-hubspot.txt"
QUIZ = ["quiz", "-r", "mle", "--stage", "mid", "--answers", str(PERSONA)]
MATCH = ["match", str(POSTING), "--answers", str(PERSONA)]
ANCHORS = {s.id: s.anchors for s in load_bundled().skills}


@pytest.mark.parametrize("command", [QUIZ, MATCH, ["plan"]], ids=["quiz", "match", "plan"])
def test_a_json_export_is_what_json_prints(run: RunCli, tmp_path: Path, command: list[str]) -> None:
    if command == ["plan"]:
        run(*QUIZ)
    printed = run(*command, "--json").stdout
    target = tmp_path / "report.json"
    run(*command, "--export", str(target))
    assert target.read_text(encoding="utf-8") == printed
    assert json.loads(printed)["date"] == datetime.date.today().isoformat()


def test_the_svg_export_needs_no_network(run: RunCli, tmp_path: Path) -> None:
    for command in (QUIZ, MATCH):
        target = tmp_path / f"{command[0]}.svg"
        run(*command, "--export", str(target))
        svg = target.read_text(encoding="utf-8")
        style = svg.split("<style>", 1)[1].split("</style>", 1)[0]
        assert "@font-face" not in svg and "http" not in style, "no web font"
        assert not re.search(r"url\(\s*['\"]?https?:", svg), "nothing is fetched"
        assert re.search(r'font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas', style)
        assert "┏" in svg and "textLength" in svg, "box tables are drawn with each run placed at its column"


def test_the_html_report_is_one_self_contained_document(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    run(*QUIZ, "--export", str(target))
    page = target.read_text(encoding="utf-8")
    assert page.count("<style>") == 1 and "<script" not in page and "<link" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//[^"']*\.(css|js|woff2?|ttf)""", page)
    assert "@font-face" not in page and "@import" not in page and "@media print" in page
    assert "prefers-color-scheme:dark" in page
    assert (
        f"<title>mlcareer quiz: Machine Learning Engineer (mid stage), {long_date(datetime.date.today())}</title>"
        in page
    )
    assert 'role="img" aria-labelledby="chart-levels-cap"' in page and '<figcaption id="chart-levels-cap">' in page
    assert ANCHORS["python"][3] in page, "the sentence picked for each answer"
    assert '<a href="https://developers.google.com/machine-learning/crash-course">' in page
    assert "one saved result for Machine Learning Engineer at the mid stage" in page, "one result: no trend to draw"
    assert "<polyline" not in page
    run(*QUIZ, "--export", str(target), "--force")
    assert "<polyline" in target.read_text(encoding="utf-8"), "two results: the trend is drawn"


HOSTILE = '<img src=x onerror=alert(1)> "quoted" & \x1b[31m'


def test_every_report_escapes_posting_and_data_text(run: RunCli, tmp_path: Path) -> None:
    posting = write(tmp_path, "p.txt", f"{HOSTILE} Engineer\nRequirements:\n- Python, Kubernetes and <b>Docker</b>\n")
    answers = write(tmp_path, "a.yaml", "python: 1\n")
    target = tmp_path / "m.html"
    run("match", str(posting), "--answers", str(answers), "--export", str(target))
    page = target.read_text(encoding="utf-8")
    assert "<img" not in page and "<b>" not in page and "\x1b" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp;" in page


def test_markdown_exports_carry_the_date_the_answers_and_the_plan(run: RunCli, tmp_path: Path) -> None:
    today = long_date(datetime.date.today())
    quiz_md, match_md, plan_md = (tmp_path / name for name in ("q.md", "m.md", "p.md"))
    run(*QUIZ, "--export", str(quiz_md))
    run(*MATCH, "--export", str(match_md))
    run("plan", "--export", str(plan_md))
    for path in (quiz_md, match_md):
        text = path.read_text(encoding="utf-8")
        assert f"\n{today}\n" in text and "## Your answers" in text and "- [ ] **1. " in text
        assert f"| Python programming | 3 of 4 | {ANCHORS['python'][3]} |" in text
    assert f"\n{today}\n" in plan_md.read_text(encoding="utf-8")


def test_an_export_is_shared_as_the_umask_allows_and_keeps_a_replaced_files_mode(run: RunCli, tmp_path: Path) -> None:
    import os
    import stat

    answers = ROOT / "tests" / "personas" / "backend-engineer.yaml"
    report = tmp_path / "r.md"
    mask = os.umask(0o022)
    try:
        run("quiz", "--answers", str(answers), "--export", str(report))
        assert stat.S_IMODE(report.stat().st_mode) == 0o644
        report.chmod(0o600)
        run("quiz", "--answers", str(answers), "--export", str(report), "--force")
        assert stat.S_IMODE(report.stat().st_mode) == 0o600
    finally:
        os.umask(mask)
