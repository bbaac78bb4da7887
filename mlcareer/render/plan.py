"""`plan`: the kept learning plan with statuses, as text, JSON, a Markdown checklist, HTML or iCalendar."""

from __future__ import annotations

import datetime
import html
import math
from typing import TYPE_CHECKING, Any, assert_never

from mlcareer.formats import ListFormat, PlanExport
from mlcareer.render.parts import JSON_VERSION, NARROW, dump_json, long_date, md, text, wrapped
from mlcareer.text import clean, one_line

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mlcareer.plans import Item, Kept, Progress
    from mlcareer.render.console import Terminal

MARKS = {"todo": "[ ]", "doing": "[>]", "done": "[x]", "skipped": "[-]"}


def emit(kept: Kept, pace: float, progress: Progress, fmt: ListFormat, term: Terminal) -> None:
    match fmt:
        case ListFormat.text:
            term.page(plan_text(kept, pace, progress, term.width))
        case ListFormat.json:
            term.write(plan_json(kept, pace, progress))
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


def plan_json(kept: Kept, pace: float, progress: Progress) -> str:
    payload: dict[str, Any] = {
        "version": JSON_VERSION,
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


def export(kept: Kept, pace: float, progress: Progress, fmt: PlanExport, today: datetime.date, stamp: str) -> str:
    match fmt:
        case PlanExport.md:
            return plan_markdown(kept, pace, progress)
        case PlanExport.html:
            return plan_html(kept, pace, progress)
        case PlanExport.ics:
            return plan_ics(kept, pace, today, stamp)
        case _:
            assert_never(fmt)


def plan_markdown(kept: Kept, pace: float, progress: Progress) -> str:
    lines = [f"# {md(summary(kept, pace, progress)[0])}", ""]
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


def plan_html(kept: Kept, pace: float, progress: Progress) -> str:
    """A self-contained page: no scripts, fonts or stylesheets from elsewhere; everything escaped."""
    esc = html.escape
    head = summary(kept, pace, progress)
    rows = []
    for number, item in enumerate(kept.items, start=1):
        link = (
            f'<a href="{esc(item.url)}">{esc(clean(item.resource))}</a>, about {item.hours} h' if item.resource else ""
        )
        checked = " checked" if item.status == "done" else ""
        rows.append(
            f"<li><label><input type=checkbox disabled{checked}> <strong>{number}. {esc(clean(item.name))} "
            f"to level {item.level}</strong> ({esc(item.key)}; {esc(_status(item))})</label>"
            f"<br>Milestone: {esc(clean(item.milestone))}<br>{link}</li>"
        )
    return (
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
        f"<title>{esc(clean(head[0]))}</title>"
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
        "li{margin:.6rem 0}a{overflow-wrap:anywhere}@media (prefers-color-scheme:dark){body{background:#111;color:#eee}"
        "a{color:#8cf}}</style></head><body>"
        f"<h1>{esc(clean(head[0]))}</h1>"
        + "".join(f"<p>{esc(clean(line))}</p>" for line in head[1:])
        + "<ol>"
        + "".join(rows)
        + "</ol></body></html>\n"
    )


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
