"""Make data strings inert before they reach a terminal, a CSV reader or a page."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and Unicode bidi marks, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_A_BYTE = re.compile("[\ud800-\udc7f\udd00-\udfff]")
"""Surrogates that do not stand for an undecodable byte (those are U+DC80 to U+DCFF)."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean(text: str) -> str:
    """Drop control characters (ESC, BEL, CR, C1, bidi overrides) so nothing can drive a terminal.

    Bytes that were not UTF-8 (in a file name or an argument, kept by Python as lone surrogates)
    are shown escaped, as `\\xff`, so they can always be printed.
    """
    if _SURROGATE.search(text):
        text = _NOT_A_BYTE.sub("\ufffd", text)
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNSAFE.sub("", text)


def one_line(text: str) -> str:
    """Clean text folded onto one line."""
    return " ".join(clean(text).split())


def csv_cell(text: str) -> str:
    """A clean CSV cell that a spreadsheet will not run as a formula (even after leading spaces)."""
    value = clean(text)
    return "'" + value if value.lstrip().startswith(_FORMULA_START) or value.startswith(_FORMULA_START) else value


def count(number: int, one: str, many: str | None = None) -> str:
    """'1 role', '3 roles'."""
    return f"{number} {one if number == 1 else many or one + 's'}"
