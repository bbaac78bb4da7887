"""The learning plan a person keeps: saved beside the history, ticked off step by step.

`plans.json` holds one plan per role and stage, the one shown now, and the pace chosen. It is
written like the history: atomically, under a lock, and set aside when it is not valid. Merging
a new quiz's plan keeps the status of every step that stays, marks the steps the new result
already reaches as done (from the quiz), and records what was added and what dropped out.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from mlcareer.files import atomic_write, locked
from mlcareer.history import ID, HistoryWarning, checked_text, home, no_constants, read_store, remove_orphans
from mlcareer.models import Stage
from mlcareer.quiz import DEFAULT_PACE, Plan

FILE_NAME = "plans.json"
FORMAT_VERSION = 1
STATUSES = ("todo", "doing", "done", "skipped")
REACHED = 0
"""The phase of steps a new quiz result reached, listed before the plan's own phases."""
_KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*:[1-4]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LINK = re.compile(r"(https://\S+)?")
_DONE_ON = re.compile(r"(\d{4}-\d{2}-\d{2})?")
_STAGES = "|".join(stage.value for stage in Stage)
_STAGE = re.compile(_STAGES)
_PLAN_ID = re.compile(rf"[a-z0-9-]+@({_STAGES})")


class Item(NamedTuple):
    """One step of a kept plan, with its status."""

    key: str
    skill: str
    name: str
    level: int
    phase: int
    """The plan's phase (1, 2, ...); REACHED for a step a later quiz result reached on its own."""
    milestone: str
    resource: str
    url: str
    hours: int
    after: tuple[str, ...]
    status: str = "todo"
    done_on: str = ""
    from_quiz: bool = False


class Kept(NamedTuple):
    """A plan kept for one role and stage."""

    role: str
    title: str
    stage: str
    created: str
    items: tuple[Item, ...]
    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()


class Store(NamedTuple):
    current: str
    pace: float
    plans: dict[str, Kept]


EMPTY = Store("", float(DEFAULT_PACE), {})


def plans_path() -> Path:
    return home() / FILE_NAME


def plan_id(role: str, stage: str) -> str:
    return f"{role}@{stage}"


# --- merging -------------------------------------------------------------------------------------


def items_of(plan: Plan) -> tuple[Item, ...]:
    """A fresh plan's steps as items to keep, all to do."""
    return tuple(
        Item(
            key=step.key,
            skill=step.skill,
            name=step.name,
            level=step.level,
            phase=step.phase,
            milestone=step.milestone,
            resource=step.primary.title if step.primary else "",
            url=step.primary.url if step.primary else "",
            hours=step.primary.hours if step.primary else 0,
            after=step.after,
        )
        for step in plan.steps
    )


def merge(old: Kept | None, new: Kept, answers: Mapping[str, int | None], today: str) -> Kept:
    """The new plan with the old one's statuses kept, steps the answers reach marked done from the quiz.

    A step the new plan no longer has is kept as done (from the quiz) when the answers reach its
    level, and listed as dropped otherwise.
    """
    if old is None:
        return new
    before = {item.key: item for item in old.items}
    items = []
    for item in new.items:
        kept = before.get(item.key)
        items.append(
            item._replace(status=kept.status, done_on=kept.done_on, from_quiz=kept.from_quiz) if kept else item
        )
    present = {item.key for item in new.items}
    reached = []
    dropped = []
    for key, item in before.items():
        if key in present:
            continue
        if (answers.get(item.skill) or 0) >= item.level:
            done = item if item.status == "done" else item._replace(status="done", done_on=today, from_quiz=True)
            reached.append(done._replace(phase=REACHED))
        else:
            dropped.append(key)
    added = tuple(key for key in present if key not in before)
    return new._replace(created=old.created, items=(*reached, *items), added=added, dropped=tuple(dropped))


def find(kept: Kept, step: str) -> int:
    """The index of a step given by its number in the plan (1, 2, ...) or as skill:level; ValueError if none."""
    if step.isdigit():
        number = int(step)
        if 1 <= number <= len(kept.items):
            return number - 1
        raise ValueError(f"no step {step}; the plan has steps 1 to {len(kept.items)}")
    for index, item in enumerate(kept.items):
        if item.key == step:
            return index
    raise ValueError(f"no step '{step}' in the plan; give its number or skill:level, as 'mlcareer plan' shows")


def unmet(kept: Kept, index: int) -> tuple[str, ...]:
    """The steps a step depends on that are not done (nor skipped)."""
    status = {item.key: item.status for item in kept.items}
    return tuple(key for key in kept.items[index].after if status.get(key, "done") not in ("done", "skipped"))


def set_status(kept: Kept, index: int, status: str, today: str) -> Kept:
    item = kept.items[index]
    changed = item._replace(status=status, done_on=today if status == "done" else "", from_quiz=False)
    return kept._replace(items=(*kept.items[:index], changed, *kept.items[index + 1 :]))


class Progress(NamedTuple):
    """Hours done and left, the finish date at the pace, and whether the person is ahead or behind."""

    done: int
    left: int
    finish: datetime.date
    expected: int
    """Hours that should be done by today at the pace since the plan was made."""


def progress(kept: Kept, pace: float, today: datetime.date) -> Progress:
    done = sum(i.hours for i in kept.items if i.status == "done" and not i.from_quiz)
    left = sum(i.hours for i in kept.items if i.status in ("todo", "doing"))
    finish = today + datetime.timedelta(weeks=math.ceil(left / pace) if pace > 0 else 0)
    started = datetime.date.fromisoformat(kept.created)
    weeks = max((today - started).days, 0) / 7
    return Progress(done, left, finish, round(weeks * pace))


# --- the file ------------------------------------------------------------------------------------


def _int(value: Any, what: str, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise ValueError(f"{what} is not a number from {low} to {high}")
    return value


def _item(data: Any) -> Item:
    if not isinstance(data, dict) or set(data) != set(Item._fields):
        raise ValueError("a step does not have the fields of a step")
    if data["status"] not in STATUSES or type(data["from_quiz"]) is not bool:
        raise ValueError("a step's status is not one of todo, doing, done, skipped")
    after = data["after"]
    if not isinstance(after, list) or len(after) > 50:
        raise ValueError("a step's prerequisites are not a list")
    return Item(
        key=checked_text(data["key"], "a step", _KEY),
        skill=checked_text(data["skill"], "a skill id", ID),
        name=checked_text(data["name"], "a skill name", limit=200),
        level=_int(data["level"], "a level", 1, 4),
        phase=_int(data["phase"], "a phase", REACHED, 100),
        milestone=checked_text(data["milestone"], "a milestone", limit=2000),
        resource=checked_text(data["resource"], "a resource", limit=500, empty=True),
        url=checked_text(data["url"], "a link", _LINK, limit=500, empty=True),
        hours=_int(data["hours"], "hours", 0, 10_000),
        after=tuple(checked_text(a, "a prerequisite", _KEY) for a in after),
        status=data["status"],
        done_on=checked_text(data["done_on"], "a date", _DONE_ON, empty=True),
        from_quiz=data["from_quiz"],
    )


def _kept(data: Any) -> Kept:
    if not isinstance(data, dict) or set(data) != set(Kept._fields):
        raise ValueError("a plan does not have the fields of a plan")
    items = data["items"]
    if not isinstance(items, list) or len(items) > 500:
        raise ValueError("a plan's steps are not a list")
    return Kept(
        role=checked_text(data["role"], "a role id", ID),
        title=checked_text(data["title"], "a title", limit=200),
        stage=checked_text(data["stage"], "a stage", _STAGE),
        created=checked_text(data["created"], "a date", _DATE),
        items=tuple(_item(i) for i in items),
        added=tuple(checked_text(a, "a step", _KEY) for a in data["added"]),
        dropped=tuple(checked_text(d, "a step", _KEY) for d in data["dropped"]),
    )


def _parse(text: str) -> Store:
    data = json.loads(text, parse_constant=no_constants)
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("plans"), dict):
        raise ValueError("not a version 1 plans file")
    pace: Any = data.get("pace")
    if type(pace) not in (int, float) or not 0 < pace <= 80:
        raise ValueError("the pace is not hours a week")
    plans = {checked_text(k, "a plan id", _PLAN_ID): _kept(v) for k, v in data["plans"].items()}
    current = checked_text(data.get("current"), "the current plan", limit=100, empty=True)
    if current and current not in plans:
        raise ValueError("the current plan is not among the plans")
    return Store(current, float(pace), plans)


def _serialise(store: Store) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, tuple) and hasattr(value, "_fields"):
            return {name: plain(getattr(value, name)) for name in value._fields}
        if isinstance(value, tuple | list):
            return [plain(v) for v in value]
        return value

    payload = {
        "version": FORMAT_VERSION,
        "current": store.current,
        "pace": store.pace,
        "plans": {key: plain(kept) for key, kept in store.plans.items()},
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def load(path: Path | None = None) -> tuple[Store, list[HistoryWarning]]:
    path = path or plans_path()
    warnings: list[HistoryWarning] = []
    with locked(path):
        return read_store(path, _parse, EMPTY, "plans", warnings), warnings


def peek(path: Path | None = None) -> Store | None:
    """The store as it is on disk, read without the lock and never set aside (for shell completion);
    None when there is none or it cannot be read."""
    try:
        return _parse((path or plans_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def update(change: Any, path: Path | None = None) -> tuple[Store, list[HistoryWarning]]:
    """Read the store, apply `change` (Store -> Store) and write it back, all under the lock."""
    path = path or plans_path()
    warnings: list[HistoryWarning] = []
    with locked(path):
        remove_orphans(path)
        store = read_store(path, _parse, EMPTY, "plans", warnings)
        changed: Store = change(store)
        atomic_write(path, _serialise(changed))
    return changed, warnings


def keep(store: Store, new: Kept, answers: Mapping[str, int | None], today: str) -> Store:
    """The store with a new plan for its role and stage, merged with the one kept before, made current."""
    key = plan_id(new.role, new.stage)
    merged = merge(store.plans.get(key), new, answers, today)
    return store._replace(current=key, plans={**store.plans, key: merged})


def kept_from(result_plan: Plan, role: str, title: str, stage: str, today: str) -> Kept:
    return Kept(role, title, stage, today, items_of(result_plan))
