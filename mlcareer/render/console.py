"""The one owner of the terminal: stdout, stderr, consoles, the pager and message lines.

Commands never write to a stream or build a console themselves; they call `Terminal`.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from mlcareer.text import one_line

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table

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
    tables = sys.modules.get("rich.table")  # NOTE: not imported, so no table is printed: none to import for
    for item in renderables:
        if tables is not None and isinstance(item, tables.Table):
            item = item if fit_columns(item, console.width) else stacked(item)
        # NOTE: text we wrapped ourselves (no_wrap) is printed as it is, so a long link stays whole.
        console.print(item, soft_wrap=bool(getattr(item, "no_wrap", False)))


def _measure(item: RenderableType) -> tuple[int, int]:
    """The narrowest and widest an item can be printed without breaking a word."""
    from rich.cells import cell_len
    from rich.measure import Measurement
    from rich.text import Text

    if type(item) is Text:  # NOTE: what Text.__rich_measure__ gives, without the machinery around it
        lines = item.plain.splitlines()
        widest = max(map(cell_len, lines), default=0)
        return max(map(cell_len, item.plain.split()), default=widest), widest
    console = _measurer()
    found = Measurement.get(console, console.options, item)
    return found.minimum, found.maximum


@functools.cache
def _measurer() -> Console:
    """A console that only measures (never prints), as wide as anything can be."""
    import io

    from rich.console import Console

    return Console(file=io.StringIO(), width=WIDEST, markup=False, emoji=False, highlight=False)


WIDEST = 100_000


def fit_columns(table: Table, width: int) -> bool:
    """Set the table's column widths so that no word that fits is broken (rich would shrink the widest
    columns below their longest word); False when the table cannot fit in `width` without that."""
    if table.width is not None or any(c.width is not None or c.no_wrap for c in table.columns):
        return True  # NOTE: widths or truncation chosen by the renderer
    content = [[_measure(cell) for cell in (c.header, *c.cells)] for c in table.columns]
    lows = [max(low for low, _ in column) for column in content]
    highs = [max(high for _, high in column) for column in content]
    padding = sum(table._get_padding_width(index) for index in range(len(table.columns)))
    room = width - table._extra_width - padding  # NOTE: what borders and padding leave
    if sum(highs) <= room:
        return True
    if sum(lows) > room:
        return False
    widths = list(highs)
    while sum(widths) > room:  # NOTE: narrow the widest column that may still narrow, as rich does
        index = max((i for i in range(len(widths)) if widths[i] > lows[i]), key=lambda i: widths[i])
        widths[index] -= 1
    for column, chosen in zip(table.columns, widths, strict=True):
        column.width = chosen
    return True


def stacked(table: Table) -> RenderableType:
    """A table too wide for the terminal as one block per row: a cell of a column without a header (the
    row's label) as a bold line, each other cell under its column's header; empty cells left out."""
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = []
    columns = table.columns
    for row in range(table.row_count):
        if parts:
            parts.append(Text(""))
        for column in columns:
            cell = list(column.cells)[row]
            header = column.header if isinstance(column.header, Text) else Text(str(column.header))
            if isinstance(cell, Text) and not cell.plain.strip():
                continue
            if not header.plain:
                parts.append(
                    _Indented(Text.assemble(cell if isinstance(cell, Text) else Text(str(cell)), style="bold"), 0)
                )
            else:
                parts += [Text(header.plain, style="bold"), _Indented(cell)]
    return Group(*parts)


class _Indented:
    """A renderable indented (by two spaces), its lines not padded to the width (no trailing spaces)."""

    def __init__(self, item: RenderableType, indent: int = 2) -> None:
        self.item = item
        self.indent = indent

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Any]:
        from rich.segment import Segment

        width = options.max_width - self.indent
        for line in console.render_lines(self.item, options.update_width(width), pad=False):
            yield Segment(" " * self.indent)
            yield from _trimmed(line)
            yield Segment.line()


def _trimmed(line: list[Any]) -> list[Any]:
    """A rendered line without the spaces at its end."""
    from rich.segment import Segment

    out = list(line)
    while out and not out[-1].text.rstrip(" "):
        out.pop()
    if out:
        last = out[-1]
        out[-1] = Segment(last.text.rstrip(" "), last.style, last.control)
    return out


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
