"""Start-up stays lean: commands import only what they need (checked by modules, never by time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, sys
from mlcareer.cli import app
try:
    app(sys.argv[1:], prog_name="mlcareer", standalone_mode=False)
except SystemExit:
    pass
heavy = ("questionary", "prompt_toolkit", "yaml", "platformdirs", "rich.markdown")
names = {m if m == "rich.markdown" else m.split(".")[0] for m in sys.modules if m.startswith(heavy)}
sys.stderr.write(json.dumps(sorted(names)))
"""


def imported(args: list[str], cache: Path) -> set[str]:
    env = {**os.environ, "MLCAREER_CACHE": str(cache), "COLUMNS": "80"}
    env.pop("MLCAREER_DATA", None)
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, check=False)
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args",
    [["--help"], ["roles"], ["show", "mle"], ["compare"], ["compare", "--json"], ["faq"], ["faq", "phd"], ["faq", "3"]],
    ids=" ".join,
)
def test_commands_never_import_the_prompt_libraries(tmp_path: Path, args: list[str]) -> None:
    imported(["roles"], tmp_path)  # warm the bundled-data cache
    found = imported(args, tmp_path)
    assert not found & {"questionary", "prompt_toolkit"}, found
    assert "yaml" not in found, "a warm start reads the cached data, not YAML"
    assert not found & {"platformdirs", "rich.markdown"}, found


def test_the_quiz_imports_prompts_only_when_it_asks(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"python": 2}')
    imported(["roles"], tmp_path)  # warm the bundled-data cache
    found = imported(["quiz", "-r", "mle", "--answers", str(answers), "--no-save"], tmp_path)
    assert not found & {"questionary", "prompt_toolkit"}, found
    assert "yaml" not in found, "a valid JSON answers file takes the fast path"
