"""`match`: a job posting's skills, role and stage, and how far you are from it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple, assert_never

from mlcareer.formats import ExportFormat, ListFormat
from mlcareer.models import TOP_LEVEL
from mlcareer.render.parts import (
    JSON_VERSION,
    NARROW,
    ReportContext,
    bar,
    dump_json,
    long_date,
    md,
    pct,
    plain,
    table,
    text,
    wrapped,
)
from mlcareer.render.quiz import anchors_json, answers_markdown, plan_json, plan_markdown, plan_section
from mlcareer.text import clean

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mlcareer.match import Posting
    from mlcareer.quiz import Gap, Plan, Rating
    from mlcareer.render.console import Terminal
    from mlcareer.render.report import Html

HOW_TO_ADD = "Take the quiz (mlcareer quiz) or give --answers FILE to see how far you are from this posting."


class Fit(NamedTuple):
    """A person held against a posting: their levels, what they meet, their gaps and the plan."""

    answers: dict[str, int | None]
    meets: tuple[str, ...]
    gaps: tuple[Gap, ...]
    plan: Plan
    source: str
    """Where the person's levels came from: a saved quiz result or an answers file."""
    levels: tuple[Rating, ...] = ()
    """Every skill the posting asks for: your level against the level asked (for the chart)."""
    readiness: float | None = None
    """Readiness for the posting, scored like the quiz."""


def emit(
    posting: Posting, you: Fit | None, names: dict[str, str], fmt: ListFormat, term: Terminal, context: ReportContext
) -> None:
    match fmt:
        case ListFormat.text:
            term.show(match_report(posting, you, names, term.width))
        case ListFormat.json:
            term.write(match_json(posting, you, context))
        case _:
            assert_never(fmt)


ROLE_KEYS = ("role", "title", "score", "named", "by_skills")


def _kind(required: bool) -> str:
    return "required" if required else "nice to have"


def title_against_skills(posting: Posting) -> str:
    """A sentence when the title names the closest role but the skills alone lean to another; else ''."""
    best = posting.roles[0]
    lean = max(posting.roles, key=lambda r: r.by_skills)
    if not best.named or lean.role == best.role:
        return ""
    return f"Its title says {best.title}; by the skills it asks for alone, it reads most like {lean.title}."


def match_report(posting: Posting, you: Fit | None, names: dict[str, str], width: int = NARROW) -> list[RenderableType]:
    best = posting.roles[0]
    out: list[RenderableType] = [
        wrapped(f"Posting: {posting.title or 'untitled'}", width, "", ""),
        wrapped(
            f"Closest role: {best.title}, at the {posting.stage.value} stage ({posting.stage_reason})", width, "", ""
        ),
    ]
    disagreement = title_against_skills(posting)
    if disagreement:
        out.append(wrapped(disagreement, width, "", ""))
    out += [text(""), text("How much it resembles each role", "bold")]
    roles = table("role", "resemblance")
    for score in posting.roles:
        named = " (its title says so)" if score.named else ""
        roles.add_row(text(score.title + named), text(f"{bar(score.score, 10)} {score.score:.0f}"))
    out += [roles, text(""), text("Skills it asks for", "bold")]
    asked = table("skill", "asked", "because it says")
    for evidence in posting.skills:
        asked.add_row(text(evidence.name), text(_kind(evidence.required)), text(", ".join(evidence.phrases)))
    out.append(asked)
    if posting.unknown_terms:
        out += [text(""), text("Also named, with no skill of ours to match", "bold")]
        out.append(wrapped(", ".join(posting.unknown_terms), width))
    out.append(text(""))
    if you is None:
        out.append(wrapped(HOW_TO_ADD, width, "", ""))
        return out
    out.append(text(f"You, from {you.source}", "bold"))
    met = [names.get(s, s) for s in you.meets]
    out.append(wrapped("You meet: " + (", ".join(met) if met else "none of its asks yet"), width, "  ", "    "))
    if you.gaps:
        gaps = table("gap", "you", "needed", "for this posting")
        for gap in you.gaps:
            gaps.add_row(text(gap.name), text(str(gap.you)), text(str(gap.needed)), text(_kind(gap.importance > 1)))
        out.append(gaps)
    out += [text(""), text("Learning plan for this posting", "bold")]
    out += plan_section(you.plan, {g.skill: g.needed for g in you.gaps}, names, width)
    return out


def match_json(posting: Posting, you: Fit | None, context: ReportContext) -> str:
    payload: dict[str, Any] = {
        "version": JSON_VERSION,
        "date": context.today.isoformat(),
        "title": clean(posting.title),
        "role": plain(posting.roles[0], ROLE_KEYS),
        "roles": [plain(r, ROLE_KEYS) for r in posting.roles],
        "stage": posting.stage.value,
        "stage_reason": clean(posting.stage_reason),
        "skills": [
            {"skill": e.skill, "name": clean(e.name), "evidence": [clean(p) for p in e.phrases], "required": e.required}
            for e in posting.skills
        ],
        "unknown_terms": [clean(t) for t in posting.unknown_terms],
        "you": None,
        "gaps": [],
        "plan": None,
    }
    if you is not None:
        payload["you"] = {
            "source": clean(you.source),
            "answers": you.answers,
            "anchors": anchors_json(you.answers, context),
            "meets": list(you.meets),
            "readiness": you.readiness,
        }
        payload["gaps"] = [
            {**plain(g, ("skill", "name", "you", "needed")), "required": g.importance > 1, "gap": g.size}
            for g in you.gaps
        ]
        payload["plan"] = plan_json(you.plan)
    return dump_json(payload)


def export(posting: Posting, you: Fit | None, names: dict[str, str], fmt: ExportFormat, context: ReportContext) -> str:
    """The match as a document: Markdown with the plan as a checklist, an HTML report, an SVG picture or JSON."""
    match fmt:
        case ExportFormat.md:
            return match_markdown(posting, you, names, context)
        case ExportFormat.html:
            return match_html(posting, you, names, context)
        case ExportFormat.json:
            return match_json(posting, you, context)
        case ExportFormat.svg:
            from mlcareer.render.report import terminal_svg

            width = NARROW + 20
            return terminal_svg(match_report(posting, you, names, width), width, f"mlcareer match: {posting.title}")
        case _:
            assert_never(fmt)


def match_markdown(posting: Posting, you: Fit | None, names: dict[str, str], context: ReportContext) -> str:
    best = posting.roles[0]
    lines = [
        f"# mlcareer match: {md(posting.title or 'untitled posting')}",
        "",
        long_date(context.today),
        "",
        " ".join(
            part
            for part in (
                f"Closest role: **{md(best.title)}**, at the {posting.stage.value} stage ({md(posting.stage_reason)}).",
                md(title_against_skills(posting)),
            )
            if part
        ),
        "",
        "| Skill | Asked | Because it says |",
        "|---|---|---|",
    ]
    lines += [f"| {md(e.name)} | {_kind(e.required)} | {md(', '.join(e.phrases))} |" for e in posting.skills]
    if posting.unknown_terms:
        lines += ["", f"Also named, with no skill of ours to match: {md(', '.join(posting.unknown_terms))}"]
    if you is None:
        lines += ["", md(HOW_TO_ADD)]
        return "\n".join(lines) + "\n"
    lines += ["", f"## You (from {md(you.source)})", ""]
    lines += [f"- Gap: {md(g.name)}, you {g.you}, needed {g.needed}" for g in you.gaps] or ["- No gaps."]
    lines += ["", "## Your answers", ""]
    lines += answers_markdown(you.answers, names, context)
    lines += ["", "## Learning plan for this posting", ""]
    lines += plan_markdown(you.plan, {g.skill: g.needed for g in you.gaps}, names)
    return "\n".join(lines) + "\n"


# --- the HTML report ------------------------------------------------------------------------------


def match_html(posting: Posting, you: Fit | None, names: dict[str, str], context: ReportContext) -> str:
    """The match as a document: the posting's skills with evidence, role scores, stage, and you against it."""
    from mlcareer.render import report as doc
    from mlcareer.render.quiz import answers_html, plan_html, sources_html

    best = posting.roles[0]
    title = posting.title or "untitled posting"
    today = long_date(context.today)
    stage = posting.stage.value
    sections = [
        doc.Section("skills", "Skills it asks for", _skills_html(posting)),
        doc.Section("roles", "How much it resembles each role", _roles_html(posting)),
        doc.Section("unknown", "Also named, with no skill of ours to match", _unknown_html(posting)),
        doc.Section("you", "You against this posting", _you_html(posting, you, names)),
    ]
    if you is not None:
        needed = {g.skill: g.needed for g in you.gaps}
        sections += [
            doc.Section("answers", "Your answers", answers_html(you.answers, names, context)),
            doc.Section("plan", "Learning plan for this posting", plan_html(you.plan, needed, names)),
        ]
    from mlcareer.quiz import Plan

    plan = you.plan if you is not None else Plan((), 0, 0, 0, None)
    sections.append(doc.Section("sources", "Sources", sources_html(plan)))
    facts: list[tuple[str, doc.Content]] = [
        ("Date", today),
        ("Closest role", best.title),
        ("Career stage", stage),
    ]
    said = [
        f"Closest role: {best.title}, at the {stage} stage ({posting.stage_reason}).",
        title_against_skills(posting),
    ]
    if you is not None and you.readiness is not None:
        facts.append(("Your readiness", doc.meter(you.readiness)))
        said.append(f"Your readiness for it: {pct(you.readiness)}.")
    headline = " ".join(part for part in said if part)
    return doc.document(
        f"mlcareer match: {title}, {today}",
        "mlcareer job-posting report",
        title,
        facts,
        headline,
        sections,
        doc.made_on(today, "The skills and role are read from the posting's words: treat the role as a hint."),
    )


def _skills_html(posting: Posting) -> Html:
    from mlcareer.render import report as doc

    rows = [
        (e.name, doc.badge(_kind(e.required), "required" if e.required else ""), ", ".join(e.phrases))
        for e in posting.skills
    ]
    caption = "Each skill with the words that gave it away"
    return doc.table(("skill", "asked", "because it says"), rows, caption, stack=True)


def _roles_html(posting: Posting) -> Html:
    from mlcareer.render import report as doc

    rows = [(r.title, doc.meter(r.score, f"{r.score:.0f}")) for r in posting.roles]
    return doc.table(("role", "resemblance (0-100)"), rows, "Closest first")


def _unknown_html(posting: Posting) -> Html:
    from mlcareer.render import report as doc

    if not posting.unknown_terms:
        return doc.para("Nothing: every tool and language it names maps to one of our skills.")
    return doc.para(", ".join(posting.unknown_terms))


def _you_html(posting: Posting, you: Fit | None, names: dict[str, str]) -> Html:
    from mlcareer.render import report as doc

    if you is None:
        return doc.para(HOW_TO_ADD)
    stage = posting.stage.value
    caption = (
        f"Your level (0-{TOP_LEVEL}) against the level this posting asks at the {stage} stage, for every skill it "
        f"names (levels from {you.source}). The table below gives the same numbers."
    )
    bars = [doc.Bar(g.name, g.you, g.needed) for g in you.levels]
    parts: list[doc.Content] = [
        doc.level_chart("chart-levels", bars, TOP_LEVEL, caption, ("your level", f"asked at the {stage} stage"))
    ]
    rows = [(g.name, str(g.you), str(g.needed), _kind(g.importance > 1)) for g in you.levels]
    parts.append(doc.table(("skill", "you", "asked", "for this posting"), rows, "Your levels and the posting's", 0))
    met = [names.get(s, s) for s in you.meets]
    parts.append(doc.para("You meet: " + (", ".join(met) if met else "none of its asks yet") + "."))
    if you.gaps:
        gap_rows = [(g.name, str(g.you), str(g.needed), _kind(g.importance > 1)) for g in you.gaps]
        parts += [
            doc.tag("h3", "Gaps, largest first"),
            doc.table(("skill", "you", "asked", "for this posting"), gap_rows),
        ]
    return doc.join(parts)
