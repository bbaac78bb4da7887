"""The steps of `plan`: keep the quiz's plan, show it, and change a step's status."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mlcareer.commands import MAX_PACE, check_export, confirmed, read_saved, report_context, write_export
from mlcareer.errors import Failure, UsageProblem, os_reason
from mlcareer.formats import ListFormat
from mlcareer.render.console import Terminal

if TYPE_CHECKING:
    from mlcareer.quiz import Plan


def keep_plan(plan: Plan, role: str, title: str, stage: str, answers: dict[str, int | None], term: Terminal) -> bool:
    """Keep a plan as the current one for its role and stage (statuses of unchanged steps kept); False if it
    could not be written (said as a warning)."""
    from mlcareer import plans

    today = datetime.date.today().isoformat()
    new = plans.kept_from(plan, role, title, stage, today)
    try:
        _, warnings = plans.update(lambda store: plans.keep(store, new, answers, today))
    except OSError as exc:
        term.warning(f"could not keep the learning plan: {os_reason(exc)}")
        return False
    for warning in warnings:
        term.warning(warning.message)
    return True


NO_PLAN = "no learning plan yet; take the quiz (mlcareer quiz) and its plan is kept here"
"""What `plan` says before any quiz has kept a plan."""

PLAN_ACTIONS = {"start": "doing", "done": "done", "skip": "skipped", "undo": "todo"}


def show_plan(fmt: ListFormat, pace: float | None, export: Path | None, force: bool, *, paging: bool = True) -> None:
    """`plan`: the current plan with statuses, hours done and left and the finish date at the pace."""
    from mlcareer import plans
    from mlcareer.formats import PlanExport
    from mlcareer.render import plan as out

    term = Terminal(paging=paging)
    export_format = check_export(export, PlanExport, force) if export is not None else None
    if pace is not None and not 0 < pace <= MAX_PACE:
        raise UsageProblem(f"--pace is hours a week: a number above 0 and at most {MAX_PACE}")
    if pace is not None:
        store = read_saved(lambda: plans.update(lambda s: s._replace(pace=pace)), "plan", term)
    else:
        store = read_saved(plans.load, "plan", term)
    if not store.current:
        raise Failure(NO_PLAN)
    kept = store.plans[store.current]
    today = datetime.date.today()
    progress = plans.progress(kept, store.pace, today)
    out.emit(kept, store.pace, progress, fmt, term, today)
    if export is not None and export_format is not None:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        context = report_context(None, export_format is PlanExport.html, kept.role, kept.stage)
        write_export(export, out.export(kept, store.pace, progress, export_format, context, stamp), "plan", term)


def change_plan(action: str, step: str | None, yes: bool) -> None:
    """`plan start|done|skip|undo STEP`: change a step's status; done asks first if its prerequisites are not."""
    from mlcareer import plans

    term = Terminal()
    if step is None:
        raise UsageProblem(f"plan {action} needs a STEP: its number or skill:level, as 'mlcareer plan' shows")
    try:
        store, _ = plans.load()
    except OSError as exc:
        raise Failure(f"cannot read your plan: {os_reason(exc)}") from None
    if not store.current:
        raise Failure(NO_PLAN)
    kept = store.plans[store.current]
    try:
        index = plans.find(kept, step)
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    item = kept.items[index]
    waiting = plans.unmet(kept, index) if action == "done" else ()
    if waiting and not yes:
        before = f"{item.key} comes after {', '.join(waiting)}, not done yet"
        question, needs_yes = f"{before}. Mark it done anyway?", f"{before}; add --yes to mark it anyway"
        if not confirmed(question, needs_yes, "the plan is unchanged", term):
            return
    today = datetime.date.today().isoformat()
    status = PLAN_ACTIONS[action]

    def change(current: plans.Store) -> plans.Store:
        now = current.plans[current.current]
        where = plans.find(now, item.key)
        return current._replace(plans={**current.plans, current.current: plans.set_status(now, where, status, today)})

    try:
        plans.update(change)
    except (OSError, ValueError, KeyError) as exc:
        raise Failure(f"cannot change your plan: {exc}") from None
    term.say(f"{item.key} ({item.name} to level {item.level}) is now {status}")
