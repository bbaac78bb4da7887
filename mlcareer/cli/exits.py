"""Exit codes, and the one place where core errors become a line on stderr and an exit code."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from mlcareer.cli.usage import Command
from mlcareer.render.console import Terminal

if TYPE_CHECKING:
    from mlcareer.errors import DataError
EXIT_OK = 0
EXIT_DATA = 1
"""A data, FAQ or answers file is missing or invalid, or something could not be read or written."""
EXIT_USAGE = 2
"""The command line asks for something that does not exist or does not fit."""
EXIT_CANCELLED = 130

F = TypeVar("F", bound=Callable[..., None])


def registrar(app: typer.Typer) -> Callable[[F], F]:
    """A decorator that registers a command on `app` with its errors mapped to exit codes."""

    def command(func: F) -> F:
        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> None:
            from mlcareer.errors import Cancelled, DataError, Failure, UsageProblem

            try:
                func(*args, **kwargs)
            except DataError as exc:
                _data_error(Terminal(), exc)
                raise typer.Exit(EXIT_DATA) from None
            except UsageProblem as exc:
                Terminal().error(str(exc))
                raise typer.Exit(EXIT_USAGE) from None
            except Cancelled as exc:
                Terminal().say(str(exc))
                raise typer.Exit(exc.code) from None
            except Failure as exc:
                if str(exc):
                    Terminal().error(str(exc))
                raise typer.Exit(exc.code) from None

        app.command(cls=Command)(run)
        return func

    return command


def run(app: typer.Typer) -> int:
    """Run the command line with safe standard streams; the exit code, even when writing fails."""
    import errno

    from mlcareer.render.console import finish, guard_streams

    code = guard_streams()
    if code is not None:
        return code
    try:
        app(prog_name="mlcareer")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_DATA)
    except OSError as exc:  # NOTE: writing the output failed (a full disk, a closed descriptor)
        what = "cannot write the output" if exc.errno in (errno.ENOSPC, errno.EIO, errno.EBADF) else "cannot continue"
        Terminal().error(f"{what}: {exc.strerror or exc}")
        code = EXIT_DATA
    return finish(code or EXIT_OK)


def _data_error(term: Terminal, error: DataError) -> None:
    """A DataError's first problem, and how to see the rest."""
    from mlcareer.text import count

    first = str(error.problems[0]) if error.problems else str(error)
    more = error.total - 1
    if more > 0:
        first += f" (and {count(more, 'more problem')}; run 'mlcareer validate FILE' for all)"
    term.error(first)
