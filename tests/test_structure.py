"""The shape of the code: every format handled for every command, the import fences, one declaration per record."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from collections.abc import Callable
from enum import Enum
from typing import Any

import pytest

from mlcareer import models, plans, schema
from mlcareer.aspects import DEFAULT
from mlcareer.catalog import find_role, load_bundled, load_bundled_faq
from mlcareer.compare import compare
from mlcareer.formats import DocFormat, ExportFormat, ListFormat, PlanExport, TableFormat
from mlcareer.history import Progress, Record
from mlcareer.match import read_posting
from mlcareer.profile import profile
from mlcareer.quiz import score
from mlcareer.render import compare as compare_out
from mlcareer.render import history as history_out
from mlcareer.render import match as match_out
from mlcareer.render import plan as plan_out
from mlcareer.render import quiz as quiz_out
from mlcareer.render import roles as roles_out
from mlcareer.render import show as show_out
from mlcareer.render.console import Terminal
from mlcareer.render.parts import ReportContext

from .conftest import ROOT

CATALOG = load_bundled()
MLE = find_role(CATALOG, "mle")
RESULT = score(CATALOG, MLE, {"python": 2, "math-stats": 1})
NAMES = {s.id: s.name for s in CATALOG.skills}
TODAY = datetime.date(2026, 11, 28)
CONTEXT = ReportContext(TODAY, {s.id: s.anchors for s in CATALOG.skills})
POSTING = read_posting(CATALOG, "Machine Learning Engineer\nRequirements:\n- Python and PyTorch\n- Kubernetes\n")
KEPT = plans.kept_from(RESULT.plan, MLE.id, MLE.title, "mid", TODAY.isoformat())
PROGRESS = plans.progress(KEPT, 5.0, TODAY)
RECORD = Record("2026-11-28T10:00:00+00:00", MLE.id, MLE.title, RESULT.readiness, RESULT.answers)

EMITTERS: dict[str, tuple[type[Enum], Callable[[Any, Terminal], None]]] = {
    "roles": (ListFormat, lambda fmt, term: roles_out.emit(CATALOG.roles, fmt, term)),
    "show": (DocFormat, lambda fmt, term: show_out.emit(profile(CATALOG, MLE, load_bundled_faq().entries), fmt, term)),
    "compare": (TableFormat, lambda fmt, term: compare_out.emit(compare(CATALOG, CATALOG.roles, DEFAULT), fmt, term)),
    "quiz": (ListFormat, lambda fmt, term: quiz_out.emit(RESULT, NAMES, fmt, term, (), CONTEXT)),
    "history": (ListFormat, lambda fmt, term: history_out.emit([(MLE.id, [Progress(RECORD, None)])], fmt, term)),
    "quiz --export": (ExportFormat, lambda fmt, term: term.write(quiz_out.export(RESULT, NAMES, fmt, CONTEXT))),
    "match --export": (
        ExportFormat,
        lambda fmt, term: term.write(match_out.export(POSTING, None, NAMES, fmt, CONTEXT)),
    ),
    "plan --export": (
        PlanExport,
        lambda fmt, term: term.write(plan_out.export(KEPT, 5.0, PROGRESS, fmt, CONTEXT, "20261128T100000Z")),
    ),
}
CASES = [(name, member) for name, (formats, _) in EMITTERS.items() for member in formats]


@pytest.mark.parametrize(("command", "fmt"), CASES, ids=[f"{c}-{f.name}" for c, f in CASES])
def test_every_format_is_handled_for_every_command(capsys: pytest.CaptureFixture[str], command: str, fmt: Enum) -> None:
    """pip-audit's test_to_format_is_exhaustive, for each command: no format falls through."""
    EMITTERS[command][1](fmt, Terminal())
    assert "Learning" in capsys.readouterr().out  # from "Machine Learning Engineer", wrapped or not


FENCES = [
    ("mlcareer/cli/__init__.py", "rich", "TID251"),
    ("mlcareer/quiz.py", "rich", "TID251"),
    ("mlcareer/commands.py", "questionary", "TID251"),
    ("mlcareer/render/quiz.py", "typer", "TID251"),
    ("mlcareer/render/quiz.py", "yaml", "TID251"),
    ("mlcareer/loader.py", "yaml", "TID251"),
    ("mlcareer/faq.py", "prompt_toolkit", "TID251"),
]


@pytest.mark.parametrize(("path", "module", "rule"), FENCES, ids=[f"{m} in {p}" for p, m, _ in FENCES])
def test_ruff_keeps_each_library_behind_its_fence(path: str, module: str, rule: str) -> None:
    """Even a lazy import inside a function breaks the fence (ruff's banned-api, read per folder)."""
    ruff = shutil.which("ruff") or str(ROOT / ".venv" / "bin" / "ruff")
    source = f"def f() -> None:\n    import {module}\n"
    found = subprocess.run(
        [ruff, "check", "--no-cache", "--output-format", "concise", "--stdin-filename", path, "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert found.returncode == 1 and f"{rule} `{module}` is banned" in found.stdout, found.stdout


@pytest.mark.parametrize(("path", "module"), [("mlcareer/render/quiz.py", "rich"), ("mlcareer/cli/exits.py", "typer")])
def test_a_library_may_be_imported_inside_its_own_fence(path: str, module: str) -> None:
    ruff = shutil.which("ruff") or str(ROOT / ".venv" / "bin" / "ruff")
    source = f"def f() -> None:\n    import {module}\n\n    del {module}\n"
    found = subprocess.run(
        [ruff, "check", "--no-cache", "--stdin-filename", path, "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert found.returncode == 0, found.stdout


RECORDS = [v for v in vars(models).values() if schema.is_record(v) and v.__module__ == models.__name__]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.__name__)
def test_every_field_of_every_record_is_declared(record: type) -> None:
    declared = schema.fields(record)
    assert [f.name for f in declared] == list(record._fields)  # type: ignore[attr-defined]
    for field in declared:
        if isinstance(field.spec, schema.Items) and schema.is_record(field.spec.item):
            assert schema.fields(field.spec.item)
