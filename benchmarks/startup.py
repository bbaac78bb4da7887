"""Start-up and scale benchmark for mlcareer (a benchmark, not a test: it never fails a build).

Times each command as a whole process, several runs, and reports the median against a bare Typer
program that prints a rich table holding the same text, so the ratio shows what mlcareer adds
on top of Typer and rich themselves. Then times load-and-compare on generated data files of
10, 100 and 1,000 roles with 40 skills each.

    python benchmarks/startup.py            # 15 runs each
    python benchmarks/startup.py --runs 30 --skip-scale
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 1.15

ANSWERS = {
    "python": 3,
    "software-engineering": 2,
    "algorithms": 2,
    "math-stats": 2,
    "ml-fundamentals": 2,
    "deep-learning": 1,
    "data-wrangling": 3,
    "cloud": 1,
    "containers": 1,
    "mlops": 1,
}

BASELINE = '''
import json
import sys

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=True)


@app.command()
def show(path: str) -> None:
    """Print a table of the rows (lists of cell texts) in PATH; the first row is the header."""
    with open(path, encoding="utf-8") as handle:
        header, *rows = json.load(handle)
    table = Table(show_lines=True)
    for title in header:
        table.add_column(title, overflow="fold", vertical="top")
    for row in rows:
        table.add_row(*row)
    Console().print(table)


@app.command()
def other() -> None:
    """A second command, so that --help lists commands as a real CLI does."""


app()
'''


def paired_medians(ours: list[str], theirs: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall times of two commands, run alternately so that machine noise hits both alike."""
    timings: tuple[list[float], list[float]] = ([], [])
    for index in range(runs + 1):
        for argv, times in ((ours, timings[0]), (theirs, timings[1])):
            start = time.perf_counter()
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            if index:  # the first round warms caches and writes bytecode
                times.append(time.perf_counter() - start)
    return statistics.median(timings[0]), statistics.median(timings[1])


def same_size_rows(tool: list[str], args: list[str], env: dict[str, str]) -> list[list[str]]:
    """The table the baseline prints: the command's own cells where it prints a table of
    data (roles, compare), else its output lines in one column."""

    def run(*extra: str) -> str:
        return subprocess.run([*tool, *args, *extra], env=env, capture_output=True, text=True, check=True).stdout

    if args[0] == "compare":
        data = json.loads(run("--json"))
        rows = [["", *(r["title"] for r in data["roles"])]]
        for row in data["rows"]:
            cells = []
            for role in data["roles"]:
                cell = row["cells"][role["id"]]
                lines = cell["text"] + [f"{f['label']}: {f['value']} [1]" for f in cell["figures"]]
                if cell["level"] is not None:
                    lines = [f"{'●' * cell['level']} {cell['level']}/4", f"importance {cell['importance']}/5"]
                cells.append("\n".join(lines))
            rows.append([row["label"], *cells])
        return rows
    if args[0] == "roles":
        data = json.loads(run("--json"))
        return [["id", "title", "aliases", "summary"]] + [
            [r["id"], r["title"], ", ".join(r["aliases"]), r["summary"]] for r in data["roles"]
        ]
    return [[""]] + [[line] for line in run().splitlines()]


def startup(runs: int, work: Path) -> list[tuple[str, float, float]]:
    env = {**os.environ, "COLUMNS": "100", "MLCAREER_HOME": str(work / "home")}
    env.pop("MLCAREER_DATA", None)
    # NOTE: an installed wheel has compiled bytecode; let an editable install write it too.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    answers = work / "answers.json"
    answers.write_text(json.dumps(ANSWERS), encoding="utf-8")
    baseline = work / "baseline.py"
    baseline.write_text(BASELINE, encoding="utf-8")
    commands = {
        "--help": ["--help"],
        "roles": ["roles"],
        "compare": ["compare"],
        "show mle": ["show", "mle"],
        "faq (query)": ["faq", "do", "I", "need", "a", "phd"],
        "quiz --answers": ["quiz", "--role", "mle", "--answers", str(answers), "--no-save"],
        "skills": ["skills"],
        "match (posting)": ["match", str(ROOT / "tests" / "postings" / "22-ml-engineer-mid-anthropic.txt")],
        "plan": ["plan"],
        "history": ["history"],
    }
    tool = [sys.executable, "-m", "mlcareer"]
    # NOTE: one saved quiz, so that plan, history and match have a result to show
    subprocess.run(
        [*tool, "quiz", "--role", "mle", "--answers", str(answers)], env=env, check=True, capture_output=True
    )
    results: list[tuple[str, float, float]] = []
    for name, args in commands.items():
        text = work / f"text-{len(results)}.json"
        text.write_text(json.dumps(same_size_rows(tool, args, env)), encoding="utf-8")
        base_args = ["--help"] if name == "--help" else ["show", str(text)]
        ours, theirs = paired_medians([*tool, *args], [sys.executable, str(baseline), *base_args], runs, env)
        results.append((name, ours, theirs))
    return results


def long_posting(runs: int, work: Path) -> tuple[int, float, float]:
    """`match` on a posting of about 2,000 words (the labelled postings one after another) against `compare`."""
    env = {**os.environ, "COLUMNS": "100", "MLCAREER_HOME": str(work / "home-long")}
    postings = sorted((ROOT / "tests" / "postings").glob("*.txt"))
    text = ""
    for path in postings:
        if len(text.split()) >= 2000:
            break
        text += path.read_text(encoding="utf-8") + "\n"
    posting = work / "long-posting.txt"
    posting.write_text(text, encoding="utf-8")
    tool = [sys.executable, "-m", "mlcareer"]
    ours, theirs = paired_medians([*tool, "match", str(posting)], [*tool, "compare"], runs, env)
    return len(text.split()), ours, theirs


def scale_file(roles: int, skills: int) -> str:
    """A data file of `roles` roles, each rating `skills` new skills."""
    import yaml

    skill_list = [
        {
            "id": f"skill-{s}",
            "name": f"Skill {s}",
            "description": f"Generated skill {s}.",
            "anchors": [f"has done step {level} of skill {s}" for level in range(5)],
        }
        for s in range(skills)
    ]
    role_list = [
        {
            "id": f"role-{r}",
            "title": f"Role {r}",
            "summary": f"Generated role {r}.",
            "focus": "Generated focus.",
            "overview": "Generated overview.",
            "skills": [
                {
                    "skill": f"skill-{s}",
                    "entry": max((r + s) % 5 - 1, 0),
                    "mid": (r + s) % 5,
                    "senior": min((r + s) % 5 + 1, 4),
                    "importance": 1 + (r * s) % 5,
                }
                for s in range(skills)
            ],
        }
        for r in range(roles)
    ]
    return str(yaml.safe_dump({"skills": skill_list, "roles": role_list}, sort_keys=False, default_flow_style=None))


SCALE_SKILLS = 4
"""Skills each generated role rates: small enough that 10,000 roles fit under the 4 MiB file cap."""


def scale(work: Path, runs: int = 3) -> list[tuple[int, float]]:
    """Load, validate, compare every role and render the comparison as JSON, for growing files."""
    sys.path.insert(0, str(ROOT))
    from mlcareer.aspects import DEFAULT as DEFAULT_ASPECTS
    from mlcareer.catalog import load_catalog
    from mlcareer.compare import compare
    from mlcareer.render.compare import compare_json

    results = []
    for count in (10, 100, 1000, 10_000):
        path = work / f"scale-{count}.yaml"
        path.write_text(scale_file(count, SCALE_SKILLS), encoding="utf-8")
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            catalog = load_catalog(path)
            compare_json(compare(catalog, catalog.roles, DEFAULT_ASPECTS))
            times.append(time.perf_counter() - start)
        results.append((count, statistics.median(times)))
    return results


def history_at_cap(work: Path, runs: int = 3) -> tuple[float, float]:
    """Seconds to read, and to add one result to, a history holding the most results it keeps."""
    sys.path.insert(0, str(ROOT))
    from mlcareer import history
    from mlcareer.files import atomic_write

    path = work / "history.json"
    answers: dict[str, int | None] = {f"skill-{k}": k % 5 for k in range(17)}
    record = history.Record("2026-11-28T10:00:00+00:00", "ml-engineer", "Machine Learning Engineer", 50.0, answers)
    atomic_write(path, history._serialise([record] * history.MAX_RESULTS))
    reads, saves = [], []
    for _ in range(runs):
        start = time.perf_counter()
        history.load(path)
        reads.append(time.perf_counter() - start)
        start = time.perf_counter()
        history.save(record, path)
        saves.append(time.perf_counter() - start)
    return statistics.median(reads), statistics.median(saves)


def hostile() -> tuple[str, float, int]:
    """The slowest file of the hostile corpus (tests/hostile) to be refused, in seconds."""
    sys.path.insert(0, str(ROOT))
    from mlcareer.answers import load_answers
    from mlcareer.catalog import load_bundled
    from mlcareer.errors import DataError
    from mlcareer.loader import load_file

    bundled = load_bundled()
    slowest = ("", 0.0)
    files = sorted((ROOT / "tests" / "hostile").glob("*/*"))
    for path in files:
        start = time.perf_counter()
        try:
            if path.parent.name == "answers":
                load_answers(path, bundled.skills)
            else:
                load_file(path, known_skills=bundled.skills, known_roles=bundled.roles)
        except DataError:
            pass
        seconds = time.perf_counter() - start
        if seconds > slowest[1]:
            slowest = (str(path.relative_to(ROOT / "tests" / "hostile")), seconds)
    return slowest[0], slowest[1], len(files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--skip-scale", action="store_true")
    options = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        print(f"\nstart-up, median of {options.runs} runs (goal: ratio <= {GOAL})")
        print(f"{'command':<16} {'mlcareer':>10} {'baseline':>10} {'ratio':>7}")
        for name, ours, theirs in startup(options.runs, work):
            flag = "" if ours / theirs <= GOAL else "  over goal"
            print(f"{name:<16} {ours * 1000:>8.0f}ms {theirs * 1000:>8.0f}ms {ours / theirs:>7.2f}{flag}")
        words, ours, theirs = long_posting(options.runs, work)
        flag = "" if ours / theirs <= GOAL else "  over goal"
        print(
            f"\nmatch of a {words:,}-word posting {ours * 1000:.0f}ms, compare {theirs * 1000:.0f}ms, "
            f"ratio {ours / theirs:.2f}{flag}"
        )
        name, seconds, count = hostile()
        print(f"\nhostile corpus: {count} files, each refused; the slowest, {name}, took {seconds * 1000:.1f}ms")
        if not options.skip_scale:
            print(
                f"\nscale: load and validate a data file, compare every role, render it as JSON "
                f"({SCALE_SKILLS} skills each)"
            )
            print(f"{'roles':>6} {'seconds':>9} {'per role':>10}")
            for count, seconds in scale(work):
                print(f"{count:>6} {seconds:>9.3f} {seconds / count * 1000:>8.2f}ms")
            read, save = history_at_cap(work)
            print(f"\nhistory at its cap: read {read * 1000:.0f}ms, add a result {save * 1000:.0f}ms")


if __name__ == "__main__":
    main()
