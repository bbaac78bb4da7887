"""The cache of bundled data: same content as the YAML, never stale, ignored when broken."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlcareer import cache
from mlcareer.catalog import BUNDLED_FILES, bundled_dir, faq_index_sources, numbered
from mlcareer.loader import load_file
from mlcareer.models import Catalog, Faq

SOURCES = [bundled_dir() / name for name in BUNDLED_FILES]


SHAPE = (Catalog, Faq)


def from_yaml() -> tuple[Catalog, Faq]:
    skills = load_file(SOURCES[0]).skills
    roles = load_file(SOURCES[1], known_skills=skills).roles
    faq = load_file(SOURCES[2]).faq
    assert faq is not None
    return Catalog(roles=roles, skills=skills), numbered(faq)


def test_round_trip_equals_the_yaml() -> None:
    value = from_yaml()
    cache.write(SOURCES, value)
    assert cache.read(SOURCES, SHAPE) == value


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
    assert cache.read(SOURCES, SHAPE) is None


def test_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MLCAREER_CACHE", "off")
    assert cache.folder() is None
    cache.write(SOURCES, from_yaml())
    assert cache.read(SOURCES, SHAPE) is None


def test_a_warm_start_does_not_import_yaml(tmp_path: Path) -> None:
    env = {**os.environ, "MLCAREER_CACHE": str(tmp_path)}
    code = "import sys; from mlcareer.catalog import load_bundled; load_bundled(); print('yaml' in sys.modules)"
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert (cold.stdout.strip(), warm.stdout.strip()) == ("True", "False")
    assert len(list(tmp_path.glob("bundled-*.json"))) == 1
    digest, _, body = next(tmp_path.glob("bundled-*.json")).read_text().partition("\n")
    assert len(digest) == 64 and isinstance(json.loads(body), list)


def _cache_file() -> Path:
    folder = cache.folder()
    assert folder is not None
    return folder / f"bundled-{cache.key(SOURCES)}.json"


def test_an_edit_of_the_same_size_is_not_trusted() -> None:
    cache.write(SOURCES, from_yaml())
    path = _cache_file()
    text = path.read_text()
    assert "$112,590" in text
    path.write_text(text.replace("$112,590", "$999,999"))
    assert cache.read(SOURCES, SHAPE) is None


@pytest.mark.parametrize(
    "body",
    [
        '[{"roles": 1, "skills": []}, {"entries": [], "synonyms": [], "stopwords": []}]',
        '[{"roles": [], "skills": []}, {"entries": [], "synonyms": [], "stopwords": ["\\ud800"]}]',
        "[" * 100_000,
        '[{"roles": [], "skills": [], "extra": 1}, {"entries": [], "synonyms": [], "stopwords": []}]',
    ],
    ids=["wrong type", "lone surrogate", "deep nesting", "unknown field"],
)
def test_a_cache_that_does_not_fit_the_declarations_is_ignored(body: str) -> None:
    """Even with a matching digest, a cache is decoded against the records' declarations."""
    import hashlib

    path = _cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(hashlib.sha256(body.encode()).hexdigest() + "\n" + body)
    assert cache.read(SOURCES, SHAPE) is None


def test_the_faq_index_is_cached_and_gives_the_same_answers() -> None:
    from mlcareer.catalog import faq_index, load_bundled_faq
    from mlcareer.faq import Index

    faq = load_bundled_faq()
    fresh = Index(faq)
    first = faq_index(faq)
    assert cache.read_json("faq-index", faq_index_sources()) == json.loads(json.dumps(fresh.tables()))
    again = faq_index(faq)
    assert again.tables() == fresh.tables()
    for query in ("do I need a phd", "how much do ml engineers make", "salery"):
        assert again.answer(query) == first.answer(query) == fresh.answer(query)


@pytest.mark.parametrize(
    "tables",
    [
        None,
        [],
        {"fields": [], "sequences": [], "raw_words": {}, "average": {}, "idf": {}},
        "tampered",
    ],
)
def test_a_faq_index_cache_that_does_not_fit_is_rebuilt(tables: object) -> None:
    from mlcareer.catalog import faq_index, load_bundled_faq
    from mlcareer.faq import Index

    faq = load_bundled_faq()
    good = Index(faq).tables()
    if tables == "tampered":  # NOTE: the right shape, with a count that is not a number
        tables = json.loads(json.dumps(good))
        assert isinstance(tables, dict)
        tables["idf"][next(iter(tables["idf"]))] = "1.0"
    cache.write_json("faq-index", faq_index_sources(), tables)
    assert faq_index(faq).tables() == good
    assert cache.read_json("faq-index", faq_index_sources()) == json.loads(json.dumps(good)), (
        "the cache is rewritten whole"
    )


def test_a_faq_with_your_entries_is_not_cached(tmp_path: Path) -> None:
    from mlcareer.catalog import faq_index, load_bundled_faq

    faq = load_bundled_faq()
    mine = faq._replace(entries=faq.entries[:3])
    assert len(faq_index(mine).fields) == 3
    assert cache.read_json("faq-index", faq_index_sources()) is None


@pytest.mark.parametrize(("xdg", "base"), [("/tmp/xdg-cache", "/tmp/xdg-cache"), ("relative/cache", None), ("", None)])
def test_the_cache_folder_follows_the_xdg_rule(monkeypatch: pytest.MonkeyPatch, xdg: str, base: str | None) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the XDG rule is the Linux one")
    monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert cache._platform_cache() == (Path(base) if base else Path.home() / ".cache")
