"""`roles`: one line per role, as a table or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, assert_never

from mlcareer.formats import ListFormat
from mlcareer.models import Role
from mlcareer.render.parts import JSON_VERSION, NARROW, dump_json, plain, table, text

if TYPE_CHECKING:
    from rich.table import Table

    from mlcareer.render.console import Terminal


def emit(roles: Sequence[Role], fmt: ListFormat, term: Terminal) -> None:
    match fmt:
        case ListFormat.text:
            term.show([roles_table(roles, term.width)])
        case ListFormat.json:
            term.write(roles_json(roles))
        case _:
            assert_never(fmt)


def roles_table(roles: Sequence[Role], width: int = NARROW) -> Table:
    """One row per role; below NARROW columns, title, aliases and summary share one column."""
    if width >= NARROW:
        found = table("id", "title", "aliases", "summary")
        for role in roles:
            found.add_row(text(role.id, "bold"), text(role.title), text(", ".join(role.aliases)), text(role.summary))
        return found
    found = table("id", "role")
    for role in roles:
        about = text(role.title, "bold")
        if role.aliases:
            about.append_text(text(f"\nalso: {', '.join(role.aliases)}"))
        about.append_text(text(f"\n{role.summary}"))
        found.add_row(text(role.id, "bold"), about)
    return found


def roles_json(roles: Sequence[Role]) -> str:
    fields = ("id", "title", "aliases", "summary")
    return dump_json({"version": JSON_VERSION, "roles": [plain(r, fields) for r in roles]})
