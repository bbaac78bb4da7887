"""Shell completion through the protocol the shells use (Typer's _MLCAREER_COMPLETE), bundled data only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlcareer.aspects import ASPECTS
from mlcareer.models import Catalog

from .conftest import ROOT, RunCli, write


def complete(run: RunCli, line: str, shell: str = "bash", env: dict[str, str] | None = None) -> list[str]:
    """What the shell would offer for `line` (the word being typed is the last one, maybe empty)."""
    words = line.split(" ")
    protocol = {
        "bash": {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)},
        "zsh": {"_TYPER_COMPLETE_ARGS": line},
    }[shell]
    result = run(env={"_MLCAREER_COMPLETE": f"complete_{shell}", **protocol, **(env or {})})
    assert result.stderr == ""
    return [line for line in result.stdout.splitlines() if line]  # NOTE: bash prints one empty line for none


def names(bundled: Catalog, start: str) -> list[str]:
    return [n for role in bundled.roles for n in (role.id, *role.aliases) if n.startswith(start)]


@pytest.mark.parametrize(
    ("line", "start"),
    [("mlcareer show ", ""), ("mlcareer show m", "m"), ("mlcareer compare mle d", "d"), ("mlcareer quiz -r ai", "ai")],
)
def test_role_ids_and_aliases(run: RunCli, bundled: Catalog, line: str, start: str) -> None:
    found = complete(run, line)
    assert found == names(bundled, start) and found


def test_aspects_and_stages(run: RunCli) -> None:
    assert complete(run, "mlcareer compare -a p") == [a.key for a in ASPECTS if a.key.startswith("p")]
    assert complete(run, "mlcareer compare --aspect a") == ["all"]
    assert complete(run, "mlcareer compare mle --stage ") == ["entry", "mid", "senior"]


def test_skill_ids_with_their_names(run: RunCli, bundled: Catalog) -> None:
    assert complete(run, "mlcareer skills ml") == [s.id for s in bundled.skills if s.id.startswith("ml")]
    assert complete(run, "mlcareer skills python d") == [s.id for s in bundled.skills if s.id.startswith("d")]
    zsh = "\n".join(complete(run, "mlcareer skills mlo", "zsh"))
    assert '"mlops":"MLOps and model deployment"' in zsh


def test_faq_numbers_with_their_questions(run: RunCli) -> None:
    from mlcareer.catalog import load_bundled_faq

    entries = load_bundled_faq().entries
    assert complete(run, "mlcareer faq 1") == [str(e.number) for e in entries if str(e.number).startswith("1")]
    assert complete(run, "mlcareer faq how ") == []
    zsh = "\n".join(complete(run, "mlcareer faq 2", "zsh"))
    assert f'"2":"{entries[1].question}"' in zsh


def test_the_kept_plans_steps(run: RunCli, tmp_path: Path) -> None:
    assert complete(run, "mlcareer plan done ") == []
    persona = ROOT / "tests" / "personas" / "data-analyst.yaml"
    run("quiz", "-r", "mle", "--stage", "mid", "--answers", str(persona))
    kept = json.loads(run("plan", "--json").stdout)
    keys = [s["key"] for s in kept["steps"]]
    assert complete(run, "mlcareer plan done ") == keys and keys
    assert complete(run, "mlcareer plan start ml") == [k for k in keys if k.startswith("ml")]


def test_a_broken_data_file_does_not_break_completion(run: RunCli, bundled: Catalog, tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.yaml", "roles: [\n")
    assert complete(run, "mlcareer show d", env={"MLCAREER_DATA": str(broken)}) == names(bundled, "d")
    assert complete(run, f"mlcareer --data {broken} show d") == names(bundled, "d")


@pytest.mark.timeout(30)
def test_the_installed_command_completes_and_gives_its_bash_script(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "mlcareer"
    if not script.exists():
        pytest.skip("the mlcareer script is not installed beside this Python")
    env = {**os.environ, "_MLCAREER_COMPLETE": "source_bash", "MLCAREER_HOME": str(tmp_path)}
    source = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=20, check=True).stdout
    assert "_MLCAREER_COMPLETE=complete_bash $1" in source  # NOTE: $1 is the command as typed, path and all
    assert source.rstrip().endswith("complete -o default -F _mlcareer_completion mlcareer")
    env.update(_MLCAREER_COMPLETE="complete_bash", COMP_WORDS=f"{script} show data-sc", COMP_CWORD="2")
    offered = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=20, check=True)
    assert offered.stdout.split() == ["data-scientist", "data-science"]
