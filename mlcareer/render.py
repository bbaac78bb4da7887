"""The one place that turns results into rich tables, Markdown, JSON and CSV.

Every string from data passes through `clean` (no control characters) and is shown as
plain `Text` (never parsed as rich markup).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

from mlcareer.compare import Cell, Comparison
from mlcareer.models import Faq, FaqEntry, Figure, Resource, Role
from mlcareer.profile import Profile
from mlcareer.text import clean, csv_cell, one_line

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

    from mlcareer.history import Progress
    from mlcareer.quiz import QuizResult

JSON_VERSION = 1
NARROW = 80
"""Below this width, tables change layout so each column keeps enough room."""
FULL, EMPTY = "●", "○"


def make_console(file: IO[str] | None = None, *, record: bool = False, width: int | None = None) -> Console:
    """A console for one command: no colour when piped, for NO_COLOR or TERM=dumb."""
    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Console(
        file=file or sys.stdout,
        color_system=None if plain else "auto",
        markup=False,
        emoji=False,
        highlight=False,
        record=record,
        width=width,
    )


def dots(level: int, top: int = 4) -> str:
    """A level as filled and empty dots: 3 of 4 -> '●●●○'."""
    level = max(0, min(level, top))
    return FULL * level + EMPTY * (top - level)


def dump_json(payload: Any) -> str:
    """Stable JSON: fixed key order as built, two-space indent, UTF-8 text."""
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _text(value: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(clean(value), style=style)


def _table(*headers: str) -> Table:
    from rich.table import Table

    table = Table(show_lines=True, expand=False)
    for header in headers:
        table.add_column(_text(header), overflow="fold", vertical="top")
    return table


# --- roles -----------------------------------------------------------------------------------


def roles_table(roles: Sequence[Role], width: int = NARROW) -> Table:
    """One row per role; below NARROW columns, title, aliases and summary share one column."""
    if width >= NARROW:
        table = _table("id", "title", "aliases", "summary")
        for role in roles:
            table.add_row(
                _text(role.id, "bold"), _text(role.title), _text(", ".join(role.aliases)), _text(role.summary)
            )
        return table
    table = _table("id", "role")
    for role in roles:
        about = _text(role.title, "bold")
        if role.aliases:
            about.append_text(_text(f"\nalso: {', '.join(role.aliases)}"))
        about.append_text(_text(f"\n{role.summary}"))
        table.add_row(_text(role.id, "bold"), about)
    return table


def roles_json(roles: Sequence[Role]) -> str:
    payload = {
        "version": JSON_VERSION,
        "roles": [
            {"id": r.id, "title": clean(r.title), "aliases": list(r.aliases), "summary": clean(r.summary)}
            for r in roles
        ],
    }
    return dump_json(payload)


# --- compare ---------------------------------------------------------------------------------


def _footnotes(comparison: Comparison) -> tuple[dict[Figure, int], list[str]]:
    """A footnote number for each figure (one per distinct citation), and the citations."""
    numbers: dict[str, int] = {}
    for figure in comparison.sources:
        numbers.setdefault(_citation(figure), len(numbers) + 1)
    return {f: numbers[_citation(f)] for f in comparison.sources}, list(numbers)


def _cell_lines(cell: Cell, notes: dict[Figure, int], *, bullets: bool = True) -> list[str]:
    if cell.level is not None and cell.importance is not None:
        return [f"{dots(cell.level)} {cell.level}/4", f"importance {cell.importance}/5"]
    lines = [one_line(line) for line in cell.lines]
    lines += [f"{one_line(f.label)}: {one_line(f.value)} [{notes[f]}]" for f in cell.figures]
    if bullets and len(lines) > 1:
        lines = [f"• {line}" for line in lines]
    return lines or ["—"]


def _citation(figure: Figure) -> str:
    note = f" ({one_line(figure.note).rstrip('.')})" if figure.note else ""
    return f"{one_line(figure.citation)}{note}"


def compare_table(comparison: Comparison, width: int = NARROW) -> list[RenderableType]:
    """The comparison as rich tables, a key to the skill marks, and numbered sources.

    At NARROW columns or more it is one table with aspects as rows; below that, one table per
    aspect, titled, without the label column.
    """
    notes, citations = _footnotes(comparison)
    titles = [role.title for role in comparison.roles]
    out: list[RenderableType] = []
    wide = width >= NARROW
    table = _table("", *titles) if wide else None
    skills: Table | None = None
    for row in comparison.rows:
        cells = [_text("\n".join(_cell_lines(c, notes))) for c in row.cells]
        if row.skill is not None:
            if skills is None:
                skills = table if table is not None else _table("skill", *titles)
                legend = "level 0-4, importance 1-5"
                skills.add_row(_text("Skills" if wide else "", "bold"), *(_text(legend, "dim") for _ in titles))
                if table is None:
                    out += [_text("Skills", "bold"), skills]
            skills.add_row(_text(row.label), *cells)
        elif table is not None:
            table.add_row(_text(row.label, "bold"), *cells)
        else:
            aspect = _table(*titles)
            aspect.add_row(*cells)
            out += [_text(row.label, "bold"), aspect]
    if table is not None:
        out.insert(0, table)
    if skills is not None:
        key = f"Skill levels: {FULL} per level required, on each skill's 0-4 scale of what a person has done."
        out.append(_wrapped(key, width, "", ""))
    if citations:
        out.append(_text("Sources:", "bold"))
        out.extend(_wrapped(f"[{n}] {citation}", width, "", "    ") for n, citation in enumerate(citations, start=1))
    return out


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return one_line(text).replace("\\", "\\\\").replace("|", "\\|")


def compare_markdown(comparison: Comparison) -> str:
    notes, citations = _footnotes(comparison)
    head = ["Aspect", *(_md(r.title) for r in comparison.roles)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in comparison.rows:
        label = f"Skill: {row.label}" if row.skill else row.label
        cells = []
        for cell in row.cells:
            parts = _cell_lines(cell, notes, bullets=False)
            cells.append("<br>".join(_md(p) for p in parts))
        lines.append("| " + " | ".join([_md(label), *cells]) + " |")
    if comparison.sources:
        lines += ["", "Sources:", ""]
        lines += [f"{n}. {_md(citation)}" for n, citation in enumerate(citations, start=1)]
    return "\n".join(lines) + "\n"


def _figure_json(figure: Figure) -> dict[str, Any]:
    return {
        "label": clean(figure.label),
        "value": clean(figure.value),
        "source": clean(figure.source),
        "year": figure.year,
        "note": clean(figure.note),
    }


def compare_json(comparison: Comparison) -> str:
    rows = []
    for row in comparison.rows:
        cells = {}
        for role, cell in zip(comparison.roles, row.cells, strict=True):
            cells[role.id] = {
                "text": [clean(line) for line in cell.lines],
                "figures": [_figure_json(f) for f in cell.figures],
                "level": cell.level,
                "importance": cell.importance,
            }
        rows.append({"aspect": row.aspect, "label": clean(row.label), "skill": row.skill, "cells": cells})
    payload = {
        "version": JSON_VERSION,
        "roles": [{"id": r.id, "title": clean(r.title)} for r in comparison.roles],
        "rows": rows,
    }
    return dump_json(payload)


def compare_csv(comparison: Comparison) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["aspect", *(csv_cell(r.title) for r in comparison.roles)])
    for row in comparison.rows:
        label = f"Skill: {row.label}" if row.skill else row.label
        cells = []
        for cell in row.cells:
            if cell.level is not None:
                cells.append(f"level {cell.level}/4; importance {cell.importance}/5")
            else:
                parts = [one_line(line) for line in cell.lines]
                parts += [f"{one_line(f.label)}: {one_line(f.value)} ({_citation(f)})" for f in cell.figures]
                cells.append(csv_cell("; ".join(parts)))
        writer.writerow([csv_cell(label), *cells])
    return buffer.getvalue()


# --- show ------------------------------------------------------------------------------------


def _figure_line(figure: Figure) -> str:
    return f"{one_line(figure.label)}: {one_line(figure.value)} ({_citation(figure)})"


def _wrapped(text: str, width: int, first: str = "  ", rest: str = "  ") -> Text:
    """Clean text wrapped to `width` with a hanging indent, and no trailing spaces."""
    import textwrap

    lines = textwrap.wrap(one_line(text), width=max(width, 20), initial_indent=first, subsequent_indent=rest)
    return _text("\n".join(lines))


def profile_rich(prof: Profile, width: int = NARROW) -> list[RenderableType]:
    """A role's profile as headings, wrapped paragraphs and bullets."""
    role = prof.role
    aliases = f" (also: {', '.join(role.aliases)})" if role.aliases else ""
    title = _wrapped(f"{role.title}{aliases}", width, "", "")
    title.stylize("bold")
    out: list[RenderableType] = [title, _wrapped(role.summary, width, "", "")]
    for section in prof.sections:
        out.append(_text(""))
        out.append(_text(section.title, "bold"))
        for index, paragraph in enumerate(section.paragraphs):
            if index:
                out.append(_text(""))
            out.append(_wrapped(paragraph, width))
        out.extend(_wrapped(b, width, "  • ", "    ") for b in section.bullets)
        out.extend(_wrapped(_figure_line(f), width, "  • ", "    ") for f in section.figures)
        for need in section.skills:
            head = f"{need.name}: level {dots(need.level)} {need.level}/4, importance {need.importance}/5"
            out.append(_wrapped(head, width, "  • ", "    "))
            out.append(_wrapped(f"needs someone who {need.anchor}", width, "      ", "      "))
    return out


def profile_markdown(prof: Profile) -> str:
    role = prof.role
    lines = [f"# {one_line(role.title)}", "", one_line(role.summary)]
    if role.aliases:
        lines += ["", f"Also called: {', '.join(role.aliases)}"]
    for section in prof.sections:
        lines += ["", f"## {section.title}", ""]
        lines += [one_line(p) + "\n" for p in section.paragraphs]
        lines += [f"- {one_line(b)}" for b in section.bullets]
        lines += [f"- {_figure_line(f)}" for f in section.figures]
        if section.skills:
            lines += ["| Skill | Level | Importance | What the level means |", "|---|---|---|---|"]
            lines += [
                f"| {_md(n.name)} | {dots(n.level)} {n.level}/4 | {n.importance}/5 | {_md(n.anchor)} |"
                for n in section.skills
            ]
    return "\n".join(lines).rstrip() + "\n"


def profile_json(prof: Profile) -> str:
    sections = []
    for s in prof.sections:
        sections.append(
            {
                "title": s.title,
                "paragraphs": [clean(p) for p in s.paragraphs],
                "bullets": [clean(b) for b in s.bullets],
                "figures": [_figure_json(f) for f in s.figures],
                "skills": [
                    {"skill": n.skill, "name": clean(n.name), "level": n.level, "importance": n.importance}
                    for n in s.skills
                ],
            }
        )
    role = prof.role
    payload = {
        "version": JSON_VERSION,
        "role": {
            "id": role.id,
            "title": clean(role.title),
            "aliases": list(role.aliases),
            "summary": clean(role.summary),
        },
        "sections": sections,
    }
    return dump_json(payload)


# --- faq -------------------------------------------------------------------------------------


def faq_list(groups: Sequence[tuple[str, Sequence[tuple[int, FaqEntry]]]], width: int = NARROW) -> list[RenderableType]:
    """Questions numbered and grouped by topic."""
    out: list[RenderableType] = []
    digits = len(str(max((n for _, entries in groups for n, _ in entries), default=1)))
    for index, (topic, entries) in enumerate(groups):
        if index:
            out.append(_text(""))
        out.append(_text(topic, "bold"))
        for number, entry in entries:
            label = f"{number:>{digits}}. "
            out.append(_wrapped(entry.question, width, "  " + label, "  " + " " * len(label)))
    return out


def faq_answer_text(number: int, entry: FaqEntry) -> str:
    """One answer as plain text: the question, then the answer without Markdown emphasis marks."""
    plain = clean(entry.answer).replace("**", "").replace("`", "")
    answer = "\n".join(line.rstrip() for line in plain.strip().splitlines())
    return f"{number}. {one_line(entry.question)}\n\n{answer}\n"


def faq_answer_rich(number: int, entry: FaqEntry) -> list[RenderableType]:
    """One answer for a terminal: the question in bold, the answer rendered as Markdown."""
    from rich.markdown import Markdown

    question = _text(f"{number}. {entry.question}", "bold")
    return [question, _text(""), Markdown(clean(entry.answer), hyperlinks=False)]


def faq_see_also(hits: Sequence[tuple[int, FaqEntry]], width: int = NARROW) -> list[RenderableType]:
    if not hits:
        return []
    out: list[RenderableType] = [_text(""), _text("See also:", "bold")]
    for number, entry in hits:
        out.append(_wrapped(f"{entry.question} (mlcareer faq {number})", width, "  • ", "    "))
    return out


def _faq_entry_json(number: int, entry: FaqEntry) -> dict[str, Any]:
    return {
        "number": number,
        "id": entry.id,
        "topic": clean(entry.topic),
        "question": clean(entry.question),
        "tags": [clean(t) for t in entry.tags],
        "roles": list(entry.roles),
        "answer": clean(entry.answer),
    }


def faq_json(
    entries: Sequence[tuple[int, FaqEntry]],
    scores: Sequence[float] | None = None,
    query: str | None = None,
    terms: Sequence[str] = (),
    corrections: Sequence[tuple[str, str]] = (),
) -> str:
    """FAQ entries as JSON; with a query, each result carries its score, best first."""
    results = []
    for index, (number, entry) in enumerate(entries):
        item = _faq_entry_json(number, entry)
        if scores is not None:
            item["score"] = scores[index]
        results.append(item)
    payload: dict[str, Any] = {"version": JSON_VERSION}
    if query is not None:
        payload["query"] = clean(query)
        payload["terms"] = list(terms)
        payload["corrections"] = [{"typed": a, "read_as": b} for a, b in corrections]
    payload["results"] = results
    return dump_json(payload)


def faq_all_text(faq: Faq) -> str:
    return "\n".join(faq_answer_text(n, e) for n, e in enumerate(faq.entries, start=1))


def faq_all_rich(faq: Faq) -> list[RenderableType]:
    out: list[RenderableType] = []
    for number, entry in enumerate(faq.entries, start=1):
        if out:
            out.append(_text(""))
        out.extend(faq_answer_rich(number, entry))
    return out


# --- quiz ------------------------------------------------------------------------------------

BAR_WIDTH = 20
MAX_GAP = 20
"""The largest possible gap: importance 5 x 4 levels missing."""


def bar(percent: float, width: int = BAR_WIDTH) -> str:
    """A percentage as a bar: 50 -> '██████████░░░░░░░░░░'."""
    filled = round(max(0.0, min(percent, 100.0)) / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _pct(value: float) -> str:
    return f"{value:.0f}%"


def _resource_line(resource: Resource) -> str:
    title, author = one_line(resource.title), one_line(resource.author)
    return f"{title}, {author}: {resource.kind}, {resource.cost}, about {resource.hours} h"


def quiz_report(result: QuizResult, names: dict[str, str], width: int = NARROW, top: int = 5) -> list[RenderableType]:
    """The quiz report: readiness, fit for every role, top gaps, strengths and the learning plan."""
    out: list[RenderableType] = [
        _text(f"Readiness for {result.title}: {_pct(result.readiness)}", "bold"),
        _text(f"{bar(result.readiness)} {_pct(result.readiness)}"),
        _text(""),
        _text("Fit for every role", "bold"),
    ]
    fit = _table("role", "readiness", "")
    for item in result.fit:
        marker = "  <- your target" if item.role == result.role else ""
        fit.add_row(_text(item.title + marker), _text(bar(item.readiness, 10)), _text(_pct(item.readiness)))
    out.append(fit)
    out += [_text(""), _text(f"Biggest gaps for {result.title}", "bold")]
    if result.gaps:
        gaps = _table("skill", "you", "needed", "gap")
        for gap in result.gaps[:top]:
            gaps.add_row(
                _text(gap.name),
                _text(f"{dots(gap.you)} {gap.you}"),
                _text(f"{dots(gap.needed)} {gap.needed}"),
                _text(f"{bar(gap.size * 100 / MAX_GAP, 10)} {gap.size}"),
            )
        out.append(gaps)
        out.append(_wrapped("gap = importance (1-5) x levels missing", width, "", ""))
    else:
        out.append(_wrapped("None: you meet every requirement of this role.", width))
    if result.strengths:
        out += [_text(""), _text("Strengths", "bold")]
        out += [_wrapped(f"{g.name} (you {g.you}, needed {g.needed})", width, "  • ", "    ") for g in result.strengths]
    if result.unsure:
        out += [_text(""), _text("Not sure yet (scored as 0)", "bold")]
        out += [_wrapped(names.get(s, s), width, "  • ", "    ") for s in result.unsure]
    if result.plan:
        out += [_text(""), _text(f"Learning plan (about {result.plan_hours} hours)", "bold")]
        for index, step in enumerate(result.plan, start=1):
            head = f"{index}. {step.name}: from level {step.you} to {step.you + 1} (needed: {step.needed})"
            out.append(_wrapped(head, width, "  ", "     "))
            out.append(_wrapped(f"Milestone: {step.milestone}", width, "     ", "     "))
            out += [_wrapped(_resource_line(r), width, "     • ", "       ") for r in step.resources]
    return out


def quiz_markdown(result: QuizResult, names: dict[str, str], top: int = 5) -> str:
    lines = [
        f"# mlcareer quiz: {_md(result.title)}",
        "",
        f"**Readiness: {_pct(result.readiness)}** `{bar(result.readiness)}`",
        "",
        "## Fit for every role",
        "",
        "| Role | Readiness |",
        "|---|---|",
    ]
    lines += [f"| {_md(f.title)} | {_pct(f.readiness)} |" for f in result.fit]
    lines += ["", "## Biggest gaps", ""]
    if result.gaps:
        lines += ["| Skill | You | Needed | Gap |", "|---|---|---|---|"]
        lines += [f"| {_md(g.name)} | {g.you} | {g.needed} | {g.size} |" for g in result.gaps[:top]]
        lines += ["", "Gap = importance (1-5) x levels missing."]
    else:
        lines.append("None: you meet every requirement of this role.")
    if result.strengths:
        lines += ["", "## Strengths", ""]
        lines += [f"- {_md(g.name)} (you {g.you}, needed {g.needed})" for g in result.strengths]
    if result.unsure:
        lines += ["", "## Not sure yet (scored as 0)", ""]
        lines += [f"- {_md(names.get(s, s))}" for s in result.unsure]
    if result.plan:
        lines += ["", f"## Learning plan (about {result.plan_hours} hours)", ""]
        for index, step in enumerate(result.plan, start=1):
            lines.append(
                f"{index}. **{_md(step.name)}**: from level {step.you} to {step.you + 1} (needed: {step.needed})"
            )
            lines.append(f"   - Milestone: {_md(step.milestone)}")
            lines += [f"   - [ ] {_md(_resource_line(r))}" for r in step.resources]
    return "\n".join(lines) + "\n"


def quiz_json(result: QuizResult, missing: Sequence[str] = ()) -> str:
    payload = {
        "version": JSON_VERSION,
        "role": {"id": result.role, "title": clean(result.title)},
        "readiness": result.readiness,
        "answers": result.answers,
        "unsure": list(result.unsure),
        "missing": list(missing),
        "fit": [{"role": f.role, "title": clean(f.title), "readiness": f.readiness} for f in result.fit],
        "gaps": [
            {
                "skill": g.skill,
                "name": clean(g.name),
                "you": g.you,
                "needed": g.needed,
                "importance": g.importance,
                "gap": g.size,
            }
            for g in result.gaps
        ],
        "strengths": [{"skill": g.skill, "you": g.you, "needed": g.needed} for g in result.strengths],
        "plan": {
            "hours": result.plan_hours,
            "steps": [
                {
                    "skill": step.skill,
                    "from": step.you,
                    "to": step.you + 1,
                    "needed": step.needed,
                    "milestone": clean(step.milestone),
                    "resources": [
                        {
                            "title": clean(r.title),
                            "author": clean(r.author),
                            "kind": r.kind,
                            "cost": r.cost,
                            "hours": r.hours,
                        }
                        for r in step.resources
                    ],
                }
                for step in result.plan
            ],
        },
    }
    return dump_json(payload)


def quiz_export(result: QuizResult, names: dict[str, str], suffix: str) -> str:
    """The report as a shareable document: .md, .html or .svg."""
    if suffix == ".md":
        return quiz_markdown(result, names)
    import io

    console = make_console(io.StringIO(), record=True, width=NARROW + 20)
    print_renderables(quiz_report(result, names, NARROW + 20), console)
    if suffix == ".html":
        return console.export_html(inline_styles=True)
    return console.export_svg(title=f"mlcareer quiz: {clean(result.title)}")


# --- history ---------------------------------------------------------------------------------


def history_table(groups: Sequence[tuple[str, Sequence[Progress]]], width: int = NARROW) -> list[RenderableType]:
    """Past results per role, oldest first, each with its change since the one before."""
    out: list[RenderableType] = []
    for index, (_, items) in enumerate(groups):
        if index:
            out.append(_text(""))
        first, last = items[0].record, items[-1].record
        change = last.readiness - first.readiness
        summary = f"{first.title}: {_pct(first.readiness)}"
        if len(items) > 1:
            summary += f" -> {_pct(last.readiness)}, {change:+.0f} over {len(items)} quizzes"
        out.append(_wrapped(summary, width, "", "  "))
        for item in items:
            delta = "" if item.change is None else f" ({item.change:+.0f})"
            line = f"{item.record.taken_at}  {bar(item.record.readiness, 10)} {_pct(item.record.readiness)}{delta}"
            out.append(_text("  " + line))
    return out


def history_json(groups: Sequence[tuple[str, Sequence[Progress]]]) -> str:
    payload = {
        "version": JSON_VERSION,
        "roles": [
            {
                "role": role,
                "title": clean(items[0].record.title),
                "results": [
                    {
                        "taken_at": p.record.taken_at,
                        "readiness": p.record.readiness,
                        "change": p.change,
                        "answers": p.record.answers,
                    }
                    for p in items
                ],
            }
            for role, items in groups
        ],
    }
    return dump_json(payload)


# --- output ----------------------------------------------------------------------------------


def emit(fmt: str, plain: dict[str, Callable[[], str]], rich: Callable[[int], Sequence[RenderableType]]) -> None:
    """Write a result: as text when `fmt` names one of `plain`, else as rich output sized to the console."""
    if fmt in plain:
        write_text(plain[fmt]())
        return
    console = make_console()
    print_renderables(rich(console.width), console)


def print_renderables(renderables: Iterable[RenderableType], console: Console | None = None) -> None:
    console = console or make_console()
    for item in renderables:
        console.print(item)


def page(renderables: Iterable[RenderableType], console: Console) -> None:
    """Show long output through the system pager (for a terminal only)."""
    # NOTE: -R keeps the styling, -F quits when it fits, -X leaves the text on screen.
    os.environ.setdefault("LESS", "-FIRX")
    with console.pager(styles=True):
        print_renderables(renderables, console)


def write_text(text: str) -> None:
    """Plain text (JSON, CSV, Markdown) to stdout, as is."""
    sys.stdout.write(text)
    sys.stdout.flush()
