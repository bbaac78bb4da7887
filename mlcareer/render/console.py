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


PAGER_ENV = {"LESS": "FRX", "LV": "-c"}
"""Set for the pager when the user has not set them, as git does: -F quits when the text fits on one
screen, -R keeps the styling, -X leaves the text on screen."""


def pager_command() -> str | None:
    """The pager to use, as git picks it: PAGER, else less, else more; None for no pager.

    PAGER set to nothing or to `cat` means no pager.
    """
    import shutil

    chosen = os.environ.get("PAGER")
    if chosen is None:
        return next((name for name in ("less", "more") if shutil.which(name)), None)
    chosen = chosen.strip()
    return None if chosen in ("", "cat") else chosen


def _missing(command: str) -> str | None:
    """The program `command` runs when it cannot be found, else None."""
    import shlex
    import shutil

    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return command
    return None if shutil.which(program) else program


def _run_pager(command: str, content: str) -> None:
    """Feed `content` to the pager and wait for it; quitting it early is not an error."""
    import subprocess

    env = {**PAGER_ENV, **os.environ}
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)  # NOTE: PAGER is a shell command
    assert proc.stdin is not None
    try:
        # NOTE: Ctrl-C while writing leaves the pager in charge of the terminal: let it finish.
        with proc.stdin as pipe, contextlib.suppress(KeyboardInterrupt):
            pipe.write(content.encode(encoding, errors="replace"))
    except OSError:
        pass  # NOTE: the reader quit the pager before the end
    while True:
        try:
            proc.wait()
            return
        except KeyboardInterrupt:  # NOTE: like the pager itself, ignore Ctrl-C until it quits
            continue


def stdout_is_tty() -> bool:
    """Whether stdout is a real terminal (not a pipe or file, whatever FORCE_COLOR says)."""
    try:
        return os.isatty(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        return False


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

    def __init__(self, *, paging: bool = True) -> None:
        self._out: Console | None = None
        self.paging = paging
        """Whether `page` may use a pager (False for --no-pager)."""

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
        """Long output through the pager in a terminal (see `pager_command`); straight out when piped,
        with --no-pager, or when there is no pager."""
        command = pager_command() if self.paging and self.is_terminal and stdout_is_tty() else None
        if command is None:
            self.show(renderables)
            return
        missing = _missing(command)
        if missing is not None:
            self.warning(f"the pager '{missing}' (PAGER) was not found; showing the text without it")
            self.show(renderables)
            return
        with self.out.capture() as captured:
            self.show(renderables)
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            reader_gone()
        _run_pager(command, captured.get())

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
