"""The strict loader: every problem is a DataError naming file and line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlcareer.catalog import find_role, load_catalog
from mlcareer.errors import DataError
from mlcareer.loader import load_file
from mlcareer.models import Catalog
from mlcareer.yamlnodes import MAX_BYTES, parse_yaml

from .conftest import write

GOOD_ROLE = """\
roles:
  - id: ml-compiler-engineer
    title: ML Compiler Engineer
    aliases: [mlce]
    summary: Builds the platform other ML engineers ship on.
    focus: Internal ML platforms.
    overview: Runs the shared training and serving platform.
    skills:
      - {skill: mlops, importance: 5, entry: 4, mid: 4, senior: 4}
      - {skill: cloud, importance: 5, entry: 4, mid: 4, senior: 4}
"""


def problems(tmp_path: Path, text: str, known: Catalog | None = None) -> list[str]:
    path = write(tmp_path, "user.yaml", text)
    with pytest.raises(DataError) as info:
        load_file(path, known_skills=known.skills if known else (), known_roles=known.roles if known else ())
    return [str(p) for p in info.value.problems]


def test_a_good_user_file_loads(tmp_path: Path, bundled: Catalog) -> None:
    loaded = load_file(write(tmp_path, "user.yaml", GOOD_ROLE), known_skills=bundled.skills)
    assert [r.id for r in loaded.roles] == ["ml-compiler-engineer"]
    assert loaded.roles[0].requirement("mlops") is not None


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (GOOD_ROLE.replace("    focus:", "    colour: red\n    focus:"), 6, "unknown key 'colour' in role item 1"),
        (GOOD_ROLE.replace("    focus: Internal ML platforms.\n", ""), 2, "is missing 'focus'"),
        (GOOD_ROLE.replace("title: ML Compiler Engineer", "title: no"), 3, 'quote it: "no"'),
        (GOOD_ROLE.replace("title: ML Compiler Engineer", "title: 12:30"), 3, 'quote it: "12:30"'),
        (GOOD_ROLE.replace("title: ML Compiler Engineer", "title: 2024-01-01"), 3, "not a date"),
        (
            GOOD_ROLE.replace(
                "importance: 5, entry: 4, mid: 4, senior: 4}\n      - {skill: cloud",
                "importance: 5, entry: 7, mid: 4, senior: 4}\n      - {skill: cloud",
            ),
            9,
            "skill item 1 entry is 7; it should be from 0 to 4",
        ),
        (
            GOOD_ROLE.replace(
                "importance: 5, entry: 4, mid: 4, senior: 4}\n      - {skill: cloud",
                "importance: 5, entry: -1, mid: 4, senior: 4}\n      - {skill: cloud",
            ),
            9,
            "should be from 0 to 4",
        ),
        (
            GOOD_ROLE.replace("importance: 5, entry: 4", "importance: 012, entry: 4", 1),
            9,
            "leading zero",
        ),
        (
            GOOD_ROLE.replace("importance: 5, entry: 4", "importance: '5', entry: 4", 1),
            9,
            "whole number",
        ),
        (
            GOOD_ROLE.replace("skill: cloud", "skill: clowd"),
            10,
            "skill 'clowd', which does not exist; did you mean 'cloud'?",
        ),
        (GOOD_ROLE.replace("skill: cloud", "skill: mlops"), 10, "rates skill 'mlops' twice"),
        (GOOD_ROLE.replace("    focus:", "    title: Again\n    focus:"), 6, "duplicate key 'title'"),
        (GOOD_ROLE + GOOD_ROLE.replace("roles:\n", ""), 11, "duplicate role id 'ml-compiler-engineer'"),
        (GOOD_ROLE.replace("id: ml-compiler-engineer", "id: ML Platform"), 2, "lower-case words joined by '-'"),
        (
            GOOD_ROLE.replace("aliases: [mlce]", "aliases: [mle]"),
            2,
            "alias 'mle' of role 'ml-compiler-engineer' already names role 'ml-engineer'",
        ),
        (GOOD_ROLE.replace("aliases: [mlce]", "aliases: mlce"), 4, "alias should be a list"),
        (
            GOOD_ROLE.replace("summary: Builds", "summary: !!python/object:os.system Builds"),
            5,
            "tagged tag:yaml.org,2002:python/object",
        ),
        (
            GOOD_ROLE.replace("summary: Builds", "summary: &s Builds").replace(
                "focus: Internal ML platforms.", "focus: *s"
            ),
            5,
            "reused through an alias (*name)",
        ),
        (GOOD_ROLE.replace("    focus:", "\tfocus:"), 6, "YAML syntax error"),
        (GOOD_ROLE.replace("[mlce]", "[mlce"), 5, "YAML syntax error"),
        ("roles:\n  - just a string\n", 2, "role item 1 should be a mapping"),
        ("- a\n- b\n", 1, "the file should be a mapping"),
        ("pets: []\n", 1, "unknown key 'pets'"),
        ("roles: []\n---\nroles: []\n", 2, "more than one YAML document"),
        ("skills:\n  - id: x\n    name: X\n    description: d\n    anchors: [has a]\n", 5, "has 1 anchor; it needs 5"),
        (
            "skills:\n  - id: x\n    name: X\n    description: d\n    anchors: [has a, has b, has c, has d, has e]\n"
            "    resources:\n      - {title: T, author: A, kind: film, cost: free, hours: 2,"
            " url: 'https://example.org', levels: [1]}\n",
            7,
            "kind 'film' should be one of",
        ),
        ("roles:\n" + "  " + "[" * 2000 + "]" * 2000 + "\n", 2, "exceeded maximum nesting depth"),
    ],
)
def test_each_problem_is_reported_with_its_line(
    tmp_path: Path, bundled: Catalog, text: str, line: int, fragment: str
) -> None:
    found = problems(tmp_path, text, bundled)
    assert any(p.startswith(f"{tmp_path / 'user.yaml'}:{line}: ") and fragment in p for p in found), found


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"", "is empty"),
        (b"# only a comment\n", "is empty"),
        (b"roles: [\xff\xfe]\n", ":1: is not valid UTF-8"),
        (b"\x00\x01\x02binary", ":1: contains a NUL byte"),
    ],
)
def test_unreadable_files(tmp_path: Path, raw: bytes, fragment: str) -> None:
    path = tmp_path / "user.yaml"
    path.write_bytes(raw)
    with pytest.raises(DataError) as info:
        load_file(path)
    assert fragment in str(info.value)


def test_an_alias_clash_points_at_its_own_role_after_an_invalid_one(tmp_path: Path, bundled: Catalog) -> None:
    broken = "roles:\n  - id: broken\n    title: Broken\n"
    clash = GOOD_ROLE.replace("roles:\n", "").replace("[mlce]", "[mle]")
    found = problems(tmp_path, broken + clash, bundled)
    assert any(
        p.endswith("user.yaml:4: alias 'mle' of role 'ml-compiler-engineer' already names role 'ml-engineer'")
        for p in found
    ), found


def test_every_problem_in_a_file_is_reported(tmp_path: Path, bundled: Catalog) -> None:
    text = GOOD_ROLE.replace(
        "importance: 5, entry: 4, mid: 4, senior: 4}\n      - {skill: cloud",
        "importance: 5, entry: 9, mid: 4, senior: 4}\n      - {skill: cloud",
    )
    text = text.replace("title: ML Compiler Engineer", "title: yes").replace(
        "    focus:", "    shape: round\n    focus:"
    )
    assert len(problems(tmp_path, text, bundled)) == 3


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(DataError, match="the limit is"):
        load_file(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        load_file(tmp_path / "nope.yaml")
    with pytest.raises(DataError, match="is a folder"):
        load_file(tmp_path)


def test_user_roles_are_added_and_replace_bundled_ones(tmp_path: Path) -> None:
    replacement = GOOD_ROLE.replace("id: ml-compiler-engineer", "id: data-scientist").replace("[mlce]", "[ds]")
    user = write(tmp_path, "user.yaml", GOOD_ROLE + replacement.replace("roles:\n", ""))
    merged = load_catalog(user)
    ids = ["ml-engineer", "data-scientist", "ai-researcher", "ai-engineer", "mlops-engineer", "ml-compiler-engineer"]
    assert [r.id for r in merged.roles] == ids
    assert find_role(merged, "ds").title == "ML Compiler Engineer"
    assert find_role(merged, "MLCE").id == "ml-compiler-engineer"


def test_user_skills_can_be_added_and_used(tmp_path: Path) -> None:
    text = (
        "skills:\n  - id: prompting\n    name: Prompt design\n    description: Writing prompts.\n"
        "    anchors: [has a, has b, has c, has d, has e]\n" + GOOD_ROLE.replace("skill: cloud", "skill: prompting")
    )
    merged = load_catalog(write(tmp_path, "user.yaml", text))
    assert merged.skill("prompting").name == "Prompt design"
    assert find_role(merged, "mlce").requirement("prompting") is not None


KEYS = st.sampled_from(["roles", "skills", "faq", "id", "title", "level", "skill", "anchors", "x"])
SCALARS = st.one_of(
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["no", "on", "012", "12:30", "2024-01-01", "~", "!!python/object:os.system x"]),
)
TREES = st.recursive(
    SCALARS, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(KEYS, kids, max_size=4), max_leaves=25
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(tree=TREES)
def test_any_structure_loads_or_raises_data_error(tmp_path: Path, tree: object) -> None:
    import yaml

    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump({"roles": tree}), encoding="utf-8")
    try:
        load_file(path)
    except DataError as exc:
        assert exc.problems and all(str(p).startswith(str(path)) for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=200))
def test_any_bytes_parse_or_raise_data_error(raw: bytes) -> None:
    try:
        parse_yaml(raw, "fuzz.yaml")
    except DataError as exc:
        assert str(exc).startswith("fuzz.yaml")
