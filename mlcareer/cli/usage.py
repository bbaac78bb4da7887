"""Typer's usage errors as one lower-case line on stderr, with where to get help.

Unknown options, commands and values become `mlcareer: error: ...` plus a hint; a value that is
close to one of the choices gets "did you mean"; a main option given after the command says
where it goes. Help shows readable metavars (ROLE..., FILE...), never Python type names.
"""

from __future__ import annotations

import difflib
import functools
import re
import sys
from typing import Any

from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperArgument, TyperCommand, TyperGroup

from mlcareer.text import one_line

MAIN_OPTIONS = ("--data",)
"""Options of `mlcareer` itself, which go before the command."""

_NOT_ONE_OF = re.compile(r"'(?P<value>[^']*)' is not one of (?P<choices>'[^.]*')")


def _plain(message: str, command_path: str) -> str:
    """Click's message, reworded: lower-case start, no 'Value error,' noise, 'did you mean' for choices."""
    message = one_line(message).replace("Value error, ", "")
    found = _NOT_ONE_OF.search(message)
    if found:
        choices = re.findall(r"'([^']*)'", found["choices"])
        close = difflib.get_close_matches(found["value"].lower(), choices, n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        message = f"{message[: found.start()]}'{found['value']}' is not one of {', '.join(choices)}{hint}"
    for option in MAIN_OPTIONS:
        if message.startswith(f"No such option: {option}"):
            return f"{option} goes before the command: mlcareer {option} FILE {command_path.split()[-1]} ..."
    message = message.rstrip(".")
    return message[:1].lower() + message[1:]


class OneLineUsageError(UsageError):
    """A usage error shown as one line on stderr, with where to get help."""

    def show(self, file: Any = None) -> None:
        path = self.ctx.command_path if self.ctx is not None else "mlcareer"
        hint = f" (see '{path} --help')" if self.ctx is not None else ""
        sys.stderr.write(f"mlcareer: error: {_plain(self.format_message(), path)}{hint}\n")


class _OneLineUsage:
    """Mixin for Typer's command classes: usage errors become one line (help for no arguments stays)."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)  # type: ignore[misc]
        except NoArgsIsHelpError:
            raise
        except UsageError as exc:
            if isinstance(exc, OneLineUsageError):
                raise
            raise OneLineUsageError(exc.format_message(), exc.ctx) from None


class Group(_OneLineUsage, TyperGroup):
    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            raise OneLineUsageError(exc.format_message(), exc.ctx) from None


class Command(_OneLineUsage, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument) and param.metavar:
                # NOTE: Typer adds the Python type (<list[str]>) after an argument's metavar in help.
                param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
                shown = param.metavar + ("..." if param.nargs != 1 else "")
                param._rich_display_name = functools.partial(str, shown)  # type: ignore[method-assign]
