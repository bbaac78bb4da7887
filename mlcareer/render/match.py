"""`match`: a job posting's skills, role and stage, and how far you are from it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple, assert_never

from mlcareer.formats import ExportFormat, ListFormat
from mlcareer.render.parts import JSON_VERSION, NARROW, bar, dump_json, md, plain, table, text, wrapped
from mlcareer.render.quiz import plan_json, plan_markdown, plan_section
from mlcareer.text import clean

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mlcareer.match import Posting
    from mlcareer.quiz import Gap, Plan
    from mlcareer.render.console import Terminal

HOW_TO_ADD = "Take the quiz (mlcareer quiz) or give --answers FILE to see how far you are from this posting."


class Fit(NamedTuple):
    """A person held against a posting: their levels, what they meet, their gaps and the plan."""

    answers: dict[str, int | None]
    meets: tuple[str, ...]
    gaps: tuple[Gap, ...]
    plan: Plan
    source: str
    """Where the person's levels came from: a saved quiz result or an answers file."""


def emit(posting: Posting, you: Fit | None, names: dict[str, str], fmt: ListFormat, term: Terminal) -> None:
    match fmt:
        case ListFormat.text:
            term.show(match_report(posting, you, names, term.width))
        case ListFormat.json:
            term.write(match_json(posting, you))
        case _:
            assert_never(fmt)


ROLE_KEYS = ("role", "title", "score", "named", "by_skills")


def _kind(required: bool) -> str:
    return "required" if required else "nice to have"


def match_report(posting: Posting, you: Fit | None, names: dict[str, str], width: int = NARROW) -> list[RenderableType]:
    best = posting.roles[0]
    out: list[RenderableType] = [
        wrapped(f"Posting: {posting.title or 'untitled'}", width, "", ""),
        wrapped(
            f"Closest role: {best.title}, at the {posting.stage.value} stage ({posting.stage_reason})", width, "", ""
        ),
    ]
    lean = max(posting.roles, key=lambda r: r.by_skills)
    if best.named and lean.role != best.role:
        out.append(
            wrapped(
                f"Its title says {best.title}; by the skills it asks for alone, it reads most like {lean.title}.",
                width,
                "",
                "",
            )
        )
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


def match_json(posting: Posting, you: Fit | None) -> str:
    payload: dict[str, Any] = {
        "version": JSON_VERSION,
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
        payload["you"] = {"source": clean(you.source), "answers": you.answers, "meets": list(you.meets)}
        payload["gaps"] = [
            {**plain(g, ("skill", "name", "you", "needed")), "required": g.importance > 1, "gap": g.size}
            for g in you.gaps
        ]
        payload["plan"] = plan_json(you.plan)
    return dump_json(payload)


def export(posting: Posting, you: Fit | None, names: dict[str, str], fmt: ExportFormat) -> str:
    """The match as a document: a Markdown report with the plan as a checklist, or HTML."""
    match fmt:
        case ExportFormat.md:
            return match_markdown(posting, you, names)
        case ExportFormat.html | ExportFormat.svg:
            import io

            from mlcareer.render.console import make_console, print_renderables

            console = make_console(io.StringIO(), record=True, width=NARROW + 20)
            print_renderables(match_report(posting, you, names, NARROW + 20), console)
            if fmt is ExportFormat.html:
                return console.export_html(inline_styles=True)
            return console.export_svg(title=f"mlcareer match: {clean(posting.title)}")
        case _:
            assert_never(fmt)


def match_markdown(posting: Posting, you: Fit | None, names: dict[str, str]) -> str:
    best = posting.roles[0]
    lines = [
        f"# mlcareer match: {md(posting.title or 'untitled posting')}",
        "",
        f"Closest role: **{md(best.title)}**, at the {posting.stage.value} stage ({md(posting.stage_reason)}).",
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
    lines += ["", "## Learning plan for this posting", ""]
    lines += plan_markdown(you.plan, {g.skill: g.needed for g in you.gaps}, names)
    return "\n".join(lines) + "\n"
