"""`faq`: the question list, answers (Markdown in a terminal, plain text piped) and JSON."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mlcareer.models import Faq, FaqEntry
from mlcareer.render.parts import JSON_VERSION, NARROW, dump_json, plain, text, wrapped
from mlcareer.text import clean, one_line

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mlcareer.faq import Answer, Query
    from mlcareer.render.console import Terminal

ENTRY_FIELDS = ("number", "id", "topic", "question", "tags", "roles", "answer")


def faq_list(groups: Sequence[tuple[str, Sequence[FaqEntry]]], width: int = NARROW) -> list[RenderableType]:
    """Questions numbered and grouped by topic."""
    out: list[RenderableType] = []
    digits = len(str(max((e.number for _, entries in groups for e in entries), default=1)))
    for index, (topic, entries) in enumerate(groups):
        if index:
            out.append(text(""))
        out.append(text(topic, "bold"))
        for entry in entries:
            label = f"{entry.number:>{digits}}. "
            out.append(wrapped(entry.question, width, "  " + label, "  " + " " * len(label)))
    return out


_ITEM = re.compile(r"^(\s*)([-*]|\d+\.)\s+")


def answer_text(entry: FaqEntry, width: int = NARROW) -> str:
    """One answer as plain text wrapped to `width`: the question, where it came from, the answer
    without Markdown emphasis marks, paragraphs and list items rewrapped."""
    bare = clean(entry.answer).replace("**", "").replace("`", "")
    blocks: list[list[str]] = []
    for line in bare.strip().splitlines():
        if not line.strip():
            blocks.append([])
        elif _ITEM.match(line) or not blocks or not blocks[-1]:
            blocks.append([line.strip() if not _ITEM.match(line) else line.rstrip()])
        else:
            blocks[-1][-1] += " " + line.strip()
    out = [_wrap_line(f"{entry.number}. {one_line(entry.question)}", width)]
    if entry.origin:
        out.append(_wrap_line(f"(from {one_line(entry.origin)})", width))
    out.append("")
    for block in blocks:
        if not block:
            if out and out[-1] != "":
                out.append("")
            continue
        for item in block:
            out.append(_wrap_line(item, width))
    return "\n".join(out).rstrip() + "\n"


def _wrap_line(line: str, width: int) -> str:
    """A paragraph or list item wrapped to `width`, list items with a hanging indent."""
    import textwrap

    found = _ITEM.match(line)
    indent = " " * (len(found.group(0)) if found else 0)
    return "\n".join(
        textwrap.wrap(
            " ".join(line.split()) if not found else found.group(0) + " ".join(line[found.end() :].split()),
            width=max(width, 20),
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=False,
        )
    )


def answer_rich(entry: FaqEntry) -> list[RenderableType]:
    """One answer for a terminal: the question in bold, the answer rendered as Markdown."""
    from rich.markdown import Markdown

    out: list[RenderableType] = [text(f"{entry.number}. {entry.question}", "bold")]
    if entry.origin:
        out.append(text(f"(from {entry.origin})", "dim"))
    return [*out, text(""), Markdown(clean(entry.answer), hyperlinks=False)]


def see_also(entries: Sequence[FaqEntry], width: int = NARROW) -> list[RenderableType]:
    if not entries:
        return []
    out: list[RenderableType] = [text(""), text("See also:", "bold")]
    out += [wrapped(f"{e.question} (mlcareer faq {e.number})", width, "  • ", "    ") for e in entries]
    return out


def show_answer(entry: FaqEntry, others: Sequence[FaqEntry], term: Terminal) -> None:
    """The answer, rendered for a terminal or as plain text, then the see-also list."""
    if term.is_terminal:
        term.show(answer_rich(entry))
    else:
        term.write(answer_text(entry, term.width))
    term.show(see_also(others, term.width))


def show_all(faq: Faq, term: Terminal) -> None:
    """Every answer: paged in a terminal, plain text piped."""
    if not term.is_terminal:
        term.write("\n".join(answer_text(e, term.width) for e in faq.entries))
        return
    out: list[RenderableType] = []
    for entry in faq.entries:
        if out:
            out.append(text(""))
        out.extend(answer_rich(entry))
    term.page(out)


def nearest(entries: Sequence[FaqEntry], width: int = NARROW) -> list[RenderableType]:
    """The nearest questions, when none is a close answer."""
    return [wrapped(f"{e.question} (mlcareer faq {e.number})", width, "  • ", "    ") for e in entries]


def search_json(found: Answer, typed: str) -> str:
    """A search as JSON: the results when confident, else no results and the nearest questions."""
    payload: dict[str, Any] = {"version": JSON_VERSION, "query": clean(typed)}
    payload["terms"] = list(found.query.terms)
    payload["corrections"] = [{"typed": clean(a), "read_as": b} for a, b in found.query.corrections]
    payload["confident"] = found.confident
    if found.confident:
        payload["results"] = [{**plain(h.entry, ENTRY_FIELDS), "score": h.score} for h in found.hits]
    else:
        payload["results"] = []
        payload["nearest"] = [plain(h.entry, ("number", "id", "question")) for h in found.hits[:3]]
    return dump_json(payload)


def faq_json(
    entries: Sequence[FaqEntry], scores: Sequence[float] | None = None, query: Query | None = None, typed: str = ""
) -> str:
    """FAQ entries as JSON; with a query, each result carries its score, best first."""
    results = []
    for index, entry in enumerate(entries):
        item = plain(entry, ENTRY_FIELDS)
        if scores is not None:
            item["score"] = scores[index]
        results.append(item)
    payload: dict[str, Any] = {"version": JSON_VERSION}
    if query is not None:
        payload["query"] = clean(typed)
        payload["terms"] = list(query.terms)
        payload["corrections"] = [{"typed": a, "read_as": b} for a, b in query.corrections]
    payload["results"] = results
    return dump_json(payload)
