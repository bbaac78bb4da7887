"""Every `$ mlcareer ...` example in the README is run, and what it shows must match the output.

An example is an indented block whose first line is `$ mlcareer ...`; the lines after it are the
output it shows, where a line `...` stands for any number of lines left out. Each run of lines
between two `...` must appear in the real output, whole and in order. Run at COLUMNS=80 from the
repository's root (examples may name files under `examples/`).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from .conftest import ROOT, RunCli

README = (ROOT / "README.md").read_text(encoding="utf-8")
PROMPT = re.compile(r"^    \$ (mlcareer .*)$")
UNCHECKED = {
    "mlcareer history": "shows the dates of past quizzes, which differ on every machine",
    "mlcareer plan done 1": "needs a kept plan (tests/test_plan.py covers it)",
    "mlcareer plan": "shows the date the plan was kept and a finish date counted from today",
}


def examples() -> list[tuple[str, list[str]]]:
    """(command, shown output lines) for each example block of the README."""
    found: list[tuple[str, list[str]]] = []
    lines = README.splitlines()
    for index, line in enumerate(lines):
        match = PROMPT.match(line)
        if not match:
            continue
        shown: list[str] = []
        for after in lines[index + 1 :]:
            if PROMPT.match(after) or after.startswith("    $ ") or (after and not after.startswith("    ")):
                break
            shown.append(after[4:].rstrip())
        while shown and not shown[-1]:
            shown.pop()
        found.append((match.group(1), shown))
    return found


def segments(shown: list[str]) -> list[list[str]]:
    """The shown lines split at each `...`."""
    out: list[list[str]] = [[]]
    for line in shown:
        if line.strip() == "...":
            out.append([])
        else:
            out[-1].append(line)
    return [s for s in out if s]


def contains_in_order(actual: list[str], parts: list[list[str]]) -> str | None:
    """None when each part stands whole in `actual`, in order; else the first part that does not."""
    start = 0
    for part in parts:
        for at in range(start, len(actual) - len(part) + 1):
            if actual[at : at + len(part)] == part:
                start = at + len(part)
                break
        else:
            return "\n".join(part)
    return None


EXAMPLES = examples()


def test_the_readme_has_examples_for_the_main_commands() -> None:
    commands = {shlex.split(command)[1] for command, _ in EXAMPLES}
    assert {"roles", "show", "compare", "faq", "quiz", "history"} <= commands


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_matches_the_output(
    run: RunCli, monkeypatch: pytest.MonkeyPatch, command: str, shown: list[str]
) -> None:
    if command in UNCHECKED:
        pytest.skip(UNCHECKED[command])
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)[1:]
    code = 2 if any("error: unknown role" in line for line in shown) else 0
    result = run(*args, code=code)
    actual = [line.rstrip() for line in result.output.splitlines()]
    missing = contains_in_order(actual, segments(shown))
    assert missing is None, f"README shows lines that `{command}` does not print:\n{missing}\n---\n{result.output}"


def test_the_example_answers_file_exists() -> None:
    assert (Path(ROOT) / "examples" / "answers.yaml").is_file()
