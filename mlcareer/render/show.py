"""`show`: a role's profile as headings and wrapped paragraphs, Markdown or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from mlcareer.formats import DocFormat
from mlcareer.models import TOP_IMPORTANCE, TOP_LEVEL
from mlcareer.profile import Profile, SkillNeed
from mlcareer.render.parts import JSON_VERSION, NARROW, dots, dump_json, figure_line, md, md_text, plain, text, wrapped
from mlcareer.text import clean

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mlcareer.render.console import Terminal


def emit(prof: Profile, fmt: DocFormat, term: Terminal) -> None:
    match fmt:
        case DocFormat.text:
            term.page(profile_rich(prof, term.width))
        case DocFormat.markdown:
            term.write(profile_markdown(prof))
        case DocFormat.json:
            term.write(profile_json(prof))
        case _:
            assert_never(fmt)


def _scale(need: SkillNeed) -> str:
    return (
        f"importance {need.importance}/{TOP_IMPORTANCE}; level {dots(need.mid)} {need.mid}/{TOP_LEVEL} at mid "
        f"(entry {need.entry}, senior {need.senior})"
    )


def profile_rich(prof: Profile, width: int = NARROW) -> list[RenderableType]:
    """A role's profile as headings, wrapped paragraphs and bullets."""
    role = prof.role
    aliases = f" (also: {', '.join(role.aliases)})" if role.aliases else ""
    title = wrapped(f"{role.title}{aliases}", width, "", "")
    title.stylize("bold")
    out: list[RenderableType] = [title, wrapped(role.summary, width, "", "")]
    for section in prof.sections:
        out.append(text(""))
        out.append(text(section.title, "bold"))
        for index, paragraph in enumerate(section.paragraphs):
            if index:
                out.append(text(""))
            out.append(wrapped(paragraph, width))
        out.extend(wrapped(b, width, "  • ", "    ") for b in section.bullets)
        out.extend(wrapped(figure_line(f, prof.this_year), width, "  • ", "    ") for f in section.figures)
        for index, point in enumerate(section.points):
            if index:
                out.append(text(""))
            title = wrapped(point.title, width, "  • ", "    ")
            title.stylize("bold")
            out += [title, wrapped(point.text, width, "    ", "    ")]
        for need in section.skills:
            out.append(wrapped(f"{need.name}: {_scale(need)}", width, "  • ", "    "))
            out.append(wrapped(f"at mid, needs someone who {need.anchor}", width, "      ", "      "))
    return out


def profile_markdown(prof: Profile) -> str:
    role = prof.role
    lines = [f"# {md_text(role.title)}", "", md_text(role.summary)]
    if role.aliases:
        lines += ["", f"Also called: {', '.join(role.aliases)}"]
    for section in prof.sections:
        lines += ["", f"## {section.title}", ""]
        lines += [md_text(p) + "\n" for p in section.paragraphs]
        lines += [f"- {md_text(b)}" for b in section.bullets]
        lines += [f"- {figure_line(f, prof.this_year, md_text)}" for f in section.figures]
        for point in section.points:
            if lines[-1]:
                lines.append("")
            lines += [f"### {md_text(point.title)}", "", md_text(point.text)]
        if section.skills:
            lines += [
                "| Skill | Importance | Entry | Mid | Senior | What the mid level means |",
                "|---|---|---|---|---|---|",
            ]
            lines += [
                f"| {md(n.name)} | {n.importance}/{TOP_IMPORTANCE} | {n.entry} | {n.mid} | {n.senior} "
                f"| {md(n.anchor)} |"
                for n in section.skills
            ]
    return "\n".join(lines).rstrip() + "\n"


def profile_json(prof: Profile) -> str:
    sections = [
        {
            "title": s.title,
            "paragraphs": [clean(p) for p in s.paragraphs],
            "bullets": [clean(b) for b in s.bullets],
            "figures": [plain(f) for f in s.figures],
            "skills": [plain(n, ("skill", "name", "importance", "entry", "mid", "senior")) for n in s.skills],
            "points": [plain(p, ("title", "text")) for p in s.points],
        }
        for s in prof.sections
    ]
    role = plain(prof.role, ("id", "title", "aliases", "summary"))
    return dump_json({"version": JSON_VERSION, "role": role, "sections": sections})
