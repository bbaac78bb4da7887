"""Saved quiz results: one JSON file under the user's data folder, written atomically under a lock."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from mlcareer.files import atomic_write, locked

HOME_ENV = "MLCAREER_HOME"
FILE_NAME = "history.json"
FORMAT_VERSION = 1


class Record(NamedTuple):
    """One completed quiz."""

    taken_at: str
    role: str
    title: str
    readiness: float
    answers: dict[str, int | None]


class Progress(NamedTuple):
    """A record with the change in readiness since the previous one for the same role."""

    record: Record
    change: float | None


class HistoryWarning(NamedTuple):
    """Something the user should know, though the command goes on (e.g. a corrupt file set aside)."""

    message: str


def home() -> Path:
    """Where mlcareer keeps its files: $MLCAREER_HOME, else the platform's user data folder."""
    override = os.environ.get(HOME_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("mlcareer", appauthor=False))


def history_path() -> Path:
    return home() / FILE_NAME


def _parse(text: str) -> list[Record]:
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("results"), list):
        raise ValueError("not a version 1 history file")
    records = []
    for item in data["results"]:
        answers = item["answers"]
        if not isinstance(answers, dict):
            raise ValueError("answers is not a mapping")
        records.append(
            Record(
                taken_at=str(item["taken_at"]),
                role=str(item["role"]),
                title=str(item["title"]),
                readiness=float(item["readiness"]),
                answers={str(k): (None if v is None else int(v)) for k, v in answers.items()},
            )
        )
    return records


def _serialise(records: Sequence[Record]) -> str:
    payload: dict[str, Any] = {"version": FORMAT_VERSION, "results": [r._asdict() for r in records]}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _read(path: Path, warnings: list[HistoryWarning]) -> list[Record]:
    """The records in path; a corrupt file is renamed aside with a warning, and reads as empty."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    try:
        return _parse(raw.decode("utf-8"))
    except (ValueError, KeyError, TypeError) as exc:
        backup = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
        os.replace(path, backup)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        warnings.append(HistoryWarning(f"history file {path} was unreadable ({reason}); moved it to {backup}"))
        return []


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
        _remove_orphans(path)
        records = _read(path, warnings)
        records.append(record)
        atomic_write(path, _serialise(records))
    return warnings


def _remove_orphans(path: Path) -> None:
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
    """Records grouped by role (in order of first appearance), oldest first, with changes."""
    groups: dict[str, list[Progress]] = {}
    for record in records:
        group = groups.setdefault(record.role, [])
        change = round(record.readiness - group[-1].record.readiness, 1) if group else None
        group.append(Progress(record, change))
    return list(groups.items())
