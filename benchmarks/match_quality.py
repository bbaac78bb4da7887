"""How well `mlcareer match` reads real job postings.

Reads the hand-labelled postings in tests/postings/ (labels.yaml: the skills each asks for,
required or nice to have, its role and stage, and whether it is used to tune or held out) and
prints skill precision and recall, role accuracy and stage accuracy for each part.

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


def evaluate(chosen: list[dict[str, Any]]) -> tuple[Score, list[str]]:
    catalog = load_bundled()
    true_positive = predicted = actual = roles = stages = 0
    misses = []
    for label in chosen:
        posting = read_posting(catalog, (POSTINGS / label["file"]).read_text(encoding="utf-8"))
        want = set(label["skills"]["required"]) | set(label["skills"]["nice"])
        got = {e.skill for e in posting.skills}
        true_positive += len(want & got)
        predicted += len(got)
        actual += len(want)
        right_role = posting.roles[0].role in ACCEPTED.get(label["role"], {label["role"]})
        roles += right_role
        stages += posting.stage.value == label["stage"]
        if want != got or not right_role or posting.stage.value != label["stage"]:
            misses.append(
                f"{label['file']}: extra {sorted(got - want)}, missed {sorted(want - got)}; "
                f"role {posting.roles[0].role} (want {label['role']}); stage {posting.stage.value} "
                f"(want {label['stage']}, {posting.stage_reason})"
            )
    n = max(len(chosen), 1)
    return Score(
        len(chosen), true_positive / max(predicted, 1), true_positive / max(actual, 1), roles / n, stages / n
    ), misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="what each posting got wrong")
    parser.add_argument("--split", choices=["tune", "heldout"], help="only this part (for --misses)")
    options = parser.parse_args()
    everything = labels()
    print(f"match quality on {POSTINGS.relative_to(ROOT)} ({len(everything)} postings)")
    print(f"{'part':<9} {'postings':>8} {'precision':>10} {'recall':>7} {'role':>6} {'stage':>6}")
    for part in ("tune", "heldout"):
        score, misses = evaluate([label for label in everything if label["split"] == part])
        print(
            f"{part:<9} {score.postings:>8} {score.precision:>10.2f} {score.recall:>7.2f} "
            f"{score.role:>6.2f} {score.stage:>6.2f}"
        )
        if options.misses and options.split in (None, part):
            for miss in misses:
                print(f"  {miss}")


if __name__ == "__main__":
    main()
