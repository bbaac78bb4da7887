"""The command line: parse options, call the core, hand results to the renderer, map errors.

Core and rendering modules are imported inside each command so that start-up stays fast.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Annotated

import typer

from mlcareer.cli import options as opt
from mlcareer.cli.exits import registrar
from mlcareer.cli.usage import Group
from mlcareer.formats import DocFormat, ListFormat, TableFormat
from mlcareer.models import Stage
from mlcareer.render.console import Terminal

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


@app.callback()
def main_options(
    ctx: typer.Context, data: opt.DataFile = None, no_pager: opt.NoPager = False, version: opt.Version = False
) -> None:
    """Compare machine learning careers, measure your skills gap and find answers, offline."""
    from typer._click.core import ParameterSource

    from_env = ctx.get_parameter_source("data") is ParameterSource.ENVIRONMENT
    label = f"{data} (from {opt.DATA_ENV})" if from_env and data is not None else None
    ctx.obj = opt.Options(data, label, no_pager)


@command
def roles(ctx: typer.Context, json_out: opt.Json = False) -> None:
    """List the roles.

    One line per role: its id, title, aliases and a one-line summary.

    Example: mlcareer roles
    """
    from mlcareer.render import roles as out

    out.emit(opt.catalog(ctx).roles, ListFormat.json if json_out else ListFormat.text, Terminal())


@command
def show(
    ctx: typer.Context,
    role: opt.Role,
    output: opt.DocFormats = DocFormat.text,
    json_out: opt.JsonAlias = False,
    no_pager: opt.NoPager = False,
) -> None:
    """Show a role's whole profile.

    Overview, history, day-to-day work, skills at each career stage, tools, education, where they
    work, pay and outlook (each figure with source, year and link), challenges, debates and more.

    Example: mlcareer show mle
    """
    from mlcareer.catalog import find_role, load_faq
    from mlcareer.profile import profile
    from mlcareer.render import show as out

    cat = opt.catalog(ctx)
    options = opt.given(ctx)
    entries = load_faq(options.data, options.data_label).entries
    prof = profile(cat, find_role(cat, role), entries, datetime.date.today().year)
    out.emit(prof, DocFormat.json if json_out else output, Terminal(paging=opt.paging(ctx, no_pager)))


@command
def compare(
    ctx: typer.Context,
    roles: opt.Roles = None,
    aspect: opt.Aspects = None,
    stage: opt.StageChoice = None,
    all_roles: Annotated[bool, typer.Option("--all", help="Compare every role, not only the article's three.")] = False,
    output: opt.TableFormats = TableFormat.table,
    json_out: opt.JsonAlias = False,
    no_pager: opt.NoPager = False,
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

    cat = opt.catalog(ctx)
    if roles:
        chosen = [find_role(cat, name) for name in roles]
    else:
        chosen = [r for r in cat.roles if all_roles or r.from_article] or list(cat.roles)
    unique = list({r.id: r for r in chosen}.values())
    result = build(cat, unique, resolve(aspect or []), stage or Stage.mid, datetime.date.today().year)
    out.emit(result, TableFormat.json if json_out else output, Terminal(paging=opt.paging(ctx, no_pager)))


@command
def skills(
    ctx: typer.Context,
    names: opt.SkillNames = None,
    json_out: opt.Json = False,
    no_pager: opt.NoPager = False,
) -> None:
    """List the skills the quiz asks about.

    Each skill with its five levels (what a person at each level has done), the skills it needs
    first, and the resources for each level, with links. Name skills to see only those.

    Example: mlcareer skills mlops llm-apps
    """
    from mlcareer.catalog import find_skill
    from mlcareer.render import skills as out

    cat = opt.catalog(ctx)
    chosen = tuple(dict.fromkeys(find_skill(cat, name) for name in names)) if names else cat.skills
    fmt = ListFormat.json if json_out else ListFormat.text
    out.emit(chosen, fmt, Terminal(paging=opt.paging(ctx, no_pager)))


@command
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="YAML files of roles, skills or FAQ entries, or quiz answers files (YAML or JSON), to check.",
            metavar="FILE",
        ),
    ],
) -> None:
    """Check your own data files and quiz answers files.

    Prints every problem as file:line: message. A file of skill ids and levels is read as quiz
    answers (as quiz --answers reads it, with --data's skills too).

    Exits 1 when any file has a problem.

    Example: mlcareer validate my-roles.yaml answers.yaml
    """
    from mlcareer.commands import validate_files

    validate_files(paths, lambda: opt.catalog(ctx).skills)


@command
def faq(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None,
        typer.Argument(
            help="A question number, or words to search for. None: list the questions.",
            show_default=False,
            metavar="N|WORDS",
            autocompletion=opt.complete_faq,
        ),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON (search results carry their scores).")] = False,
    all_answers: Annotated[bool, typer.Option("--all", help="Print every answer (paged in a terminal).")] = False,
    no_pager: opt.NoPager = False,
) -> None:
    """List, search and answer common questions.

    With no arguments, list the questions by topic. With a number, show that answer. With words,
    show the best answer in full and the next few as "see also"; synonyms (PhD, doctorate),
    word forms (deploy, deployment) and one typo per word are understood.

    Example: mlcareer faq do I need a phd
    """
    from mlcareer.catalog import load_faq
    from mlcareer.commands import answer_faq

    options = opt.given(ctx)
    found = load_faq(options.data, options.data_label)
    words = [w for w in (query or []) if w.strip()]
    answer_faq(found, words, json_out, all_answers, paging=opt.paging(ctx, no_pager))


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
    force: opt.Force = False,
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

        Terminal().write(blank(opt.catalog(ctx).skills))
        return
    fmt = ListFormat.json if json_out else ListFormat.text
    request = QuizRequest(role, stage, answers, fmt, export, not no_save, force, pace)
    take_quiz(opt.catalog(ctx), request)


@command
def match(
    ctx: typer.Context,
    posting: Annotated[
        str, typer.Argument(help="A job posting: a text, Markdown or HTML file, or - for stdin.", metavar="FILE")
    ],
    answers: opt.AnswersFile = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the whole match as JSON.")] = False,
    export: opt.ExportFile = None,
    force: opt.Force = False,
    save: Annotated[
        bool, typer.Option("--save", help="Keep this posting's plan as your learning plan (see: mlcareer plan).")
    ] = False,
) -> None:
    """Hold yourself against a real job posting.

    The skills it asks for (with the words that gave them away, required or nice to have), the
    role it resembles and the stage it implies, the tools it names that no skill covers, and,
    from your latest quiz (or --answers), what you meet, your gaps and a plan for this posting.

    Example: mlcareer match posting.txt
    """
    from mlcareer.commands.match import match_posting

    fmt = ListFormat.json if json_out else ListFormat.text
    match_posting(opt.catalog(ctx), posting, answers, fmt, export, force, save)


@command
def plan(
    ctx: typer.Context,
    action: opt.PlanActionArg = None,
    step: opt.StepArg = None,
    pace: opt.Pace = None,
    json_out: opt.Json = False,
    export: opt.PlanExportFile = None,
    force: opt.Force = False,
    yes: opt.PlanYes = False,
    no_pager: opt.NoPager = False,
) -> None:
    """Show your learning plan, and tick it off.

    The plan of your latest quiz, kept: phases, steps with milestone, resource, link and hours,
    and status (todo, doing, done, skipped); hours done and left; the finish date at your pace
    (--pace, remembered) and whether you are ahead or behind.

    Example: mlcareer plan done 1
    """
    from mlcareer.commands.plan import change_plan, show_plan

    if action is None:
        fmt = ListFormat.json if json_out else ListFormat.text
        show_plan(fmt, pace, export, force, paging=opt.paging(ctx, no_pager))
    else:
        change_plan(action.value, step, yes)


@command
def history(
    ctx: typer.Context,
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
    elif yes:
        from mlcareer.errors import UsageProblem

        raise UsageProblem("--yes goes with --clear: 'mlcareer history --clear --yes' deletes every saved result")
    else:
        # NOTE: JSON keeps skill ids; the text names the skills, from the catalogue
        show_history(ListFormat.json if json_out else ListFormat.text, None if json_out else opt.catalog(ctx))


def main() -> None:
    """Entry point for the `mlcareer` script and `python -m mlcareer`."""
    from mlcareer.cli.exits import run

    sys.exit(run(app))
