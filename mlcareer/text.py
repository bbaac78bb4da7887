"""Make data strings inert before they reach a terminal, a CSV reader or a page."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and Unicode bidi overrides/isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean(text: str) -> str:
    """Drop control characters (ESC, BEL, CR, C1, bidi overrides) so nothing can drive a terminal."""
    return _UNSAFE.sub("", text)


def one_line(text: str) -> str:
    """Clean text folded onto one line."""
    return " ".join(clean(text).split())


def csv_cell(text: str) -> str:
    """A clean CSV cell that a spreadsheet will not run as a formula."""
    value = clean(text)
    return "'" + value if value.startswith(_FORMULA_START) else value


def count(number: int, one: str, many: str | None = None) -> str:
    """'1 role', '3 roles'."""
    return f"{number} {one if number == 1 else many or one + 's'}"
