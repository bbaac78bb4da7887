"""Strings from data files stay inert: no markup, no control sequences, no spreadsheet formulas."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlcareer.text import clean, csv_cell

from .conftest import RunCli, write

MARKUP = "[bold red]LOUD[/bold red] [link=https://evil.example]click[/link]"
# YAML double-quoted escapes: ESC colour, OSC 8 link, OSC 52 clipboard write, BEL, backspace,
# carriage return, C1 CSI, and a right-to-left override.
ESCAPES = (
    r"\e[31mred\e[0m \e]8;;https://evil.example\aLINK\e]8;;\a \e]52;c;cHduZWQ=\a bell\a back\b cr\r c1\x9b2J \u202Eevil"
)
INJECTED = ["\x1b[31m", "\x1b]8;;", "\x1b]52", "\x07", "\x08", "\r", "\x9b", "\u202e"]

HOSTILE_ROLE = f"""\
skills:
  - id: python
    name: "Py {ESCAPES}"
    description: "{MARKUP}"
    anchors: ["has a {ESCAPES}", "has b [red]x[/red]", has c, has d, has e]
roles:
  - id: evil-role
    title: "=HYPERLINK(\\"https://evil.example\\") {ESCAPES}"
    aliases: [evil]
    summary: "{MARKUP} {ESCAPES}"
    focus: "+SUM(A1) {MARKUP}"
    overview: "@cmd {ESCAPES}"
    daily_work: ["-2+3 {ESCAPES}", "{MARKUP}"]
    skills:
      - {{skill: python, importance: 5, entry: 3, mid: 4, senior: 4}}
    pay:
      summary: "{MARKUP}"
      figures:
        - {{label: "{MARKUP}", value: "{ESCAPES}", source: "{MARKUP}", year: 2024, kind: official, note: "{ESCAPES}"}}
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return write(tmp_path, "evil.yaml", HOSTILE_ROLE)


def assert_inert(text: str) -> None:
    for sequence in INJECTED:
        assert sequence not in text, f"{sequence!r} reached the output"
    assert "\x1b" not in text


COMMANDS = [
    ["roles"],
    ["roles", "--json"],
    ["show", "evil"],
    ["show", "evil", "--format", "markdown"],
    ["show", "evil", "--json"],
    ["compare", "evil", "mle"],
    ["compare", "evil", "-a", "all", "--format", "markdown"],
    ["compare", "evil", "-a", "all", "--json"],
    ["compare", "evil", "-a", "all", "--format", "csv"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_data_strings_are_shown_literally_and_without_control_characters(
    run: RunCli, hostile: Path, args: list[str]
) -> None:
    out = run("--data", str(hostile), *args).stdout
    assert_inert(out)
    if "--json" not in args:
        flat = " ".join(out.split())
        assert "LOUD" in flat and "[bold" in out, "markup is printed literally"


def test_json_keeps_markup_as_text(run: RunCli, hostile: Path) -> None:
    data = json.loads(run("--data", str(hostile), "roles", "--json").stdout)
    evil = next(r for r in data["roles"] if r["id"] == "evil-role")
    assert evil["summary"].startswith(MARKUP)
    assert "\\u001b" not in json.dumps(data)


def test_terminal_output_carries_only_our_own_styling(hostile: Path, tmp_path: Path) -> None:
    env = {**os.environ, "MLCAREER_DATA": str(hostile), "FORCE_COLOR": "1", "TTY_COMPATIBLE": "1", "COLUMNS": "120"}
    env["MLCAREER_CACHE"] = str(tmp_path / "cache")
    for args in (["show", "evil"], ["compare", "evil", "-a", "all"], ["roles"]):
        out = subprocess.run(
            [sys.executable, "-m", "mlcareer", *args], env=env, capture_output=True, text=True, check=True
        )
        assert "\x1b[1m" in out.stdout, "styled output, as in a terminal"
        for sequence in INJECTED:
            assert sequence not in out.stdout, (args, sequence)
        assert "[bold red]LOUD" in out.stdout


def test_csv_cells_never_start_a_formula(run: RunCli, hostile: Path) -> None:
    rows = list(
        csv.reader(io.StringIO(run("--data", str(hostile), "compare", "evil", "-a", "all", "-f", "csv").stdout))
    )
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    title = rows[0].index("role_title")
    assert rows[1][title].startswith("'=HYPERLINK(")


def test_quiz_report_and_exports_are_inert(run: RunCli, hostile: Path, tmp_path: Path) -> None:
    answers = write(tmp_path, "answers.yaml", "python: 1\n")
    common = ["--data", str(hostile), "quiz", "-r", "evil", "--answers", str(answers), "--no-save"]
    assert_inert(run(*common).stdout)
    assert_inert(run(*common, "--json").stdout)
    for suffix in (".md", ".html", ".svg"):
        target = tmp_path / f"report{suffix}"
        run(*common, "--export", str(target))
        text = target.read_text(encoding="utf-8")
        assert_inert(text)
        if suffix == ".html":
            assert 'href="http' not in text, "no link is made from data (the only links are the page's own contents)"
            assert "<a href=" in text and all(part.startswith('"#') for part in text.split("href=")[1:])
            assert "Py [31mred[0m" in text, "the skill name is shown as text, escape characters removed"


def test_validate_messages_are_cleaned(run: RunCli, tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", 'roles:\n  - "\\e]52;c;cHduZWQ=\\a"\n')
    result = run("validate", str(bad), code=1)
    assert_inert(result.stderr)


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("\x1b[2Jclear", "[2Jclear"),
        ("a\x07b\x08c\rd", "abcd"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("\u202eevil\u2066", "evil"),
        ("\x9b31m", "31m"),
    ],
)
def test_clean(raw: str, safe: str) -> None:
    assert clean(raw) == safe


@pytest.mark.parametrize(
    ("raw", "safe"), [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("ok", "ok")]
)
def test_csv_cell(raw: str, safe: str) -> None:
    assert csv_cell(raw) == safe
