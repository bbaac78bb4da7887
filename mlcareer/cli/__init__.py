"""The command line: parse options, call the core, hand results to the renderer, map errors.

Core and rendering modules are imported inside each command so that start-up stays fast.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from mlcareer import __version__
from mlcareer.cli import options as opt
from mlcareer.cli.exits import EXIT_DATA, registrar
from mlcareer.cli.usage import Group
from mlcareer.formats import DocFormat, ListFormat, TableFormat
from mlcareer.models import Stage
from mlcareer.render.console import Terminal

if TYPE_CHECKING:
    from mlcareer.models import Catalog

DATA_ENV = "MLCAREER_DATA"

app = typer.Typer(
    cls=Group,
    name="mlcareer",
    help="Compare machine learning careers, measure your skills gap and find answers, offline.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
command = registrar(app)


class Options(NamedTuple):
    """Options given before the command, carried on Typer's context."""

    data: Path | None = None
    data_label: str | None = None


def _catalog(ctx: typer.Context) -> Catalog:
    """The bundled roles and skills, with the user's --data / MLCAREER_DATA file merged in."""
    from mlcareer.catalog import load_catalog

    options = ctx.find_root().obj or Options()
    return load_catalog(options.data, options.data_label)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mlcareer {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            envvar=DATA_ENV,
            help="Your own YAML file of roles and skills, merged with the bundled ones.",
            show_default=False,
            metavar="FILE",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Compare machine learning careers, measure your skills gap and find answers, offline."""
    from typer._click.core import ParameterSource

    from_env = ctx.get_parameter_source("data") is ParameterSource.ENVIRONMENT
    ctx.obj = Options(data, f"{data} (from {DATA_ENV})" if from_env and data is not None else None)


@command
def roles(ctx: typer.Context, json_out: opt.Json = False) -> None:
    """List the roles.

    One line per role: its id, title, aliases and a one-line summary.

    Example: mlcareer roles
    """
    from mlcareer.render import roles as out

    out.emit(_catalog(ctx).roles, ListFormat.json if json_out else ListFormat.text, Terminal())


@command
def show(
    ctx: typer.Context,
    role: opt.Role,
    output: opt.DocFormats = DocFormat.text,
    json_out: opt.JsonAlias = False,
) -> None:
    """Show a role's whole profile.

    Overview, history, day-to-day work, skills at each career stage, tools, education, where they
    work, pay and outlook (each figure with source, year and link), challenges, debates and more.

    Example: mlcareer show mle
    """
    from mlcareer.catalog import find_role, load_faq
    from mlcareer.profile import profile
    from mlcareer.render import show as out

    cat = _catalog(ctx)
    options = ctx.find_root().obj or Options()
    entries = load_faq(options.data, options.data_label).entries
    prof = profile(cat, find_role(cat, role), entries, datetime.date.today().year)
    out.emit(prof, DocFormat.json if json_out else output, Terminal())


@command
def compare(
    ctx: typer.Context,
    roles: opt.Roles = None,
    aspect: opt.Aspects = None,
    stage: opt.StageChoice = None,
    all_roles: Annotated[bool, typer.Option("--all", help="Compare every role, not only the article's three.")] = False,
    output: opt.TableFormats = TableFormat.table,
    json_out: opt.JsonAlias = False,
) -> None:
    """Compare roles side by side.

    Roles as columns, aspects as rows; every figure shows its source, year and link. With no
    roles named, the three the article compares (ML engineer, data scientist, AI researcher);
    --all for every role. Skill rows show the level asked at a career stage (--stage; default mid).

    Example: mlcareer compare mle ds --aspect skills --aspect pay --stage entry
    """
    from mlcareer.aspects import resolve
    from mlcareer.catalog import find_role
    from mlcareer.compare import compare as build
    from mlcareer.render import compare as out

    cat = _catalog(ctx)
    if roles:
        chosen = [find_role(cat, name) for name in roles]
    else:
        chosen = [r for r in cat.roles if all_roles or r.from_article] or list(cat.roles)
    unique = list({r.id: r for r in chosen}.values())
    result = build(cat, unique, resolve(aspect or []), stage or Stage.mid, datetime.date.today().year)
    out.emit(result, TableFormat.json if json_out else output, Terminal())


@command
def skills(ctx: typer.Context, json_out: opt.Json = False) -> None:
    """List the skills the quiz asks about.

    Each skill with its five levels (what a person at each level has done), the skills it needs
    first, and the resources for each level, with links.

    Example: mlcareer skills
    """
    from mlcareer.render import skills as out

    out.emit(_catalog(ctx).skills, ListFormat.json if json_out else ListFormat.text, Terminal())


@command
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
    from mlcareer.catalog import load_bundled, stale_figures
    from mlcareer.errors import DataError, Failure
    from mlcareer.loader import load_file
    from mlcareer.text import count, one_line

    term = Terminal()
    bundled = load_bundled()
    bad = False
    for path in paths:
        try:
            loaded = load_file(path, known_skills=bundled.skills, known_roles=bundled.roles)
        except DataError as exc:
            bad = True
            term.problems(exc.problems)
            if exc.more:
                term.problems([f"{path}: ... and {count(exc.more, 'more problem')}"])
            continue
        for role, figure in stale_figures(loaded.roles, datetime.date.today().year):
            term.warning(f"{path}: role '{role.id}': '{figure.label}' is from {figure.year}; look for a newer edition")
        counts = [count(len(loaded.roles), "role"), count(len(loaded.skills), "skill")]
        if loaded.faq is not None:
            counts.append(count(len(loaded.faq.entries), "FAQ entry", "FAQ entries"))
        term.write(f"{one_line(str(path))}: ok ({', '.join(counts)})\n")
    if bad:
        raise Failure("", EXIT_DATA)


@command
def faq(
    ctx: typer.Context,
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
    from mlcareer.catalog import load_faq
    from mlcareer.commands import answer_faq

    options = ctx.find_root().obj or Options()
    found = load_faq(options.data, options.data_label)
    answer_faq(found, [w for w in (query or []) if w.strip()], json_out, all_answers)


@command
def quiz(
    ctx: typer.Context,
    role: opt.TargetRole = None,
    stage: opt.StageChoice = None,
    answers: opt.AnswersFile = None,
    pace: opt.Pace = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
    export: opt.ExportFile = None,
    no_save: Annotated[bool, typer.Option("--no-save", help="Do not add this result to your history.")] = False,
    force: Annotated[bool, typer.Option("--force", help="With --export: replace the file if it exists.")] = False,
    template: Annotated[bool, typer.Option("--template", help="Print an answers file to fill in, and exit.")] = False,
) -> None:
    """Take the skills-gap quiz.

    Rate your skills against concrete milestones; get your readiness for the role and career
    stage you want, your fit for every role, your strengths and gaps, and a paced learning plan
    that puts prerequisites first.

    Each question lists what people at each level have done; pick the highest that is true of
    you. Without a terminal, give your answers in a file (--template prints one to fill in).

    Example: mlcareer quiz --role mle --stage entry
    """
    from mlcareer.commands import QuizRequest, take_quiz

    if template:
        from mlcareer.quiz import template as blank

        Terminal().write(blank(_catalog(ctx).skills))
        return
    fmt = ListFormat.json if json_out else ListFormat.text
    request = QuizRequest(role, stage, answers, fmt, export, not no_save, force, pace)
    take_quiz(_catalog(ctx), request)


@command
def history(
    json_out: opt.Json = False,
    clear: Annotated[bool, typer.Option("--clear", help="Delete every saved result (asks first).")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --clear: do not ask.")] = False,
) -> None:
    """Show your past quiz results.

    Per role, oldest to newest, with the change each time.

    Results are saved in your user data folder (MLCAREER_HOME overrides it).

    Example: mlcareer history
    """
    from mlcareer.commands import clear_history, show_history

    if clear:
        clear_history(yes)
    else:
        show_history(ListFormat.json if json_out else ListFormat.text)


def main() -> None:
    """Entry point for the `mlcareer` script and `python -m mlcareer`."""
    from mlcareer.cli.exits import run

    sys.exit(run(app))
