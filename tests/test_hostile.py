"""A corpus of malformed data, FAQ and answers files: each is exit 1 and `file:line: message`.

The corpus lives in tests/hostile/ with what each file must say in tests/hostile/expected.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mlcareer.yamlnodes import MAX_BYTES

from .conftest import RunCli

HOSTILE = Path(__file__).resolve().parent / "hostile"
EXPECTED: dict[str, dict[str, object]] = json.loads((HOSTILE / "expected.json").read_text(encoding="utf-8"))


def command(relative: str, path: Path) -> list[str]:
    if relative.startswith("answers/"):
        return ["quiz", "--role", "mle", "--answers", str(path), "--no-save"]
    return ["validate", str(path)]


def test_the_corpus_is_large_and_every_file_is_described() -> None:
    files = {str(p.relative_to(HOSTILE)) for p in HOSTILE.glob("*/*")}
    assert files == set(EXPECTED)
    assert len(files) >= 40


@pytest.mark.timeout(10)
@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_hostile_file_is_exit_1_with_file_and_line(run: RunCli, relative: str) -> None:
    path = HOSTILE / relative
    line, message = EXPECTED[relative]["line"], str(EXPECTED[relative]["message"])
    result = run(*command(relative, path), code=1)
    assert "Traceback" not in result.output and result.stdout == ""
    prefix = f"{path}:{line}: " if line is not None else f"{path}: "
    lines = result.stderr.splitlines()
    assert any(prefix in text and message in text for text in lines), lines
    assert all(str(path) in text for text in lines)


@pytest.mark.timeout(10)
@pytest.mark.parametrize("relative", sorted(r for r in EXPECTED if r.startswith("answers/")))
def test_validate_reads_a_hostile_answers_file_as_the_quiz_does(run: RunCli, relative: str) -> None:
    path = HOSTILE / relative
    quiz = run(*command(relative, path), code=1).stderr.removeprefix("mlcareer: error: ")
    result = run("validate", str(path), code=1)
    first = result.stderr.splitlines()[0]
    assert result.stdout == "" and quiz.startswith(first), (quiz, first)
    assert str(EXPECTED[relative]["message"]) in first


@pytest.mark.timeout(10)
@pytest.mark.parametrize("relative", sorted(r for r in EXPECTED if r.startswith("data/")))
def test_hostile_data_file_given_to_a_command_is_one_line(run: RunCli, relative: str) -> None:
    result = run("--data", str(HOSTILE / relative), "compare", code=1)
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"mlcareer: error: {HOSTILE / relative}")


@pytest.mark.timeout(10)
def test_a_file_over_the_size_cap_is_refused(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"roles:\n" + b"  - x\n" * (MAX_BYTES // 6 + 1))
    result = run("validate", str(path), code=1)
    assert result.stderr == f"{path}: file is {path.stat().st_size:,} bytes; the limit is {MAX_BYTES:,} bytes\n"
    answers = run("quiz", "--answers", str(path), code=1)
    assert "the limit is" in answers.stderr


DRIVER = """
import resource, sys, pathlib
limit = 1024 * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from mlcareer.answers import load_answers
from mlcareer.catalog import load_bundled
from mlcareer.errors import DataError
from mlcareer.loader import load_file
bundled = load_bundled()
failed = []
for name in sys.argv[1:]:
    path = pathlib.Path(name)
    try:
        if path.parent.name == "answers":
            load_answers(path, bundled.skills)
        else:
            load_file(path, known_skills=bundled.skills, known_roles=bundled.roles)
        failed.append(name)
    except DataError:
        pass
print("loaded:", failed)
"""


@pytest.mark.timeout(60)
def test_the_whole_corpus_loads_in_bounded_memory(tmp_path: Path) -> None:
    """Under a 1 GiB address-space limit, every file is refused cleanly: no MemoryError, no crash."""
    files = [str(HOSTILE / relative) for relative in sorted(EXPECTED)]
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, *files],
        capture_output=True,
        text=True,
        env={"MLCAREER_CACHE": str(tmp_path), "PATH": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "loaded: []"
