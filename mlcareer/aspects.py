"""The aspects of a role, in one registry: what `compare` shows as rows and `show` as sections."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from mlcareer.errors import UsageProblem
from mlcareer.models import Figure, Role


class Point(NamedTuple):
    """A bullet whose title is set apart from its text (a debate's topic and what is argued)."""

    title: str
    text: str


class Content(NamedTuple):
    """What one aspect says about one role."""

    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    points: tuple[Point, ...] = ()


PARTS = ("paragraphs", "bullets", "figures", "points")


class Aspect(NamedTuple):
    """One aspect: its name, its row label in a comparison, its section title in a profile.

    `extract` reads it from a role (None for skills, which come from the catalogue); `row` names
    the parts a comparison shows (a profile shows them all). Neighbouring aspects with the same
    title share one section of a profile.
    """

    key: str
    label: str
    title: str
    extract: Callable[[Role], Content] | None
    row: tuple[str, ...] = PARTS


def _some(text: str) -> tuple[str, ...]:
    return (text,) if text else ()


ASPECTS: tuple[Aspect, ...] = (
    Aspect("focus", "Focus", "Overview", lambda r: Content(_some(r.focus))),
    Aspect("overview", "Overview", "Overview", lambda r: Content(_some(r.overview))),
    Aspect("origins", "How the role came about", "How the role came about", lambda r: Content(_some(r.origins))),
    Aspect("daily-work", "Day-to-day work", "Day-to-day work", lambda r: Content(bullets=r.daily_work)),
    Aspect("skills", "Skills", "Skills", None),
    Aspect(
        "tools",
        "Tools and languages",
        "Tools and languages",
        lambda r: Content(bullets=tuple(f"{g.area}: {', '.join(g.items)}" for g in r.tools)),
    ),
    Aspect(
        "education",
        "Education",
        "Education and ways in",
        lambda r: Content(_some(r.education.summary), r.education.routes, r.education.figures),
        row=("paragraphs", "figures"),
    ),
    Aspect(
        "workplaces",
        "Where they work",
        "Where they work",
        lambda r: Content(bullets=tuple(f"{w.industry}: {w.examples}" for w in r.workplaces)),
    ),
    Aspect("pay", "Pay", "Pay", lambda r: Content(_some(r.pay.summary), figures=r.pay.figures), row=("figures",)),
    Aspect(
        "outlook",
        "Outlook",
        "Outlook",
        lambda r: Content(_some(r.outlook.summary), figures=r.outlook.figures),
        row=("figures",),
    ),
    Aspect("challenges", "Common challenges", "Common challenges", lambda r: Content(bullets=r.challenges)),
    Aspect("debates", "Debates", "Debates", lambda r: Content(points=tuple(Point(d.topic, d.text) for d in r.debates))),
    Aspect("future", "Where it is heading", "Where it is heading", lambda r: Content(bullets=r.future)),
    Aspect("getting-started", "Getting started", "Getting started", lambda r: Content(bullets=r.getting_started)),
    Aspect(
        "people",
        "People to learn from",
        "People to learn from",
        lambda r: Content(bullets=tuple(f"{p.name}: {p.known_for}" for p in r.people)),
    ),
    Aspect(
        "key-facts",
        "Key facts",
        "Key facts",
        lambda r: Content(bullets=tuple(f"{k.label}: {k.value}" for k in r.key_facts)),
    ),
)
"""Every aspect, in the order a profile shows them."""

BY_KEY = {a.key: a for a in ASPECTS}
DEFAULT = ("focus", "daily-work", "skills", "tools", "education", "workplaces", "pay", "outlook")
"""What `compare` shows when no aspect is asked for."""


class UnknownAspectError(UsageProblem):
    def __init__(self, name: str) -> None:
        import difflib

        self.name = name
        close = difflib.get_close_matches(name.strip().lower(), list(BY_KEY), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        super().__init__(f"unknown aspect '{name}'; {hint}choose from: {', '.join(BY_KEY)}, or all")


def resolve(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Aspect names as given (any case, '_' or '-'), checked; the defaults when none."""
    if not names:
        return DEFAULT
    out: list[str] = []
    for name in names:
        key = name.strip().lower().replace("_", "-").replace(" ", "-")
        if key == "all":
            return tuple(BY_KEY)
        if key not in BY_KEY:
            raise UnknownAspectError(name)
        if key not in out:
            out.append(key)
    return tuple(out)


def help_text() -> str:
    """The --aspect help, built from the registry."""
    return f"Rows to show (repeatable): {', '.join(BY_KEY)}, or all. Default: {', '.join(DEFAULT)}."
