"""Careful file access: bounded reads of text, atomic writes, a lock for read-modify-write."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from mlcareer.errors import DataError, Problem

MAX_BYTES = 4 * 1024 * 1024
"""Largest data, FAQ or answers file we read: bigger files are refused before parsing."""
CHUNK = 1024 * 1024


def _too_big(name: str, size: int | None) -> DataError:
    said = f"file is {size:,} bytes" if size is not None else "file is over the limit"
    return DataError([Problem(name, None, f"{said}; the limit is {MAX_BYTES:,} bytes")])


def read_bytes(path: Path, name: str, *, limit: int = MAX_BYTES, wait: bool = True) -> bytes:
    """At most `limit` bytes of a regular file or a pipe; DataError for anything else.

    A device (/dev/zero), a socket or a folder is refused before anything is read, and nothing
    is read past `limit` + 1 bytes, so neither a huge file nor an endless pipe can fill memory.
    With `wait=False`, a pipe with no writer is refused at once instead of blocking (for files
    of our own, such as the history, where a pipe can only be a mistake or a trap).
    """
    flags = os.O_RDONLY | (0 if wait else getattr(os, "O_NONBLOCK", 0))
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise DataError([Problem(name, None, "no such file")]) from None
    except IsADirectoryError:
        raise DataError([Problem(name, None, "is a folder, not a file")]) from None
    except OSError as exc:
        raise DataError([Problem(name, None, f"cannot read: {exc.strerror or exc}")]) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DataError([Problem(name, None, "is a folder, not a file")])
        if not stat.S_ISREG(info.st_mode) and not (wait and stat.S_ISFIFO(info.st_mode)):
            raise DataError([Problem(name, None, "is not a regular file (a device, socket or pipe); give a file")])
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise _too_big(name, info.st_size)
        parts: list[bytes] = []
        got = 0
        while got <= limit:
            block = os.read(fd, min(CHUNK, limit + 1 - got))
            if not block:
                break
            parts.append(block)
            got += len(block)
        if got > limit:
            raise _too_big(name, None if not stat.S_ISREG(info.st_mode) else got)
        return b"".join(parts)
    except OSError as exc:
        raise DataError([Problem(name, None, f"cannot read: {exc.strerror or exc}")]) from None
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, name: str, *, limit: int = MAX_BYTES) -> bytes:
    """At most `limit` bytes of an open stream (standard input), refusing more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_big(name, None)
    return data


def read_text(path: Path, name: str) -> str:
    """The file's text, refusing folders, devices, missing files, files over MAX_BYTES and non-UTF-8."""
    return decode_text(read_bytes(path, name), name)


def decode_text(raw: bytes, name: str) -> str:
    """Bytes as UTF-8 text (a leading byte-order mark is dropped); DataError at the first bad byte or NUL."""
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
    return text.removeprefix("\ufeff")


def _shared_mode(path: Path) -> int:
    """The permissions a shared file gets: those of the file it replaces, else 0o666 less the umask."""
    import stat

    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def atomic_write(path: Path, text: str, *, make_folders: bool = True, private: bool = True) -> None:
    """Write text to path so that it holds either the old content or the new, never a mix.

    The text goes to a temporary file in the same folder, is flushed and synced, then renamed
    over the old file; the folder is synced too so that the rename survives a crash. A symbolic
    link is written through: its target gets the new content and the link stays. A private file
    (history, plans) is readable by its owner alone; any other (a report to share) gets the
    permissions of the file it replaces, or what the umask gives a new file.
    """
    import tempfile

    if path.is_symlink():
        path = path.resolve()
    if make_folders:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if not private:
            os.fchmod(fd, _shared_mode(path))
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
