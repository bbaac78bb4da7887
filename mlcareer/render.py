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
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

from mlcareer.compare import Cell, Comparison
from mlcareer.models import Faq, FaqEntry, Figure, Role
from mlcareer.profile import Profile
from mlcareer.text import clean, csv_cell, one_line

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

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


def _table(*headers: str, title: str | None = None) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=True, expand=False)
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
        out.extend(_wrapped(p, width) for p in section.paragraphs)
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


# --- output ----------------------------------------------------------------------------------


def print_renderables(renderables: Iterable[RenderableType], console: Console | None = None) -> None:
    console = console or make_console()
    for item in renderables:
        console.print(item)


def terminal_width() -> int:
    """The width a console on stdout would use (COLUMNS, else the terminal, else 80)."""
    return make_console().width


def write_text(text: str) -> None:
    """Plain text (JSON, CSV, Markdown) to stdout, as is."""
    sys.stdout.write(text)
    sys.stdout.flush()
