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


def test_wheels_carry_the_data_and_the_installed_command_runs_from_another_folder(tmp_path: Path) -> None:
    """A wheel built the way `pip install .` builds it, and one built by `python -m build` via the sdist,
    both carry the data; the second, installed in a fresh environment, runs `compare` from elsewhere.
    (One test, so the wheels are built once whichever worker runs it.)"""
    src = _copy_repo(tmp_path)
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "pip", src, cwd=tmp_path)
    _run(sys.executable, "-m", "build", "-q", "--outdir", tmp_path / "build", src, cwd=tmp_path)
    wheels = {how: next((tmp_path / how).glob("mlcareer-*.whl")) for how in ("pip", "build")}
    for how, wheel in wheels.items():
        names = set(zipfile.ZipFile(wheel).namelist())
        assert names >= DATA_FILES, (how, sorted(names))
        assert "mlcareer/cli/__init__.py" in names and "mlcareer/__main__.py" in names, how

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)  # NOTE: this pip installs into it (--python), saving a pip of its own
    python = env_dir / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "-q", wheels["build"], cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = _run(env_dir / "bin" / "mlcareer", "compare", cwd=elsewhere).stdout
    assert "Machine Learning" in out and "Data Scientist" in out and "AI Researcher" in out
    assert "Sources:" in out
    assert _run(python, "-m", "mlcareer", "--version", cwd=elsewhere).stdout.startswith("mlcareer ")
