"""Pieces every renderer uses: inert text, tables, wrapping, marks, citations and JSON."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from mlcareer import schema
from mlcareer.models import TOP_LEVEL, Figure
from mlcareer.text import clean, one_line

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

JSON_VERSION = 1
NARROW = 80
"""Below this width, tables change layout so each column keeps enough room."""
FULL, EMPTY = "●", "○"
BAR_WIDTH = 20


def text(value: str, style: str = "") -> Text:
    """Data as inert rich text: control characters dropped, never read as markup."""
    from rich.text import Text

    return Text(clean(value), style=style)


def table(*headers: str) -> Table:
    from rich.table import Table

    found = Table(show_lines=True, expand=False)
    for header in headers:
        found.add_column(text(header), overflow="fold", vertical="top")
    return found


def wrapped(value: str, width: int, first: str = "  ", rest: str = "  ") -> Text:
    """Clean text wrapped to `width` with a hanging indent, and no trailing spaces."""
    lines = textwrap.wrap(one_line(value), width=max(width, 20), initial_indent=first, subsequent_indent=rest)
    return text("\n".join(lines))


def dots(level: int, top: int = TOP_LEVEL) -> str:
    """A level as filled and empty dots: 3 of 4 -> '●●●○'."""
    level = max(0, min(level, top))
    return FULL * level + EMPTY * (top - level)


def bar(percent: float, width: int = BAR_WIDTH) -> str:
    """A percentage as a bar: 50 -> '██████████░░░░░░░░░░'."""
    filled = round(max(0.0, min(percent, 100.0)) / 100 * width)
    return "█" * filled + "░" * (width - filled)


def pct(value: float) -> str:
    return f"{value:.0f}%"


_MD_INERT = str.maketrans({"\\": "\\\\", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "`": "\\`"})


def md_text(value: str) -> str:
    """Data as inert Markdown: no raw HTML (`<script>`, `<img onerror>`), no links or code spans."""
    return one_line(value).translate(_MD_INERT)


def md(value: str) -> str:
    """Data safe inside a Markdown table cell."""
    return md_text(value).replace("|", "\\|")


def citation(figure: Figure, esc: Callable[[str], str] = one_line) -> str:
    note = f" ({esc(figure.note).rstrip('.')})" if figure.note else ""
    return f"{esc(figure.citation)}{note}"


def figure_line(figure: Figure, esc: Callable[[str], str] = one_line) -> str:
    """'label: value (source, year (note))', each part passed through `esc` (md_text for Markdown)."""
    return f"{esc(figure.label)}: {esc(figure.value)} ({citation(figure, esc)})"


def dump_json(payload: Any) -> str:
    """Stable JSON: fixed key order as built, two-space indent, UTF-8 text."""
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def plain(record: Any, names: Sequence[str] | None = None) -> dict[str, Any]:
    """A record as JSON-ready data, from its declaration: text cleaned, lists and records nested."""
    kind: Any = type(record)
    chosen = names if names is not None else [f.name for f in schema.fields(kind)]
    return {name: _plain(getattr(record, name)) for name in chosen}


def _plain(value: Any) -> Any:
    if schema.is_record(type(value)):
        return plain(value)
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return clean(value)
    return value
