"""A cache of the validated bundled data as JSON, so start-up skips YAML parsing.

The cache file is named by mlcareer's version and the size and modification time of each
bundled YAML file, so an edit to the data makes a new name and a stale cache is never read. Its
first line is a SHA-256 digest of the rest, and the rest is decoded against the records'
declarations (`mlcareer.schema`): a file that was edited, cut short or holds a wrong type is
ignored and the YAML is loaded instead. A cache that cannot be written is skipped.
`MLCAREER_CACHE` names the folder, or turns the cache off with `off`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, get_args

from mlcareer import __version__, schema

CACHE_ENV = "MLCAREER_CACHE"
OFF_WORDS = ("off", "0", "no", "false", "none")


class Tampered(ValueError):
    """The cache does not hold what its declarations say."""


def folder() -> Path | None:
    """Where the cache lives: $MLCAREER_CACHE, else the platform's user cache folder; None when off."""
    chosen = os.environ.get(CACHE_ENV, "").strip()
    if chosen.lower() in OFF_WORDS:
        return None
    if chosen:
        return Path(chosen).expanduser()
    try:
        return _platform_cache() / "mlcareer"
    except RuntimeError:  # no home folder to be found: run without a cache
        return None


def _platform_cache() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = xdg_base("XDG_CACHE_HOME", Path.home() / ".cache")
    return base


def xdg_base(variable: str, default: Path) -> Path:
    """An XDG base folder: the variable when it names an absolute path (the spec ignores others), else default."""
    chosen = os.environ.get(variable, "").strip()
    return Path(chosen) if os.path.isabs(chosen) else default


def key(sources: Sequence[Path]) -> str:
    """A key that changes whenever the version or any source file changes."""
    parts = [__version__]
    for path in sources:
        stat = path.stat()
        parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return f"{zlib.crc32('|'.join(parts).encode()):08x}"


def encode(value: Any) -> Any:
    """Records as JSON-ready data: each a mapping of its fields."""
    if schema.is_record(type(value)):
        return {name: encode(getattr(value, name)) for name in value._fields}
    if isinstance(value, (tuple, list)):
        return [encode(item) for item in value]
    return value


def decode(data: Any, record: type) -> Any:
    """JSON data back into a record, checked against its declaration; Tampered when it does not fit."""
    return _decoder(record)(data)


@functools.cache
def _decoder(record: type) -> Callable[[Any], Any]:
    """A function that checks and builds one record; its checks are chosen once per record type."""
    names = set(record._fields)  # type: ignore[attr-defined]
    checks = [(field.name, _check(field.spec, field.type)) for field in schema.fields(record)]

    def build(data: Any) -> Any:
        if not isinstance(data, dict) or data.keys() != names:
            raise Tampered(record.__name__)
        return record(**{name: check(data[name]) for name, check in checks})

    return build


def _check(spec: schema.Spec, kind: Any) -> Callable[[Any], Any]:
    """The check of one declared value: the value when it fits, else Tampered."""
    match spec:
        case schema.Text() | schema.Id() | schema.Link():

            def text(data: Any) -> Any:
                if not isinstance(data, str):
                    raise Tampered("text")
                data.encode("utf-8")  # NOTE: a lone surrogate would fail here, not later on a terminal
                return data

            return text
        case schema.Choice(options=options):

            def choice(data: Any) -> Any:
                if data not in options:
                    raise Tampered("choice")
                return data

            return choice
        case schema.Int(low=low, high=high):
            optional = type(None) in get_args(kind)

            def number(data: Any) -> Any:
                if data is None and optional:  # NOTE: an optional number left out
                    return None
                if type(data) is not int or not low <= data <= high:
                    raise Tampered("number")
                return data

            return number
        case schema.Flag():

            def flag(data: Any) -> Any:
                if type(data) is not bool:
                    raise Tampered("flag")
                return data

            return flag
        case schema.Year():

            def year(data: Any) -> Any:
                if data is not None and (type(data) is not int or not 1900 <= data <= 2100):
                    raise Tampered("year")
                return data

            return year
        case schema.Derived():

            def derived(data: Any) -> Any:
                if type(data) is not kind or (isinstance(data, str) and len(data) > 4096):
                    raise Tampered("derived")
                return data

            return derived
        case schema.Nested():
            return _decoder(kind)
        case schema.Items(item=item):
            each = _decoder(item) if schema.is_record(item) else _check(item, None)

            def items(data: Any) -> Any:
                if not isinstance(data, list):
                    raise Tampered("list")
                return tuple(each(d) for d in data)

            return items
        case _:
            raise TypeError(f"no cache check for {spec!r}")


def read_json(name: str, sources: Sequence[Path]) -> Any:
    """The JSON cached under `name` for these sources, or None (no cache, another key, any doubt)."""
    where = folder()
    if where is None:
        return None
    try:
        path = where / f"{name}-{key(sources)}.json"
        if not path.is_file():  # NOTE: never open a FIFO or a device that stands in its place
            return None
        raw = path.read_bytes()
        digest, _, body = raw.partition(b"\n")
        if hashlib.sha256(body).hexdigest().encode() != digest:
            return None
        return json.loads(body)
    except (OSError, ValueError, RecursionError, UnicodeError):
        return None


def write_json(name: str, sources: Sequence[Path], data: Any) -> None:
    """Cache JSON data under `name` for these sources; failure to write only means no cache."""
    where = folder()
    if where is None:
        return
    from mlcareer.files import atomic_write

    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    try:
        atomic_write(where / f"{name}-{key(sources)}.json", hashlib.sha256(body).hexdigest() + "\n" + body.decode())
    except OSError:
        return


def read(sources: Sequence[Path], records: Sequence[type]) -> tuple[Any, ...] | None:
    """The cached records for these sources, one of each type, or None (no cache, another key, any doubt)."""
    data = read_json("bundled", sources)
    if not isinstance(data, list) or len(data) != len(records):
        return None
    try:
        return tuple(decode(item, record) for item, record in zip(data, records, strict=True))
    except (ValueError, RecursionError):
        return None


def write(sources: Sequence[Path], values: Sequence[Any]) -> None:
    """Cache the records for these sources; failure to write only means no cache."""
    write_json("bundled", sources, encode(list(values)))
