"""The command line: parse options, call the core, hand results to the renderer, map errors.

Core and rendering modules are imported inside each command so that start-up stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from mlcareer import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from mlcareer.models import Catalog, Faq, FaqEntry

EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_CANCELLED = 130

app = typer.Typer(
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


def fail_data(error: Exception) -> NoReturn:
    """Report a DataError: its first problem, and how to see the rest."""
    from mlcareer.strictyaml import DataError

    assert isinstance(error, DataError)
    first = str(error.problems[0]) if error.problems else str(error)
    more = len(error.problems) - 1
    if more > 0:
        first += f" (and {more} more problem{'s' * (more > 1)}; run 'mlcareer validate FILE' for all)"
    fail(first, EXIT_DATA)


def catalog() -> Catalog:
    """The bundled roles and skills, with the user's --data / MLCAREER_DATA file merged in."""
    from mlcareer.catalog import load_catalog, user_data_path
    from mlcareer.strictyaml import DataError

    try:
        return load_catalog(user_data_path(state.data))
    except DataError as exc:
        fail_data(exc)


def bundled_faq() -> Faq:
    """The bundled FAQ, or exit 1 with the problem."""
    from mlcareer.catalog import load_bundled_faq
    from mlcareer.strictyaml import DataError

    try:
        return load_bundled_faq()
    except DataError as exc:
        fail_data(exc)


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


@app.command()
def roles(
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the roles: id, title, aliases and a one-line summary.

    Example: mlcareer roles
    """
    from mlcareer import render

    found = catalog().roles
    if json_out:
        render.write_text(render.roles_json(found))
    else:
        console = render.make_console()
        render.print_renderables([render.roles_table(found, console.width)], console)


@app.command()
def show(
    role: Annotated[str, typer.Argument(help="Role id, alias or title, e.g. mle, ds, researcher.")],
    output: Annotated[DocFormat, typer.Option("--format", "-f", help="Output format.")] = DocFormat.text,
    json_out: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
) -> None:
    """Show everything about one role: work, skills, tools, education, pay, outlook and more.

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
    fmt = DocFormat.json if json_out else output
    if fmt is DocFormat.json:
        render.write_text(render.profile_json(prof))
    elif fmt is DocFormat.markdown:
        render.write_text(render.profile_markdown(prof))
    else:
        console = render.make_console()
        render.print_renderables(render.profile_rich(prof, console.width), console)


@app.command()
def compare(
    roles: Annotated[
        list[str] | None,
        typer.Argument(help="Roles to compare (id, alias or title). Default: all roles.", show_default=False),
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
    """Compare roles side by side; every figure shows its source and year.

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
    fmt = TableFormat.json if json_out else output
    if fmt is TableFormat.json:
        render.write_text(render.compare_json(result))
    elif fmt is TableFormat.csv:
        render.write_text(render.compare_csv(result))
    elif fmt is TableFormat.markdown:
        render.write_text(render.compare_markdown(result))
    else:
        console = render.make_console()
        render.print_renderables(render.compare_table(result, console.width), console)


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="YAML files of roles, skills or FAQ entries to check.")],
) -> None:
    """Check data files and print every problem as file:line: message.

    Exits 1 when any file has a problem.

    Example: mlcareer validate my-roles.yaml
    """
    from mlcareer.catalog import load_bundled, load_file
    from mlcareer.strictyaml import DataError

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
            from mlcareer.text import one_line

            for problem in exc.problems:
                sys.stderr.write(one_line(str(problem)) + "\n")
            continue
        counts = [f"{len(loaded.roles)} roles", f"{len(loaded.skills)} skills"]
        if loaded.faq is not None:
            counts.append(f"{len(loaded.faq.entries)} FAQ entries")
        typer.echo(f"{path}: ok ({', '.join(counts)})")
    if bad:
        raise typer.Exit(EXIT_DATA)


@app.command()
def faq(
    query: Annotated[
        list[str] | None,
        typer.Argument(help="A question number, or words to search for. None: list the questions.", show_default=False),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON (search results carry their scores).")] = False,
    all_answers: Annotated[bool, typer.Option("--all", help="Print every answer (paged in a terminal).")] = False,
) -> None:
    """List, search and answer the common questions.

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
            with console.pager(styles=True):
                render.print_renderables(render.faq_all_rich(found), console)
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


def main() -> None:
    """Entry point for the `mlcareer` script and `python -m mlcareer`."""
    app(prog_name="mlcareer")
