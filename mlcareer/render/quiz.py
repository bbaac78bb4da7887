"""`quiz`: the report (rich, Markdown, HTML, SVG) and the result as JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, assert_never

from mlcareer.formats import ExportFormat, ListFormat
from mlcareer.models import IMPORTANCE, MAX_GAP, TOP_IMPORTANCE, Resource
from mlcareer.render.parts import JSON_VERSION, NARROW, bar, dots, dump_json, md, pct, plain, table, text, wrapped
from mlcareer.text import clean, one_line

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mlcareer.quiz import QuizResult
    from mlcareer.render.console import Terminal

GAP_RULE = f"gap = importance ({IMPORTANCE.start}-{TOP_IMPORTANCE}) x levels missing"
TOP_GAPS = 5
"""How many of the largest gaps the report lists."""


def emit(result: QuizResult, names: dict[str, str], fmt: ListFormat, term: Terminal, missing: Sequence[str]) -> None:
    match fmt:
        case ListFormat.text:
            term.show(quiz_report(result, names, term.width))
        case ListFormat.json:
            term.write(quiz_json(result, missing))
        case _:
            assert_never(fmt)


def _resource_line(resource: Resource) -> str:
    title, author = one_line(resource.title), one_line(resource.author)
    return f"{title}, {author}: {resource.kind}, {resource.cost}, about {resource.hours} h"


def quiz_report(result: QuizResult, names: dict[str, str], width: int = NARROW) -> list[RenderableType]:
    """The quiz report: readiness, fit for every role, top gaps, strengths and the learning plan."""
    out: list[RenderableType] = [
        text(f"Readiness for {result.title}: {pct(result.readiness)}", "bold"),
        text(f"{bar(result.readiness)} {pct(result.readiness)}"),
        text(""),
        text("Fit for every role", "bold"),
    ]
    fit = table("role", "readiness", "")
    for item in result.fit:
        marker = "  <- your target" if item.role == result.role else ""
        fit.add_row(text(item.title + marker), text(bar(item.readiness, 10)), text(pct(item.readiness)))
    out.append(fit)
    out += [text(""), text(f"Biggest gaps for {result.title}", "bold")]
    if result.gaps:
        gaps = table("skill", "you", "needed", "gap")
        for gap in result.gaps[:TOP_GAPS]:
            gaps.add_row(
                text(gap.name),
                text(f"{dots(gap.you)} {gap.you}"),
                text(f"{dots(gap.needed)} {gap.needed}"),
                text(f"{bar(gap.size * 100 / MAX_GAP, 10)} {gap.size}"),
            )
        out.append(gaps)
        out.append(wrapped(GAP_RULE, width, "", ""))
    else:
        out.append(wrapped("None: you meet every requirement of this role.", width))
    if result.strengths:
        out += [text(""), text("Strengths", "bold")]
        out += [wrapped(f"{g.name} (you {g.you}, needed {g.needed})", width, "  • ", "    ") for g in result.strengths]
    if result.unsure:
        out += [text(""), text("Not sure yet (scored as 0)", "bold")]
        out += [wrapped(names.get(s, s), width, "  • ", "    ") for s in result.unsure]
    if result.plan:
        out += [text(""), text(f"Learning plan (about {result.plan_hours} hours)", "bold")]
        for index, step in enumerate(result.plan, start=1):
            head = f"{index}. {step.name}: from level {step.you} to {step.you + 1} (needed: {step.needed})"
            out.append(wrapped(head, width, "  ", "     "))
            out.append(wrapped(f"Milestone: {step.milestone}", width, "     ", "     "))
            out += [wrapped(_resource_line(r), width, "     • ", "       ") for r in step.resources]
    return out


def quiz_markdown(result: QuizResult, names: dict[str, str]) -> str:
    lines = [
        f"# mlcareer quiz: {md(result.title)}",
        "",
        f"**Readiness: {pct(result.readiness)}** `{bar(result.readiness)}`",
        "",
        "## Fit for every role",
        "",
        "| Role | Readiness |",
        "|---|---|",
    ]
    lines += [f"| {md(f.title)} | {pct(f.readiness)} |" for f in result.fit]
    lines += ["", "## Biggest gaps", ""]
    if result.gaps:
        lines += ["| Skill | You | Needed | Gap |", "|---|---|---|---|"]
        lines += [f"| {md(g.name)} | {g.you} | {g.needed} | {g.size} |" for g in result.gaps[:TOP_GAPS]]
        lines += ["", GAP_RULE.capitalize() + "."]
    else:
        lines.append("None: you meet every requirement of this role.")
    if result.strengths:
        lines += ["", "## Strengths", ""]
        lines += [f"- {md(g.name)} (you {g.you}, needed {g.needed})" for g in result.strengths]
    if result.unsure:
        lines += ["", "## Not sure yet (scored as 0)", ""]
        lines += [f"- {md(names.get(s, s))}" for s in result.unsure]
    if result.plan:
        lines += ["", f"## Learning plan (about {result.plan_hours} hours)", ""]
        for index, step in enumerate(result.plan, start=1):
            lines.append(
                f"{index}. **{md(step.name)}**: from level {step.you} to {step.you + 1} (needed: {step.needed})"
            )
            lines.append(f"   - Milestone: {md(step.milestone)}")
            lines += [f"   - [ ] {md(_resource_line(r))}" for r in step.resources]
    return "\n".join(lines) + "\n"


def quiz_json(result: QuizResult, missing: Sequence[str] = ()) -> str:
    payload = {
        "version": JSON_VERSION,
        "role": {"id": result.role, "title": clean(result.title)},
        "readiness": result.readiness,
        "answers": result.answers,
        "unsure": list(result.unsure),
        "missing": list(missing),
        "fit": [plain(f, ("role", "title", "readiness")) for f in result.fit],
        "gaps": [{**plain(g, ("skill", "name", "you", "needed", "importance")), "gap": g.size} for g in result.gaps],
        "strengths": [plain(g, ("skill", "you", "needed")) for g in result.strengths],
        "plan": {
            "hours": result.plan_hours,
            "steps": [
                {
                    "skill": step.skill,
                    "from": step.you,
                    "to": step.you + 1,
                    "needed": step.needed,
                    "milestone": clean(step.milestone),
                    "resources": [plain(r) for r in step.resources],
                }
                for step in result.plan
            ],
        },
    }
    return dump_json(payload)


def export(result: QuizResult, names: dict[str, str], fmt: ExportFormat) -> str:
    """The report as a shareable document."""
    if fmt is ExportFormat.md:
        return quiz_markdown(result, names)
    import io

    from mlcareer.render.console import make_console, print_renderables

    width = NARROW + 20
    console = make_console(io.StringIO(), record=True, width=width)
    print_renderables(quiz_report(result, names, width), console)
    match fmt:
        case ExportFormat.html:
            return console.export_html(inline_styles=True)
        case ExportFormat.svg:
            return console.export_svg(title=f"mlcareer quiz: {clean(result.title)}")
        case _:
            assert_never(fmt)
