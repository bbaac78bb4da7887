"""The documented exit codes: 0 success, 1 data or validation error, 2 usage error, 130 cancelled."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from .conftest import RunCli, write

CASES = [
    (["roles"], 0),
    (["compare", "--json"], 0),
    (["faq", "salary"], 0),
    (["--data", "{missing}", "roles"], 1),
    (["validate", "{bad}"], 1),
    (["quiz", "--answers", "{bad}"], 1),
    (["faq", "xyzzy"], 1),
    (["show", "astronaut"], 2),
    (["compare", "--aspect", "colour"], 2),
    (["compare", "--no-such-option"], 2),
    (["faq", "99"], 2),
    (["quiz"], 2),
    (["quiz", "--answers", "{good}", "--export", "report.pdf"], 2),
    (["history", "--clear"], 2),
    ([], 2),
]


@pytest.mark.parametrize(("args", "code"), CASES, ids=lambda v: " ".join(v) if isinstance(v, list) else str(v))
def test_exit_code(run: RunCli, tmp_path: Path, args: list[str], code: int) -> None:
    files = {
        "missing": str(tmp_path / "missing.yaml"),
        "bad": str(write(tmp_path, "bad.yaml", "roles: [1\n")),
        "good": str(write(tmp_path, "good.yaml", "python: 2\n")),
    }
    result = run(*(a.format(**files) for a in args), code=code)
    if code:
        assert result.stderr and "Traceback" not in result.output


@pytest.mark.timeout(30)
def test_cancelled_is_130(run: RunCli) -> None:
    with create_pipe_input() as keys, create_app_session(input=keys, output=DummyOutput()):
        keys.send_text("\x03")
        run("quiz", "--role", "mle", code=130)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", "--bogus"], "mlcareer: error: no such option: --bogus (see 'mlcareer compare --help')"),
        (["show"], "mlcareer: error: missing argument 'ROLE' (see 'mlcareer show --help')"),
        (["bogus"], "mlcareer: error: no such command 'bogus' (see 'mlcareer --help')"),
        (["quiz", "--answers"], "mlcareer: error: option '--answers' requires an argument"),
        (
            ["compare", "-f", "xml"],
            "mlcareer: error: invalid value for '--format' / '-f': 'xml' is not one of table, markdown, json, csv",
        ),
        (["compare", "-f", "markdwn"], "mlcareer: error: invalid value for '--format' / '-f': 'markdwn' is not one of"),
        (["roles", "--data", "x.yaml"], "mlcareer: error: --data goes before the command: mlcareer --data FILE roles"),
    ],
)
def test_usage_errors_are_one_line(run: RunCli, args: list[str], message: str) -> None:
    result = run(*args, code=2)
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert result.stdout == ""


def test_no_arguments_shows_help_and_exits_2(run: RunCli) -> None:
    output = run(code=2).output
    assert "Commands:" in output
    for command in ("roles", "show", "compare", "faq", "quiz", "history", "validate"):
        assert f"  {command} " in output


def test_an_error_in_the_mlcareer_data_file_names_the_variable(run: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "gone.yaml"
    result = run("roles", code=1, env={"MLCAREER_DATA": str(missing)})
    assert result.stderr == f"mlcareer: error: {missing} (from MLCAREER_DATA): no such file\n"


def test_the_same_error_through_the_option_names_only_the_file(run: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "gone.yaml"
    assert run("--data", str(missing), "roles", code=1).stderr == f"mlcareer: error: {missing}: no such file\n"


def test_an_aspect_typo_gets_did_you_mean(run: RunCli) -> None:
    stderr = run("compare", "-a", "skils", code=2).stderr
    assert stderr.startswith("mlcareer: error: unknown aspect 'skils'; did you mean 'skills'? choose from: focus,")


@pytest.mark.parametrize("command", ["roles", "show", "compare", "validate", "faq", "quiz", "history"])
def test_help_shows_no_python_type_names(run: RunCli, command: str) -> None:
    text = run(command, "--help").stdout
    assert "list[" not in text and "<str>" not in text and "<file>" not in text and "<path>" not in text


@pytest.mark.parametrize("args", [["compare"], ["show", "mle"], ["faq", "--all"], ["compare", "--json"]], ids=" ".join)
def test_a_reader_that_stops_early_is_not_an_error(args: list[str]) -> None:
    """`mlcareer compare | head -1`: exit 0, nothing on stderr."""
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "80"}
    with subprocess.Popen(
        [sys.executable, "-m", "mlcareer", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()
        code = proc.wait(timeout=30)
        assert (code, proc.stderr.read()) == (0, b"")
