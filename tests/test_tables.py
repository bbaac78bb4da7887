"""Tables never break a word that fits on a line: at any width, every word printed is a whole word."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from .conftest import RunCli

BOX = set("━─┏┓┗┛┡┩└┘├┤┼┬┴╇╈┳┻╋│┃")


def words(text: str) -> set[str]:
    return {w for w in re.split(r"[\s│┃]+", text) if w and not set(w) <= BOX}


def strings(value: Any) -> str:
    """Every string in a JSON document, joined by spaces."""
    if isinstance(value, dict):
        return " ".join(strings(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(strings(v) for v in value)
    return str(value)


@pytest.mark.parametrize(
    "args", [("compare", "--all", "-a", "all"), ("compare",), ("show", "mle"), ("roles",)], ids=" ".join
)
def test_no_word_is_broken_in_any_table(run: RunCli, args: tuple[str, ...]) -> None:
    source = strings(json.loads(run(*args, "--json").stdout))
    whole = words(run(*args, env={"COLUMNS": "3000"}).stdout) | words(source)
    whole |= {"Skills", "skill", "at", "the", "mid", "stage", "role", "also:"}  # NOTE: narrow layouts' own words
    for width in (50, 80, 160):
        printed = words(run(*args, env={"COLUMNS": str(width)}).stdout)
        broken = {w for w in printed - whole if not w.endswith("…")}
        assert not broken, (width, sorted(broken))


@pytest.mark.parametrize(
    "cell", ["", "a b", "Machine Learning Engineer", "line one\nline two longer", "  spaced  out  ", "wide 漢字 cells"]
)
def test_a_text_cell_is_measured_as_rich_measures_it(cell: str) -> None:
    import io

    from rich.console import Console
    from rich.measure import Measurement
    from rich.text import Text

    from mlcareer.render.console import _measure

    console = Console(file=io.StringIO(), width=100_000)
    found = Measurement.get(console, console.options, Text(cell))
    assert _measure(Text(cell)) == (found.minimum, found.maximum)
