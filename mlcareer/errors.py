"""Errors shared by every loader, free of YAML so that commands can catch them cheaply."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a file; `line` is 1-based, or None when it has no line."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


class DataError(Exception):
    """A data, FAQ or answers file is unreadable or invalid; `problems` lists every fault."""

    def __init__(self, problems: Iterable[Problem], *, more: int = 0) -> None:
        self.problems = sorted(problems, key=lambda p: p.line or 0)
        self.more = more
        """Problems found past those kept, counted only (a file that is nothing but faults)."""
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def total(self) -> int:
        return len(self.problems) + self.more


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, with the file: 'File exists: /home/me/mlcareer'."""
    reason = exc.strerror or str(exc)
    return f"{reason}: {exc.filename}" if exc.filename else reason


class UsageProblem(ValueError):
    """The command line asks for something that does not exist or does not fit (exit 2)."""


class Failure(Exception):
    """Something the user must know went wrong, with the exit code to leave with."""

    def __init__(self, message: str, code: int = 1) -> None:
        self.code = code
        super().__init__(message)


class Cancelled(Failure):
    """The person cancelled (Ctrl-C, Ctrl-D): said plainly, exit 130."""

    def __init__(self, message: str) -> None:
        super().__init__(message, 130)
