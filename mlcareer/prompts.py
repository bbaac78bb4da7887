"""The quiz's interactive questions. The only module that imports questionary (and only when the quiz runs).

Every question but the first can go back (a "Back" choice, or Left, Backspace or b); each skill's
anchors are picked with their level's number key. The prompts are drawn on the terminal even when
stdout is redirected, so `quiz --json > r.json` asks its questions and writes only the result.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, TextIO

from mlcareer.models import Role, Skill, Stage
from mlcareer.text import one_line

if TYPE_CHECKING:
    from questionary import Choice, Question


class Move(enum.Enum):
    """What a question returns, or is given, besides an answer."""

    BACK = "back"
    """The person went back to the previous question."""
    NEW = "new"
    """(given as `previous`) The question was not answered yet."""
    SCORE = "score"
    """(from the review) The answers are right: score them."""
    ROLE = "role"
    """(from the review) Change the role."""
    STAGE = "stage"
    """(from the review) Change the stage."""


BACK: Final = Move.BACK
NEW: Final = Move.NEW
SCORE: Final = Move.SCORE
UNSURE = -1
UNSURE_KEY = "n"
UNSURE_TITLE = "Not sure yet (counts as level 0)"
PREVIOUS = "← Back to the previous question"
TO_REVIEW = "← Back to your answers, unchanged"
BACK_KEYS = ("left", "backspace", "b")
SCORE_TITLE = "Looks right, score it"


def _width() -> int:
    """The width of the terminal the prompts are drawn on, for wrapping what they show."""
    from prompt_toolkit.application.current import get_app_session

    return max(get_app_session().output.get_size().columns, 30)


def _wrap(text: str, indent: str = "   ", first: str = "", room: int = 4) -> str:
    """Text wrapped to the terminal, continuation lines indented under the first.

    NOTE: prompt_toolkit cuts long choice lines at the terminal's edge instead of wrapping
    them, so an anchor would lose its end in a narrow terminal.
    """
    import textwrap

    lines = textwrap.wrap(one_line(text), width=_width() - room, initial_indent=first, subsequent_indent=indent)
    return "\n".join(lines) or first


def _cut(text: str, room: int = 4) -> str:
    """Text on one line of the terminal, cut with an ellipsis when it is longer."""
    width = _width() - room
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _tty_for_prompts() -> TextIO | None:
    """The terminal to draw prompts on when stdout is redirected: stderr if it is one, else /dev/tty.

    None when there is no terminal to draw on. The caller closes what this opened (not stderr).
    """
    if sys.stderr is not None and sys.stderr.isatty():
        return sys.stderr
    if os.name != "posix":
        return None
    try:
        return open("/dev/tty", "w", encoding="utf-8")
    except OSError:
        return None


def _session_sets(part: str) -> bool:
    """True when tests or embedders set this prompt_toolkit session's `part` ("input" or "output")."""
    from prompt_toolkit.application.current import get_app_session

    return getattr(get_app_session(), f"_{part}", None) is not None


def why_not_interactive() -> str | None:
    """Why the quiz cannot ask its questions here, or None when it can.

    It needs a terminal on stdin to read keys from, and a terminal to draw on: stdout, else
    stderr, else the controlling terminal (so redirected output still gets the questions).
    """
    # NOTE: tests and embedders pass keys through create_app_session(input=...); honour that input.
    if _session_sets("input"):
        return None
    if not sys.stdin.isatty():
        return "the quiz needs a terminal to ask its questions; give your answers with --answers FILE"
    if sys.stdout.isatty():
        return None
    tty = _tty_for_prompts()
    if tty is None:
        return "the quiz has no terminal to show its questions on; give your answers with --answers FILE"
    if tty is not sys.stderr:
        tty.close()
    return None


@contextlib.contextmanager
def on_terminal() -> Iterator[None]:
    """Prompts asked inside are drawn on the terminal, even when stdout is redirected to a file or pipe."""
    if _session_sets("input") or _session_sets("output") or sys.stdout.isatty():
        yield
        return
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.output import create_output

    tty = _tty_for_prompts()
    if tty is None:  # NOTE: why_not_interactive said so already; prompts then fail as they would have
        yield
        return
    try:
        with create_app_session(output=create_output(stdout=tty)):
            yield
    finally:
        if tty is not sys.stderr:
            tty.close()


def _ask(question: Question, keys: Mapping[str, Any] | None = None) -> Any:
    """Ask and return the answer; Ctrl-C raises KeyboardInterrupt, Ctrl-D raises EOFError.

    `keys` maps a key to the value of the choice it picks at once (and shows as the answer).
    """
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys
    from questionary.prompts.common import InquirerControl

    app = question.application
    extra = KeyBindings()

    @extra.add("c-d", eager=True)
    def _end_of_input(event: Any) -> None:
        event.app.exit(exception=EOFError(), style="class:aborting")

    # NOTE: `kill -INT` reaches prompt_toolkit as a <sigint> key, which questionary leaves unbound.
    @extra.add(Keys.SIGINT, eager=True)
    def _interrupted(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt(), style="class:aborting")

    if keys:
        control = next(w.content for w in app.layout.find_all_windows() if isinstance(w.content, InquirerControl))
        values = [choice.value for choice in control.choices]
        for key, value in keys.items():
            extra.add(key, eager=True)(_picker(control, values.index(value)))

    # NOTE: ours come last, so they win over questionary's own bindings for the same key
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])
    return question.unsafe_ask()


def _picker(control: Any, index: int) -> Any:
    """A key handler that answers with the choice at `index`, shown as the answer like Enter would."""

    def pick(event: Any) -> None:
        control.pointed_at = index
        control.is_answered = True
        event.app.exit(result=control.get_pointed_at().value)

    return pick


ON_ITS_OWN_LINE = "\n  "
"""Ends a question whose hint, then answer, go on the next line, lined up with the choices' text."""


def _instruction(text: str) -> str:
    """A hint on the line after its question, wrapped under itself."""
    return _wrap(text, "   ")


def _headed(message: str, hint: str, titles: Sequence[str]) -> tuple[str, str]:
    """The question and its hint, the hint (and later the answer) on a line of their own when the
    terminal is too narrow to hold them beside the question."""
    longest = max(len(line) for text in (hint, *titles) for line in text.splitlines())
    if len(message) + longest + 3 <= _width():
        return message, hint
    return message + ON_ITS_OWN_LINE, _instruction(hint)


def _described(text: str) -> str:
    """A choice's description wrapped under questionary's '  Description: ' label."""
    label = "  Description: "
    return _wrap(text, "  ", " " * len(label), room=1)[len(label) :]


def _back_choice(back: str | None) -> tuple[list[Choice], dict[str, Any]]:
    """The "back" choice and its keys, or none for the first question."""
    import questionary

    if back is None:
        return [], {}
    return [questionary.Choice(title=back, value=BACK)], dict.fromkeys(BACK_KEYS, BACK)


def _default(choices: Sequence[Choice], previous: object, fallback: int = 0) -> Choice:
    """The choice whose value is the previous answer (so going back shows it), else `fallback`."""
    return next((c for c in choices if previous is not NEW and c.value == previous), choices[fallback])


NOT_SURE_ROLE = "Not sure: pick the role I fit best"
STAGE_TITLES = {
    Stage.entry: "Entry: a first job in the role (intern, graduate, junior)",
    Stage.mid: "Mid: an established practitioner (about 2-5 years in)",
    Stage.senior: "Senior: a senior or staff individual contributor",
}


def ask_role(
    roles: Sequence[Role], previous: str | Literal[Move.NEW] | None = NEW, back: str | None = None
) -> str | Literal[Move.BACK] | None:
    """The id of the role the person picks as their target; None for "not sure: pick the best fit"."""
    import questionary

    choices = [
        questionary.Choice(title=one_line(r.title), value=r.id, description=_described(r.summary)) for r in roles
    ]
    choices.append(questionary.Choice(title=NOT_SURE_ROLE, value=""))
    backs, keys = _back_choice(back)
    default = _default(choices, "" if previous is None else previous)
    hint = "(↑↓ and Enter; ← goes back)" if back else "(↑↓ and Enter)"
    message, hint = _headed("Which role are you aiming for?", hint, [str(c.title) for c in choices])
    question = questionary.select(message, choices=choices + backs, default=default, instruction=hint)
    answer = _ask(question, keys)
    return BACK if answer is BACK else str(answer) or None


def ask_stage(previous: Stage | Literal[Move.NEW] = NEW, back: str | None = None) -> Stage | Literal[Move.BACK]:
    """The career stage the person aims for (mid unless they answered before)."""
    import questionary

    choices = [questionary.Choice(title=_wrap(title), value=stage.value) for stage, title in STAGE_TITLES.items()]
    backs, keys = _back_choice(back)
    default = _default(choices, NEW if previous is NEW else previous.value, fallback=1)
    hint = "(↑↓ and Enter; ← goes back)" if back else "(↑↓ and Enter)"
    message, hint = _headed("At which career stage?", hint, [str(c.title) for c in choices])
    question = questionary.select(message, choices=choices + backs, default=default, instruction=hint)
    answer = _ask(question, keys)
    return BACK if answer is BACK else Stage(str(answer))


def ask_level(
    skill: Skill,
    number: int,
    total: int,
    previous: int | Literal[Move.NEW] | None = NEW,
    back: str | None = None,
) -> int | Literal[Move.BACK] | None:
    """The level whose anchor the person picks for one skill; None for "not sure yet"."""
    import questionary

    choices = [
        questionary.Choice(title=_wrap(anchor, "      ", f"{level}) "), value=level)
        for level, anchor in enumerate(skill.anchors)
    ]
    choices.append(questionary.Choice(title=f"{UNSURE_KEY}) {UNSURE_TITLE}", value=UNSURE))
    backs, keys = _back_choice(back)
    keys |= {str(level): level for level in range(len(skill.anchors))} | {UNSURE_KEY: UNSURE}
    default = _default(choices, UNSURE if previous is None else previous)
    message = "\n".join(
        (
            _wrap(f"Skill {number} of {total}: {skill.name}", "  "),
            _wrap(skill.description, "  ", "  "),
            _wrap("Which sentence describes what you have done? Pick the highest that is true.", "  ", "  "),
        )
    )
    message += ON_ITS_OWN_LINE
    last = len(skill.anchors) - 1
    hint = f"(press 0-{last} or {UNSURE_KEY}, or ↑↓ and Enter" + ("; ← goes back)" if back else ")")
    question = questionary.select(message, choices=choices + backs, default=default, instruction=_instruction(hint))
    answer = _ask(question, keys)
    if answer is BACK:
        return Move.BACK
    return None if answer == UNSURE else int(answer)


def level_text(skill: Skill, level: int | None) -> str:
    """An answer in a few words: '3) has built a pipeline ...' or 'not sure yet'."""
    return "not sure yet" if level is None else f"{level}) {one_line(skill.anchors[level])}"


def ask_review(
    role: str | Literal[Move.NEW] | None,
    stage: Stage | Literal[Move.NEW],
    skills: Sequence[Skill],
    given: Mapping[str, int | None],
) -> Skill | Literal[Move.SCORE, Move.ROLE, Move.STAGE]:
    """Every answer on one line, before scoring: the one to change, or SCORE.

    `role` is the chosen role's title ("" for the best fit) and `stage` the chosen stage, or NEW
    when they were given on the command line (then they are not listed).
    """
    import questionary

    choices = [questionary.Choice(title=SCORE_TITLE, value=SCORE)]
    if role is not NEW:
        choices.append(questionary.Choice(title=_cut(f"Role: {role or NOT_SURE_ROLE}"), value=Move.ROLE))
    if stage is not NEW:
        choices.append(questionary.Choice(title=f"Stage: {stage.value}", value=Move.STAGE))
    choices += [
        questionary.Choice(title=_cut(f"{skill.name}: {level_text(skill, given[skill.id])}"), value=skill.id)
        for skill in skills
    ]
    message = _wrap("Your answers. Pick one to change it, or score them.", "  ") + ON_ITS_OWN_LINE
    answer = _ask(questionary.select(message, choices=choices, instruction=_instruction("(↑↓ and Enter)")))
    if isinstance(answer, Move):
        return answer  # type: ignore[return-value]
    return next(skill for skill in skills if skill.id == answer)


def confirm(question: str) -> bool:
    """Yes or no, no by default; Ctrl-C raises KeyboardInterrupt, Ctrl-D raises EOFError."""
    import questionary

    return bool(_ask(questionary.confirm(_wrap(question, "  "), default=False)))
