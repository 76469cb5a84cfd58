"""Analytics benchmark: a national year of police.uk crime imported, counted, mapped.

1. Generates (once, cached under var/bench/policeuk_national/) about six million
   rows in police.uk's street format: the real West Yorkshire rows resampled
   across all 34,753 LSOAs of England and Wales (each LSOA's share by its
   population), their 43 territorial forces and the 12 months of 2017, one CSV
   per force and month (516 files), as police.uk publishes them.
2. Import: Hedgerow's importer (hedgerow.analytics.compute.policeuk_import, two
   workers) beside the baseline, pandas.read_csv + DataFrame.to_sql into SQLite,
   on the same files, each in its own process so peak memory (max RSS) is its own.
3. Aggregation: LSOA × month × crime type counts of the whole imported year.
4. Gi* (999 permutations) and local Moran's I over all England and Wales LSOAs,
   on each LSOA's rate for the year, with queen weights from the real boundaries.

Needs ../shared/data/geography (the national ONS files). Prints a table, writes
var/bench/analytics.json. Measures only; targets are printed PASS/MISS.

Run: .venv/bin/python bench/bench_analytics.py [--rows 6000000]
"""

import argparse
import csv
import gzip
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hedgerow.analytics.compute.policeuk import FORCE_BY_SLUG, STREET_COLUMNS  # noqa: E402

SHARED = REPO.parent / "shared" / "data" / "geography"
BOUNDARIES = SHARED / "lsoa_2011_boundaries_ew_bsc.geojson.gz"
LOOKUP = SHARED / "lsoa_2011_lookup_police_force.csv.gz"
POPULATION = SHARED / "lsoa_2011_census_population.csv.gz"
GAPS = (
    REPO / "hedgerow" / "geography" / "data" / "local_authority_police_force_2011.csv"
)
REAL = sorted((REPO / "hedgerow" / "analytics" / "data").glob("*-street.csv.gz"))
WORK = REPO / "var" / "bench" / "policeuk_national"
OUT = REPO / "var" / "bench" / "analytics.json"
MONTHS = [f"2017-{m:02d}" for m in range(1, 13)]
SEED = 20170701
TARGETS = {"speedup": 10.0, "peak_mb": 2048.0, "aggregate_s": 2.0, "gi_s": 20.0}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=6_000_000)
    parser.add_argument(
        "--run", choices=["hedgerow", "baseline", "floor"], help=argparse.SUPPRESS
    )
    return parser.parse_args()


def national_lsoas() -> tuple[list[str], np.ndarray, list[str]]:
    """Every LSOA code, its population and its police.uk force slug."""
    with gzip.open(LOOKUP, "rt", encoding="utf-8-sig", newline="") as handle:
        force_of = {r["LSOA Code"]: r["Police_force"] for r in csv.DictReader(handle)}
    with open(GAPS, encoding="utf-8", newline="") as handle:
        by_authority = {
            r["Local authority code"]: r["Police force area"]
            for r in csv.DictReader(handle)
        }
    slug_of = {f.area: f.slug for f in FORCE_BY_SLUG.values()}
    codes, populations, forces = [], [], []
    with gzip.open(POPULATION, "rt", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        code_at, la_at, persons_at = (
            header.index("LSOA Code"),
            header.index("Local authority code"),
            header.index("Persons"),
        )
        for row in reader:
            area = force_of.get(row[code_at]) or by_authority[row[la_at]]
            codes.append(row[code_at])
            populations.append(int(row[persons_at].replace(",", "")))
            forces.append(slug_of[area])
    return codes, np.array(populations, dtype=np.float64), forces


def centroids(codes: list[str]) -> dict[str, tuple[float, float]]:
    """Each LSOA's bounding-box centre, where its generated crimes are placed."""
    with gzip.open(BOUNDARIES, "rt", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    found = {}
    for feature in features:
        flat = np.array(_positions(feature["geometry"]["coordinates"]))
        (x0, y0), (x1, y1) = flat.min(axis=0), flat.max(axis=0)
        found[feature["properties"]["LSOA11CD"]] = ((x0 + x1) / 2, (y0 + y1) / 2)
    return {code: found[code] for code in codes}


def _positions(coordinates: Any) -> list[list[float]]:
    if isinstance(coordinates[0], int | float):
        return [coordinates[:2]]
    return [p for part in coordinates for p in _positions(part)]


def generate(rows: int) -> list[Path]:
    """The national year as police.uk files; reused when already generated."""
    marker = WORK / f"done-{rows}"
    if marker.exists():
        return sorted(WORK.glob("*/*.csv"))
    import pandas as pd  # noqa: PLC0415

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    started = time.perf_counter()
    codes, populations, forces = national_lsoas()
    places = centroids(codes)
    real = pd.concat(
        [pd.read_csv(p, dtype=str, keep_default_na=False) for p in REAL],
        ignore_index=True,
    )
    rng = np.random.default_rng(SEED)
    lsoa_of_row = rng.choice(len(codes), size=rows, p=populations / populations.sum())
    month_of_row = rng.integers(0, len(MONTHS), size=rows)
    template = rng.integers(0, len(real), size=rows)
    frame = real.iloc[template].reset_index(drop=True)
    codes_a = np.array(codes)
    forces_a = np.array(forces)
    frame["LSOA code"] = codes_a[lsoa_of_row]
    frame["LSOA name"] = ""
    frame["Month"] = np.array(MONTHS)[month_of_row]
    slug = forces_a[lsoa_of_row]
    names = {f.slug: f.reported_by for f in FORCE_BY_SLUG.values()}
    frame["Reported by"] = [names[s] for s in slug]
    frame["Falls within"] = frame["Reported by"]
    lon = np.array([places[c][0] for c in codes])[lsoa_of_row]
    lat = np.array([places[c][1] for c in codes])[lsoa_of_row]
    located = frame["Longitude"] != ""
    frame["Longitude"] = np.where(located, np.round(lon, 6).astype(str), "")
    frame["Latitude"] = np.where(located, np.round(lat, 6).astype(str), "")
    frame.loc[~located, "LSOA code"] = ""
    has_id = frame["Crime ID"] != ""
    ids = rng.integers(0, 2**63, size=(rows, 4), dtype=np.uint64)
    frame["Crime ID"] = np.where(
        has_id, ["".join(f"{n:016x}" for n in row) for row in ids], ""
    )
    frame["_slug"] = slug
    for (force, month), part in frame.groupby(["_slug", "Month"], sort=True):
        folder = WORK / month
        folder.mkdir(exist_ok=True)
        part[list(STREET_COLUMNS)].to_csv(
            folder / f"{month}-{force}-street.csv", index=False
        )
    marker.write_text(f"{time.perf_counter() - started:.1f} s\n")
    return sorted(WORK.glob("*/*.csv"))


def run_hedgerow(files: list[Path]) -> dict[str, Any]:
    from hedgerow.analytics.compute.policeuk_import import import_files  # noqa: PLC0415

    codes, _, _ = national_lsoas()
    staging = WORK.parent / "policeuk_store"
    shutil.rmtree(staging, ignore_errors=True)
    started = time.perf_counter()
    result = import_files(files, known_lsoas=codes, staging=staging, workers=2)
    seconds = time.perf_counter() - started
    slow = sum(1 for f in result.files if f.slow_path)
    return {
        "rows": result.rows,
        "seconds": seconds,
        "rejected": result.rejected,
        "slow_path_files": slow,
        "files": len(result.files),
    }


def run_floor(files: list[Path]) -> dict[str, Any]:
    """DuckDB's bare CSV → Parquet COPY of each file, nothing checked or derived.

    Not an importer (no keys, no checks, no catalogue): the fastest the Parquet
    store can be written on this machine, to read the importer's figure against.
    """
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    import duckdb  # noqa: PLC0415

    from hedgerow.analytics.compute.policeuk_import import _read_csv_sql  # noqa: PLC0415

    target = WORK.parent / "policeuk_floor"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    db = duckdb.connect(":memory:")
    db.execute("SET threads = 1")

    def copy(numbered: tuple[int, Path]) -> None:
        number, path = numbered
        cursor = db.cursor()
        cursor.execute(
            f"COPY (SELECT * FROM {_read_csv_sql(path)}) TO "  # noqa: S608
            f"'{target / f'{number}.parquet'}' (FORMAT parquet, COMPRESSION snappy)"
        )
        cursor.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(copy, enumerate(files)))
    seconds = time.perf_counter() - started
    rows = db.execute(
        f"SELECT count(*) FROM read_parquet('{target}/*.parquet')"  # noqa: S608
    ).fetchone()
    shutil.rmtree(target, ignore_errors=True)
    return {"rows": int(rows[0]) if rows else 0, "seconds": seconds}


def run_baseline(files: list[Path]) -> dict[str, Any]:
    import pandas as pd  # noqa: PLC0415

    target = WORK.parent / "policeuk_baseline.sqlite3"
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    rows = 0
    with sqlite3.connect(target) as db:
        for path in files:
            frame = pd.read_csv(path)
            frame.to_sql("crimes", db, if_exists="append", index=False)
            rows += len(frame)
    seconds = time.perf_counter() - started
    return {"rows": rows, "seconds": seconds}


def peak_memory_mb() -> float:
    """This process's peak resident memory, DuckDB's included (Linux VmHWM).

    Not getrusage's ru_maxrss: Linux carries that across exec from the parent.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_own_process(which: str, rows: int) -> dict[str, Any]:
    """Run one importer in a fresh process, so its peak memory is its own."""
    output = subprocess.run(  # noqa: S603 - our own script, our own arguments
        [sys.executable, __file__, "--rows", str(rows), "--run", which],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def aggregate() -> dict[str, Any]:
    import duckdb  # noqa: PLC0415

    from hedgerow.analytics.compute.area_stats import crime_counts  # noqa: PLC0415

    files = sorted((WORK.parent / "policeuk_store").glob("*.parquet"))
    db = duckdb.connect()
    listed = ", ".join(f"'{f}'" for f in files)
    db.execute(f"CREATE VIEW crimes AS SELECT * FROM read_parquet([{listed}])")  # noqa: S608
    materialised, fetched = [], []
    for _ in range(3):
        # In DuckDB: the groups built into a table, ready for the next query.
        started = time.perf_counter()
        db.execute(
            "CREATE OR REPLACE TEMP TABLE groups AS SELECT lsoa_code, month, "
            "crime_type, count(*) AS count FROM crimes WHERE lsoa_code IS NOT NULL "
            "GROUP BY ALL"
        )
        materialised.append(time.perf_counter() - started)
        # And handed to Python as a pandas frame (crime_counts, as the commands do).
        started = time.perf_counter()
        counts = crime_counts(db, by=("lsoa_code", "month", "crime_type"))
        fetched.append(time.perf_counter() - started)
    per_lsoa = counts.groupby("lsoa_code")["count"].sum()
    return {
        "seconds": min(materialised),
        "seconds_to_pandas": min(fetched),
        "groups": len(counts),
        "per_lsoa": per_lsoa,
    }


def hotspots(per_lsoa: Any) -> dict[str, Any]:
    from hedgerow.analytics.compute.hotspots import gi_star, local_moran  # noqa: PLC0415
    from hedgerow.analytics.compute.weights import (  # noqa: PLC0415
        geometries_from_geojson,
        queen_weights,
    )

    codes, populations, _ = national_lsoas()
    with gzip.open(BOUNDARIES, "rt", encoding="utf-8") as handle:
        features = {
            f["properties"]["LSOA11CD"]: f["geometry"]
            for f in json.load(handle)["features"]
        }
    started = time.perf_counter()
    weights = queen_weights(
        codes, geometries_from_geojson([features[c] for c in codes])
    )
    weights_s = time.perf_counter() - started
    counts = per_lsoa.reindex(codes, fill_value=0).to_numpy(dtype=np.float64)
    rates = counts / populations * 1000
    started = time.perf_counter()
    gi = gi_star(rates, weights, permutations=999)
    gi_s = time.perf_counter() - started
    started = time.perf_counter()
    local_moran(rates, weights, permutations=999)
    moran_s = time.perf_counter() - started
    hot = int(np.char.startswith(gi.classes.astype(str), "hot").sum())
    return {
        "areas": len(codes),
        "weights_s": weights_s,
        "gi_s": gi_s,
        "moran_s": moran_s,
        "hot_areas": hot,
        "islands": len(weights.islands),
    }


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def report(
    *,
    hedgerow: dict[str, Any],
    baseline: dict[str, Any],
    floor: dict[str, Any],
    speedup: float,
    totals: dict[str, Any],
    spatial: dict[str, Any],
) -> None:
    print(f"\nImport of {hedgerow['rows']:,} rows    seconds      rows/s  peak MB")
    for name, run in (
        ("Hedgerow (DuckDB → Parquet)", hedgerow),
        ("pandas read_csv + to_sql", baseline),
    ):
        rate = run["rows"] / run["seconds"]
        print(f"  {name:<28}{run['seconds']:>8.1f}{rate:>12,.0f}{run['peak_mb']:>9.0f}")
    print(
        f"  speed-up {speedup:.1f}x ({verdict(speedup >= TARGETS['speedup'])}, "
        f"target ≥ 10x); peak memory "
        f"{verdict(hedgerow['peak_mb'] < TARGETS['peak_mb'])} (target < 2 GB); "
        f"rejected {hedgerow['rejected']}; slow path: {hedgerow['slow_path_files']}"
    )
    print(
        f"  DuckDB bare COPY, nothing checked: {floor['seconds']:.1f} s "
        f"({baseline['seconds'] / floor['seconds']:.1f}x the baseline): the most "
        "any importer writing this Parquet could reach here"
    )
    ok = verdict(totals["seconds"] < TARGETS["aggregate_s"])
    print(
        f"Aggregation LSOA × month × crime type: {totals['seconds']:.2f} s, "
        f"{totals['groups']:,} groups ({ok}, target < 2 s); into pandas: "
        f"{totals['seconds_to_pandas']:.2f} s"
    )
    print(
        f"Queen weights, {spatial['areas']:,} LSOAs: {spatial['weights_s']:.1f} s "
        f"({spatial['islands']} island)"
    )
    print(
        f"Gi* 999 permutations: {spatial['gi_s']:.1f} s "
        f"({verdict(spatial['gi_s'] < TARGETS['gi_s'])}, target < 20 s); "
        f"local Moran's I 999 permutations: {spatial['moran_s']:.1f} s"
    )


def main() -> None:
    args = arguments()
    if args.run:
        files = generate(args.rows)
        run = {"hedgerow": run_hedgerow, "baseline": run_baseline, "floor": run_floor}[
            args.run
        ]
        figures = run(files)
        figures["peak_mb"] = peak_memory_mb()
        print(json.dumps(figures))
        return
    if not BOUNDARIES.exists():
        print(
            f"bench_analytics: skipped, {SHARED} is not here (needs the national files)"
        )
        return
    started = time.perf_counter()
    files = generate(args.rows)
    size = sum(f.stat().st_size for f in files) / 1e9
    took = time.perf_counter() - started
    print(f"{len(files)} police.uk files, {size:.2f} GB, in {WORK} ({took:.0f} s)")
    hedgerow = in_own_process("hedgerow", args.rows)
    baseline = in_own_process("baseline", args.rows)
    floor = in_own_process("floor", args.rows)
    speedup = baseline["seconds"] / hedgerow["seconds"]
    totals = aggregate()
    spatial = hotspots(totals.pop("per_lsoa"))
    report(
        hedgerow=hedgerow,
        baseline=baseline,
        floor=floor,
        speedup=speedup,
        totals=totals,
        spatial=spatial,
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                },
                "rows": args.rows,
                "files": len(files),
                "import": {
                    "hedgerow": hedgerow,
                    "baseline": baseline,
                    "speedup": speedup,
                    "floor_bare_copy": floor,
                    "floor_speedup": baseline["seconds"] / floor["seconds"],
                },
                "aggregation": totals,
                "spatial": spatial,
                "targets": TARGETS,
            },
            indent=2,
        )
    )
    print(f"\nWrote {OUT}")


if __name__ == "__main__":
    main()
