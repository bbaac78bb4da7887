"""Long output goes through a pager in a real terminal, as git does; never when piped or with --no-pager."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import pytest

from mlcareer.render.console import pager_command

MLCAREER = f"{shlex.quote(sys.executable)} -m mlcareer"


def fake_pager(tmp_path: Path) -> Path:
    """A pager that records it ran, the LESS it was given and the text it was fed."""
    script = tmp_path / "pager.sh"
    script.write_text('#!/bin/sh\necho "LESS=$LESS" > "$0.ran"\ncat >> "$0.ran"\n', encoding="utf-8")
    script.chmod(0o755)
    return script


def in_terminal(command: str, env: dict[str, str]) -> str:
    """Run a shell command in a pseudo-terminal; what the terminal showed (exit 0 asserted)."""
    pexpect = pytest.importorskip("pexpect")
    output, status = pexpect.run(
        f"/bin/sh -c {shlex.quote(command)}", env=env, withexitstatus=True, encoding="utf-8", timeout=20
    )
    assert status == 0, output
    return str(output)


def terminal_env(tmp_path: Path, pager: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "MLCAREER_HOME": str(tmp_path), "TERM": "xterm", "PAGER": str(pager), **extra}
    env.pop("_TYPER_FORCE_DISABLE_TERMINAL", None)
    if "LESS" not in extra:
        env.pop("LESS", None)
    return env


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    ("args", "shown"),
    [
        ("show mle", "Machine Learning Engineer"),
        ("compare", "Sources:"),
        ("faq --all", "Do I need a PhD"),
        ("skills", "Python programming"),
    ],
)
def test_long_output_in_a_terminal_goes_through_the_pager(tmp_path: Path, args: str, shown: str) -> None:
    pager = fake_pager(tmp_path)
    screen = in_terminal(f"{MLCAREER} {args}", terminal_env(tmp_path, pager))
    paged = Path(f"{pager}.ran").read_text(encoding="utf-8")
    assert paged.startswith("LESS=FRX\n")  # NOTE: git's default when LESS is unset
    assert shown in paged
    assert shown not in screen


@pytest.mark.timeout(30)
def test_the_pager_gets_the_users_less(tmp_path: Path) -> None:
    pager = fake_pager(tmp_path)
    in_terminal(f"{MLCAREER} show ds", terminal_env(tmp_path, pager, LESS="-S"))
    paged = Path(f"{pager}.ran").read_text(encoding="utf-8")
    assert paged.startswith("LESS=-S\n\x1b[1mData Scientist")  # NOTE: styled, as git sends colour to its pager


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "command",
    [
        f"{MLCAREER} --no-pager show mle",
        f"{MLCAREER} show mle --no-pager",
        f"{MLCAREER} compare --no-pager",
        f"{MLCAREER} --no-pager faq --all",
        f"{MLCAREER} show mle | cat",
        f"{MLCAREER} faq --all | cat",
    ],
)
def test_no_pager_and_pipes_print_straight_out(tmp_path: Path, command: str) -> None:
    pager = fake_pager(tmp_path)
    screen = in_terminal(command, terminal_env(tmp_path, pager))
    assert not Path(f"{pager}.ran").exists()
    assert "Machine Learning Engineer" in screen


@pytest.mark.parametrize(
    ("pager", "found"),
    [("", None), ("  ", None), ("cat", None), ("less -S", "less -S"), ("/usr/bin/most", "/usr/bin/most")],
)
def test_pager_is_picked_like_git(monkeypatch: pytest.MonkeyPatch, pager: str, found: str | None) -> None:
    monkeypatch.setenv("PAGER", pager)
    assert pager_command() == found
