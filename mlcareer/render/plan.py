"""`plan`: the kept learning plan with statuses, as text, JSON, a Markdown checklist, HTML or iCalendar."""

from __future__ import annotations

import datetime
import math
from typing import TYPE_CHECKING, Any, assert_never

from mlcareer.formats import ListFormat, PlanExport
from mlcareer.render.parts import JSON_VERSION, NARROW, ReportContext, dump_json, long_date, md, text, wrapped
from mlcareer.text import clean, one_line

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mlcareer.plans import Item, Kept, Progress
    from mlcareer.render.console import Terminal
    from mlcareer.render.report import Html

MARKS = {"todo": "[ ]", "doing": "[>]", "done": "[x]", "skipped": "[-]"}


def emit(kept: Kept, pace: float, progress: Progress, fmt: ListFormat, term: Terminal, today: datetime.date) -> None:
    match fmt:
        case ListFormat.text:
            term.page(plan_text(kept, pace, progress, term.width))
        case ListFormat.json:
            term.write(plan_json(kept, pace, progress, today))
        case _:
            assert_never(fmt)


def _status(item: Item) -> str:
    if item.status == "done":
        when = f" {item.done_on}" if item.done_on else ""
        return f"done{when}" + (", from the quiz" if item.from_quiz else "")
    return item.status


def phase_title(phase: int) -> str:
    from mlcareer.plans import REACHED

    return "Reached since the plan was made (from your quiz)" if phase == REACHED else f"Phase {phase}"


def summary(kept: Kept, pace: float, progress: Progress) -> list[str]:
    """The plan's head: whose it is, hours done and left, the finish date, ahead or behind."""
    lines = [f"Learning plan: {one_line(kept.title)} ({kept.stage} stage), kept since {kept.created}"]
    lines.append(
        f"At {pace:g} hours a week: {progress.done} hours done, {progress.left} left (estimates); "
        f"finishing around {long_date(progress.finish)}."
    )
    gap = progress.done - progress.expected
    if progress.expected:
        lines.append(
            f"You are {abs(gap)} hours {'ahead of' if gap >= 0 else 'behind'} the pace "
            f"({progress.expected} hours expected by now)."
        )
    if kept.added or kept.dropped:
        added, dropped = ", ".join(kept.added) or "nothing", ", ".join(kept.dropped) or "nothing"
        lines.append(f"Since the last quiz: added {added}; dropped {dropped}.")
    return lines


def plan_text(kept: Kept, pace: float, progress: Progress, width: int = NARROW) -> list[RenderableType]:
    out: list[RenderableType] = [wrapped(line, width, "", "") for line in summary(kept, pace, progress)]
    phase = -1
    for number, item in enumerate(kept.items, start=1):
        if item.phase != phase:
            phase = item.phase
            out += [text(""), text(phase_title(phase), "bold")]
        head = f"{MARKS[item.status]} {number}. {item.name} to level {item.level} ({item.key}; {_status(item)})"
        out.append(wrapped(head, width, "  ", "      "))
        out.append(wrapped(f"Milestone: {item.milestone}", width, "      ", "      "))
        if item.resource:
            out.append(wrapped(f"{item.resource}, about {item.hours} h {item.url}", width, "      ", "      "))
    out += [
        text(""),
        wrapped("Change a step: mlcareer plan start|done|skip|undo STEP (its number or skill:level).", width, "", ""),
    ]
    return out


def plan_json(kept: Kept, pace: float, progress: Progress, today: datetime.date) -> str:
    payload: dict[str, Any] = {
        "version": JSON_VERSION,
        "date": today.isoformat(),
        "role": kept.role,
        "title": clean(kept.title),
        "stage": kept.stage,
        "created": kept.created,
        "pace": pace,
        "hours_done": progress.done,
        "hours_left": progress.left,
        "hours_expected_by_now": progress.expected,
        "finish": progress.finish.isoformat(),
        "added": list(kept.added),
        "dropped": list(kept.dropped),
        "steps": [_step_json(n, item) for n, item in enumerate(kept.items, start=1)],
    }
    return dump_json(payload)


def _step_json(number: int, item: Item) -> dict[str, Any]:
    """One step as JSON: its fields in order, text made inert, the prerequisites as a list."""
    out: dict[str, Any] = {"number": number}
    for name, value in item._asdict().items():
        out[name] = clean(value) if isinstance(value, str) else list(value) if isinstance(value, tuple) else value
    return out


def export(kept: Kept, pace: float, progress: Progress, fmt: PlanExport, context: ReportContext, stamp: str) -> str:
    today = context.today
    match fmt:
        case PlanExport.md:
            return plan_markdown(kept, pace, progress, today)
        case PlanExport.html:
            return plan_html(kept, pace, progress, context)
        case PlanExport.json:
            return plan_json(kept, pace, progress, today)
        case PlanExport.ics:
            return plan_ics(kept, pace, today, stamp)
        case _:
            assert_never(fmt)


def plan_markdown(kept: Kept, pace: float, progress: Progress, today: datetime.date) -> str:
    lines = [f"# {md(summary(kept, pace, progress)[0])}", "", long_date(today), ""]
    lines += [md(line) for line in summary(kept, pace, progress)[1:]]
    phase = -1
    for number, item in enumerate(kept.items, start=1):
        if item.phase != phase:
            phase = item.phase
            lines += ["", f"## {phase_title(phase)}", ""]
        box = "[x]" if item.status == "done" else "[ ]"
        lines.append(f"- {box} **{number}. {md(item.name)} to level {item.level}** ({item.key}; {md(_status(item))})")
        lines.append(f"  - Milestone: {md(item.milestone)}")
        if item.resource:
            lines.append(f"  - [{md(item.resource)}](<{item.url}>), about {item.hours} h")
    return "\n".join(lines) + "\n"


def plan_html(kept: Kept, pace: float, progress: Progress, context: ReportContext) -> str:
    """The kept plan as a document: progress, how far each skill has come, the trend, every step with its link."""
    from mlcareer.render import report as doc
    from mlcareer.render.quiz import trend_html

    head = summary(kept, pace, progress)
    today = long_date(context.today)
    total = progress.done + progress.left
    share = 100.0 * progress.done / total if total else 100.0
    sections = [
        doc.Section("progress", "Progress", _progress_html(kept, head, progress)),
        doc.Section("skills", "How far each skill has come", _skills_html(kept)),
        doc.Section("trend", "Readiness over time", trend_html(kept.title, kept.stage, context)),
        doc.Section("steps", "Steps", _steps_html(kept)),
        doc.Section("sources", "Sources", _sources_html(kept)),
    ]
    facts: list[tuple[str, doc.Content]] = [
        ("Date", today),
        ("Role", kept.title),
        ("Career stage", kept.stage),
        ("Hours done", doc.meter(share, f"{progress.done} of {total}")),
        ("Finishing around", long_date(progress.finish)),
    ]
    return doc.document(
        f"mlcareer plan: {kept.title} ({kept.stage} stage), {today}",
        "mlcareer learning plan",
        kept.title,
        facts,
        head[1],
        sections,
        doc.made_on(today, f"Kept since {kept.created}; hours are rough estimates."),
    )


def _progress_html(kept: Kept, head: list[str], progress: Progress) -> Html:
    from mlcareer.render import report as doc

    kinds = ("todo", "doing", "done", "done, from the quiz", "skipped")
    counts = dict.fromkeys(kinds, 0)
    hours = dict.fromkeys(kinds, 0)
    for item in kept.items:
        kind = "done, from the quiz" if item.status == "done" and item.from_quiz else item.status
        counts[kind] += 1
        hours[kind] += item.hours
    rows = [(kind, str(counts[kind]), str(hours[kind])) for kind in kinds]
    parts: list[doc.Content] = [doc.para(line) for line in head[2:]]
    parts.append(doc.table(("status", "steps", "hours"), rows, "Steps and hours by status (estimates)", numeric=2))
    return doc.join(parts)


def _skills_html(kept: Kept) -> Html:
    """Per skill in the plan: the level its done steps reach against the level the plan aims for."""
    from mlcareer.models import TOP_LEVEL
    from mlcareer.render import report as doc

    reached: dict[str, int] = {}
    target: dict[str, int] = {}
    names: dict[str, str] = {}
    for item in sorted(kept.items, key=lambda i: i.level):
        names.setdefault(item.skill, item.name)
        reached.setdefault(item.skill, item.level - 1)
        if item.status == "done" and reached[item.skill] == item.level - 1:
            reached[item.skill] = item.level
        target[item.skill] = max(target.get(item.skill, 0), item.level)
    bars = [doc.Bar(names[s], reached[s], target[s]) for s in names]
    caption = (
        f"For each skill in the plan, the level your done steps reach (0-{TOP_LEVEL}) against the level the plan "
        "aims for. The table below gives the same numbers."
    )
    chart = doc.level_chart(
        "chart-levels", bars, TOP_LEVEL, caption, ("reached", "the plan aims for"), ("reached", "aim")
    )
    rows = [(b.label, str(b.you), str(b.asked)) for b in bars]
    return doc.join([chart, doc.table(("skill", "reached", "aim"), rows, numeric=2)])


def _steps_html(kept: Kept) -> Html:
    from mlcareer.render import report as doc

    steps: list[tuple[int, doc.Content]] = []
    for number, item in enumerate(kept.items, start=1):
        head = doc.join([f"{number}. {item.name} to level {item.level} ", doc.badge(_status(item), item.status)])
        lines = [doc.para(head, "head"), doc.para(f"Milestone: {item.milestone}")]
        if item.resource:
            lines.append(doc.para(doc.join([doc.link(item.url, item.resource), f", about {item.hours} h"])))
        lines.append(doc.para(f"Step {item.key}", "muted"))
        steps.append((item.phase, doc.Html(f'<li class="{item.status}">{doc.join(lines)}</li>')))
    change = doc.para("Change a step: mlcareer plan start|done|skip|undo STEP (its number or skill:level).", "muted")
    return doc.join([*doc.phases(steps, phase_title), change])


def _sources_html(kept: Kept) -> Html:
    from mlcareer.render import report as doc

    seen: dict[tuple[str, str], int] = {}
    for item in kept.items:
        if item.resource:
            seen.setdefault((item.resource, item.url), item.hours)
    if not seen:
        return doc.para("The plan names no learning resources.")
    items = [
        doc.join([doc.link(url, title), f", about {hours} h. ", doc.url_link(url)])
        for (title, url), hours in seen.items()
    ]
    return doc.join([doc.tag("h3", "Learning resources in the plan"), doc.bullets(items, "sources")])


def _ics_text(value: str) -> str:
    """A value escaped as RFC 5545 TEXT: backslash, semicolon, comma and newline."""
    return clean(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """A content line folded at 75 octets, continuation lines starting with a space (RFC 5545 3.1)."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts: list[str] = []
    while raw:
        size = 75 if not parts else 74
        cut = min(size, len(raw))
        while cut < len(raw) and (raw[cut] & 0xC0) == 0x80:  # NOTE: never split a UTF-8 character
            cut -= 1
        parts.append(raw[:cut].decode("utf-8"))
        raw = raw[cut:]
    return "\r\n ".join(parts)


def plan_ics(kept: Kept, pace: float, today: datetime.date, stamp: str) -> str:
    """One all-day event per step still to do, one after another at the pace (an iCalendar file)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//mlcareer//learning plan//EN", "CALSCALE:GREGORIAN"]
    start = today
    for item in kept.items:
        if item.status in ("done", "skipped"):
            continue
        days = max(1, math.ceil(item.hours / pace * 7)) if pace > 0 else 1
        end = start + datetime.timedelta(days=days)
        description = f"Milestone: {item.milestone}"
        if item.resource:
            description += f"\nResource: {item.resource} (about {item.hours} h) {item.url}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{item.key.replace(':', '-')}.{kept.role}.{kept.stage}@mlcareer",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            f"SUMMARY:{_ics_text(f'{item.name} to level {item.level}')}",
            f"DESCRIPTION:{_ics_text(description)}",
            "END:VEVENT",
        ]
        start = end
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
