"""How well `mlcareer faq` answers the questions people really type.

Reads tests/faq_queries.tsv (real phrasings with their sources, plus our paraphrases, short forms
and typos), searches each with the bundled FAQ, and prints top-1 and top-3 accuracy and the mean
reciprocal rank, separately for the rows used to tune the search and the rows held out from it.
A row expecting "none" counts as right when the search finds no confident answer.

Each row was labelled twice, by people who did not run the search: `expected` is the first
labeller's answer, `second` the second labeller's, and `also` any other answers judged just as
good (the file's header says how rows were relabelled when an entry was added). The figures are
printed against the first label alone ("one label"), and accepting an answer either labeller
accepted ("either labeller").

    .venv/bin/python benchmarks/faq_quality.py            # the figures
    .venv/bin/python benchmarks/faq_quality.py --misses   # and every query it gets wrong
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "faq_queries.tsv"


class Row(NamedTuple):
    query: str
    expected: str
    split: str
    source: str
    second: str = ""
    also: str = ""

    def accepted(self, either: bool) -> set[str]:
        """The answers that count as right: the first label, and with `either` those of the second labeller."""
        if not either:
            return {self.expected}
        return {self.expected, self.second or self.expected} | {a for a in self.also.split(",") if a}


class Score(NamedTuple):
    queries: int
    top1: float
    top3: float
    mrr: float


def rows() -> list[Row]:
    lines = [line for line in QUERIES.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [Row(**row) for row in csv.DictReader(lines, delimiter="\t")]


sys.path.insert(0, str(ROOT))

from mlcareer.catalog import load_bundled_faq  # noqa: E402 - the repository's own package
from mlcareer.faq import Index  # noqa: E402

INDEX = Index(load_bundled_faq())


def rank(query: str) -> tuple[list[str], bool]:
    """The ids the search ranks for `query`, best first, and whether it is confident of the first."""
    found = INDEX.answer(query)
    return [h.entry.id for h in found.hits], found.confident


def evaluate(chosen: list[Row], *, either: bool = False) -> tuple[Score, list[tuple[Row, list[str], bool]]]:
    """Top-1, top-3 and MRR over the rows; with `either`, an answer either labeller accepted counts."""
    top1 = top3 = reciprocal = 0.0
    misses = []
    for row in chosen:
        ranked, confident = rank(row.query)
        accepted = row.accepted(either)
        if not confident:
            position = 1 if "none" in accepted else 0
        else:
            position = next((i for i, found in enumerate(ranked, 1) if found in accepted), 0)
        top1 += position == 1
        top3 += 1 <= position <= 3
        reciprocal += 1 / position if position else 0.0
        right = position == 1
        if not right:
            misses.append((row, ranked[:3], confident))
    n = max(len(chosen), 1)
    return Score(len(chosen), top1 / n, top3 / n, reciprocal / n), misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="list every query whose best answer is wrong")
    parser.add_argument("--split", choices=["tune", "heldout"], help="only this part (for --misses)")
    options = parser.parse_args()
    everything = rows()
    print(f"FAQ quality on {QUERIES.relative_to(ROOT)} ({len(everything)} queries)")
    print(f"{'part':<9} {'queries':>7} {'labels':<16} {'top-1':>7} {'top-3':>7} {'MRR':>7}")
    for part in ("tune", "heldout"):
        chosen = [r for r in everything if r.split == part]
        for either, labels in ((False, "one label"), (True, "either labeller")):
            score, misses = evaluate(chosen, either=either)
            print(f"{part:<9} {score.queries:>7} {labels:<16} {score.top1:>7.1%} {score.top3:>7.1%} {score.mrr:>7.3f}")
            if either and options.misses and options.split in (None, part):
                for row, ranked, confident in misses:
                    said = ", ".join(ranked) if confident else f"(not confident: {', '.join(ranked)})"
                    want = "/".join(sorted(row.accepted(True)))
                    print(f"  {part} | {row.query} | want {want} | got {said}")


if __name__ == "__main__":
    main()
