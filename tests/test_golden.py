"""Renderers compared with golden text at fixed widths.

Regenerate after an intended change with: MLCAREER_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from rich.console import RenderableType

from mlcareer.aspects import DEFAULT as DEFAULT_ASPECTS
from mlcareer.catalog import find_role
from mlcareer.compare import compare
from mlcareer.models import Catalog
from mlcareer.profile import profile
from mlcareer.render import compare as compare_out
from mlcareer.render import roles as roles_out
from mlcareer.render import show as show_out
from mlcareer.render.console import make_console, print_renderables

GOLDEN = Path(__file__).resolve().parent / "golden"
THIS_YEAR = 2026
"""Figures are dated against this year in golden text, so the files do not change with the calendar."""


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("MLCAREER_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {name}; run with MLCAREER_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden text"


def rendered(renderables: Sequence[RenderableType], width: int) -> str:
    buffer = io.StringIO()
    console = make_console(buffer, width=width)
    print_renderables(renderables, console)
    return buffer.getvalue()


@pytest.mark.parametrize("width", [80, 50])
def test_compare_table(bundled: Catalog, width: int) -> None:
    result = compare(bundled, bundled.roles, DEFAULT_ASPECTS, this_year=THIS_YEAR)
    text = rendered(compare_out.compare_table(result, width), width)
    assert max(len(line) for line in text.splitlines() if "https://" not in line) <= width
    check_golden(f"compare-{width}.txt", text)


@pytest.mark.parametrize("width", [80, 50])
def test_show(bundled: Catalog, width: int) -> None:
    prof = profile(bundled, find_role(bundled, "mle"), this_year=THIS_YEAR)
    text = rendered(show_out.profile_rich(prof, width), width)
    assert max(len(line) for line in text.splitlines() if "https://" not in line) <= width
    assert all(line == line.rstrip() for line in text.splitlines()), "no trailing spaces"
    check_golden(f"show-mle-{width}.txt", text)


@pytest.mark.parametrize("width", [80, 50])
def test_roles(bundled: Catalog, width: int) -> None:
    check_golden(f"roles-{width}.txt", rendered([roles_out.roles_table(bundled.roles, width)], width))


FORMATS: dict[str, Callable[..., str]] = {
    "compare.md": compare_out.compare_markdown,
    "compare.csv": compare_out.compare_csv,
    "compare.json": compare_out.compare_json,
}


@pytest.mark.parametrize("name", list(FORMATS))
def test_compare_text_formats(bundled: Catalog, name: str) -> None:
    result = compare(bundled, bundled.roles, ("focus", "skills", "pay"), this_year=THIS_YEAR)
    check_golden(name, FORMATS[name](result))


def test_show_markdown(bundled: Catalog) -> None:
    prof = profile(bundled, find_role(bundled, "ds"), this_year=THIS_YEAR)
    check_golden("show-ds.md", show_out.profile_markdown(prof))
