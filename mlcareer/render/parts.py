"""Pieces every renderer uses: inert text, tables, wrapping, marks, citations and JSON."""

from __future__ import annotations

import datetime
import json
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from mlcareer import schema
from mlcareer.models import TOP_LEVEL, Figure
from mlcareer.text import clean, one_line

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

JSON_VERSION = 1


class TrendPoint(NamedTuple):
    """One saved result on the readiness trend: when it was taken (ISO date) and its readiness."""

    taken_on: str
    readiness: float


class ReportContext(NamedTuple):
    """What a report says beyond the result: the day it was made, the sentence behind each answer
    (skill id -> its five anchors) and, for HTML, the readiness trend from the history."""

    today: datetime.date
    anchors: dict[str, tuple[str, ...]]
    trend: tuple[TrendPoint, ...] = ()


def picked(anchors: dict[str, tuple[str, ...]], skill: str, level: int | None) -> str | None:
    """The anchor sentence a person picked for a skill; None for "not sure yet" or an unknown skill."""
    sentences = anchors.get(skill, ())
    if level is None or not 0 <= level < len(sentences):
        return None
    return clean(sentences[level])


NARROW = 80
"""Below this width, tables change layout so each column keeps enough room."""
FULL, EMPTY = "●", "○"
BAR_WIDTH = 20


def text(value: str, style: str = "", *, wrapped_already: bool = False) -> Text:
    """Data as inert rich text: control characters dropped, never read as markup.

    `wrapped_already`: the lines were wrapped by us, so rich must not wrap them again (a link that
    runs past the edge stays whole).
    """
    from rich.text import Text

    if wrapped_already:
        return Text(clean(value), style=style, no_wrap=True, overflow="ignore")
    return Text(clean(value), style=style)


def table(*headers: str) -> Table:
    from rich.table import Table

    found = Table(show_lines=True, expand=False)
    for header in headers:
        found.add_column(text(header), overflow="fold", vertical="top")
    return found


def wrapped(value: str, width: int, first: str = "  ", rest: str = "  ") -> Text:
    """Clean text wrapped to `width` with a hanging indent, and no trailing spaces.

    Words are never split, at a hyphen or anywhere else: a link longer than the line stays whole
    (and runs past the edge) so that it can still be copied.
    """
    lines = textwrap.wrap(
        one_line(value),
        width=max(width, 20),
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
        break_long_words=False,
    )
    return text("\n".join(lines), wrapped_already=True)


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


def long_date(day: datetime.date) -> str:
    """A date as people write it: 9 January 2027."""
    return f"{day.day} {day:%B %Y}"


def md_text(value: str) -> str:
    """Data as inert Markdown: no raw HTML (`<script>`, `<img onerror>`), no links or code spans."""
    return one_line(value).translate(_MD_INERT)


def md(value: str) -> str:
    """Data safe inside a Markdown table cell."""
    return md_text(value).replace("|", "\\|")


KIND_WORDS = {
    "official": "official statistic",
    "industry": "industry source",
    "research": "research",
    "article": "the article's claim",
}


def citation(figure: Figure, this_year: int | None = None, esc: Callable[[str], str] = one_line) -> str:
    """'US BLS, Occupational Outlook Handbook, 2024; official statistic, not checked https://...'.

    With `this_year`, a figure more than three years old says it may be out of date.
    """
    year = "undated" if figure.year is None else str(figure.year)
    if this_year is not None and figure.stale(this_year):
        year += ", may be out of date"
    kind = KIND_WORDS.get(figure.kind, figure.kind)
    checked = "" if figure.verified or figure.kind == "article" else ", unverified"
    link = f" {figure.url}" if figure.url else ""
    return f"{esc(figure.source)}, {year}; {kind}{checked}{link}"


def figure_line(figure: Figure, this_year: int | None = None, esc: Callable[[str], str] = one_line) -> str:
    """'label: value (citation)', then the figure's note; each part passed through `esc`."""
    note = f" Note: {esc(figure.note)}" if figure.note else ""
    return f"{esc(figure.label)}: {esc(figure.value)} ({citation(figure, this_year, esc)}).{note}"


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
