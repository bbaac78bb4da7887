"""`history`: past quiz results per role, as text or JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, assert_never

from mlcareer.formats import ListFormat
from mlcareer.render.parts import JSON_VERSION, NARROW, bar, dump_json, pct, text, wrapped
from mlcareer.text import clean

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mlcareer.history import Progress
    from mlcareer.render.console import Terminal

Groups = Sequence[tuple[str, Sequence["Progress"]]]


def emit(groups: Groups, fmt: ListFormat, term: Terminal, names: Mapping[str, str] | None = None) -> None:
    match fmt:
        case ListFormat.text:
            if groups:
                term.show(history_table(groups, term.width, names or {}))
            else:
                term.say("no saved results yet; take the quiz with 'mlcareer quiz'")
        case ListFormat.json:
            term.write(history_json(groups))
        case _:
            assert_never(fmt)


def history_table(groups: Groups, width: int = NARROW, names: Mapping[str, str] | None = None) -> list[RenderableType]:
    """Past results per role, oldest first, each with its change since the one before; skills by name
    where `names` knows them (a skill since removed keeps its id)."""
    names = names or {}
    out: list[RenderableType] = []
    for index, (_, items) in enumerate(groups):
        if index:
            out.append(text(""))
        first, last = items[0].record, items[-1].record
        change = last.readiness - first.readiness
        summary = f"{first.title} ({first.stage} stage): {pct(first.readiness)}"
        if len(items) > 1:
            summary += f" -> {pct(last.readiness)}, {change:+.0f} over {len(items)} quizzes"
        out.append(wrapped(summary, width, "", "  "))
        for item in items:
            delta = "" if item.change is None else f" ({item.change:+.0f})"
            score = f"{bar(item.record.readiness, 10)} {pct(item.record.readiness)}{delta}"
            line = f"{local_time(item.record.taken_at)}  {score}"
            out.append(text("  " + line))
            if item.skills:
                moved = ", ".join(f"{names.get(skill, skill)} {before}->{now}" for skill, before, now in item.skills)
                out.append(wrapped(moved, width, "      ", "      "))
    return out


def local_time(stamp: str) -> str:
    """A saved time shown in this computer's time zone, to the minute."""
    import datetime

    try:
        moment = datetime.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        return f"{moment:%Y-%m-%d %H:%M}"
    return f"{moment.astimezone():%Y-%m-%d %H:%M %Z}"


def history_json(groups: Groups) -> str:
    roles = [
        {
            "role": items[0].record.role,
            "stage": items[0].record.stage,
            "title": clean(items[0].record.title),
            "results": [
                {
                    "taken_at": p.record.taken_at,
                    "readiness": p.record.readiness,
                    "change": p.change,
                    "answers": p.record.answers,
                    "skill_changes": [{"skill": s, "from": a, "to": b} for s, a, b in p.skills],
                }
                for p in items
            ],
        }
        for _, items in groups
    ]
    return dump_json({"version": JSON_VERSION, "roles": roles})
