"""The wheel carries the data and the installed command works from another folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

DATA_FILES = {"mlcareer/data/roles.yaml", "mlcareer/data/skills.yaml", "mlcareer/data/faq.yaml"}


def _copy_repo(dest: Path) -> Path:
    """A clean copy of the project, so builds never write into the working tree."""
    ignore = shutil.ignore_patterns(".venv", ".git", "dist", "build", "*.egg-info", "__pycache__", ".*_cache")
    return Path(shutil.copytree(ROOT, dest / "src", ignore=ignore))


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MLCAREER_DATA", "PYTHONPATH")}
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A wheel built the way `pip install .` builds it, and one built by `python -m build` via the sdist."""
    work = tmp_path_factory.mktemp("wheels")
    src = _copy_repo(work)
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "pip", src, cwd=work)
    _run(sys.executable, "-m", "build", "-q", "--outdir", work / "build", src, cwd=work)
    return {
        "pip": next((work / "pip").glob("mlcareer-*.whl")),
        "build": next((work / "build").glob("mlcareer-*.whl")),
    }


@pytest.mark.parametrize("how", ["pip", "build"])
def test_wheel_contains_the_bundled_data(wheels: dict[str, Path], how: str) -> None:
    names = set(zipfile.ZipFile(wheels[how]).namelist())
    assert names >= DATA_FILES, sorted(names)
    assert "mlcareer/cli/__init__.py" in names and "mlcareer/__main__.py" in names


def test_installed_wheel_runs_compare_from_another_folder(wheels: dict[str, Path], tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", wheels["build"], cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = _run(env_dir / "bin" / "mlcareer", "compare", cwd=elsewhere).stdout
    assert "Machine Learning" in out and "Data Scientist" in out and "AI Researcher" in out
    assert "Sources:" in out
    assert _run(python, "-m", "mlcareer", "--version", cwd=elsewhere).stdout.startswith("mlcareer ")
