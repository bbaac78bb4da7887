"""YAML read as nodes (never objects), with line numbers, and typed checks that report `file:line`."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

import yaml

from mlcareer.errors import DataError, Problem
from mlcareer.files import MAX_BYTES, decode_text, read_text

__all__ = [
    "MAX_BYTES",
    "Checker",
    "MappingNode",
    "Node",
    "ScalarNode",
    "SequenceNode",
    "gc_paused",
    "kind",
    "parse_text",
    "parse_yaml",
    "read_yaml",
    "suggest",
]

Node = yaml.Node
ScalarNode = yaml.ScalarNode
SequenceNode = yaml.SequenceNode
MappingNode = yaml.MappingNode

try:  # NOTE: libyaml is much faster. The base loader builds nodes only: it never constructs objects.
    from yaml import CBaseLoader as NodeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import BaseLoader as NodeLoader  # type: ignore[assignment]

# NOTE: libyaml itself refuses nesting deeper than 1,000 levels; MAX_BYTES caps the size.

T = TypeVar("T")
MAX_PROBLEMS = 100
"""Problems kept per file; past that they are only counted ("and N more")."""

_TAG = "tag:yaml.org,2002:"
_TYPE_NAMES = {
    "bool": "a true/false value",
    "int": "a number",
    "float": "a number",
    "null": "an empty value",
    "timestamp": "a date",
    "str": "text",
    "seq": "a list",
    "map": "a mapping",
}
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
"""YAML 1.1's implicit types by first character, as PyYAML's safe loader applies them."""


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building and checking many small objects.

    NOTE: parsing allocates hundreds of thousands of nodes, and the collector rescanning them
    again and again made loading grow faster than the file; nodes hold no cycles, so nothing
    is lost by pausing it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def kind(node: yaml.Node, source: str = "") -> str:
    """What a node is, as YAML 1.1 reads it: 'str', 'int', 'bool', 'null', 'seq', 'map', ... or its tag.

    Nodes come from the base loader, which leaves every scalar as text; a plain (unquoted) scalar
    is resolved here the way the safe loader would, so `no` is a bool and `12:30` an int. With the
    document's `source`, a scalar tagged explicitly (`!!str no`) keeps the tag it was given.
    """
    tag: str = node.tag
    explicit = bool(source) and source.startswith("!", node.start_mark.index)
    if isinstance(node, yaml.ScalarNode) and not node.style and tag == _TAG + "str" and not explicit:
        value = node.value
        if not value:
            return "null"
        for implicit, pattern in _IMPLICIT.get(value[0], ()):
            if pattern.match(value):
                tag = implicit
                break
    if tag == _TAG + "value":  # NOTE: YAML 1.1's `=` (the "value" key type) is text to a person
        return "str"
    return tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def describe(node: yaml.Node, source: str = "") -> str:
    """What a node holds, in words, e.g. 'a list' or "a true/false value (no)"."""
    what = kind(node, source)
    words = _TYPE_NAMES.get(what, f"a value tagged {node.tag}")
    if isinstance(node, yaml.ScalarNode) and what != "str":
        return f"{words} ({short(node.value)})" if node.value else words
    return words


def short(value: str, room: int = 20) -> str:
    """A value as messages quote it: at most `room` characters, then '...'."""
    return value if len(value) <= room else value[:room] + "..."


class Document(NamedTuple):
    """A parsed YAML document: its root node (None when empty) and the text it came from."""

    root: yaml.Node | None
    source: str


def read_yaml(path: Path, label: str | None = None) -> Document:
    """Read one YAML document as nodes, refusing anything unsafe or oversized.

    The root is None for an empty document. Raises DataError with the line of the fault.
    """
    name = label or str(path)
    text = read_text(path, name)
    return Document(parse_text(text, name, json_syntax=path.suffix.lower() == ".json"), text)


def parse_yaml(raw: bytes, name: str, *, json_syntax: bool = False) -> yaml.Node | None:
    """Parse bytes as one YAML document of nodes; see read_yaml."""
    return parse_text(decode_text(raw, name), name, json_syntax=json_syntax)


def parse_text(text: str, name: str, *, json_syntax: bool = False) -> yaml.Node | None:
    """Parse text as one YAML document of nodes.

    With `json_syntax`, the text must also be valid JSON (YAML alone would forgive `{"a": }`).
    """
    if json_syntax and text.strip():
        import json

        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError([Problem(name, exc.lineno, f"JSON syntax error: {exc.msg}")]) from None
        except RecursionError:
            raise DataError([Problem(name, None, "JSON nesting is too deep")]) from None
        except ValueError:  # NOTE: a number of over 4,300 digits, which Python refuses to convert
            raise DataError([Problem(name, None, "holds a number too long to read")]) from None
    try:
        return yaml.compose(text, Loader=NodeLoader)  # builds nodes only, constructs nothing
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "YAML syntax error"
        if exc.problem and exc.context and exc.context_mark is not None and exc.context_mark != mark:
            what += f" ({exc.context} (from line {exc.context_mark.line + 1}))"
        if "single document" in (exc.context or ""):
            raise DataError([Problem(name, where, "holds more than one YAML document ('---')")]) from None
        lines = text.splitlines()
        at_tab = (
            where is not None and where <= len(lines) and "\t" in lines[where - 1][: mark.column + 1 if mark else None]
        )
        if "\t" in what or "tab" in what or at_tab:
            what += " (use spaces, not tabs, to indent)"
        raise DataError([Problem(name, where, f"YAML syntax error: {what}")]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        message = f"contains a control character (#x{exc.character:04x}) that YAML does not allow"
        raise DataError([Problem(name, line, message)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(name, None, f"YAML error: {exc}")]) from None
    except RecursionError:  # pragma: no cover - only without libyaml, which caps nesting itself
        raise DataError([Problem(name, None, "nesting is too deep")]) from None


def _tab_before(text: str, mark: yaml.Mark | None) -> bool:
    """Whether the line of a syntax error has a tab up to where the error was found."""
    if mark is None:
        return False
    lines = text.splitlines()
    return mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]


class Checker:
    """Reads typed values out of YAML nodes, collecting every problem with its line."""

    def __init__(self, file: str, source: str = "") -> None:
        self.file = file
        self.source = source
        self.problems: list[Problem] = []
        self.more = 0
        """Problems found after the first MAX_PROBLEMS, counted but not kept."""
        self.seen: set[int] = set()

    def visit(self, node: yaml.Node) -> bool:
        """False (and a problem) when a node is met twice: that is a YAML alias (*name).

        NOTE: refusing aliases keeps every check linear, so an alias bomb costs nothing.
        """
        if id(node) in self.seen:
            self.fail(node, "this value is reused through an alias (*name); aliases are not allowed, write it out")
            return False
        self.seen.add(id(node))
        return True

    def fail(self, node: yaml.Node | None, message: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.more += 1
            if self.more >= MAX_PROBLEMS * 100:  # NOTE: bounds the work on a file that is nothing but faults
                self.raise_if_failed()
            return
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.file, line, message))

    @property
    def room(self) -> bool:
        """Whether another problem would still be kept (so a costly hint is worth working out)."""
        return len(self.problems) < MAX_PROBLEMS

    def raise_if_failed(self) -> None:
        if self.problems:
            raise DataError(self.problems, more=self.more)

    def kind(self, node: yaml.Node) -> str:
        return kind(node, self.source)

    def describe(self, node: yaml.Node) -> str:
        return describe(node, self.source)

    def _tagged(self, node: yaml.Node, default: str, what: str) -> bool:
        """False (and a problem) for a list or mapping with an explicit tag such as !!set or !!python/..."""
        if node.tag == _TAG + default:
            return True
        self.fail(node, f"{what} is tagged {node.tag}; tags are not allowed, remove it")
        return False

    def mapping(
        self, node: yaml.Node, what: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> dict[str, yaml.Node] | None:
        """The mapping's values by key; unknown, duplicate and missing keys are problems."""
        if not self.visit(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} should be a mapping of keys to values, not {self.describe(node)}")
            return None
        if not self._tagged(node, "map", what):
            return None
        required = tuple(required)
        allowed = (*required, *optional)
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or self.kind(key_node) != "str":
                self.fail(key_node, f"{what} has a key that is {self.describe(key_node)}; keys are names")
                continue
            key = key_node.value
            if key in found:
                self.fail(key_node, f"duplicate key '{key}' in {what}")
            elif key not in allowed:
                self.fail(key_node, f"unknown key '{key}' in {what}{suggest(key, allowed)}")
            else:
                found[key] = value_node
        for key in required:
            if key not in found:
                self.fail(node, f"{what} is missing '{key}'")
        return found

    def record(
        self, node: yaml.Node, what: str, required: Sequence[str], optional: Iterable[str] = ()
    ) -> dict[str, yaml.Node] | None:
        """Like `mapping`, but None unless every required key is there (each missing one is reported)."""
        found = self.mapping(node, what, required, optional)
        if found is None or any(key not in found for key in required):
            return None
        return found

    def text(self, node: yaml.Node, what: str, *, empty_ok: bool = False) -> str | None:
        """A text value; a YAML 1.1 surprise (no, 12:30, 2024-01-01) says to quote it."""
        if not self.visit(node):
            return None
        found = self.kind(node)
        if isinstance(node, yaml.ScalarNode) and found == "str":
            value: str = node.value
            if not empty_ok and not value.strip():
                self.fail(node, f"{what} is empty")
                return None
            return value
        if isinstance(node, yaml.ScalarNode) and found in _TYPE_NAMES and node.value:
            self.fail(node, f'{what} should be text, not {self.describe(node)}; quote it: "{short(node.value)}"')
        else:
            self.fail(node, f"{what} should be text, not {self.describe(node)}")
        return None

    def integer(self, node: yaml.Node, what: str, low: int, high: int) -> int | None:
        """A whole number in [low, high], written plainly (no 012, 0x1f or 1_000)."""
        if not self.visit(node):
            return None
        found = self.kind(node)
        if not isinstance(node, yaml.ScalarNode) or found not in ("int", "str"):
            self.fail(node, f"{what} should be a whole number from {low} to {high}, not {self.describe(node)}")
            return None
        value: str = node.value
        digits = value[1:] if value.startswith(("-", "+")) else value
        if found != "int" or not digits.isdigit() or not digits.isascii():
            self.fail(node, f"{what} should be a whole number from {low} to {high}, not '{short(value)}'")
            return None
        if len(digits) > 1 and digits.startswith("0"):
            plain = short(digits.lstrip("0") or "0")
            self.fail(node, f"{what} '{short(value)}' has a leading zero (YAML reads it as octal); write {plain}")
            return None
        if len(digits) > 12 or not low <= int(value) <= high:
            self.fail(node, f"{what} is {short(value)}; it should be from {low} to {high}")
            return None
        return int(value)

    def flag(self, node: yaml.Node, what: str) -> bool | None:
        """true or false (YAML 1.1's yes/no/on/off are refused: say true or false)."""
        if not self.visit(node):
            return None
        if isinstance(node, yaml.ScalarNode) and self.kind(node) == "bool" and node.value.lower() in ("true", "false"):
            value: str = node.value
            return value.lower() == "true"
        self.fail(node, f"{what} should be true or false, not {self.describe(node)}")
        return None

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node] | None:
        if not self.visit(node):
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{what} should be a list, not {self.describe(node)}")
            return None
        if not self._tagged(node, "seq", what):
            return None
        return list(node.value)

    def items(self, node: yaml.Node | None, what: str, read: Callable[[yaml.Node, str], T | None]) -> tuple[T, ...]:
        """Each item of a list read with `read`; a missing list is empty."""
        if node is None:
            return ()
        seq = self.sequence(node, what)
        if seq is None:
            return ()
        out = []
        for index, item in enumerate(seq, start=1):
            value = read(item, f"{what} item {index}")
            if value is not None:
                out.append(value)
        return tuple(out)

    def texts(self, node: yaml.Node | None, what: str) -> tuple[str, ...]:
        return self.items(node, what, self.text)

    def optional_text(self, fields: dict[str, yaml.Node], key: str, what: str) -> str:
        node = fields.get(key)
        if node is None:
            return ""
        return self.text(node, f"{what} '{key}'") or ""


def suggest(word: str, choices: Iterable[str]) -> str:
    """ "; did you mean 'x'?" for the closest choice, or nothing when none is close."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
