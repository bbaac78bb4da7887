"""How well `mlcareer match` reads real job postings.

Reads the hand-labelled postings in tests/postings/ (labels.yaml: the skills each asks for,
required or nice to have, its role and stage, and whether it is used to tune or held out) and
prints skill precision and recall, role accuracy and stage accuracy for each part.

Every posting was labelled twice, by people who did not run the matcher (`second` in labels.yaml).
The figures are printed against the first labels ("one label"), and against both ("both
labellers": a skill found is wrong only when neither labeller saw it asked, a skill missed counts
only when both did, and a role or stage is right when it is either labeller's). The second
labeller's own figures against the first ("second labeller") show how far two people agree.

Applied scientist and research engineer postings have no role of their own in mlcareer; a match
counts as right when it names one of the two roles such a posting sits between (ACCEPTED).

    .venv/bin/python benchmarks/match_quality.py           # the figures
    .venv/bin/python benchmarks/match_quality.py --misses  # and what it got wrong, per posting
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, NamedTuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
POSTINGS = ROOT / "tests" / "postings"
sys.path.insert(0, str(ROOT))

from mlcareer.catalog import load_bundled  # noqa: E402 - the repository's own package
from mlcareer.match import read_posting  # noqa: E402

ACCEPTED = {
    "applied-scientist": {"ai-researcher", "data-scientist", "ml-engineer"},
    "research-engineer": {"ai-researcher", "ml-engineer"},
}
"""Labels that are not mlcareer roles, and the roles a match may name for them."""


class Score(NamedTuple):
    postings: int
    precision: float
    recall: float
    role: float
    stage: float


def labels() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = yaml.safe_load((POSTINGS / "labels.yaml").read_text(encoding="utf-8"))
    return found


def evaluate(chosen: list[dict[str, Any]], *, both: bool = False) -> tuple[Score, list[str]]:
    """Skill precision and recall, role and stage accuracy of the matcher; with `both`, against both labellers."""
    catalog = load_bundled()
    true_positive = found_right = predicted = actual = roles = stages = 0
    misses = []
    for label in chosen:
        posting = read_posting(catalog, (POSTINGS / label["file"]).read_text(encoding="utf-8"))
        want = set(label["skills"]["required"]) | set(label["skills"]["nice"])
        role_ok, stage_ok = ACCEPTED.get(label["role"], {label["role"]}), {label["stage"]}
        wrong_unless = want
        if both:
            second = label["second"]
            theirs = set(second["required"]) | set(second["nice"])
            wrong_unless, want = want | theirs, want & theirs
            role_ok = role_ok | ACCEPTED.get(second["role"], {second["role"]})
            stage_ok = stage_ok | {second["stage"]}
        got = {e.skill for e in posting.skills}
        found_right += len(got & wrong_unless)
        true_positive += len(want & got)
        predicted += len(got)
        actual += len(want)
        right_role = posting.roles[0].role in role_ok
        roles += right_role
        stages += posting.stage.value in stage_ok
        if not got <= wrong_unless or not want <= got or not right_role or posting.stage.value not in stage_ok:
            misses.append(
                f"{label['file']}: extra {sorted(got - wrong_unless)}, missed {sorted(want - got)}; "
                f"role {posting.roles[0].role} (want {'/'.join(sorted(role_ok))}); stage {posting.stage.value} "
                f"(want {'/'.join(sorted(stage_ok))}, {posting.stage_reason})"
            )
    n = max(len(chosen), 1)
    return Score(
        len(chosen), found_right / max(predicted, 1), true_positive / max(actual, 1), roles / n, stages / n
    ), misses


def second_labeller(chosen: list[dict[str, Any]]) -> Score:
    """The second labeller's skills, role and stage scored against the first labeller's."""
    agreed = theirs = ours = roles = stages = 0
    for label in chosen:
        first = set(label["skills"]["required"]) | set(label["skills"]["nice"])
        second = set(label["second"]["required"]) | set(label["second"]["nice"])
        agreed += len(first & second)
        theirs += len(second)
        ours += len(first)
        roles += label["second"]["role"] == label["role"]
        stages += label["second"]["stage"] == label["stage"]
    n = max(len(chosen), 1)
    return Score(len(chosen), agreed / max(theirs, 1), agreed / max(ours, 1), roles / n, stages / n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="what each posting got wrong")
    parser.add_argument("--split", choices=["tune", "heldout"], help="only this part (for --misses)")
    options = parser.parse_args()
    everything = labels()
    print(f"match quality on {POSTINGS.relative_to(ROOT)} ({len(everything)} postings)")
    print(f"{'part':<9} {'postings':>8} {'labels':<16} {'precision':>10} {'recall':>7} {'role':>6} {'stage':>6}")
    for part in ("tune", "heldout"):
        chosen = [label for label in everything if label["split"] == part]
        for name, both in (("one label", False), ("both labellers", True)):
            score, misses = evaluate(chosen, both=both)
            show(part, name, score)
            if both and options.misses and options.split in (None, part):
                for miss in misses:
                    print(f"  {miss}")
        show(part, "second labeller", second_labeller(chosen))


def show(part: str, name: str, score: Score) -> None:
    print(
        f"{part:<9} {score.postings:>8} {name:<16} {score.precision:>10.2f} {score.recall:>7.2f} "
        f"{score.role:>6.2f} {score.stage:>6.2f}"
    )


if __name__ == "__main__":
    main()
