"""The quiz's interactive questions. The only module that imports questionary (and only when the quiz runs)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mlcareer.models import Role, Skill, Stage
from mlcareer.text import one_line

if TYPE_CHECKING:
    from questionary import Question

UNSURE = -1
UNSURE_TITLE = "Not sure yet (counts as level 0)"


def _width() -> int:
    """The terminal's width (COLUMNS first), for wrapping what prompts show."""
    import shutil

    return max(shutil.get_terminal_size((80, 24)).columns, 30)


def _wrap(text: str, indent: str = "   ", first: str = "", room: int = 4) -> str:
    """Text wrapped to the terminal, continuation lines indented under the first.

    NOTE: prompt_toolkit cuts long choice lines at the terminal's edge instead of wrapping
    them, so an anchor would lose its end in a narrow terminal.
    """
    import textwrap

    lines = textwrap.wrap(one_line(text), width=_width() - room, initial_indent=first, subsequent_indent=indent)
    return "\n".join(lines) or first


def why_not_interactive() -> str | None:
    """Why the quiz cannot ask its questions here, or None when it can.

    It needs a terminal on stdin and stdout, or an input set for this prompt_toolkit session.
    """
    from prompt_toolkit.application.current import get_app_session

    # NOTE: tests and embedders pass keys through create_app_session(input=...); honour that input.
    if getattr(get_app_session(), "_input", None) is not None:
        return None
    if not sys.stdin.isatty():
        return "the quiz needs a terminal to ask its questions; give your answers with --answers FILE"
    if not sys.stdout.isatty():
        return (
            "the quiz shows its questions on the terminal, but output is redirected; "
            "run it without redirecting and save the report with --export FILE, or use --answers FILE"
        )
    return None


def _ask(question: Question) -> Any:
    """Ask and return the answer; Ctrl-C raises KeyboardInterrupt, Ctrl-D raises EOFError."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys

    extra = KeyBindings()

    @extra.add("c-d", eager=True)
    def _end_of_input(event: Any) -> None:
        event.app.exit(exception=EOFError(), style="class:aborting")

    # NOTE: `kill -INT` reaches prompt_toolkit as a <sigint> key, which questionary leaves unbound.
    @extra.add(Keys.SIGINT, eager=True)
    def _interrupted(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt(), style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([extra, app.key_bindings or KeyBindings()])
    return question.unsafe_ask()


NOT_SURE_ROLE = "Not sure: pick the role I fit best"
STAGE_TITLES = {
    Stage.entry: "Entry: a first job in the role (intern, graduate, junior)",
    Stage.mid: "Mid: an established practitioner (about 2-5 years in)",
    Stage.senior: "Senior: a senior or staff individual contributor",
}


def ask_role(roles: Sequence[Role]) -> str | None:
    """The id of the role the person picks as their target; None for "not sure: pick the best fit"."""
    import questionary

    choices = [
        questionary.Choice(title=one_line(r.title), value=r.id, description=_wrap(r.summary, "  ", room=17))
        for r in roles
    ]
    choices.append(questionary.Choice(title=NOT_SURE_ROLE, value=""))
    answer = _ask(questionary.select("Which role are you aiming for?", choices=choices))
    return str(answer) or None


def ask_stage() -> Stage:
    """The career stage the person aims for."""
    import questionary

    choices = [questionary.Choice(title=_wrap(title), value=stage.value) for stage, title in STAGE_TITLES.items()]
    answer = _ask(questionary.select("At which career stage?", choices=choices, default=choices[1]))
    return Stage(str(answer))


def ask_level(skill: Skill, number: int, total: int) -> int | None:
    """The level whose anchor the person picks for one skill; None for "not sure yet"."""
    import questionary

    choices = [questionary.Choice(title=_wrap(anchor), value=level) for level, anchor in enumerate(skill.anchors)]
    choices.append(questionary.Choice(title=UNSURE_TITLE, value=UNSURE))
    message = "\n".join(
        (
            _wrap(f"Skill {number} of {total}: {skill.name}", "  "),
            _wrap(skill.description, "  ", "  "),
            _wrap("Which sentence describes what you have done? Pick the highest that is true.", "  ", "  "),
            "",  # NOTE: the instruction, then the chosen anchor, go on a line of their own
        )
    )
    answer = _ask(questionary.select(message, choices=choices, instruction="(arrow keys, Enter)", qmark="?"))
    return None if answer == UNSURE else int(answer)


def ask_all(skills: Sequence[Skill]) -> dict[str, int | None]:
    """One question per skill, in catalogue order."""
    return {skill.id: ask_level(skill, number, len(skills)) for number, skill in enumerate(skills, start=1)}


def confirm(question: str) -> bool:
    """Yes or no, no by default; Ctrl-C raises KeyboardInterrupt, Ctrl-D raises EOFError."""
    import questionary

    return bool(_ask(questionary.confirm(_wrap(question, "  "), default=False)))
