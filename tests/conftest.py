"""Shared fixtures: a deterministic environment and a CLI runner that shows what failed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from mlcareer import catalog as catalog_module
from mlcareer.cli import app
from mlcareer.models import Catalog

ROOT = Path(__file__).resolve().parent.parent
FILES = Path(__file__).resolve().parent / "files"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Pin the width, force plain output, and keep user state in a temporary folder."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    monkeypatch.setenv("MLCAREER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MLCAREER_CACHE", str(tmp_path / "cache"))
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "MLCAREER_DATA", "GITHUB_ACTIONS", "PY_COLORS"):
        monkeypatch.delenv(name, raising=False)
    yield


RunCli = Callable[..., Result]


@pytest.fixture
def run() -> RunCli:
    """Invoke the CLI; `code` is the exit code the test expects (checked with the output shown)."""

    def invoke(*args: str, code: int = 0, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        runner = CliRunner()
        result = runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        assert result.exit_code == code, f"exit {result.exit_code}, wanted {code}\n{result.output}"
        return result

    return invoke


@pytest.fixture
def bundled() -> Catalog:
    return catalog_module.load_bundled()


def write(tmp_path: Path, name: str, text: str) -> Path:
    """Write a test data file and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
