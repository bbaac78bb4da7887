"""Pure: read a job posting, find the skills it asks for, the role and stage it implies, and the gap.

Every word that points to a skill comes from the data (`signals:` in data/skills.yaml); this
module knows how to read a posting, not what any skill is called.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from mlcareer.models import Catalog, Role, RoleSkill, Skill, Stage

NICE_HEADINGS = re.compile(
    r"\b(nice[- ]to[- ]haves?|preferred|bonus|pluses|desired|good[- ]to[- ]haves?|would be a plus|optional|"
    r"ideally|extra credit|we'?d love|(may|might) also have|great to have|even better)\b",
    re.I,
)
REQUIRED_HEADINGS = re.compile(
    r"\b(requirements?|required|qualifications?|must[- ]haves?|what you('| wi)ll (need|bring|do)|"
    r"responsibilities|you (have|bring|will)|about you|minimum|basic|key skills|skills)\b",
    re.I,
)
NICE_INLINE = re.compile(r"\b(is a plus|a plus|nice to have|preferred|is preferred|bonus|ideally|desirable)\b", re.I)
YEARS = re.compile(r"\(?\b(\d{1,2})\)?\s*(?:\+|or more|plus)?\s*(?:-\s*\d{1,2}\s*)?years?\b", re.I)
SENIOR = re.compile(r"\b(senior|sr\.?|staff|lead|principal|head of|distinguished)\b", re.I)
MENTORS = re.compile(r"\b(mentor|mentoring|mentorship|mentor others|technical leadership)\b", re.I)
"""Asking a person to mentor others or lead technically is a senior posting's mark."""
ENTRY = re.compile(
    r"\b(intern|internship|new grad|new graduate|graduate program|entry[- ]level|junior|jr\.?|early[- ]career|"
    r"recent graduate|university graduate|residency)\b",
    re.I,
)
NOT_ASKED = re.compile(r"\bno\b[^.;:()!?]{0,60}?\b(?:is |are )?(?:required|needed|necessary|expected)\b", re.I)
"""What a posting says it does not ask ("no research experience is required")."""
TOOLISH = re.compile(r"(?<![\w.+#-])([A-Z][a-z0-9]+[A-Z][\w+#]*|[A-Z]{2,6}\d*|[A-Za-z]+[+#]{1,2}|\w+\.js)(?![\w+#-])")
"""A word that looks like a tool or language: CamelCase, an acronym, C++ / C#, something.js."""
WEAK = "~"
"""Marks a weak signal in the data: a word with everyday uses too ("security", "at scale")."""
WEAK_NEEDED = 2
"""Weak signals that together show a skill (one strong signal is enough)."""
MAX_WORDS = 20_000
HEADER_LINES = ("source:", "title:", "company:")
"""Lines a saved posting may start with, which name it but ask for nothing."""


class Evidence(NamedTuple):
    """A skill a posting asks for, the phrases that gave it away, and whether it is required."""

    skill: str
    name: str
    phrases: tuple[str, ...]
    required: bool


TITLE_SHARE = 0.5
"""The share of a role's score that comes from the posting's title naming it."""


_WORDS = re.compile(r"[a-z0-9]+")


class RoleScore(NamedTuple):
    role: str
    title: str
    score: float
    named: bool = False
    """Whether the posting's title names the role."""
    by_skills: float = 0.0
    """The score from the skills alone, before the title counts."""


class Posting(NamedTuple):
    """What a posting asks for."""

    skills: tuple[Evidence, ...]
    roles: tuple[RoleScore, ...]
    """Every role, closest first."""
    stage: Stage
    stage_reason: str
    unknown_terms: tuple[str, ...]
    title: str


# --- reading --------------------------------------------------------------------------------------


def plain_text(raw: str) -> str:
    """A posting as plain text: HTML tags stripped, entities decoded, scripts and styles dropped."""
    if re.search(r"<(html|body|div|p|li|ul|h[1-6]|br|span|script|style)\b", raw, re.I):
        from mlcareer.htmltext import html_text

        return html_text(raw)
    if "&" in raw:
        import html

        return html.unescape(raw)
    return raw


_START = re.compile(r"(?<![\w+#&-])[^\W_]")
"""Where a signal may start: a letter or digit not joined to a word, +, #, & or hyphen before it (a
slash separates the items of a list: "C++/Python/Java")."""
_AFTER = re.compile(r"[\w+#&]|-(?!(?:based|powered|driven|first|native|enabled)\b)\w")
"""What may not follow a signal: a word character, + # &, or a hyphen joining another word, unless that
word says the thing is used ("LLM-based", "Python-first")."""


class _Signal(NamedTuple):
    text: str
    """The signal with single spaces; case-folded unless `exact`."""
    exact: bool
    """Written with a capital letter: matches that spelling only."""
    skills: tuple[tuple[int, bool], ...]
    """The skills it signals (by index), each with whether it is weak there."""


class Matcher:
    """The signals of every skill, looked up by their first two letters at each place a word starts.

    A signal matches whole words only: not after a letter, digit, +, #, & or hyphen, and not
    before a letter, digit, +, #, & or a hyphen joining another word ("-based" and the like
    excepted). With a capital letter it matches that spelling only; otherwise any case. Signals
    may overlap and start alike: each one that fits is found.
    """

    def __init__(self, skills: Sequence[Skill]) -> None:
        self.skills = skills
        found: dict[tuple[str, bool], list[tuple[int, bool]]] = {}
        for index, skill in enumerate(skills):
            for raw in skill.signals:
                signal = " ".join(raw.removeprefix(WEAK).split())
                exact = any(c.isupper() for c in signal)
                found.setdefault((signal if exact else signal.casefold(), exact), []).append(
                    (index, raw.startswith(WEAK))
                )
        self.by_start: dict[str, list[_Signal]] = {}
        for (signal, exact), where in found.items():
            self.by_start.setdefault(signal[:2].casefold(), []).append(_Signal(signal, exact, tuple(where)))
        self.known = {  # NOTE: a slash parts words here as it parts list items in a posting ("CI/CD": CI, CD)
            word.lower()
            for skill in skills
            for signal in skill.signals
            for word in signal.removeprefix(WEAK).replace("/", " ").split()
        }

    def find(self, lines: Iterable[tuple[str, bool]]) -> tuple[Evidence, ...]:
        """Each skill whose signals occur, with its phrases; required if any occurrence is in a required line."""
        phrases: dict[int, dict[str, None]] = {}
        required: dict[int, bool] = {}
        strong: set[int] = set()
        weak: dict[int, int] = {}
        for raw, line_required in lines:
            line = " ".join(raw.split())
            for start in _START.finditer(line):
                at = start.start()
                head = line[at : at + 2].casefold()
                for signal in (*self.by_start.get(head, ()), *self.by_start.get(head[:1], ())):
                    end = at + len(signal.text)
                    piece = line[at:end]
                    if (piece if signal.exact else piece.casefold()) != signal.text or _AFTER.match(line, end):
                        continue
                    for skill, is_weak in signal.skills:
                        phrases.setdefault(skill, {})[piece] = None
                        required[skill] = required.get(skill, False) or line_required
                        if is_weak:
                            weak[skill] = weak.get(skill, 0) + 1
                        else:
                            strong.add(skill)
        shown = [i for i in range(len(self.skills)) if i in strong or weak.get(i, 0) >= WEAK_NEEDED]
        return tuple(Evidence(self.skills[i].id, self.skills[i].name, tuple(phrases[i]), required[i]) for i in shown)


def sections(text: str) -> list[tuple[str, bool]]:
    """Each line of a posting, and whether it sits under a required heading (not a nice-to-have one)."""
    out = []
    required = True
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        heading = len(line) < 80 and not line.startswith(("-", "*", "•")) and (line.endswith(":") or len(line) < 50)
        if heading and NICE_HEADINGS.search(line):
            required = False
        elif heading and REQUIRED_HEADINGS.search(line):
            required = True
        out.append((line, required and not NICE_INLINE.search(line)))
    return out


def stage_of(title: str, text: str) -> tuple[Stage, str]:
    """The stage a posting implies: its title's words first, then the years of experience it asks."""
    for source, words in ((title, "title"), (text[:400], "opening")):
        if SENIOR.search(source):
            return Stage.senior, f"'{SENIOR.search(source).group(0)}' in the {words}"  # type: ignore[union-attr]
        if ENTRY.search(source):
            return Stage.entry, f"'{ENTRY.search(source).group(0)}' in the {words}"  # type: ignore[union-attr]
    years = [int(m.group(1)) for m in YEARS.finditer(text) if int(m.group(1)) <= 30]
    if years:
        least = min(years)
        stage = Stage.entry if least < 2 else Stage.mid if least < 5 else Stage.senior
        return stage, f"{least}+ years of experience asked"
    if ENTRY.search(text):
        return Stage.entry, f"'{ENTRY.search(text).group(0)}' in the posting"  # type: ignore[union-attr]
    for cue in (SENIOR, MENTORS):
        if found := cue.search(text):
            return Stage.senior, f"'{found.group(0)}' in the posting"
    return Stage.mid, "no years or seniority stated; mid assumed"


def named_roles(catalog: Catalog, title: str) -> set[str]:
    """The roles a posting's title names by one of their `job_titles` ("Senior ML Engineer, Ads")."""
    plain = " ".join(_WORDS.findall(title.casefold()))
    return {
        role.id
        for role in catalog.roles
        for name in role.job_titles
        if re.search(rf"\b{re.escape(' '.join(_WORDS.findall(name.casefold())))}\b", plain)
    }


def role_scores(catalog: Catalog, asked: Sequence[Evidence], stage: Stage, title: str = "") -> tuple[RoleScore, ...]:
    """How much each role resembles the posting, 0 to 100.

    A role scores for each skill the posting asks for by how much more it leans on that skill than
    the roles do on average (its importance times the level asked at the stage), so a role's
    distinctive skills decide: MLOps for an MLOps engineer, LLM work for an AI engineer, papers for
    a researcher. Required asks count twice as much as nice-to-haves. Half of the score of a role
    the title names comes from that (TITLE_SHARE): the employer's own word counts as much as the
    skills, which can still outweigh it when they point clearly elsewhere.
    """
    import math

    in_title = named_roles(catalog, title)
    weight = {e.skill: 1.0 if e.required else 0.5 for e in asked}
    needs = {role.id: {r.skill: r.importance * r.level(stage) for r in role.skills} for role in catalog.roles}
    count = max(len(needs), 1)
    mean = {s.id: sum(n.get(s.id, 0) for n in needs.values()) / count for s in catalog.skills}
    raw = {
        role.id: sum(w * (needs[role.id].get(skill, 0) - mean.get(skill, 0)) for skill, w in weight.items())
        for role in catalog.roles
    }
    low, high = min(raw.values(), default=0.0), max(raw.values(), default=0.0)
    spread = (high - low) or 1.0
    norm = math.sqrt(sum(w * w for w in weight.values())) or 1.0
    out = []
    for role in catalog.roles:
        # NOTE: blended with how closely the role's own profile points the same way (cosine, with
        # each need cubed so that the role's defining skills dominate).
        lean = {skill: need**3 for skill, need in needs[role.id].items()}
        length = math.sqrt(sum(v * v for v in lean.values())) or 1.0
        cosine = sum(lean.get(skill, 0) * w for skill, w in weight.items()) / (length * norm)
        distinct = (raw[role.id] - low) / spread
        named = role.id in in_title
        by_skills = (distinct + cosine) / 2
        fit = by_skills
        if in_title:  # NOTE: a title that names no role leaves the skills the whole score
            fit = (1 - TITLE_SHARE) * fit + (TITLE_SHARE if named else 0.0)
        out.append(RoleScore(role.id, role.title, round(100 * fit, 1), named, round(100 * by_skills, 1)))
    return tuple(sorted(out, key=lambda r: -r.score))


def unknown_terms(text: str, known: set[str], ignore: set[str]) -> tuple[str, ...]:
    """Words that look like tools or languages but no skill's signals name, in order of appearance."""
    found: dict[str, None] = {}
    for match in TOOLISH.finditer(text):
        word = match.group(1)
        if word.lower() in known or word.lower() in ignore or word in found:
            continue
        found[word] = None
    return tuple(found)


def read_posting(catalog: Catalog, raw: str, ignore: Iterable[str] | None = None) -> Posting:
    """Everything a posting asks for, as the catalogue's skills and roles see it.

    `ignore`: words that look like tools but are not (the catalogue's `not_tools` by default).
    """
    ignore = catalog.not_tools if ignore is None else ignore
    text = plain_text(raw)
    lines = sections(text)
    title = next((line.removeprefix("title:").strip() for line, _ in lines if line.lower().startswith("title:")), "")
    if not title and lines:
        title = lines[0][0][:120]
    company = next((line[8:].strip() for line, _ in lines if line.lower().startswith("company:")), "")
    body = "\n".join(line for line, _ in lines if not line.lower().startswith(HEADER_LINES))
    matcher = Matcher(catalog.skills)
    asked = matcher.find(
        (NOT_ASKED.sub(" ", line), required) for line, required in lines if not line.lower().startswith(HEADER_LINES)
    )
    stage, reason = stage_of(title, body)
    return Posting(
        skills=asked,
        roles=role_scores(catalog, asked, stage, title),
        stage=stage,
        stage_reason=reason,
        unknown_terms=unknown_terms(body, matcher.known, {w.lower() for w in (*ignore, *company.split())}),
        title=title,
    )


def posting_role(catalog: Catalog, posting: Posting) -> Role:
    """The posting as a role to plan against: each skill it asks for at the closest role's level for
    the stage (at least 1), required asks weighing twice as much as nice-to-haves."""
    closest = next(r for r in catalog.roles if r.id == posting.roles[0].role)
    rated = []
    for evidence in posting.skills:
        need = closest.requirement(evidence.skill)
        level = max(need.level(posting.stage) if need else 1, 1)
        importance = (need.importance if need else 3) if evidence.required else 1
        rated.append(RoleSkill(evidence.skill, importance, level, level, level))
    return Role(
        id="posting",
        title=posting.title or "this posting",
        summary="",
        focus="",
        overview="",
        skills=tuple(rated),
    )


def words_in(text: str) -> int:
    return len(text.split())


def meets(answers: Mapping[str, int | None], role: Role, stage: Stage) -> tuple[str, ...]:
    """The posting's asks a person already meets."""
    return tuple(r.skill for r in role.skills if (answers.get(r.skill) or 0) >= r.level(stage))
