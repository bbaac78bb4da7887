"""The command line: parse options, call the core, hand results to the renderer, map errors.

Core and rendering modules are imported inside each command so that start-up stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

# NOTE: Typer vendors Click (0.26 and later); its usage errors live there.
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup

from mlcareer import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from mlcareer.errors import DataError
    from mlcareer.history import HistoryWarning
    from mlcareer.models import Catalog, Faq, FaqEntry, Role
    from mlcareer.quiz import QuizResult

EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_CANCELLED = 130


class _OneLineUsageError(UsageError):
    """A usage error shown as one line on stderr, with where to get help."""

    def show(self, file: Any = None) -> None:
        from mlcareer.text import one_line

        hint = f" (see '{self.ctx.command_path} --help')" if self.ctx is not None else ""
        sys.stderr.write(f"mlcareer: error: {one_line(self.format_message())}{hint}\n")


class _OneLineUsage:
    """Mixin for Typer's command classes: usage errors become one line (help for no arguments stays)."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)  # type: ignore[misc]
        except NoArgsIsHelpError:
            raise
        except UsageError as exc:
            if isinstance(exc, _OneLineUsageError):
                raise
            raise _OneLineUsageError(exc.format_message(), exc.ctx) from None


class _Group(_OneLineUsage, TyperGroup):
    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            raise _OneLineUsageError(exc.format_message(), exc.ctx) from None


class _Command(_OneLineUsage, TyperCommand):
    pass


app = typer.Typer(
    cls=_Group,
    name="mlcareer",
    help="Compare machine learning careers, measure your skills gap and find answers, offline.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    """Options given before the command."""

    data: Path | None = None


state = State()


class TableFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"
    csv = "csv"


class DocFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def fail(message: str, code: int) -> NoReturn:
    """One line on stderr, then exit with `code`."""
    from mlcareer.text import one_line

    sys.stderr.write(f"mlcareer: error: {one_line(message)}\n")
    raise typer.Exit(code)


def fail_data(error: DataError) -> NoReturn:
    """Report a DataError: its first problem, and how to see the rest."""
    first = str(error.problems[0]) if error.problems else str(error)
    more = len(error.problems) - 1
    if more > 0:
        first += f" (and {_count(more, 'more problem')}; run 'mlcareer validate FILE' for all)"
    fail(first, EXIT_DATA)


def catalog() -> Catalog:
    """The bundled roles and skills, with the user's --data / MLCAREER_DATA file merged in."""
    from mlcareer.catalog import load_catalog
    from mlcareer.errors import DataError

    try:
        return load_catalog(state.data)
    except DataError as exc:
        fail_data(exc)


def bundled_faq() -> Faq:
    """The bundled FAQ, or exit 1 with the problem."""
    from mlcareer.catalog import load_bundled_faq
    from mlcareer.errors import DataError

    try:
        return load_bundled_faq()
    except DataError as exc:
        fail_data(exc)


def _count(number: int, one: str, many: str | None = None) -> str:
    """'1 role', '3 roles'."""
    return f"{number} {one if number == 1 else many or one + 's'}"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mlcareer {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            envvar="MLCAREER_DATA",
            help="Your own YAML file of roles and skills, merged with the bundled ones.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Compare machine learning careers, measure your skills gap and find answers, offline."""
    state.data = data


@app.command(cls=_Command)
def roles(
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the roles.

    One line per role: its id, title, aliases and a one-line summary.

    Example: mlcareer roles
    """
    from mlcareer import render

    found = catalog().roles
    plain = {"json": lambda: render.roles_json(found)}
    render.emit("json" if json_out else "table", plain, lambda width: [render.roles_table(found, width)])


@app.command(cls=_Command)
def show(
    role: Annotated[str, typer.Argument(help="Role id, alias or title, e.g. mle, ds, researcher.", metavar="ROLE")],
    output: Annotated[DocFormat, typer.Option("--format", "-f", help="Output format.")] = DocFormat.text,
    json_out: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
) -> None:
    """Show a role's whole profile.

    Overview, history, day-to-day work, skills, tools, education, where they work, pay and
    outlook (each figure with source and year), challenges, debates, future and more.

    Example: mlcareer show mle
    """
    from mlcareer import render
    from mlcareer.catalog import UnknownRoleError, find_role
    from mlcareer.profile import profile

    cat = catalog()
    try:
        found = find_role(cat, role)
    except UnknownRoleError as exc:
        fail(str(exc), EXIT_USAGE)
    prof = profile(cat, found, bundled_faq().entries)
    plain = {"json": lambda: render.profile_json(prof), "markdown": lambda: render.profile_markdown(prof)}
    render.emit("json" if json_out else output.value, plain, lambda width: render.profile_rich(prof, width))


@app.command(cls=_Command)
def compare(
    roles: Annotated[
        list[str] | None,
        typer.Argument(
            help="Roles to compare (id, alias or title). Default: all roles.", show_default=False, metavar="ROLE"
        ),
    ] = None,
    aspect: Annotated[
        list[str] | None,
        typer.Option(
            "--aspect",
            "-a",
            help="Rows to show (repeatable): focus, overview, origins, daily-work, skills, tools, education, "
            "workplaces, pay, outlook, challenges, debates, future, getting-started, or all.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
    json_out: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
) -> None:
    """Compare roles side by side.

    Roles as columns, aspects as rows; every figure shows its source and year.

    Example: mlcareer compare mle ds --aspect skills --aspect pay
    """
    from mlcareer import render
    from mlcareer.catalog import UnknownRoleError, find_role
    from mlcareer.compare import UnknownAspectError, resolve_aspects
    from mlcareer.compare import compare as build

    cat = catalog()
    try:
        chosen = [find_role(cat, name) for name in roles] if roles else list(cat.roles)
        aspects = resolve_aspects(aspect or [])
    except (UnknownRoleError, UnknownAspectError) as exc:
        fail(str(exc), EXIT_USAGE)
    chosen = list({r.id: r for r in chosen}.values())
    result = build(cat, chosen, aspects)
    plain = {
        "json": lambda: render.compare_json(result),
        "csv": lambda: render.compare_csv(result),
        "markdown": lambda: render.compare_markdown(result),
    }
    render.emit("json" if json_out else output.value, plain, lambda width: render.compare_table(result, width))


@app.command(cls=_Command)
def validate(
    paths: Annotated[
        list[Path], typer.Argument(help="YAML files of roles, skills or FAQ entries to check.", metavar="FILE")
    ],
) -> None:
    """Check your own data files.

    Prints every problem as file:line: message.

    Exits 1 when any file has a problem.

    Example: mlcareer validate my-roles.yaml
    """
    from mlcareer.catalog import load_bundled
    from mlcareer.errors import DataError
    from mlcareer.loader import load_file
    from mlcareer.text import one_line

    try:
        bundled = load_bundled()
    except DataError as exc:
        fail_data(exc)
    bad = False
    for path in paths:
        try:
            loaded = load_file(path, known_skills=bundled.skills, known_roles=bundled.roles)
        except DataError as exc:
            bad = True
            for problem in exc.problems:
                sys.stderr.write(one_line(str(problem)) + "\n")
            continue
        counts = [_count(len(loaded.roles), "role"), _count(len(loaded.skills), "skill")]
        if loaded.faq is not None:
            counts.append(_count(len(loaded.faq.entries), "FAQ entry", "FAQ entries"))
        typer.echo(f"{path}: ok ({', '.join(counts)})")
    if bad:
        raise typer.Exit(EXIT_DATA)


@app.command(cls=_Command)
def faq(
    query: Annotated[
        list[str] | None,
        typer.Argument(
            help="A question number, or words to search for. None: list the questions.",
            show_default=False,
            metavar="N|WORDS",
        ),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON (search results carry their scores).")] = False,
    all_answers: Annotated[bool, typer.Option("--all", help="Print every answer (paged in a terminal).")] = False,
) -> None:
    """List, search and answer common questions.

    With no arguments, list the questions by topic. With a number, show that answer. With words,
    show the best answer in full and the next few as "see also"; synonyms (PhD, doctorate),
    word forms (deploy, deployment) and one typo per word are understood.

    Example: mlcareer faq do I need a phd
    """
    from mlcareer import render
    from mlcareer.faq import Index, see_also, topics

    found = bundled_faq()
    numbered = list(enumerate(found.entries, start=1))
    words = [w for w in (query or []) if w.strip()]
    console = render.make_console()
    if all_answers:
        if words:
            fail("--all takes no question or words", EXIT_USAGE)
        if json_out:
            render.write_text(render.faq_json(numbered))
        elif console.is_terminal:
            render.page(render.faq_all_rich(found), console)
        else:
            render.write_text(render.faq_all_text(found))
        return
    if not words:
        if json_out:
            render.write_text(render.faq_json(numbered))
        else:
            render.print_renderables(render.faq_list(topics(found), console.width), console)
        return
    if len(words) == 1 and words[0].isdigit():
        number = int(words[0])
        if not 1 <= number <= len(numbered):
            fail(f"no question {number}; choose 1 to {len(numbered)} (mlcareer faq lists them)", EXIT_USAGE)
        chosen = [numbered[number - 1]]
        if json_out:
            render.write_text(render.faq_json(chosen))
        else:
            _print_answer(chosen[0], [], console)
        return
    text = " ".join(words)
    understood, hits = Index(found).search(text)
    if json_out:
        render.write_text(
            render.faq_json(
                [(h.number, h.entry) for h in hits],
                [h.score for h in hits],
                text,
                understood.terms,
                understood.corrections,
            )
        )
    elif hits:
        _print_answer((hits[0].number, hits[0].entry), [(h.number, h.entry) for h in see_also(hits)], console)
    if not hits:
        from mlcareer.text import one_line

        sys.stderr.write(f"mlcareer: error: no question matches '{one_line(text)}'; these are the questions:\n")
        if not json_out:
            err = render.make_console(sys.stderr)
            render.print_renderables(render.faq_list(topics(found), err.width), err)
        raise typer.Exit(EXIT_DATA)


def _print_answer(chosen: tuple[int, FaqEntry], others: list[tuple[int, FaqEntry]], console: Console) -> None:
    from mlcareer import render

    number, entry = chosen
    if console.is_terminal:
        render.print_renderables(render.faq_answer_rich(number, entry), console)
    else:
        render.write_text(render.faq_answer_text(number, entry))
    render.print_renderables(render.faq_see_also(others, console.width), console)


EXPORT_SUFFIXES = (".md", ".html", ".svg")


@app.command(cls=_Command)
def quiz(
    role: Annotated[
        str | None, typer.Option("--role", "-r", help="Target role (id, alias or title). Asked when not given.")
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            help="YAML or JSON file of skill id -> level 0-4; runs without prompts.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
    export: Annotated[
        Path | None,
        typer.Option("--export", help="Also write the report to FILE: .md, .html or .svg.", dir_okay=False),
    ] = None,
    no_save: Annotated[bool, typer.Option("--no-save", help="Do not add this result to your history.")] = False,
) -> None:
    """Take the skills-gap quiz.

    Rate your skills against concrete milestones; get your readiness for the role you want,
    your fit for every role, your biggest gaps and a learning plan.

    Each question lists what people at each level have done; pick the highest that is true of
    you. Without a terminal, give your answers in a file with --answers.

    Example: mlcareer quiz --role mle
    """
    from mlcareer.catalog import UnknownRoleError, find_role
    from mlcareer.errors import DataError

    if export is not None and export.suffix.lower() not in EXPORT_SUFFIXES:
        fail(f"cannot export to '{export.name}'; use a file ending in .md, .html or .svg", EXIT_USAGE)
    cat = catalog()
    target = None
    if role is not None:
        try:
            target = find_role(cat, role)
        except UnknownRoleError as exc:
            fail(str(exc), EXIT_USAGE)
    missing: tuple[str, ...] = ()
    if answers is not None:
        from mlcareer.answers import load_answers

        try:
            sheet = load_answers(answers, cat.skills)
        except DataError as exc:
            fail_data(exc)
        given, missing = sheet.answers, sheet.missing
    else:
        given, target = _ask_quiz(cat, target)
    from mlcareer import quiz as scoring

    if target is None:
        best = scoring.fit(cat, given)[0].role
        target = find_role(cat, best)
    result = scoring.score(cat, target, given)
    if not no_save:  # NOTE: saved first, so a report cut short (| head, a closed pager) loses nothing
        _save_quiz(result)
    _report_quiz(result, cat, missing, json_out, export)


def _ask_quiz(cat: Catalog, target: Role | None) -> tuple[dict[str, int | None], Role]:
    """Run the prompts; exit 2 without a terminal, 130 when cancelled."""
    from mlcareer import prompts
    from mlcareer.catalog import find_role

    problem = prompts.why_not_interactive()
    if problem is not None:
        fail(problem, EXIT_USAGE)
    try:
        if target is None:
            target = find_role(cat, prompts.ask_role(cat.roles))
        return prompts.ask_all(cat.skills), target
    except (KeyboardInterrupt, EOFError):
        sys.stderr.write("mlcareer: quiz cancelled; nothing was saved\n")
        raise typer.Exit(EXIT_CANCELLED) from None


def _report_quiz(
    result: QuizResult, cat: Catalog, missing: tuple[str, ...], json_out: bool, export: Path | None
) -> None:
    from mlcareer import render

    names = {s.id: s.name for s in cat.skills}
    if json_out:
        render.write_text(render.quiz_json(result, missing))
    else:
        console = render.make_console()
        render.print_renderables(render.quiz_report(result, names, console.width), console)
    sys.stdout.flush()
    if missing:
        sys.stderr.write(f"mlcareer: note: not in the answers file, scored as 'not sure yet': {', '.join(missing)}\n")
    if export is not None:
        from mlcareer.files import atomic_write

        try:
            atomic_write(export, render.quiz_export(result, names, export.suffix.lower()))
        except OSError as exc:
            fail(f"cannot write {export}: {exc.strerror or exc}", EXIT_DATA)
        sys.stderr.write(f"mlcareer: wrote the report to {export}\n")


def _save_quiz(result: QuizResult) -> None:
    import datetime

    from mlcareer import history

    record = history.Record(
        taken_at=datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        role=result.role,
        title=result.title,
        readiness=result.readiness,
        answers=result.answers,
    )
    try:
        warnings = history.save(record)
    except OSError as exc:
        sys.stderr.write(f"mlcareer: warning: could not save this result: {exc.strerror or exc}\n")
        return
    _warn(warnings)


def _warn(warnings: list[HistoryWarning]) -> None:
    from mlcareer.text import one_line

    for warning in warnings:
        sys.stderr.write(f"mlcareer: warning: {one_line(warning.message)}\n")


@app.command(cls=_Command)
def history(
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    clear: Annotated[bool, typer.Option("--clear", help="Delete every saved result (asks first).")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --clear: do not ask.")] = False,
) -> None:
    """Show your past quiz results.

    Per role, oldest to newest, with the change each time.

    Results are saved in your user data folder (MLCAREER_HOME overrides it).

    Example: mlcareer history
    """
    from mlcareer import history as saved
    from mlcareer import render

    if clear:
        if not yes:
            if not sys.stdin.isatty():
                fail("history --clear asks before deleting; without a terminal, add --yes", EXIT_USAGE)
            try:
                sure = typer.confirm(f"Delete every saved quiz result in {saved.history_path()}?", default=False)
            except (typer.Abort, KeyboardInterrupt, EOFError):
                sys.stderr.write("\nmlcareer: cancelled; nothing was deleted\n")
                raise typer.Exit(EXIT_CANCELLED) from None
            if not sure:
                sys.stderr.write("mlcareer: nothing was deleted\n")
                return
        try:
            count = saved.clear()
        except OSError as exc:
            fail(f"cannot clear your history: {exc.strerror or exc}", EXIT_DATA)
        sys.stderr.write(f"mlcareer: deleted {_count(count, 'saved result')}\n")
        return
    try:
        records, warnings = saved.load()
    except OSError as exc:
        fail(f"cannot read your history: {exc.strerror or exc}", EXIT_DATA)
    _warn(warnings)
    groups = saved.progress(records)
    if json_out:
        render.write_text(render.history_json(groups))
    elif not groups:
        sys.stderr.write("mlcareer: no saved results yet; take the quiz with 'mlcareer quiz'\n")
    else:
        console = render.make_console()
        render.print_renderables(render.history_table(groups, console.width), console)


def main() -> None:
    """Entry point for the `mlcareer` script and `python -m mlcareer`."""
    app(prog_name="mlcareer")
