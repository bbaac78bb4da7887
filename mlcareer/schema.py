"""How each field of a record is read from a data file, declared once beside its type.

A record is a NamedTuple whose fields are annotated `Annotated[type, Spec]`. The loader, the
cache and the JSON encoders walk these declarations; nothing else lists a record's fields.
A field with a default is optional; one without is required.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, NamedTuple, get_args, get_origin


class Text(NamedTuple):
    """A non-empty text value."""

    label: str = ""


class Id(NamedTuple):
    """An id: lower-case words joined by '-'."""

    label: str = ""


class Int(NamedTuple):
    """A whole number from `low` to `high`."""

    low: int
    high: int
    label: str = ""


class Choice(NamedTuple):
    """One of a fixed set of words."""

    options: tuple[str, ...]
    label: str = ""


class Link(NamedTuple):
    """An https link to a page (`https://host/...`, no spaces)."""

    label: str = ""


class Flag(NamedTuple):
    """true or false."""

    label: str = ""


class Year(NamedTuple):
    """A year from 1900 to 2100, or the word 'undated' (read as None)."""

    label: str = "year (or 'undated')"


class Nested(NamedTuple):
    """A mapping read as the record type of the field."""

    label: str = ""


class Items(NamedTuple):
    """A list; each item is read with `item` (a spec, or a record type), and named `label` in messages."""

    item: Any
    label: str
    exactly: int | None = None
    at_least: int = 0
    why: str = ""
    """Said after a wrong count, e.g. ', for levels 0 to 4'."""


class Derived(NamedTuple):
    """Not read from a file: set by the loader (e.g. an FAQ entry's number)."""


Spec = Text | Id | Int | Choice | Link | Flag | Year | Nested | Items | Derived


class Field(NamedTuple):
    """One declared field of a record."""

    name: str
    type: Any
    spec: Spec
    required: bool

    @property
    def label(self) -> str:
        """How messages name the field: its spec's label, else its name in words."""
        label: str = getattr(self.spec, "label", "")
        return label or self.name.replace("_", " ")


def is_record(value: Any) -> bool:
    """Whether `value` is a record type (a NamedTuple class with declared fields)."""
    return isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields")


@functools.cache
def fields(record: Any) -> tuple[Field, ...]:
    """The declared fields of a record type, in order."""
    defaults: dict[str, Any] = getattr(record, "_field_defaults", {})
    out = []
    for name, hint in record.__annotations__.items():
        args = get_args(hint) if get_origin(hint) is not None and hasattr(hint, "__metadata__") else ()
        if not args:
            raise TypeError(f"{record.__name__}.{name} has no Annotated spec")
        out.append(Field(name, args[0], hint.__metadata__[0], name not in defaults))
    return tuple(out)


def readable(record: type) -> tuple[Field, ...]:
    """The fields a data file may give (all but derived ones)."""
    return tuple(f for f in fields(record) if not isinstance(f.spec, Derived))


def key_names(record: type) -> tuple[Sequence[str], Sequence[str]]:
    """The record's required and optional keys, in declaration order."""
    found = readable(record)
    return tuple(f.name for f in found if f.required), tuple(f.name for f in found if not f.required)
