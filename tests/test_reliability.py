"""What an attacker or an unlucky user tried, each a reproduction that once failed (issue 9).

Every test runs the real command, in-process or as a process where streams, signals or the
shell are part of the case.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mlcareer import history
from mlcareer.files import MAX_BYTES
from mlcareer.models import Catalog

from .conftest import ROOT, RunCli, write

ESC = "\x1b"
GOOD_ROLE = """roles:
  - id: hostile-role
    title: {title}
    summary: {summary}
    focus: Testing.
    overview: Tests the loader.
    skills:
      - {{skill: python, importance: 3, entry: 2, mid: 4, senior: 4}}
"""


def mlcareer(
    *args: str | bytes, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    """Run the tool as a process, as a person's shell would."""
    full = {**os.environ, "COLUMNS": "80", **(env or {})}
    if "stdout" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "mlcareer", *args], env=full, timeout=60, **kwargs
    )


def home() -> Path:
    return Path(os.environ["MLCAREER_HOME"])


# --- 1. the size cap holds for anything that is not a regular file -------------------------------


@pytest.mark.parametrize("args", [["--data", "/dev/zero", "roles"], ["validate", "/dev/urandom"]], ids=" ".join)
def test_a_device_is_refused_before_it_is_read(run: RunCli, args: list[str]) -> None:
    result = run(*args, code=1)
    assert "is not a regular file" in result.stderr


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("yes") is None, reason="needs bash and yes")
def test_an_endless_pipe_is_read_only_up_to_the_cap() -> None:
    command = f"{sys.executable} -m mlcareer quiz -r mle --no-save --answers <(yes 'python: 1')"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert f"file is over the limit; the limit is {MAX_BYTES:,} bytes" in result.stderr


def test_a_pipe_with_an_answers_file_is_read(run: RunCli, tmp_path: Path) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w", encoding="utf-8") as pipe:
            pipe.write("python: 3\n")

    writer = threading.Thread(target=feed)
    writer.start()
    result = run("quiz", "-r", "mle", "--no-save", "--json", "--answers", str(fifo))
    writer.join(timeout=10)
    assert json.loads(result.stdout)["answers"]["python"] == 3


# --- 2. problems are bounded ------------------------------------------------------------------------


@pytest.mark.timeout(60)
def test_a_file_of_nothing_but_faults_stops_early(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("roles: [" + "{}, " * 150_000 + "{}]\n")
    lines = run("validate", str(path), code=1).stderr.splitlines()
    assert len(lines) == 101
    assert lines[-1].startswith(f"{path}: ... and ") and lines[-1].endswith("more problems")


@pytest.mark.timeout(60)
def test_did_you_mean_is_not_quadratic(run: RunCli, tmp_path: Path) -> None:
    skills = [f"  - {{id: skill-{i}, name: S, description: d, anchors: [a, b, c, d, e]}}" for i in range(2000)]
    rated = "\n".join(f"      - {{skill: nope-{i}, importance: 1, entry: 1, mid: 4, senior: 4}}" for i in range(10_000))
    role = GOOD_ROLE.format(title="T", summary="S").replace(
        "      - {skill: python, importance: 3, entry: 2, mid: 4, senior: 4}\n", rated
    )
    path = write(tmp_path, "many.yaml", "skills:\n" + "\n".join(skills) + "\n" + role + "\n")
    stderr = run("validate", str(path), code=1).stderr
    assert "names skill 'nope-0', which does not exist" in stderr


def test_a_command_says_how_many_more_problems_there_are(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("roles: [" + "{}, " * 500 + "{}]\n")
    stderr = run("--data", str(path), "roles", code=1).stderr
    assert stderr.count("\n") == 1 and "(and 3,005 more problems;" not in stderr
    assert "more problems; run 'mlcareer validate FILE' for all)" in stderr


# --- 4. a corrupt history is set aside, and the new result saved -------------------------------------


CORRUPT = {
    "infinity": '{"version": 1, "results": [{"taken_at": "2026-01-01T00:00:00", "role": "ml-engineer", '
    '"title": "MLE", "readiness": Infinity, "answers": {}}]}',
    "400 digits": '{"version": 1, "results": [{"taken_at": "2026-01-01T00:00:00", "role": "ml-engineer", '
    '"title": "MLE", "readiness": 1' + "0" * 400 + ', "answers": {}}]}',
    "deep nesting": "[" * 100_000,
    "lone surrogate": '{"version": 1, "results": [{"taken_at": "2026-01-01T00:00:00", "role": "ml-engineer", '
    '"title": "\\ud800", "readiness": 50, "answers": {}}]}',
    "control characters": '{"version": 1, "results": [{"taken_at": "2026-01-01T00:00:00\\u009b", '
    '"role": "ml-engineer", "title": "MLE", "readiness": 50, "answers": {}}]}',
    "a pipe": "",
}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("case", list(CORRUPT))
def test_a_corrupt_history_is_set_aside_and_the_new_result_saved(run: RunCli, tmp_path: Path, case: str) -> None:
    path = home() / "history.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    if case == "a pipe":
        os.mkfifo(path)
    else:
        path.write_text(CORRUPT[case], encoding="utf-8")
    shown = run("history")
    assert "was unreadable" in shown.stderr and "moved it to" in shown.stderr
    answers = write(tmp_path, "answers.yaml", "python: 2\n")
    run("quiz", "-r", "mle", "--answers", str(answers))
    records, warnings = history.load(path)
    assert [r.role for r in records] == ["ml-engineer"] and warnings == []


def test_history_keeps_the_last_results_only(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    record = history.Record("2026-01-01T00:00:00+00:00", "ml-engineer", "MLE", 10.0, {"python": 1})
    from mlcareer.files import atomic_write

    atomic_write(path, history._serialise([record] * history.MAX_RESULTS))
    warnings = history.save(record._replace(readiness=99.0), path)
    records, _ = history.load(path)
    assert len(records) == history.MAX_RESULTS and records[-1].readiness == 99.0
    assert [w.message for w in warnings] == ["history keeps the last 1,000 results; dropped the oldest"]


def test_history_json_is_valid_json_and_inert(run: RunCli) -> None:
    path = home() / "history.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"taken_at": "2026-01-01T00:00:00", "role": "ml-engineer", "readiness": 5, "answers": {"python": 1}}
    path.write_text(json.dumps({"version": 1, "results": [{**record, "title": "MLE\u0085\u202e"}]}))
    out = run("history", "--json").stdout
    assert json.loads(out)["roles"][0]["title"] == "MLE" and "NaN" not in out


# --- 6, 7, 9. full, closed and non-UTF-8 streams ------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["roles"], ["--help"], ["compare", "--json"], ["faq", "3"]], ids=" ".join)
def test_a_full_disk_for_stdout_is_one_line(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = mlcareer(*args, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert result.stderr == b"mlcareer: error: cannot write the output: No space left on device\n"


def test_a_closed_stdout_is_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mlcareer", "roles", "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        close_fds=True,
        pass_fds=(),
        timeout=60,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert (result.returncode, result.stderr) == (
        1,
        b"mlcareer: error: standard output is closed; there is nowhere to write the result\n",
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["quiz", "-r", "mle"], 2, b"the quiz needs a terminal"),
        (["history", "--clear"], 2, b"history --clear asks before deleting"),
    ],
    ids=["quiz", "history --clear"],
)
def test_a_closed_stdin_gets_the_no_terminal_message(args: list[str], code: int, message: bytes) -> None:
    result = mlcareer(*args, preexec_fn=lambda: os.close(0))
    assert result.returncode == code and message in result.stderr


def test_a_closed_stderr_keeps_the_exit_code(tmp_path: Path) -> None:
    result = mlcareer("validate", str(tmp_path / "missing.yaml"), preexec_fn=lambda: os.close(2))
    assert result.returncode == 1


ENCODED_COMMANDS = [
    ["roles"],
    ["show", "mle"],
    ["compare"],
    ["compare", "-f", "markdown"],
    ["faq"],
    ["faq", "salary"],
    ["faq", "--all"],
    ["history"],
    ["validate", "data/roles.yaml"],
    ["--help"],
]


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("args", ENCODED_COMMANDS, ids=" ".join)
def test_an_output_encoding_that_is_not_utf8_degrades(encoding: str, args: list[str], tmp_path: Path) -> None:
    result = mlcareer(*args, env={"PYTHONIOENCODING": encoding, "MLCAREER_HOME": str(tmp_path)}, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr


# --- 8, 10. undecodable and hostile names are shown escaped and inert --------------------------------


def test_undecodable_bytes_in_a_file_name_are_escaped() -> None:
    result = mlcareer("validate", b"\xff.yaml", env={"PYTHONIOENCODING": "utf-8"})
    assert (result.returncode, result.stderr) == (1, b"\\xff.yaml: no such file\n")


def test_undecodable_bytes_in_a_question_are_escaped() -> None:
    result = mlcareer("faq", "--json", b"salary \xff", env={"PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0 and json.loads(result.stdout)["query"] == "salary \\xff"


def test_a_file_name_cannot_drive_the_terminal(run: RunCli, tmp_path: Path) -> None:
    name = tmp_path / "x\x1b]52;c;aGk=\x07\x1b]0;owned\x07.yaml"
    name.write_text(GOOD_ROLE.format(title="T", summary="S"))
    out = run("validate", str(name))
    assert ESC not in out.stdout and "\x07" not in out.stdout
    bad = tmp_path / "y\x1b]0;owned\x07.yaml"
    assert ESC not in run("validate", str(bad), code=1).stderr
    answers = write(tmp_path, "a.yaml", "python: 1\n")
    report = tmp_path / "r\x1b]0;owned\x07.md"
    result = run("quiz", "-r", "mle", "--no-save", "--answers", str(answers), "--export", str(report))
    assert ESC not in result.stderr and "wrote the report" in result.stderr


# --- wrong or unclear behaviour -------------------------------------------------------------------------


@pytest.mark.timeout(20)
def test_a_pipe_at_the_cache_file_does_not_hang(run: RunCli) -> None:
    from mlcareer import cache
    from mlcareer.catalog import BUNDLED_FILES, _bundled, bundled_dir

    folder = cache.folder()
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / f"bundled-{cache.key([bundled_dir() / n for n in BUNDLED_FILES])}.json")
    _bundled.cache_clear()
    assert "ml-engineer" in run("roles", "--json").stdout


HOSTILE_TEXT = "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3))"


LINK = re.compile(r"(?<!\\)\]\(javascript:")
"""A Markdown link to a script: `](javascript:` whose bracket is not escaped."""


@pytest.mark.parametrize(
    "args",
    [["show", "hostile-role", "-f", "markdown"], ["compare", "hostile-role", "-a", "focus", "-f", "markdown"]],
    ids=" ".join,
)
def test_markdown_output_carries_no_raw_html_or_links_from_data(run: RunCli, tmp_path: Path, args: list[str]) -> None:
    data = write(tmp_path, "evil.yaml", GOOD_ROLE.format(title=f"'{HOSTILE_TEXT}'", summary=f"'{HOSTILE_TEXT}'"))
    out = run("--data", str(data), *args).stdout
    assert "<script" not in out and "<img" not in out and not LINK.search(out)
    assert "&lt;script&gt;" in out


def test_a_markdown_export_carries_no_raw_html_from_data(run: RunCli, tmp_path: Path) -> None:
    data = write(tmp_path, "evil.yaml", GOOD_ROLE.format(title=f"'{HOSTILE_TEXT}'", summary="S"))
    answers = write(tmp_path, "a.yaml", "python: 1\n")
    report = tmp_path / "r.md"
    run(
        "--data",
        str(data),
        "quiz",
        "-r",
        "hostile-role",
        "--no-save",
        "--answers",
        str(answers),
        "--export",
        str(report),
    )
    text = report.read_text()
    assert "<script" not in text and not LINK.search(text)


@pytest.mark.parametrize("option", ["--data", "--answers"])
def test_a_folder_where_a_file_belongs_is_exit_1(run: RunCli, tmp_path: Path, option: str) -> None:
    args = [option, str(tmp_path), "roles"] if option == "--data" else ["quiz", "-r", "mle", option, str(tmp_path)]
    assert run(*args, code=1).stderr == f"mlcareer: error: {tmp_path}: is a folder, not a file\n"
    assert run("validate", str(tmp_path), code=1).stderr == f"{tmp_path}: is a folder, not a file\n"


@pytest.mark.parametrize(
    ("title", "expected"), [("=", "="), ("!!str no", "no"), ("'12:30'", "12:30")], ids=["equals", "str-tag", "quoted"]
)
def test_text_that_yaml_11_would_misread_is_text(bundled: Catalog, tmp_path: Path, title: str, expected: str) -> None:
    from mlcareer.loader import load_file

    path = write(tmp_path, "r.yaml", GOOD_ROLE.format(title=title, summary="S"))
    assert load_file(path, known_skills=bundled.skills).roles[0].title == expected


def test_mlcareer_home_on_a_file_names_the_path(run: RunCli, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    answers = write(tmp_path, "a.yaml", "python: 1\n")
    result = run("quiz", "-r", "mle", "--answers", str(answers), env={"MLCAREER_HOME": str(blocker)})
    assert f"mlcareer: warning: could not save this result: File exists: {blocker}" in result.stderr


def test_a_byte_order_mark_in_json_answers_is_accepted(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b'\xef\xbb\xbf{"python": 2}')
    assert (
        json.loads(run("quiz", "-r", "mle", "--no-save", "--json", "--answers", str(path)).stdout)["answers"]["python"]
        == 2
    )


@pytest.mark.parametrize("empty", ["''", '""', ""])
def test_an_empty_answer_means_not_sure(run: RunCli, tmp_path: Path, empty: str) -> None:
    path = write(tmp_path, "a.yaml", f"cloud: {empty}\npython: 1\n")
    data = json.loads(run("quiz", "-r", "mle", "--no-save", "--json", "--answers", str(path)).stdout)
    assert data["answers"]["cloud"] is None and "cloud" in data["unsure"]


def test_export_refuses_to_replace_a_file_without_force(run: RunCli, tmp_path: Path) -> None:
    answers = write(tmp_path, "a.yaml", "python: 1\n")
    report = write(tmp_path, "r.md", "my notes\n")
    args = ["quiz", "-r", "mle", "--no-save", "--answers", str(answers), "--export", str(report)]
    assert run(*args, code=2).stderr == f"mlcareer: error: {report} already exists; add --force to replace it\n"
    assert report.read_text() == "my notes\n"
    run(*args, "--force")
    assert report.read_text().startswith("# mlcareer quiz")


def test_export_to_a_missing_folder_is_refused_and_creates_nothing(run: RunCli, tmp_path: Path) -> None:
    answers = write(tmp_path, "a.yaml", "python: 1\n")
    report = tmp_path / "no" / "such" / "r.md"
    result = run("quiz", "-r", "mle", "--no-save", "--answers", str(answers), "--export", str(report), code=1)
    assert f"the folder {report.parent} does not exist" in result.stderr
    assert not (tmp_path / "no").exists()


def test_a_symlinked_history_is_written_through(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "synced" / "history.json"
    target.parent.mkdir()
    link = home() / "history.json"
    link.parent.mkdir(parents=True)
    link.symlink_to(target)
    answers = write(tmp_path, "a.yaml", "python: 1\n")
    run("quiz", "-r", "mle", "--answers", str(answers))
    assert link.is_symlink() and json.loads(target.read_text())["results"][0]["role"] == "ml-engineer"


@pytest.mark.parametrize("lead", ["\n", " ", "\u3000", "\t"], ids=["newline", "space", "ideographic space", "tab"])
def test_csv_neutralises_formulas_after_leading_space(run: RunCli, tmp_path: Path, lead: str) -> None:
    data = write(tmp_path, "r.yaml", GOOD_ROLE.format(title=json.dumps(lead + "=HYPERLINK(1)"), summary="S"))
    out = run("--data", str(data), "compare", "hostile-role", "-a", "focus", "-f", "csv").stdout
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["role_title"] == "'=HYPERLINK(1)"  # NOTE: one line, leading space dropped, then guarded


def test_the_arabic_letter_mark_is_removed() -> None:
    from mlcareer.text import clean

    assert clean("a\u061cb") == "ab"


def test_mlcareer_cache_none_turns_the_cache_off(run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run("roles", env={"MLCAREER_CACHE": "none"})
    assert not (tmp_path / "none").exists()


@pytest.mark.timeout(10)
def test_a_very_long_question_is_refused_at_once(run: RunCli) -> None:
    words = ["salary"] * 25_000
    assert "the question is 174,999 characters long; ask in at most 500" in run("faq", *words, code=2).stderr
