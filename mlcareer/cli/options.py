"""The options and arguments commands share, declared once (Typer reads them from the annotations)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from mlcareer.aspects import help_text as aspect_help
from mlcareer.formats import DocFormat, PlanAction, TableFormat
from mlcareer.models import Stage

if TYPE_CHECKING:
    from mlcareer.models import Catalog


class Options(NamedTuple):
    """Options given before the command, carried on Typer's context."""

    data: Path | None = None
    data_label: str | None = None
    no_pager: bool = False


def given(ctx: typer.Context) -> Options:
    """The options given before the command."""
    found = ctx.find_root().obj
    return found if isinstance(found, Options) else Options()


def paging(ctx: typer.Context, no_pager: bool) -> bool:
    """Whether long output may go through a pager: not with --no-pager, before the command or after it."""
    return not (no_pager or given(ctx).no_pager)


def catalog(ctx: typer.Context) -> Catalog:
    """The bundled roles and skills, with the user's --data / MLCAREER_DATA file merged in."""
    from mlcareer.catalog import load_catalog

    options = given(ctx)
    return load_catalog(options.data, options.data_label)


DATA_ENV = "MLCAREER_DATA"


# --- shell completion ---------------------------------------------------------------------------
# NOTE: each runs only when the shell asks for completions (_MLCAREER_COMPLETE set), and loads
# what it needs then. It reads the bundled catalogue only: a --data file may be missing or broken
# while the line is still being typed, and a completion must never print an error into the shell.

Completions = list[tuple[str, str]]


def complete_role(incomplete: str) -> Completions:
    """Role ids and aliases, each with the role's title."""
    try:
        from mlcareer.catalog import load_bundled

        roles = load_bundled().roles
    except Exception:  # NOTE: see above: never an error into the shell
        return []
    names = [(name, role.title) for role in roles for name in (role.id, *role.aliases)]
    return [(name, title) for name, title in names if name.startswith(incomplete.lower())]


def complete_skill(incomplete: str) -> Completions:
    """Skill ids, each with the skill's name."""
    try:
        from mlcareer.catalog import load_bundled

        skills = load_bundled().skills
    except Exception:  # NOTE: see above: never an error into the shell
        return []
    return [(skill.id, skill.name) for skill in skills if skill.id.startswith(incomplete.lower())]


def complete_aspect(incomplete: str) -> Completions:
    """Aspect names and 'all', each with its row label."""
    from mlcareer.aspects import ASPECTS

    names = [(a.key, a.label) for a in ASPECTS] + [("all", "every aspect")]
    return [(name, label) for name, label in names if name.startswith(incomplete.lower())]


def complete_faq(ctx: typer.Context, incomplete: str) -> Completions:
    """Question numbers, each with its question; only as the first word, and only for digits."""
    if ctx.params.get("query") or (incomplete and not incomplete.isdigit()):
        return []
    try:
        from mlcareer.catalog import load_bundled_faq

        entries = load_bundled_faq().entries
    except Exception:  # NOTE: see above: never an error into the shell
        return []
    return [(str(e.number), e.question) for e in entries if str(e.number).startswith(incomplete)]


def complete_step(incomplete: str) -> Completions:
    """The kept plan's steps as skill:level (skill ids with the level they reach), each with its name."""
    try:
        from mlcareer import plans

        store = plans.peek()
    except Exception:  # NOTE: see above: never an error into the shell
        return []
    kept = store.plans.get(store.current) if store is not None else None
    items = kept.items if kept is not None else ()
    return [(i.key, f"{i.name} to level {i.level} ({i.status})") for i in items if i.key.startswith(incomplete)]


def _version(value: bool) -> None:
    if value:
        from mlcareer import __version__

        typer.echo(f"mlcareer {__version__}")
        raise typer.Exit()


DataFile = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar=DATA_ENV,
        help="Your own YAML file of roles and skills, merged with the bundled ones.",
        show_default=False,
        metavar="FILE",
    ),
]
Version = Annotated[
    bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
]
NoPager = Annotated[
    bool, typer.Option("--no-pager", help="Print long output straight to the terminal, without a pager.")
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
JsonAlias = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
Role = Annotated[
    str,
    typer.Argument(
        help="Role id, alias or title, e.g. mle, ds, researcher.", metavar="ROLE", autocompletion=complete_role
    ),
]
Roles = Annotated[
    list[str] | None,
    typer.Argument(
        help="Roles to compare (id, alias or title).",
        show_default=False,
        metavar="ROLE",
        autocompletion=complete_role,
    ),
]
SkillNames = Annotated[
    list[str] | None,
    typer.Argument(
        help="Skills to show (id or name, e.g. mlops, python); every skill when none is named.",
        show_default=False,
        metavar="SKILL",
        autocompletion=complete_skill,
    ),
]
Aspects = Annotated[
    list[str] | None,
    typer.Option(
        "--aspect", "-a", help=aspect_help(), show_default=False, metavar="ASPECT", autocompletion=complete_aspect
    ),
]
TableFormats = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]
DocFormats = Annotated[DocFormat, typer.Option("--format", "-f", help="Output format.")]
StageChoice = Annotated[
    Stage | None,
    typer.Option("--stage", "-s", help="Career stage: entry, mid or senior.", show_default=False),
]
TargetRole = Annotated[
    str | None,
    typer.Option(
        "--role",
        "-r",
        help="Target role (id, alias or title). Asked when not given.",
        metavar="ROLE",
        autocompletion=complete_role,
    ),
]
AnswersFile = Annotated[
    Path | None,
    typer.Option("--answers", help="YAML or JSON file of skill id -> level 0-4; runs without prompts.", metavar="FILE"),
]
ExportFile = Annotated[
    Path | None,
    typer.Option(
        "--export", help="Also write the report to FILE: .md, .html, .svg or .json (as --json).", metavar="FILE"
    ),
]
Pace = Annotated[
    float | None,
    typer.Option(
        "--pace", help="Hours a week you can study; the plan's finish date follows. Default: 5.", metavar="HOURS"
    ),
]
PostingFile = Annotated[
    str, typer.Argument(help="A job posting: a text, Markdown or HTML file, or - for standard input.", metavar="FILE")
]
Force = Annotated[bool, typer.Option("--force", help="With --export: replace the file if it exists.")]
PlanActionArg = Annotated[
    PlanAction | None, typer.Argument(help="start, done, skip or undo a step.", show_default=False)
]
StepArg = Annotated[
    str | None,
    typer.Argument(help="A step's number or skill:level.", metavar="STEP", autocompletion=complete_step),
]
PlanExportFile = Annotated[
    Path | None,
    typer.Option("--export", help="Write the plan to FILE: .md, .html, .ics or .json (as --json).", metavar="FILE"),
]
PlanYes = Annotated[bool, typer.Option("--yes", "-y", help="Mark a step done though steps before it are not.")]
