"""A cache of the validated bundled data as JSON, so start-up skips YAML parsing.

The cache is keyed by mlcareer's version and the size and modification time of each bundled
YAML file: any edit to the data makes a new key, so a stale cache is never read. A cache that
cannot be read or decoded is ignored (the YAML is loaded instead); one that cannot be written is
skipped. `MLCAREER_CACHE` names the folder, or turns the cache off with `off`.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mlcareer import __version__, models

CACHE_ENV = "MLCAREER_CACHE"
TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        models.Resource,
        models.Skill,
        models.Figure,
        models.RoleSkill,
        models.ToolGroup,
        models.Workplace,
        models.Debate,
        models.Person,
        models.KeyFact,
        models.Cited,
        models.Education,
        models.Role,
        models.FaqEntry,
        models.Faq,
        models.Catalog,
    )
}


def folder() -> Path | None:
    """Where the cache lives: $MLCAREER_CACHE, else the platform's user cache folder; None when off."""
    chosen = os.environ.get(CACHE_ENV, "").strip()
    if chosen.lower() in ("off", "0", "no", "false"):
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
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base


def key(sources: Sequence[Path]) -> str:
    """A key that changes whenever the version or any source file changes."""
    parts = [__version__]
    for path in sources:
        stat = path.stat()
        parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return f"{zlib.crc32('|'.join(parts).encode()):08x}"


def encode(value: Any) -> Any:
    """Models as JSON-ready data: each named tuple a mapping tagged with its type."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {"_": type(value).__name__, **{name: encode(getattr(value, name)) for name in value._fields}}
    if isinstance(value, (tuple, list)):
        return [encode(item) for item in value]
    return value


def _tuples(value: Any) -> Any:
    return tuple(_tuples(item) for item in value) if isinstance(value, list) else value


def _decode_object(data: dict[str, Any]) -> Any:
    name = data.pop("_", None)
    if name is None:
        return data
    return TYPES[name](**{field: _tuples(item) for field, item in data.items()})


def read(sources: Sequence[Path]) -> Any | None:
    """The cached value for these sources, or None (no cache, another key, unreadable)."""
    where = folder()
    if where is None:
        return None
    try:
        text = (where / f"bundled-{key(sources)}.json").read_text(encoding="utf-8")
        return json.loads(text, object_hook=_decode_object)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(sources: Sequence[Path], value: Any) -> None:
    """Cache the value for these sources; failure to write only means no cache."""
    where = folder()
    if where is None:
        return
    from mlcareer.files import atomic_write

    try:
        atomic_write(where / f"bundled-{key(sources)}.json", json.dumps(encode(value), ensure_ascii=False))
    except OSError:
        return
