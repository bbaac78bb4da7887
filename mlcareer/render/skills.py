"""`skills`: every skill with its anchors, prerequisites and resources, as text or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, assert_never

from mlcareer.formats import ListFormat
from mlcareer.models import Skill
from mlcareer.render.parts import JSON_VERSION, NARROW, dump_json, plain, text, wrapped

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mlcareer.render.console import Terminal


def emit(skills: Sequence[Skill], fmt: ListFormat, term: Terminal) -> None:
    match fmt:
        case ListFormat.text:
            term.page(skills_text(skills, term.width))
        case ListFormat.json:
            term.write(skills_json(skills))
        case _:
            assert_never(fmt)


def skills_text(skills: Sequence[Skill], width: int = NARROW) -> list[RenderableType]:
    names = {s.id: s.name for s in skills}
    out: list[RenderableType] = []
    for skill in skills:
        if out:
            out.append(text(""))
        out.append(text(f"{skill.name} ({skill.id})", "bold"))
        out.append(wrapped(skill.description, width))
        out += [wrapped(f"{level}: {anchor}", width, "    ", "       ") for level, anchor in enumerate(skill.anchors)]
        for requirement in skill.requires:
            needed = f"{names.get(requirement.skill, requirement.skill)} {requirement.level}"
            out.append(wrapped(f"Before level {requirement.at}: {needed}", width, "  needs: ", "         "))
        for resource in skill.resources:
            levels = ", ".join(str(level) for level in resource.levels)
            checked = "" if resource.verified else "; link not checked"
            line = f"{resource.title}, {resource.author} (levels {levels}; about {resource.hours} h{checked})"
            out.append(wrapped(f"{line} {resource.url}", width, "  learn: ", "         "))
    return out


def skills_json(skills: Sequence[Skill]) -> str:
    return dump_json({"version": JSON_VERSION, "skills": [plain(s) for s in skills]})
