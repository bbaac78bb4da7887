"""The steps of the commands that take more than one: which core call, prompt and output, in order.

No terminal code here: output goes through `render`, questions through `prompts`, and problems
are raised as the errors in `mlcareer.errors` for the command line to map to exit codes.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from mlcareer.errors import Cancelled, Failure, UsageProblem, os_reason
from mlcareer.formats import ExportFormat, F, ListFormat, by_suffix, suffix_list
from mlcareer.models import Catalog, Faq, Role, Skill, Stage
from mlcareer.render.console import Terminal

if TYPE_CHECKING:
    from mlcareer.history import HistoryWarning
    from mlcareer.quiz import QuizResult
    from mlcareer.render.parts import ReportContext

T = TypeVar("T")


NEAREST = 3
"""Questions offered when the search has no close answer."""
MAX_PACE = 80
"""The most hours a week a plan may assume."""
MAX_QUERY = 500
"""Longest FAQ question we search for, in characters."""


def answer_faq(found: Faq, words: Sequence[str], json_out: bool, all_answers: bool, *, paging: bool = True) -> None:
    """`faq`: list the questions, show one by number, search, or show them all (`paging`: through a pager)."""
    from mlcareer.catalog import faq_index
    from mlcareer.faq import by_number, see_also, topics
    from mlcareer.render import faq as out

    term = Terminal(paging=paging)
    if all_answers and words:
        raise UsageProblem("--all takes no question or words")
    if not words:
        if json_out:
            term.write(out.faq_json(found.entries))
        elif all_answers:
            out.show_all(found, term)
        else:
            term.show(out.faq_list(topics(found), term.width))
        return
    if len(words) == 1 and words[0].isdigit():
        entry = by_number(found, int(words[0]))
        if entry is None:
            raise UsageProblem(f"no question {words[0]}; choose 1 to {len(found.entries)} (mlcareer faq lists them)")
        if json_out:
            term.write(out.faq_json([entry]))
        else:
            out.show_answer(entry, [], term)
        return
    typed = " ".join(words)
    if len(typed) > MAX_QUERY:
        raise UsageProblem(f"the question is {len(typed):,} characters long; ask in at most {MAX_QUERY}")
    found_answer = faq_index(found).answer(typed)
    hits = found_answer.hits
    if found_answer.query.corrections:
        read = " ".join(fix for _, fix in found_answer.query.corrections)
        term.note(f"showing results for '{read}' (read {_typed(found_answer.query.corrections)})")
    if json_out:
        term.write(out.search_json(found_answer, typed))
    elif found_answer.confident:
        out.show_answer(hits[0].entry, [h.entry for h in see_also(hits)], term)
    if not found_answer.confident:
        nearest = [h.entry for h in hits[:NEAREST]]
        if nearest:
            term.error(f"no close answer to '{typed}'; the nearest questions are:")
            if not json_out:
                term.show_err(out.nearest(nearest, term.err_width))
        else:
            term.error(f"no question matches '{typed}'; 'mlcareer faq' lists them all")
        raise Failure("", 1)


def _typed(corrections: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"'{typed}' as '{fix}'" for typed, fix in corrections)


class QuizRequest(NamedTuple):
    """What `quiz` was asked for on the command line."""

    role: str | None = None
    stage: Stage | None = None
    answers: Path | None = None
    fmt: ListFormat = ListFormat.text
    export: Path | None = None
    save: bool = True
    force: bool = False
    pace: float | None = None


def take_quiz(cat: Catalog, request: QuizRequest) -> None:
    """`quiz`: answers from a file or the prompts, scored, saved, reported and exported."""
    from mlcareer import quiz as scoring
    from mlcareer.catalog import find_role
    from mlcareer.render import quiz as out

    term = Terminal()
    export = request.export
    export_format = check_export(export, ExportFormat, request.force) if export is not None else None
    if request.pace is not None and not 0 < request.pace <= MAX_PACE:
        raise UsageProblem(f"--pace is hours a week: a number above 0 and at most {MAX_PACE}")
    target = find_role(cat, request.role) if request.role is not None else None
    stage = request.stage
    missing: tuple[str, ...] = ()
    if request.answers is not None:
        from mlcareer.answers import load_answers

        sheet = load_answers(request.answers, cat.skills)
        given, missing = sheet.answers, sheet.missing
    else:
        given, target, stage = _ask(cat, target, stage)
    stage = stage or Stage.mid
    if target is None:
        target = find_role(cat, scoring.best_fit(cat, given, stage))
    pace = request.pace if request.pace is not None else scoring.DEFAULT_PACE
    result = scoring.score(cat, target, given, stage, pace=pace, start=datetime.date.today())
    saved: list[str] = []
    if request.save:  # NOTE: saved first, so a report cut short (| head, a closed pager) loses nothing
        saved = _save(result, term)
    names = {s.id: s.name for s in cat.skills}
    context = report_context(cat, export_format is ExportFormat.html, result.role, result.stage.value)
    if export_format is ExportFormat.html and not request.save:  # NOTE: the trend ends with this result, unsaved
        from mlcareer.render.parts import TrendPoint

        today = TrendPoint(datetime.date.today().isoformat(), result.readiness)
        context = context._replace(trend=(*context.trend, today))
    out.emit(result, names, request.fmt, term, missing, context)
    if missing:
        term.note(f"not in the answers file, scored as 'not sure yet': {', '.join(missing)}")
    if export is not None and export_format is not None:
        write_export(export, out.export(result, names, export_format, context, missing), "report", term)
    for line in saved:  # NOTE: said last, where a person reading the report will see it
        term.say(line)


def report_context(cat: Catalog | None, with_trend: bool, role: str = "", stage: str = "") -> ReportContext:
    """The day, the anchor behind each answer and, for an HTML report, the readiness trend of `role` at `stage`
    from the history (unreadable history: no trend)."""
    from mlcareer.render.parts import ReportContext, TrendPoint

    anchors = {s.id: s.anchors for s in cat.skills} if cat is not None else {}
    context = ReportContext(datetime.date.today(), anchors)
    if not with_trend:
        return context
    from mlcareer import history

    try:
        records, _ = history.load()
    except OSError:
        return context
    points = tuple(TrendPoint(day, readiness) for day, readiness in history.trend(records, role, stage))
    return context._replace(trend=points)


def check_export(export: Path, formats: type[F], force: bool) -> F:
    """Before any work: the export's suffix is one of `formats`, its folder exists, and it replaces nothing
    unasked. The format it asks for."""
    chosen = by_suffix(formats, export)
    if chosen is None:
        raise UsageProblem(f"cannot export to '{export.name}'; use a file ending in {suffix_list(formats)}")
    check_folder(export, force)
    return chosen


def write_export(export: Path, content: str, what: str, term: Terminal) -> None:
    """Write an export atomically (never creating folders) and say so; an OS error is one line."""
    from mlcareer.files import atomic_write

    try:
        atomic_write(export, content, make_folders=False, private=False)
    except OSError as exc:
        raise Failure(f"cannot write {export}: {os_reason(exc)}") from None
    term.say(f"wrote the {what} to {export}")


def check_folder(export: Path, force: bool) -> None:
    """The export's folder exists, and the export replaces nothing unless asked to."""
    folder = export.parent
    if not folder.is_dir():
        raise Failure(f"cannot write {export}: the folder {folder} does not exist")
    if export.exists() and not force:
        raise UsageProblem(f"{export} already exists; add --force to replace it")


def _ask(cat: Catalog, target: Role | None, stage: Stage | None) -> tuple[dict[str, int | None], Role | None, Stage]:
    """Run the prompts (role, stage, one question per skill, a review); the role is None for "pick the best fit"."""
    from mlcareer import prompts
    from mlcareer.commands.interview import Interview

    problem = prompts.why_not_interactive()
    if problem is not None:
        raise UsageProblem(problem)
    try:
        with prompts.on_terminal():
            given, target, chosen = Interview(cat, target, stage).run()
    except (KeyboardInterrupt, EOFError):
        raise Cancelled("quiz cancelled; nothing was saved") from None
    return given, target, chosen or Stage.mid


def _save(result: QuizResult, term: Terminal) -> list[str]:
    """Save the result in the history and keep its plan; the lines that say where (warnings are said at once)."""
    from mlcareer import history

    record = history.Record(
        taken_at=datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        role=result.role,
        title=result.title,
        readiness=result.readiness,
        answers=result.answers,
        stage=result.stage.value,
    )
    try:
        warnings = history.save(record)
    except OSError as exc:
        term.warning(f"could not save this result: {os_reason(exc)}")
        return []
    for warning in warnings:
        term.warning(warning.message)
    from mlcareer.commands.plan import keep_plan

    kept = keep_plan(result.plan, result.role, result.title, result.stage.value, result.answers, term)
    plan = "tick off your learning plan with 'mlcareer plan'; " if kept and result.plan.steps else ""
    return [f"saved the result to {history.history_path()}", f"{plan}see your progress with 'mlcareer history'"]


def confirmed(question: str, needs_yes: str, unchanged: str, term: Terminal) -> bool:
    """Ask before a change: True to go on. Without a terminal, a usage error (`needs_yes` names --yes);
    a no says `unchanged`, Ctrl+C cancels with it."""
    import sys

    if not sys.stdin.isatty():
        raise UsageProblem(needs_yes)
    from mlcareer import prompts

    try:
        sure = prompts.confirm(question)
    except (KeyboardInterrupt, EOFError):
        raise Cancelled(f"cancelled; {unchanged}") from None
    if not sure:
        term.say(unchanged)
    return sure


def read_saved(load: Callable[[], tuple[T, Sequence[HistoryWarning]]], what: str, term: Terminal) -> T:
    """What `load` reads from a file we keep (history, plans), its warnings said; unreadable is a Failure."""
    try:
        value, warnings = load()
    except OSError as exc:
        raise Failure(f"cannot read your {what}: {os_reason(exc)}") from None
    for warning in warnings:
        term.warning(warning.message)
    return value


def show_history(fmt: ListFormat, cat: Catalog | None = None) -> None:
    """`history`: saved results per role, with the change each time (skills by name from `cat`)."""
    from mlcareer import history
    from mlcareer.render import history as out

    term = Terminal()
    records = read_saved(history.load, "history", term)
    names = {skill.id: skill.name for skill in cat.skills} if cat is not None else {}
    out.emit(history.progress(records), fmt, term, names)


def clear_history(yes: bool) -> None:
    """`history --clear`: delete every saved result, after asking unless `yes`."""
    from mlcareer import history

    term = Terminal()
    question = f"Delete every saved quiz result in {history.history_path()}?"
    needs_yes = "history --clear asks before deleting; without a terminal, add --yes"
    if not yes and not confirmed(question, needs_yes, "nothing was deleted", term):
        return
    try:
        removed = history.clear()
    except OSError as exc:
        raise Failure(f"cannot clear your history: {os_reason(exc)}") from None
    from mlcareer.text import count

    term.say(f"deleted {count(removed, 'saved result')}")


def validate_files(paths: Sequence[Path], skills: Callable[[], Sequence[Skill]]) -> None:
    """`validate`: every problem of each file, data or quiz answers, as file:line: message; exit 1 when any
    has one. `skills` gives the skills answers are checked against (loaded only for an answers file)."""
    import functools

    from mlcareer.catalog import load_bundled, stale_figures
    from mlcareer.errors import DataError
    from mlcareer.loader import is_answers_file, load_file
    from mlcareer.text import count, one_line

    term = Terminal()
    bundled = load_bundled()
    known = functools.cache(skills)
    bad = False
    for path in paths:
        try:
            if is_answers_file(path, [s.id for s in known()]):
                term.write(f"{one_line(str(path))}: ok ({_answers_summary(path, known())})\n")
                continue
            loaded = load_file(path, known_skills=bundled.skills, known_roles=bundled.roles)
        except DataError as exc:
            bad = True
            term.problems(exc.problems)
            if exc.more:
                term.problems([f"{path}: ... and {count(exc.more, 'more problem')}"])
            continue
        for role, figure in stale_figures(loaded.roles, datetime.date.today().year):
            term.warning(f"{path}: role '{role.id}': '{figure.label}' is from {figure.year}; look for a newer edition")
        counts = [count(len(loaded.roles), "role"), count(len(loaded.skills), "skill")]
        if loaded.faq is not None:
            counts.append(count(len(loaded.faq.entries), "FAQ entry", "FAQ entries"))
        term.write(f"{one_line(str(path))}: ok ({', '.join(counts)})\n")
    if bad:
        raise Failure("", 1)


def _answers_summary(path: Path, skills: Sequence[Skill]) -> str:
    """'quiz answers for 13 of 15 skills, 2 not sure yet', or the answers file's problems as a DataError."""
    from mlcareer.answers import load_answers

    sheet = load_answers(path, skills)
    given = len(skills) - len(sheet.missing)
    unsure = sum(1 for skill, level in sheet.answers.items() if level is None and skill not in sheet.missing)
    return f"quiz answers for {given} of {len(skills)} skills" + (f", {unsure} not sure yet" if unsure else "")
