"""PB tally benchmark: the engine beside pabutools on the same file and rule.

On the largest shared elections (Warsaw 2026: 83 projects, 61,668 ballots; Kraków
2024: 119 projects, 65,101 ballots), in one run:

- parse: `read_pabulib` against pabutools' `parse_pabulib` (plus merging identical
  ballots, `as_multiprofile`, which makes pabutools' rules faster);
- greedy (cost satisfaction), Equal Shares (cost satisfaction), and Equal Shares with
  the add-one completion: pabutools' `voter_budget_increment=1` against our
  `budget-increase`, which is the same completion; our cities' `add1` is timed too.

Each of ours is the best of three (of seven for parsing; a fresh parse each time,
so building the supporter index is counted); pabutools runs once, as it takes
minutes. Outcomes must be identical; the target (issue 6) is at least 50× faster
for each.

Run: .venv/bin/python bench/bench_pb.py [--skip-slow-reference]
  --skip-slow-reference leaves out pabutools' add-one (about 10 minutes on Warsaw).
"""

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hedgerow.budgeting.tally import read_pabulib, tally  # noqa: E402
from hedgerow.budgeting.tests import pabutools_reference as reference  # noqa: E402

OUT = REPO / "var" / "bench" / "pb.json"
FILES = ["Poland_Warszawa_2026.pb", "Poland_Krakow_2024.pb"]
RULES = [
    ("greedy", "greedy", "none"),
    ("Equal Shares", "mes", "none"),
    ("Equal Shares + add one", "mes", "budget-increase"),
]


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def _ours(path: Path, rule: str, completion: str) -> tuple[float, list[str]]:
    best, selected = float("inf"), []
    for _ in range(3):
        election = read_pabulib(path)
        seconds, outcome = _timed(lambda e=election: tally(e, rule, "cost", completion))
        best, selected = min(best, seconds), sorted(outcome.selected)
    return best, selected


def _row(label: str, ours: float, theirs: float | None, same: bool | None) -> dict:
    ratio = theirs / ours if theirs is not None and ours > 0 else None
    shown = f"{theirs:9.2f} s" if theirs is not None else "   not run"
    speed = f"{ratio:8.0f}×" if ratio is not None else "        –"
    print(
        f"  {label:<28} ours {ours:8.3f} s   pabutools {shown}   {speed}   same: {same}"
    )
    return {
        "step": label,
        "ours_s": ours,
        "pabutools_s": theirs,
        "speedup": ratio,
        "same": same,
    }


def bench_file(name: str, skip_slow: bool) -> dict:
    path = REPO / "data" / "pabulib" / name
    print(f"\n{name}")
    ours_parse = min(_timed(lambda: read_pabulib(path))[0] for _ in range(7))
    theirs_parse, (instance, profile) = _timed(lambda: reference.parse(path))
    rows = [_row("parse", ours_parse, theirs_parse, None)]
    for label, rule, completion in RULES:
        ours, selected = _ours(path, rule, completion)
        if skip_slow and completion != "none":
            rows.append(_row(label, ours, None, None))
            continue
        theirs, expected = _timed(
            lambda r=rule, c=completion: reference.outcome(
                instance, profile, r, "cost", c
            )
        )
        rows.append(_row(label, ours, theirs, selected == expected))
    city, _selected = _ours(path, "mes", "add1")
    rows.append(_row("Equal Shares + cities' add1", city, None, None))
    return {"file": name, "rows": rows}


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--skip-slow-reference", action="store_true")
    options = args.parse_args()
    results = [bench_file(name, options.skip_slow_reference) for name in FILES]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "machine": platform.platform(),
                "python": platform.python_version(),
                "files": results,
            },
            indent=2,
        )
    )
    print(f"\nwrote {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
