"""The one owner of the terminal: stdout, stderr, consoles, the pager and message lines.

Commands never write to a stream or build a console themselves; they call `Terminal`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

from mlcareer.text import one_line

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

PROG = "mlcareer"


def make_console(file: IO[str] | None = None, *, record: bool = False, width: int | None = None) -> Console:
    """A console for one command: no colour when piped, for NO_COLOR or TERM=dumb."""
    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    console = Console(
        file=file or sys.stdout,
        color_system=None if plain else "auto",
        markup=False,
        emoji=False,
        highlight=False,
        record=record,
        width=width,
    )
    console.on_broken_pipe = reader_gone  # type: ignore[method-assign]
    return console


def reader_gone() -> None:
    """The reader of stdout stopped early (| head): what it read is all it wanted, so exit 0 quietly."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise SystemExit(0)


def print_renderables(renderables: Iterable[RenderableType], console: Console) -> None:
    for item in renderables:
        # NOTE: text we wrapped ourselves (no_wrap) is printed as it is, so a long link stays whole.
        console.print(item, soft_wrap=bool(getattr(item, "no_wrap", False)))


def _missing_pager() -> str | None:
    """The pager PAGER names when it cannot be found, else None."""
    import shlex
    import shutil

    chosen = os.environ.get("MANPAGER") or os.environ.get("PAGER")
    if not chosen or not chosen.strip():
        return None
    try:
        program = shlex.split(chosen)[0]
    except (ValueError, IndexError):
        return chosen
    return None if shutil.which(program) else program


def guard_streams() -> int | None:
    """Make the standard streams safe to use; an exit code when there is nowhere to write.

    A closed stdin or stderr is replaced by the null device (the quiz then says it needs a
    terminal; messages are dropped). A closed stdout leaves nowhere for the output: that is
    an error. Characters the output's encoding cannot hold are replaced, never a crash.
    """
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stdout is None:
        Terminal().error("standard output is closed; there is nowhere to write the result")
        return 1
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    return None


def finish(code: int) -> int:
    """Flush stdout at the end, turning a failed write into one line and exit 1.

    Afterwards stdout points at the null device, so the interpreter's own last flush cannot fail.
    """
    import errno

    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = 0
    except OSError as exc:
        code = code or 1
        if exc.errno != errno.EPIPE:
            Terminal().error(f"cannot write the output: {exc.strerror or exc}")
    else:
        return code
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return code


class Terminal:
    """Where a command's output and messages go."""

    def __init__(self) -> None:
        self._out: Console | None = None

    @property
    def out(self) -> Console:
        """The rich console on stdout (built on first use, so COLUMNS is read when it matters)."""
        if self._out is None:
            self._out = make_console()
        return self._out

    @property
    def width(self) -> int:
        return self.out.width

    @property
    def is_terminal(self) -> bool:
        return self.out.is_terminal

    def show(self, renderables: Iterable[RenderableType]) -> None:
        """Rich output on stdout."""
        print_renderables(renderables, self.out)

    def show_err(self, renderables: Iterable[RenderableType]) -> None:
        """Rich output on stderr (e.g. what to choose from after an error)."""
        print_renderables(renderables, make_console(sys.stderr))

    @property
    def err_width(self) -> int:
        return make_console(sys.stderr).width

    def write(self, text: str) -> None:
        """Plain text (JSON, CSV, Markdown) on stdout, as is."""
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            reader_gone()

    def page(self, renderables: Iterable[RenderableType]) -> None:
        """Long output through the system pager in a terminal; straight out otherwise."""
        if not self.is_terminal:
            self.show(renderables)
            return
        missing = _missing_pager()
        if missing is not None:
            self.warning(f"the pager '{missing}' (PAGER) was not found; showing the text without it")
            self.show(renderables)
            return
        # NOTE: -R keeps the styling, -F quits when it fits, -X leaves the text on screen.
        env = {} if "LESS" in os.environ else {"LESS": "-FIRX"}
        saved = {key: os.environ.get(key) for key in env}
        os.environ.update(env)
        try:
            with self.out.pager(styles=True):
                self.show(renderables)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value

    def problems(self, problems: Iterable[object]) -> None:
        """Each problem of a file on its own line of stderr: `file:line: message`."""
        for problem in problems:
            sys.stderr.write(one_line(str(problem)) + "\n")
        sys.stderr.flush()

    def say(self, message: str) -> None:
        """A line on stderr about what happened: 'mlcareer: wrote the report to r.md'."""
        self._line(message)

    def note(self, message: str) -> None:
        self._line(f"note: {message}")

    def warning(self, message: str) -> None:
        self._line(f"warning: {message}")

    def error(self, message: str) -> None:
        self._line(f"error: {message}")

    def _line(self, message: str) -> None:
        with contextlib.suppress(OSError, ValueError):  # NOTE: a closed or full stderr must not hide the exit code
            sys.stderr.write(f"{PROG}: {one_line(message)}\n")
            sys.stderr.flush()
