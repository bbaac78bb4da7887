"""Saved quiz results: one JSON file under the user's data folder, written atomically under a lock."""

from __future__ import annotations

import errno
import json
import math
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from mlcareer.errors import DataError
from mlcareer.files import atomic_write, locked, read_bytes
from mlcareer.models import Stage

T = TypeVar("T")
HOME_ENV = "MLCAREER_HOME"
FILE_NAME = "history.json"
FORMAT_VERSION = 1
MAX_RESULTS = 1000
"""Results kept: a save beyond this drops the oldest, so the file stays small and fast to read."""
MAX_BYTES = 2 * 1024 * 1024
"""A history file larger than this was not written by mlcareer: it is set aside like a corrupt one."""
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
"""An id in a saved file: lower-case words joined by hyphens."""
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)?")


class Record(NamedTuple):
    """One completed quiz."""

    taken_at: str
    role: str
    title: str
    readiness: float
    answers: dict[str, int | None]
    stage: str = "mid"
    """The career stage the result was scored at (results saved before stages existed were 'mid')."""


class Progress(NamedTuple):
    """A record with the change in readiness since the previous one for the same role, and per skill."""

    record: Record
    change: float | None
    skills: tuple[tuple[str, int, int], ...] = ()
    """(skill, level before, level now) for each skill whose answer changed."""


class HistoryWarning(NamedTuple):
    """Something the user should know, though the command goes on (e.g. a corrupt file set aside)."""

    message: str


def home() -> Path:
    """Where mlcareer keeps its files: $MLCAREER_HOME, else the platform's user data folder."""
    override = os.environ.get(HOME_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    if sys.platform.startswith("linux"):  # NOTE: the XDG rule platformdirs applies, without importing it
        from mlcareer.cache import xdg_base

        return xdg_base("XDG_DATA_HOME", Path.home() / ".local" / "share") / "mlcareer"
    import platformdirs

    return Path(platformdirs.user_data_dir("mlcareer", appauthor=False))


def history_path() -> Path:
    return home() / FILE_NAME


def no_constants(name: str) -> Any:
    """For json.loads: NaN and Infinity are not numbers a file of ours holds."""
    raise ValueError(f"{name} is not a number JSON allows")


def checked_text(
    value: Any, what: str, pattern: re.Pattern[str] | None = None, *, limit: int = 200, empty: bool = False
) -> str:
    """A text field read back from a saved file, or ValueError naming `what` is wrong with it."""
    if not isinstance(value, str) or (not value and not empty) or len(value) > limit:
        raise ValueError(f"{what} is not short text")
    value.encode("utf-8")  # NOTE: refuses lone surrogates, which no terminal can show
    if pattern is not None and not pattern.fullmatch(value):
        raise ValueError(f"{what} is not in the expected form")
    return value


def _record(item: Any) -> Record:
    """One saved result, checked field by field; ValueError names the first field that is wrong."""
    if not isinstance(item, dict) or not set(Record._fields) - {"stage"} <= set(item) <= set(Record._fields):
        raise ValueError("a result does not have the fields of a result")
    stage = item.get("stage", "mid")
    if stage not in tuple(Stage):
        raise ValueError("a stage is not entry, mid or senior")
    readiness = item["readiness"]
    if type(readiness) not in (int, float) or not math.isfinite(readiness) or not 0 <= readiness <= 100:
        raise ValueError("a readiness is not a percentage")
    answers = item["answers"]
    if not isinstance(answers, dict) or len(answers) > 200:
        raise ValueError("answers is not a mapping of skills")
    levels: dict[str, int | None] = {}
    for skill, level in answers.items():
        if level is not None and (type(level) is not int or not 0 <= level <= 4):
            raise ValueError("an answer is not a level from 0 to 4")
        levels[checked_text(skill, "a skill id", ID)] = level
    return Record(
        taken_at=checked_text(item["taken_at"], "a time", _TIME),
        role=checked_text(item["role"], "a role id", ID),
        title=checked_text(item["title"], "a title"),
        readiness=float(readiness),
        answers=levels,
        stage=stage,
    )


def _parse(text: str) -> list[Record]:
    """A version 1 history file, every field checked; ValueError for anything else."""
    data = json.loads(text, parse_constant=no_constants)
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("results"), list):
        raise ValueError("not a version 1 history file")
    return [_record(item) for item in data["results"]]


def _serialise(records: Sequence[Record]) -> str:
    payload: dict[str, Any] = {"version": FORMAT_VERSION, "results": [r._asdict() for r in records]}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def read_store(path: Path, parse: Callable[[str], T], empty: T, what: str, warnings: list[HistoryWarning]) -> T:
    """A file of ours, parsed; anything that is not valid is renamed aside with a warning.

    That covers a corrupt or oversized file and something that is not a file at all (a pipe
    or a device put in its place); the store then reads as `empty` and the next save starts
    a new one.
    """
    if not path.exists():  # NOTE: follows a symbolic link: one to a file not made yet is an empty store
        return empty
    if path.is_dir():  # NOTE: a folder is the person's own; it is reported (OSError), never moved
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    try:
        return parse(read_bytes(path, str(path), limit=MAX_BYTES, wait=False).decode("utf-8"))
    except DataError as exc:
        reason = exc.problems[0].message if exc.problems else "unreadable"
    except (ValueError, KeyError, TypeError, RecursionError, OverflowError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    backup = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
    os.replace(path, backup)
    warnings.append(HistoryWarning(f"{what} file {path} was unreadable ({reason}); moved it to {backup}"))
    return empty


def _read(path: Path, warnings: list[HistoryWarning]) -> list[Record]:
    """The records in path; an invalid history is set aside (see read_store)."""
    return read_store(path, _parse, [], "history", warnings)


def load(path: Path | None = None) -> tuple[list[Record], list[HistoryWarning]]:
    """Every saved record, oldest first, and any warnings."""
    path = path or history_path()
    warnings: list[HistoryWarning] = []
    with locked(path):
        return _read(path, warnings), warnings


def save(record: Record, path: Path | None = None) -> list[HistoryWarning]:
    """Append a record; the read, append and replace happen under the lock."""
    path = path or history_path()
    warnings: list[HistoryWarning] = []
    with locked(path):
        remove_orphans(path)
        records = _read(path, warnings)
        records.append(record)
        if len(records) > MAX_RESULTS:
            dropped = len(records) - MAX_RESULTS
            records = records[dropped:]
            warnings.append(HistoryWarning(f"history keeps the last {MAX_RESULTS:,} results; dropped the oldest"))
        atomic_write(path, _serialise(records))
    return warnings


def remove_orphans(path: Path) -> None:
    """Delete temporary files left by a save that was killed; under the lock, none is in use."""
    for orphan in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            orphan.unlink()
        except OSError:
            continue


def clear(path: Path | None = None) -> int:
    """Remove every record; returns how many there were."""
    path = path or history_path()
    warnings: list[HistoryWarning] = []
    with locked(path):
        count = len(_read(path, warnings))
        if path.exists():
            atomic_write(path, _serialise([]))
    return count


def progress(records: Sequence[Record]) -> list[tuple[str, list[Progress]]]:
    """Records grouped by role and stage (in order of first appearance), oldest first, with changes."""
    groups: dict[str, list[Progress]] = {}
    for record in records:
        group = groups.setdefault(record.role if record.stage == "mid" else f"{record.role} ({record.stage})", [])
        change = round(record.readiness - group[-1].record.readiness, 1) if group else None
        skills: tuple[tuple[str, int, int], ...] = ()
        if group:
            before = group[-1].record.answers
            skills = tuple(
                (skill, before.get(skill) or 0, level or 0)
                for skill, level in record.answers.items()
                if (before.get(skill) or 0) != (level or 0)
            )
        group.append(Progress(record, change, skills))
    return list(groups.items())


def trend(records: Sequence[Record], role: str, stage: str) -> list[tuple[str, float]]:
    """Readiness over time for one role at one stage, oldest first: (the day it was taken, readiness)."""
    return [(r.taken_at[:10], r.readiness) for r in records if r.role == role and r.stage == stage]
