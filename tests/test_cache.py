"""The cache of bundled data: same content as the YAML, never stale, ignored when broken."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlcareer import cache
from mlcareer.catalog import BUNDLED_FILES, bundled_dir
from mlcareer.loader import load_file

SOURCES = [bundled_dir() / name for name in BUNDLED_FILES]


def from_yaml() -> list[object]:
    skills = load_file(SOURCES[0]).skills
    roles = load_file(SOURCES[1], known_skills=skills).roles
    from mlcareer.models import Catalog

    return [Catalog(roles=roles, skills=skills), load_file(SOURCES[2]).faq]


def test_round_trip_equals_the_yaml() -> None:
    value = from_yaml()
    cache.write(SOURCES, value)
    assert cache.read(SOURCES) == value


def test_every_model_type_is_registered() -> None:
    from mlcareer import models

    named = {n for n, v in vars(models).items() if isinstance(v, type) and hasattr(v, "_fields")}
    assert named == set(cache.TYPES)


def test_key_changes_when_a_source_changes(tmp_path: Path) -> None:
    source = tmp_path / "roles.yaml"
    source.write_text("roles: []\n")
    before = cache.key([source])
    os.utime(source, ns=(1, 1))
    assert cache.key([source]) != before


@pytest.mark.parametrize("content", ["{not json", '{"_": "Nope"}', '[{"_": "Role", "id": 1}]', ""])
def test_a_broken_cache_is_ignored(content: str) -> None:
    folder = cache.folder()
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"bundled-{cache.key(SOURCES)}.json").write_text(content)
    assert cache.read(SOURCES) is None


def test_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MLCAREER_CACHE", "off")
    assert cache.folder() is None
    cache.write(SOURCES, from_yaml())
    assert cache.read(SOURCES) is None


def test_a_warm_start_does_not_import_yaml(tmp_path: Path) -> None:
    env = {**os.environ, "MLCAREER_CACHE": str(tmp_path)}
    code = "import sys; from mlcareer.catalog import load_bundled; load_bundled(); print('yaml' in sys.modules)"
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert (cold.stdout.strip(), warm.stdout.strip()) == ("True", "False")
    assert len(list(tmp_path.glob("bundled-*.json"))) == 1
    json.loads(next(tmp_path.glob("bundled-*.json")).read_text())
