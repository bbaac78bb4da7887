"""`quiz`: the report (rich, Markdown, HTML, SVG) and the result as JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, assert_never

from mlcareer.formats import ExportFormat, ListFormat
from mlcareer.models import IMPORTANCE, MAX_GAP, TOP_IMPORTANCE, TOP_LEVEL, Resource
from mlcareer.render.parts import (
    JSON_VERSION,
    NARROW,
    ReportContext,
    bar,
    dots,
    dump_json,
    long_date,
    md,
    pct,
    picked,
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
    from mlcareer.render.report import Html

GAP_RULE = f"gap = importance ({IMPORTANCE.start}-{TOP_IMPORTANCE}) x levels missing"
TOP_GAPS = 5
"""How many of the largest gaps the report lists."""
ESTIMATE = "hours are rough estimates"


def emit(
    result: QuizResult,
    names: dict[str, str],
    fmt: ListFormat,
    term: Terminal,
    missing: Sequence[str],
    context: ReportContext,
) -> None:
    match fmt:
        case ListFormat.text:
            term.show(quiz_report(result, names, term.width))
        case ListFormat.json:
            term.write(quiz_json(result, context, missing))
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


def answer_text(anchors: dict[str, tuple[str, ...]], skill: str, level: int | None) -> tuple[str, str]:
    """An answer as people read it: ('3 of 4', the sentence picked), or 'not sure yet' (scored as 0)."""
    if level is None:
        return "not sure yet", "not sure yet (scored as 0)"
    return f"{level} of {TOP_LEVEL}", picked(anchors, skill, level) or ""


def answers_markdown(answers: dict[str, int | None], names: dict[str, str], context: ReportContext) -> list[str]:
    """The answers per skill as a Markdown table: level and the sentence picked."""
    lines = ["| Skill | Level | What you have done |", "|---|---|---|"]
    for skill, level in answers.items():
        said, sentence = answer_text(context.anchors, skill, level)
        lines.append(f"| {md(names.get(skill, skill))} | {said} | {md(sentence)} |")
    return lines


def quiz_markdown(result: QuizResult, names: dict[str, str], context: ReportContext) -> str:
    stage = result.stage.value
    lines = [
        f"# mlcareer quiz: {md(result.title)} ({stage} stage)",
        "",
        f"{long_date(context.today)}",
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
    lines += ["", "## Your answers", ""]
    lines += answers_markdown(result.answers, names, context)
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


def anchors_json(answers: dict[str, int | None], context: ReportContext) -> dict[str, str | None]:
    """The sentence picked for each answer (None for "not sure yet")."""
    return {skill: picked(context.anchors, skill, level) for skill, level in answers.items()}


def quiz_json(result: QuizResult, context: ReportContext, missing: Sequence[str] = ()) -> str:
    payload = {
        "version": JSON_VERSION,
        "date": context.today.isoformat(),
        "role": {"id": result.role, "title": clean(result.title)},
        "stage": result.stage.value,
        "readiness": result.readiness,
        "answers": result.answers,
        "anchors": anchors_json(result.answers, context),
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


def export(
    result: QuizResult, names: dict[str, str], fmt: ExportFormat, context: ReportContext, missing: Sequence[str] = ()
) -> str:
    """The report as a shareable document."""
    match fmt:
        case ExportFormat.md:
            return quiz_markdown(result, names, context)
        case ExportFormat.html:
            return quiz_html(result, names, context)
        case ExportFormat.json:
            return quiz_json(result, context, missing)
        case ExportFormat.svg:
            from mlcareer.render.report import terminal_svg

            width = NARROW + 20
            return terminal_svg(quiz_report(result, names, width), width, f"mlcareer quiz: {result.title}")
        case _:
            assert_never(fmt)


# --- the HTML report ------------------------------------------------------------------------------


def quiz_html(result: QuizResult, names: dict[str, str], context: ReportContext) -> str:
    """The quiz as a document to send a mentor: charts with tables, answers, the plan with links, sources."""
    from mlcareer.render import report as doc

    stage = result.stage.value
    today = long_date(context.today)
    best = result.fit[0] if result.fit else None
    headline = f"Readiness for {result.title} at the {stage} stage: {pct(result.readiness)}."
    if best is not None and best.role != result.role:
        headline += f" Best fit at this stage: {best.title} ({pct(best.readiness)})."
    sections = [
        doc.Section("levels", "Your level against the requirement", levels_html(result)),
        doc.Section("fit", "Fit for every role", fit_html(result)),
        doc.Section("gaps", "Gaps and strengths", gaps_html(result, names)),
        doc.Section("answers", "Your answers", answers_html(result.answers, names, context)),
        doc.Section("trend", "Readiness over time", trend_html(result.title, stage, context)),
        doc.Section("plan", "Learning plan", plan_html(result.plan, {g.skill: g.needed for g in result.gaps}, names)),
        doc.Section("sources", "Sources", sources_html(result.plan)),
    ]
    facts: list[tuple[str, doc.Content]] = [
        ("Date", today),
        ("Target role", result.title),
        ("Career stage", stage),
        ("Readiness", doc.meter(result.readiness)),
    ]
    return doc.document(
        f"mlcareer quiz: {result.title} ({stage} stage), {today}",
        "mlcareer skills-gap report",
        result.title,
        facts,
        headline,
        sections,
        doc.made_on(today, f"Levels run 0-{TOP_LEVEL}; {ESTIMATE}."),
    )


def levels_html(result: QuizResult) -> Html:
    """Every skill the role rates: a bar chart of your level against the level asked, and the same as a table."""
    from mlcareer.render import report as doc

    stage = result.stage.value
    caption = (
        f"Your level (0-{TOP_LEVEL}) against the level {result.title} asks at the {stage} stage, for every skill "
        "the role rates. The table below gives the same numbers."
    )
    chart = doc.level_chart(
        "chart-levels",
        [doc.Bar(g.name, g.you, g.needed) for g in result.levels],
        TOP_LEVEL,
        caption,
        (("your level", f"asked at the {stage} stage")),
    )
    rows = [(g.name, str(g.you), str(g.needed), str(g.importance), str(g.size)) for g in result.levels]
    numbers = doc.table(("skill", "you", "asked", "importance", "gap"), rows, GAP_RULE.capitalize(), numeric=4)
    return doc.join([chart, numbers])


def fit_html(result: QuizResult) -> Html:
    from mlcareer.render import report as doc

    rows = []
    for item in result.fit:
        role: doc.Content = item.title
        if item.role == result.role:
            role = doc.join([item.title, doc.Html(" "), doc.badge("your target", "target")])
        rows.append(
            (
                role,
                doc.meter(item.readiness),
                ", ".join(item.lifts) or "nothing yet",
                ", ".join(item.holds) or "nothing",
            )
        )
    caption = f"Readiness for every role at the {result.stage.value} stage, best first"
    return doc.table(("role", "readiness", "lifted by", "held back by"), rows, caption, stack=True)


def gaps_html(result: QuizResult, names: dict[str, str]) -> Html:
    from mlcareer.render import report as doc

    stage = result.stage.value
    parts = [doc.tag("h3", f"Gaps for {result.title}, largest first")]
    if result.gaps:
        rows = [(g.name, str(g.you), str(g.needed), str(g.importance), str(g.size)) for g in result.gaps]
        parts.append(doc.table(("skill", "you", "asked", "importance", "gap"), rows, GAP_RULE.capitalize(), numeric=4))
    else:
        parts.append(doc.para(f"None: you meet every requirement of this role at the {stage} stage."))
    parts += [doc.tag("h3", "Strengths"), doc.bullets(strength_lines(result))]
    if result.unsure:
        parts += [doc.tag("h3", "Not sure yet (scored as 0)"), doc.bullets(names.get(s, s) for s in result.unsure)]
    return doc.join(parts)


def answers_html(answers: dict[str, int | None], names: dict[str, str], context: ReportContext) -> Html:
    """The answers per skill: the level and the sentence the person picked."""
    from mlcareer.render import report as doc

    rows = []
    for skill, level in answers.items():
        said, sentence = answer_text(context.anchors, skill, level)
        rows.append((names.get(skill, skill), said, sentence))
    return doc.table(("skill", "level", "what you have done (the sentence you picked)"), rows, stack=True)


def trend_html(title: str, stage: str, context: ReportContext) -> Html:
    from mlcareer.render import report as doc

    count = len(context.trend)
    saved = "no saved result" if count == 0 else "one saved result"
    too_few = (
        f"There is {saved} for {title} at the {stage} stage yet, so no trend to draw: take the quiz again "
        "after some of the plan, and this shows how your readiness moved."
    )
    caption = f"Readiness for {title} at the {stage} stage, from each saved quiz result, oldest first."
    return doc.trend_chart("chart-trend", context.trend, caption, too_few)


def plan_html(plan: Plan, needed: dict[str, int], names: dict[str, str]) -> Html:
    """A learning plan as HTML: the pace, then each phase and step with its milestone and linked resources."""
    from mlcareer.render import report as doc

    if not plan.steps:
        return doc.para(NOTHING_TO_LEARN)
    first_use: dict[Resource, int] = {}
    steps: list[tuple[int, doc.Content]] = []
    for number, step in enumerate(plan.steps, start=1):
        lines = [
            doc.para(step_head(number, step, names, needed).replace(" -> ", " → "), "head"),
            doc.para(f"Milestone: {step.milestone}"),
        ]
        if step.primary is not None:
            said = primary_line(step.primary, first_use, number)
            if said.startswith("Continue"):
                lines.append(doc.para(said))
            else:
                lines.append(doc.para(doc.join(["Start with: ", resource_html(step.primary)])))
        lines += [doc.para(doc.join(["Or: ", resource_html(r)]), "muted") for r in step.alternatives]
        steps.append((step.phase, doc.tag("li", doc.join(lines))))
    return doc.join([doc.para(pace_line(plan)), *doc.phases(steps, lambda phase: f"Phase {phase}")])


def resource_html(resource: Resource) -> Html:
    """'Title' linked to its page, then author, publisher, kind, cost and hours."""
    from mlcareer.render import report as doc

    rest = resource_line(resource)[len(one_line(resource.title)) :]
    return doc.join([doc.link(resource.url, one_line(resource.title)), rest])


def plan_resources(plan: Plan) -> list[Resource]:
    """Every resource a plan names, once, in the order it first appears."""
    found: dict[Resource, None] = {}
    for step in plan.steps:
        for resource in (step.primary, *step.alternatives):
            if resource is not None:
                found.setdefault(resource)
    return list(found)


METHOD = (
    "The skill ratings (the importance of each skill and the level each career stage asks for) are this "
    "project's own, on an anchored 0-4 scale in the style of O*NET; O*NET has not rated these roles. "
    "Readiness = the sum of importance x min(your level, level asked) over the sum of importance x level asked."
)


def sources_html(plan: Plan) -> Html:
    """Where the report's facts come from: the method, and every resource with its link."""
    from mlcareer.render import report as doc

    parts: list[doc.Content] = [doc.para(METHOD)]
    resources = plan_resources(plan)
    if resources:
        parts.append(doc.tag("h3", "Learning resources in the plan"))
        items = []
        for r in resources:
            note = f" Note: {one_line(r.note)}" if r.note else ""
            items.append(doc.join([resource_html(r), ". ", doc.url_link(r.url), note]))
        parts.append(doc.bullets(items, "sources"))
    return doc.join(parts)
