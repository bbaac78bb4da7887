"""The README's promises: its first commands, every command documented, CI runs the test command."""

from __future__ import annotations

import re

from mlcareer.cli import app

from .conftest import ROOT, RunCli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return [line.strip() for line in README.splitlines() if line.startswith("    python3 -m venv")]


def test_readme_starts_with_the_two_set_up_commands() -> None:
    first_lines = README.splitlines()[:10]
    install, test = _commands()[:2]
    assert f"    {install}" in first_lines and f"    {test}" in first_lines
    assert install.endswith("mlcareer compare") and "pip install ." in install
    assert "'.[test]'" in test and test.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1] in ci.splitlines()
    for lint in ("ruff check .", "ruff format --check .", "mypy"):
        assert lint in ci


def test_every_command_has_help_and_a_readme_section(run: RunCli) -> None:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for name in names:
        help_text = run(name, "--help").stdout
        assert "Example" in help_text, f"{name} --help has no example"
        assert re.search(rf"`mlcareer {name}\b", README), f"README does not show `mlcareer {name}`"


def test_readme_lists_exit_codes() -> None:
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 130 |"):
        assert code in README
