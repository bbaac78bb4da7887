"""Saved results: round trip, progress, corrupt files, clearing, concurrent saves."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlcareer import history
from mlcareer.files import atomic_write

from .conftest import RunCli, write
from .test_quiz import ANSWERS_YAML


def home() -> Path:
    return Path(os.environ["MLCAREER_HOME"])


def take(run: RunCli, tmp_path: Path, text: str, role: str = "mle") -> None:
    run("quiz", "-r", role, "--answers", str(write(tmp_path, "answers.yaml", text)))


def test_history_round_trip_with_change(run: RunCli, tmp_path: Path) -> None:
    take(run, tmp_path, ANSWERS_YAML)
    take(run, tmp_path, ANSWERS_YAML.replace("mlops: 1", "mlops: 4").replace("cloud: 1", "cloud: 3"))
    take(run, tmp_path, ANSWERS_YAML, role="ds")
    out = run("history").stdout
    lines = out.splitlines()
    # At the mid stage 76 / 127 = 59.8%; mlops 1 -> 4 counts up to the 3 asked (+5 x 2) and cloud
    # 1 -> 3 up to the 2 asked (+4 x 1): 90 / 127 = 70.9%.
    assert lines[0] == "Machine Learning Engineer (mid stage): 60% -> 71%, +11 over 2 quizzes"
    assert lines[1].endswith(" 60%") and lines[2].endswith(" 71% (+11)")
    assert "Data Scientist (mid stage): 63%" in out


def test_history_json(run: RunCli, tmp_path: Path) -> None:
    take(run, tmp_path, ANSWERS_YAML)
    take(run, tmp_path, ANSWERS_YAML.replace("mlops: 1", "mlops: 2"))
    data = json.loads(run("history", "--json").stdout)
    assert data["version"] == 1
    (group,) = data["roles"]
    assert group["role"] == "ml-engineer"
    # mlops 1 -> 2 adds 5 of 127 weighted levels at the mid stage: 59.8% -> 63.8%.
    assert [r["change"] for r in group["results"]] == [None, 4.0]
    assert group["stage"] == "mid"
    assert group["results"][0]["answers"]["python"] == 3


def test_no_save(run: RunCli, tmp_path: Path) -> None:
    run("quiz", "-r", "mle", "--answers", str(write(tmp_path, "a.yaml", ANSWERS_YAML)), "--no-save")
    assert not (home() / "history.json").exists()
    assert "no saved results yet" in run("history").stderr


def test_corrupt_history_is_set_aside_and_the_tool_keeps_working(run: RunCli, tmp_path: Path) -> None:
    home().mkdir(parents=True)
    (home() / "history.json").write_text('{"version": 1, "results": [{"role": ', encoding="utf-8")
    result = run("history")
    assert "warning: history file" in result.stderr and "moved it to" in result.stderr
    backups = list(home().glob("history.json.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_text().startswith('{"version": 1')
    take(run, tmp_path, ANSWERS_YAML)
    assert len(json.loads((home() / "history.json").read_text())["results"]) == 1


@pytest.mark.parametrize(
    "content",
    [b"[]", b'{"version": 2, "results": []}', b'{"version": 1, "results": [{}]}', b"\x00\x01", b"\xff\xfe{}"],
)
def test_unexpected_history_content_is_treated_as_corrupt(content: bytes) -> None:
    path = home() / "history.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    records, warnings = history.load(path)
    assert records == [] and len(warnings) == 1
    assert not path.exists()


def test_an_unreadable_history_is_one_line_exit_1(run: RunCli) -> None:
    (home() / "history.json").mkdir(parents=True)
    result = run("history", code=1)
    assert result.stderr.startswith("mlcareer: error: cannot read your history: is a folder, not a file: ")
    assert result.stderr.count("\n") == 1


def test_clear_with_yes(run: RunCli, tmp_path: Path) -> None:
    take(run, tmp_path, ANSWERS_YAML)
    assert run("history", "--clear", "--yes").stderr == "mlcareer: deleted 1 saved result\n"
    assert json.loads(run("history", "--json").stdout)["roles"] == []


def test_clear_without_a_terminal_needs_yes(run: RunCli, tmp_path: Path) -> None:
    take(run, tmp_path, ANSWERS_YAML)
    result = run("history", "--clear", code=2)
    assert "add --yes" in result.stderr
    assert len(json.loads(run("history", "--json").stdout)["roles"]) == 1


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    atomic_write(target, "one")
    atomic_write(target, "two")
    assert target.read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]


SAVER = """
import sys
from mlcareer import history
from mlcareer.files import atomic_write
path = __import__("pathlib").Path(sys.argv[1])
for i in range(int(sys.argv[2])):
    history.save(history.Record("2026-01-01T00:00:00", "ml-engineer", "MLE", float(i), {"python": 1}), path)
"""


def test_concurrent_saves_all_land(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    procs = [subprocess.Popen([sys.executable, "-c", SAVER, str(path), "25"]) for _ in range(4)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0, 0, 0]
    records, warnings = history.load(path)
    assert len(records) == 100 and warnings == []


KILLED_SAVER = """
import sys
from mlcareer import history
path = __import__("pathlib").Path(sys.argv[1])
print("ready", flush=True)
while True:
    history.save(history.Record("2026-01-01T00:00:00", "ml-engineer", "MLE", 50.0, {"python": 1}), path)
    print("saved", flush=True)
"""


@pytest.mark.timeout(120)
def test_killing_a_save_never_corrupts_history(tmp_path: Path) -> None:
    """SIGKILL a process that saves in a loop, 20 times at random moments: history always reads back whole."""
    import random
    import signal
    import time

    path = tmp_path / "history.json"
    answers: dict[str, int | None] = {f"skill-{k}": k % 5 for k in range(60)}  # NOTE: big records, slow saves
    seed = [
        history.Record("2025-01-01T00:00:00", "ml-engineer", "MLE", float(i % 100), answers)
        for i in range(history.MAX_RESULTS - 40)
    ]
    atomic_write(path, history._serialise(seed))
    counts = [len(seed)]
    rng = random.Random(1234)
    for turn in range(20):
        with subprocess.Popen(
            [sys.executable, "-c", KILLED_SAVER, str(path)], stdout=subprocess.PIPE, text=True
        ) as proc:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
            if turn % 2:  # NOTE: every other saver first lands one save, however loaded the machine is
                assert proc.stdout.readline().strip() == "saved"
            time.sleep(rng.uniform(0.0, 0.15))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        records, warnings = history.load(path)
        assert warnings == [], warnings
        assert len(records) >= counts[-1], "no saved result is lost (until the cap drops the oldest)"
        counts.append(len(records))
    assert counts[-1] > counts[0], "the savers did save"
    assert counts[-1] <= history.MAX_RESULTS
    history.save(history.Record("2026-01-02T00:00:00", "ml-engineer", "MLE", 1.0, {}), path)
    assert not list(tmp_path.glob(".history.json.*.tmp")), "orphaned temporary files are swept by the next save"


KILL_AT = """
import os, signal, sys
from mlcareer import files
path = __import__("pathlib").Path(sys.argv[1])
if sys.argv[2] == "during-write":
    real_fdopen = os.fdopen
    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        def write(text):
            handle.buffer.write(text[: len(text) // 2].encode())
            handle.buffer.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        handle.write = write
        return handle
    files.os.fdopen = fdopen
else:
    files.os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)
"""
"""The start of a script that dies by SIGKILL at `argv[2]` of its next atomic write: halfway
through writing the temporary file, or just before renaming it over the old one."""

KILL_MID_SAVE = (
    KILL_AT
    + """
from mlcareer import history
history.save(history.Record("2026-01-01T00:00:00", "ml-engineer", "MLE", 99.0, {"python": 4}), path)
"""
)


@pytest.mark.parametrize("moment", ["during-write", "before-rename"])
def test_a_save_killed_at_the_worst_moment_keeps_the_old_history(tmp_path: Path, moment: str) -> None:
    path = tmp_path / "history.json"
    history.save(history.Record("2025-01-01T00:00:00", "ml-engineer", "MLE", 40.0, {"python": 1}), path)
    before = path.read_bytes()
    result = subprocess.run([sys.executable, "-c", KILL_MID_SAVE, str(path), moment], check=False)
    assert result.returncode == -9, "the saver was killed mid-save"
    assert list(tmp_path.glob(".history.json.*.tmp")), "it died with its temporary file half done"
    assert path.read_bytes() == before
    records, warnings = history.load(path)
    assert [r.readiness for r in records] == [40.0] and warnings == []


def test_a_result_is_saved_even_when_the_report_is_cut_short(tmp_path: Path) -> None:
    """`mlcareer quiz ... | head`: the reader has gone before the report is written; the result is kept, exit 0."""
    answers = write(tmp_path, "answers.yaml", ANSWERS_YAML)
    env = {**os.environ, "COLUMNS": "80"}
    with subprocess.Popen(
        [sys.executable, "-m", "mlcareer", "quiz", "-r", "mle", "--answers", str(answers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    ) as proc:
        assert proc.stdout is not None
        proc.stdout.close()
        assert proc.wait(timeout=30) == 0, "a reader that stops early is not an error"
    records, _ = history.load(home() / "history.json")
    assert [r.role for r in records] == ["ml-engineer"]


@pytest.mark.parametrize("xdg", [None, "", " ", "/tmp/xdg-data", "relative/data"])
def test_the_home_folder_follows_the_platform_rule(monkeypatch: pytest.MonkeyPatch, xdg: str | None) -> None:
    import platformdirs

    monkeypatch.delenv("MLCAREER_HOME", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert history.home() == Path(platformdirs.user_data_dir("mlcareer", appauthor=False))
