"""`faq`: the question list, answers (Markdown in a terminal, plain text piped) and JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mlcareer.models import Faq, FaqEntry
from mlcareer.render.parts import JSON_VERSION, NARROW, dump_json, plain, text, wrapped
from mlcareer.text import clean, one_line

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mlcareer.faq import Query
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


def answer_text(entry: FaqEntry) -> str:
    """One answer as plain text: the question, then the answer without Markdown emphasis marks."""
    bare = clean(entry.answer).replace("**", "").replace("`", "")
    answer = "\n".join(line.rstrip() for line in bare.strip().splitlines())
    return f"{entry.number}. {one_line(entry.question)}\n\n{answer}\n"


def answer_rich(entry: FaqEntry) -> list[RenderableType]:
    """One answer for a terminal: the question in bold, the answer rendered as Markdown."""
    from rich.markdown import Markdown

    return [
        text(f"{entry.number}. {entry.question}", "bold"),
        text(""),
        Markdown(clean(entry.answer), hyperlinks=False),
    ]


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
        term.write(answer_text(entry))
    term.show(see_also(others, term.width))


def show_all(faq: Faq, term: Terminal) -> None:
    """Every answer: paged in a terminal, plain text piped."""
    if not term.is_terminal:
        term.write("\n".join(answer_text(e) for e in faq.entries))
        return
    out: list[RenderableType] = []
    for entry in faq.entries:
        if out:
            out.append(text(""))
        out.extend(answer_rich(entry))
    term.page(out)


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
