"""`roles`: one line per role, as a table or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, assert_never

from mlcareer.formats import ListFormat
from mlcareer.models import Role
from mlcareer.render.parts import JSON_VERSION, NARROW, dump_json, plain, table, text
from mlcareer.text import one_line

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from mlcareer.render.console import Terminal


def emit(roles: Sequence[Role], fmt: ListFormat, term: Terminal) -> None:
    match fmt:
        case ListFormat.text:
            term.show([roles_table(roles, term.width)])
        case ListFormat.json:
            term.write(roles_json(roles))
        case _:
            assert_never(fmt)


def roles_table(roles: Sequence[Role], width: int = NARROW) -> Table | Text:
    """One row per role: at WIDE columns or more one line each; below, a table whose second column holds
    the title, aliases and summary (four columns would leave each too narrow to read)."""
    if width >= WIDE:
        return roles_lines(roles, width)
    found = table("id", "role")
    for role in roles:
        about = text(role.title, "bold")
        if role.aliases:
            about.append_text(text(f"\nalso: {', '.join(role.aliases)}"))
        about.append_text(text(f"\n{role.summary}"))
        found.add_row(text(role.id, "bold"), about)
    return found


WIDE = 120
"""From this width on, each role is one line."""
GAP = "  "


def roles_lines(roles: Sequence[Role], width: int) -> Text:
    """One line per role: id, title, aliases and summary in columns; the aliases (at most two fifths of
    what is left after id and title) and the summary cut with an ellipsis when they do not fit."""
    from rich.cells import cell_len, set_cell_size
    from rich.text import Text

    head = ("id", "title", "aliases", "summary")
    rows = [head, *((r.id, r.title, ", ".join(r.aliases), r.summary) for r in roles)]
    cells = [[one_line(cell) for cell in row] for row in rows]
    widths = [max(cell_len(row[i]) for row in cells) for i in range(len(head))]
    rest = width - widths[0] - widths[1] - 3 * len(GAP)
    if widths[2] + widths[3] > rest:
        widths[2] = min(widths[2], max(rest * 2 // 5, len(head[2])))
        widths[3] = rest - widths[2]
    out = Text(no_wrap=True, overflow="ignore")
    for index, row in enumerate(cells):
        for column, value in enumerate(row):
            if cell_len(value) > widths[column]:
                cut = set_cell_size(value, widths[column] - 1)
                # NOTE: cut where a word ends, so no word is broken, unless one word fills the column
                value = (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,;:-") + "…"
            if column < len(head) - 1:
                value = set_cell_size(value, widths[column]) + GAP
            out.append_text(text(value, "bold" if index == 0 or column == 0 else ""))
        if index < len(cells) - 1:
            out.append("\n")
    return out


def roles_json(roles: Sequence[Role]) -> str:
    fields = ("id", "title", "aliases", "summary")
    return dump_json({"version": JSON_VERSION, "roles": [plain(r, fields) for r in roles]})
