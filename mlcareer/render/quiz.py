"""`quiz`: the report (rich, Markdown, HTML, SVG) and the result as JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, assert_never

from mlcareer.formats import ExportFormat, ListFormat
from mlcareer.models import IMPORTANCE, MAX_GAP, TOP_IMPORTANCE, Resource
from mlcareer.render.parts import (
    JSON_VERSION,
    NARROW,
    bar,
    dots,
    dump_json,
    long_date,
    md,
    pct,
    plain,
    table,
    text,
    wrapped,
)
from mlcareer.text import clean, one_line

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mlcareer.quiz import Fit, Plan, QuizResult, Step
    from mlcareer.render.console import Terminal

GAP_RULE = f"gap = importance ({IMPORTANCE.start}-{TOP_IMPORTANCE}) x levels missing"
TOP_GAPS = 5
"""How many of the largest gaps the report lists."""
ESTIMATE = "hours are rough estimates"


def emit(result: QuizResult, names: dict[str, str], fmt: ListFormat, term: Terminal, missing: Sequence[str]) -> None:
    match fmt:
        case ListFormat.text:
            term.show(quiz_report(result, names, term.width))
        case ListFormat.json:
            term.write(quiz_json(result, missing))
        case _:
            assert_never(fmt)


def resource_line(resource: Resource) -> str:
    """'Title, Author (Publisher): kind, cost, about N h' (plus 'unverified' when it was not checked)."""
    publisher = f" ({one_line(resource.publisher)})" if resource.publisher else ""
    checked = "" if resource.verified else ", link not checked"
    return (
        f"{one_line(resource.title)}, {one_line(resource.author)}{publisher}: "
        f"{resource.kind}, {resource.cost}, about {resource.hours} h{checked}"
    )


def why(item: Fit) -> str:
    """'lifted by: A, B. held back by: C, D.'"""
    parts = []
    if item.lifts:
        parts.append("lifted by: " + ", ".join(item.lifts) + ".")
    if item.holds:
        parts.append("held back by: " + ", ".join(item.holds) + ".")
    return " ".join(parts) or "nothing asked at this stage"


def pace_line(plan: Plan) -> str:
    """How long the plan takes at the chosen pace, and when it would end."""
    when = f", finishing around {long_date(plan.finish)}" if plan.finish is not None else ""
    return (
        f"About {plan.hours} hours in all ({ESTIMATE}). At {plan.pace:g} hours a week (--pace to change): "
        f"about {plan.weeks} weeks{when}."
    )


def step_head(number: int, step: Step, names: dict[str, str], needed: dict[str, int]) -> str:
    why_needed = (
        f"first: needed for {step.needed_for}" if step.needed_for else f"the role asks for {needed.get(step.skill, 0)}"
    )
    return f"{number}. {step.name}: level {step.level - 1} -> {step.level} ({why_needed})"


def quiz_report(result: QuizResult, names: dict[str, str], width: int = NARROW) -> list[RenderableType]:
    """The quiz report: readiness, fit for every role, gaps, strengths and the learning plan."""
    stage = result.stage.value
    out: list[RenderableType] = [
        text(f"Readiness for {result.title} ({stage} stage): {pct(result.readiness)}", "bold"),
        text(f"{bar(result.readiness)} {pct(result.readiness)}"),
        text(""),
        text(f"Fit for every role at the {stage} stage", "bold"),
    ]
    fit = table("role", "readiness", "why")
    for item in result.fit:
        marker = "  <- your target" if item.role == result.role else ""
        fit.add_row(
            text(item.title + marker), text(f"{bar(item.readiness, 10)} {pct(item.readiness)}"), text(why(item))
        )
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
        out.append(wrapped(f"None: you meet every requirement of this role at the {stage} stage.", width))
    out += [text(""), text("Strengths", "bold")]
    out += [wrapped(line, width, "  • ", "    ") for line in strength_lines(result)]
    if result.unsure:
        out += [text(""), text("Not sure yet (scored as 0)", "bold")]
        out += [wrapped(names.get(s, s), width, "  • ", "    ") for s in result.unsure]
    out += [text(""), text("Learning plan", "bold")]
    return out + plan_section(result.plan, {g.skill: g.needed for g in result.gaps}, names, width)


NOTHING_TO_LEARN = "Nothing to learn for this role at this stage: every requirement is met."


def plan_section(plan: Plan, needed: dict[str, int], names: dict[str, str], width: int) -> list[RenderableType]:
    """A learning plan: how long it takes at the pace, then each phase and step with its resources."""
    if not plan.steps:
        return [wrapped(NOTHING_TO_LEARN, width)]
    out: list[RenderableType] = [wrapped(pace_line(plan), width, "", "")]
    phase = 0
    first_use: dict[Resource, int] = {}
    for number, step in enumerate(plan.steps, start=1):
        if step.phase != phase:
            phase = step.phase
            out += [text(""), text(f"Phase {phase}", "bold")]
        out.append(wrapped(step_head(number, step, names, needed), width, "  ", "     "))
        out.append(wrapped(f"Milestone: {step.milestone}", width, "     ", "     "))
        if step.primary is not None:
            out.append(wrapped(primary_line(step.primary, first_use, number), width, "     ", "       "))
            out.append(wrapped(step.primary.url, width, "       ", "       "))
        out += [wrapped(f"Or: {resource_line(r)}", width, "     ", "       ") for r in step.alternatives]
    return out


def primary_line(resource: Resource, first_use: dict[Resource, int], number: int) -> str:
    """'Start with: ...', or 'Continue with: ... (from step N)' for a resource an earlier step began."""
    if resource in first_use:
        return f"Continue with: {one_line(resource.title)} (begun in step {first_use[resource]})"
    first_use[resource] = number
    return f"Start with: {resource_line(resource)}"


def strength_lines(result: QuizResult) -> list[str]:
    """What a person brings; when nothing meets a requirement yet, their highest levels so far."""
    if result.strengths:
        return [
            f"{s.name}: you {s.you}, the role asks {s.needed}" + (" (your edge)" if s.above else "")
            for s in result.strengths
        ]
    have = sorted((g for g in result.gaps if g.you > 0), key=lambda g: (-g.you, -g.importance))
    if have:
        return [f"Closest so far: {g.name}, you {g.you} of the {g.needed} asked" for g in have[:3]]
    return ["None yet: every skill starts at level 0, and the plan below starts from there."]


def quiz_markdown(result: QuizResult, names: dict[str, str]) -> str:
    stage = result.stage.value
    lines = [
        f"# mlcareer quiz: {md(result.title)} ({stage} stage)",
        "",
        f"**Readiness: {pct(result.readiness)}** `{bar(result.readiness)}`",
        "",
        f"## Fit for every role at the {stage} stage",
        "",
        "| Role | Readiness | Why |",
        "|---|---|---|",
    ]
    lines += [f"| {md(f.title)} | {pct(f.readiness)} | {md(why(f))} |" for f in result.fit]
    lines += ["", "## Biggest gaps", ""]
    if result.gaps:
        lines += ["| Skill | You | Needed | Gap |", "|---|---|---|---|"]
        lines += [f"| {md(g.name)} | {g.you} | {g.needed} | {g.size} |" for g in result.gaps[:TOP_GAPS]]
        lines += ["", GAP_RULE.capitalize() + "."]
    else:
        lines.append(f"None: you meet every requirement of this role at the {stage} stage.")
    lines += ["", "## Strengths", ""]
    lines += [f"- {md(line)}" for line in strength_lines(result)]
    if result.unsure:
        lines += ["", "## Not sure yet (scored as 0)", ""]
        lines += [f"- {md(names.get(s, s))}" for s in result.unsure]
    lines += ["", "## Learning plan", ""]
    lines += plan_markdown(result.plan, {g.skill: g.needed for g in result.gaps}, names)
    return "\n".join(lines) + "\n"


def plan_markdown(plan: Plan, needed: dict[str, int], names: dict[str, str]) -> list[str]:
    """A learning plan as a Markdown checklist, each resource a link."""
    if not plan.steps:
        return [NOTHING_TO_LEARN]
    lines = [md(pace_line(plan))]
    phase = 0
    first_use: dict[Resource, int] = {}
    for number, step in enumerate(plan.steps, start=1):
        if step.phase != phase:
            phase = step.phase
            lines += ["", f"### Phase {phase}", ""]
        lines.append(f"- [ ] **{md(step_head(number, step, names, needed))}**")
        lines.append(f"  - Milestone: {md(step.milestone)}")
        if step.primary is not None:
            said = primary_line(step.primary, first_use, number)
            lines.append(f"  - {md(said.split(':', 1)[0])}: {_md_link(step.primary)}")
        lines += [f"  - Or: {_md_link(r)}" for r in step.alternatives]
    return lines


def _md_link(resource: Resource) -> str:
    """A resource as a Markdown link to its page (the link is https, checked when the data loads)."""
    label = md(resource_line(resource))
    return f"[{label}](<{resource.url}>)"


def _resource_json(resource: Resource) -> dict[str, Any]:
    return plain(resource)


def quiz_json(result: QuizResult, missing: Sequence[str] = ()) -> str:
    payload = {
        "version": JSON_VERSION,
        "role": {"id": result.role, "title": clean(result.title)},
        "stage": result.stage.value,
        "readiness": result.readiness,
        "answers": result.answers,
        "unsure": list(result.unsure),
        "missing": list(missing),
        "fit": [plain(f, ("role", "title", "readiness", "lifts", "holds")) for f in result.fit],
        "gaps": [{**plain(g, ("skill", "name", "you", "needed", "importance")), "gap": g.size} for g in result.gaps],
        "strengths": [{**plain(s, ("skill", "name", "you", "needed")), "above": s.above} for s in result.strengths],
        "plan": plan_json(result.plan),
    }
    return dump_json(payload)


def plan_json(plan: Plan) -> dict[str, Any]:
    """A learning plan as JSON-ready data."""
    return {
        "hours": plan.hours,
        "hours_are_estimates": True,
        "pace": plan.pace,
        "weeks": plan.weeks,
        "finish": plan.finish.isoformat() if plan.finish is not None else None,
        "steps": [
            {
                "skill": step.skill,
                "name": clean(step.name),
                "from": step.level - 1,
                "to": step.level,
                "phase": step.phase,
                "milestone": clean(step.milestone),
                "needed_for": clean(step.needed_for) or None,
                "after": list(step.after),
                "primary": _resource_json(step.primary) if step.primary is not None else None,
                "alternatives": [_resource_json(r) for r in step.alternatives],
            }
            for step in plan.steps
        ],
    }


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
