"""Careful file access: bounded reads of text, atomic writes, a lock for read-modify-write."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from mlcareer.errors import DataError, Problem

MAX_BYTES = 4 * 1024 * 1024
"""Largest data, FAQ or answers file we read: bigger files are refused before parsing."""


def _too_big(name: str, size: int) -> DataError:
    return DataError([Problem(name, None, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")])


def read_text(path: Path, name: str) -> str:
    """The file's text, refusing folders, missing files, files over MAX_BYTES and non-UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_big(name, size)
        raw = path.read_bytes()
    except IsADirectoryError:
        raise DataError([Problem(name, None, "is a folder, not a file")]) from None
    except FileNotFoundError:
        raise DataError([Problem(name, None, "no such file")]) from None
    except OSError as exc:
        raise DataError([Problem(name, None, f"cannot read: {exc.strerror or exc}")]) from None
    return decode_text(raw, name)


def decode_text(raw: bytes, name: str) -> str:
    """Bytes as UTF-8 text; DataError with the line of the first bad byte or NUL."""
    if len(raw) > MAX_BYTES:
        raise _too_big(name, len(raw))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError([Problem(name, line, "is not valid UTF-8 text")]) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise DataError([Problem(name, line, "contains a NUL byte; is this a binary file?")])
    return text


def atomic_write(path: Path, text: str) -> None:
    """Write text to path so that it holds either the old content or the new, never a mix.

    The text goes to a temporary file in the same folder, is flushed and synced, then renamed
    over the old file; the folder is synced too so that the rename survives a crash.
    """
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):  # NOTE: makes the rename itself durable; not possible everywhere
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock beside `path` so concurrent writers queue instead of losing data."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: writes are still atomic, not queued
            yield
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
