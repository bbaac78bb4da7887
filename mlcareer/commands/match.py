"""The steps of `match`: read a posting, profile it, and hold the person against it."""

from __future__ import annotations

import datetime
from pathlib import Path

from mlcareer.commands import check_export, report_context, write_export
from mlcareer.errors import Failure, UsageProblem
from mlcareer.formats import ExportFormat, ListFormat
from mlcareer.models import Catalog
from mlcareer.render.console import Terminal


def match_posting(
    cat: Catalog,
    source: str,
    answers: Path | None,
    fmt: ListFormat,
    export: Path | None,
    force: bool = False,
    save: bool = False,
) -> None:
    """`match`: read a posting (a file, or - for standard input), profile it, and hold the person against it."""
    import sys

    from mlcareer import quiz as scoring
    from mlcareer.errors import DataError, Problem
    from mlcareer.files import decode_text, read_bytes, read_stream
    from mlcareer.match import posting_role, read_posting
    from mlcareer.render import match as out

    term = Terminal()
    export_format = check_export(export, ExportFormat, force) if export is not None else None
    name = "standard input" if source == "-" else source
    raw = read_stream(sys.stdin.buffer, name) if source == "-" else read_bytes(Path(source), name)
    if not raw.strip():
        raise DataError([Problem(name, None, "is empty; give the text of a job posting")])
    try:
        text = decode_text(raw, name)
    except DataError as exc:
        if not any("UTF-8" in p.message for p in exc.problems):
            raise
        problem = "is not UTF-8 text; save the posting as UTF-8 (plain text or HTML)"
        raise DataError([Problem(name, None, problem)]) from None
    posting = read_posting(cat, text)
    if not posting.skills:
        raise Failure(f"{name}: no skills recognised; is this a job posting?")
    you = None
    kept = False
    level_source = ""
    if answers is not None:
        from mlcareer.answers import load_answers

        given: dict[str, int | None] | None = load_answers(answers, cat.skills).answers
        level_source = str(answers)
    else:
        given, level_source = _latest_answers()
    if given is not None:
        role = posting_role(cat, posting)
        full = {s.id: given.get(s.id) for s in cat.skills}
        levels = tuple(scoring.compared(cat, role, full, posting.stage))
        gaps = scoring.gaps_among(levels)
        plan = scoring.plan(cat, role, full, posting.stage, start=datetime.date.today())
        from mlcareer.match import meets

        ready = scoring.readiness(role, full, posting.stage)
        you = out.Fit(full, meets(full, role, posting.stage), gaps, plan, level_source, levels, ready)
        if save:
            from mlcareer.commands.plan import keep_plan

            closest = next(r for r in cat.roles if r.id == posting.roles[0].role)
            title = f"{posting.title or closest.title} (job posting)"
            kept = keep_plan(plan, closest.id, title, posting.stage.value, full, term)
    elif save:
        raise UsageProblem("match --save needs your levels: take the quiz first, or give --answers FILE")
    names = {s.id: s.name for s in cat.skills}
    context = report_context(cat, False)
    out.emit(posting, you, names, fmt, term, context)
    if export is not None and export_format is not None:
        write_export(export, out.export(posting, you, names, export_format, context), "report", term)
    if kept:
        term.say("kept this plan as your current learning plan; see it with: mlcareer plan")


def _latest_answers() -> tuple[dict[str, int | None] | None, str]:
    """The answers of the newest saved quiz result, and where they came from; None when there is none."""
    from mlcareer import history

    try:
        records, _ = history.load()
    except OSError:
        return None, ""
    if not records:
        return None, ""
    latest = records[-1]
    return latest.answers, f"your quiz of {latest.taken_at[:10]}"
