"""Intake benchmark: a real server taking reports through Open311 under load.

A gunicorn server (2 workers) on its own throwaway database; N clients submit
complete reports to `POST /open311/v2/requests.json` for S seconds, then the same
clients call a bare Django view on the same server for S seconds as the baseline.
Prints throughput, latency percentiles, errors, and reports accepted vs stored;
writes var/bench/intake.json. Measures only: targets are printed PASS/MISS.

Run: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/hedgerow \
         .venv/bin/python bench/bench_intake.py [--seconds 60] [--clients 50]
Without a PostgreSQL DATABASE_URL it runs on a SQLite file (labelled as such).
"""
# ruff: noqa: E402  (the database must be chosen before Django is set up)

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.intake.database import throwaway_database
from bench.intake.load import PhaseResult, bare_request, open311_request, run_phase
from bench.intake.server import Gunicorn, machine_cpu, named_processes_cpu_seconds

OUT = REPO / "var" / "bench" / "intake.json"
SETTINGS = "config.settings.bench"
WARMUP_SECONDS = 3
TARGET_P95_MS = 250


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="per phase")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--worker-class", default="gthread", choices=["gthread", "sync"]
    )
    parser.add_argument("--threads", type=int, default=2, help="per gthread worker")
    return parser.parse_args()


def measured_phase(server: Gunicorn, **phase: Any) -> tuple[PhaseResult, dict]:
    """Run one phase and say where the machine's CPU went while it ran."""
    busy_before, total_before = machine_cpu()
    workers_before = server.workers_cpu_seconds()
    postgres_before = named_processes_cpu_seconds("postgres")
    result = run_phase(port=server.port, **phase)
    busy_after, total_after = machine_cpu()
    cores = os.cpu_count() or 1
    wall_cores = (total_after - total_before) / cores  # wall seconds, per core
    cpu = {
        "machine_busy_cores": (busy_after - busy_before) / wall_cores,
        "gunicorn_workers_cores": (server.workers_cpu_seconds() - workers_before)
        / result.seconds,
        "postgres_cores": (named_processes_cpu_seconds("postgres") - postgres_before)
        / result.seconds,
        "load_generator_cores": result.loadgen_cpu_seconds / result.seconds,
    }
    # Per request, CPU time is what other work on a shared machine changes least.
    per_request = result.seconds / max(result.requests, 1) * 1000
    cpu["gunicorn_ms_per_request"] = cpu["gunicorn_workers_cores"] * per_request
    cpu["postgres_ms_per_request"] = cpu["postgres_cores"] * per_request
    return result, cpu


def phase_json(result: PhaseResult, cpu: dict) -> dict[str, Any]:
    return {
        "requests": result.requests,
        "seconds": result.seconds,
        "throughput_per_s": result.throughput,
        "latency_ms": {f"p{p}": result.percentile(p) for p in (50, 95, 99)},
        "errors": sum(result.errors.values()),
        "error_kinds": dict(result.errors),
        "cpu": cpu,
    }


def database_name(vendor: str) -> str:
    from django.db import connection  # noqa: PLC0415 (after django.setup())

    if vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version} (file)"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def run(args: argparse.Namespace, log_dir: Path) -> dict[str, Any]:
    database = throwaway_database()
    database.create()
    # bench.urls is imported by `hedgerow migrate` (checks) and by gunicorn.
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env = {
        **os.environ,
        "DATABASE_URL": database.url,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "PYTHONPATH": path,
    }
    os.environ.update(DATABASE_URL=database.url, DJANGO_SETTINGS_MODULE=SETTINGS)
    import django  # noqa: PLC0415

    django.setup()
    from django.db import connections  # noqa: PLC0415

    from bench.intake.seed import (  # noqa: PLC0415
        catalogue_seed,
        geography_seed,
        open311_references,
    )

    server = Gunicorn(
        env=env,
        log_path=log_dir / "gunicorn.log",
        workers=args.workers,
        worker_class=args.worker_class,
        threads=args.threads,
    )
    try:
        database.migrate(env)
        lsoas = geography_seed()
        threats = catalogue_seed()
        server.start()
        common = {"threats": threats, "clients": args.clients}
        # Warm-up, not measured: workers import, connect and fill their caches.
        run_phase(
            name="warm-up", port=server.port, make=open311_request,
            seconds=WARMUP_SECONDS, **common,
        )  # fmt: skip
        run_phase(
            name="warm-up", port=server.port, make=bare_request,
            seconds=WARMUP_SECONDS, **common,
        )  # fmt: skip
        stored_before = open311_references()
        open311, open311_cpu = measured_phase(
            server, name="open311", make=open311_request, seconds=args.seconds,
            **common,
        )  # fmt: skip
        stored = open311_references() - stored_before
        bare, bare_cpu = measured_phase(
            server, name="bare", make=bare_request, seconds=args.seconds, **common
        )
        environment = {
            "database": database_name(database.vendor),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "server": f"gunicorn, {args.workers} {args.worker_class} workers"
            + (f" × {args.threads} threads" if args.worker_class == "gthread" else ""),
            "gunicorn_config": "config/gunicorn.conf.py" if server.uses_config else "",
            "lsoas": lsoas,
            "threats": len(threats),
            "clients": args.clients,
            "seconds_per_phase": args.seconds,
        }
    finally:
        server.stop()
        connections.close_all()
        database.drop()
    accepted = open311.accepted
    missing = sorted(set(accepted) - stored)
    return {
        "environment": environment,
        "open311": phase_json(open311, open311_cpu),
        "bare": phase_json(bare, bare_cpu),
        "reports": {
            "accepted": len(accepted),
            "stored": len(stored),
            "lost": len(accepted) - len(stored),
            "accepted_but_not_found": len(missing),
            "duplicate_references": len(accepted) - len(set(accepted)),
        },
    }


def targets(results: dict[str, Any]) -> dict[str, bool]:
    open311 = results["open311"]
    return {
        "0 errors": open311["errors"] == 0,
        "0 lost": results["reports"]["lost"] == 0
        and results["reports"]["accepted_but_not_found"] == 0,
        f"p95 < {TARGET_P95_MS} ms": open311["latency_ms"]["p95"] < TARGET_P95_MS,
    }


def table(results: dict[str, Any]) -> str:
    env = results["environment"]
    lines = [
        f"Intake benchmark — {env['database']}, {env['cpus']} CPUs, "
        f"Python {env['python']}",
        f"{env['server']} (config: {env['gunicorn_config'] or 'none'}); "
        f"{env['clients']} keep-alive clients, "
        f"{env['seconds_per_phase']:g} s per phase; "
        f"{env['threats']} threats, {env['lsoas']:,} LSOAs loaded",
        "",
        f"  {'endpoint':<32}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'p99 ms':>8}{'errors':>8}",
    ]
    for key, label in (
        ("open311", "POST /open311/v2/requests.json"),
        ("bare", "GET /bench/bare/ (bare view)"),
    ):
        row = results[key]
        ms = row["latency_ms"]
        lines.append(
            f"  {label:<32}{row['requests']:>9,}{row['throughput_per_s']:>8,.0f}"
            f"{ms['p50']:>8.1f}{ms['p95']:>8.1f}{ms['p99']:>8.1f}{row['errors']:>8,}"
        )
    for key in ("open311", "bare"):
        if results[key]["error_kinds"]:
            lines.append(f"  {key} errors: {results[key]['error_kinds']}")
    ratio = results["bare"]["throughput_per_s"] / max(
        results["open311"]["throughput_per_s"], 1e-9
    )
    reports = results["reports"]
    lines += [
        f"  a report costs {ratio:.1f}x a bare request (ratio of throughputs)",
        "",
        f"  reports: accepted {reports['accepted']:,}, stored {reports['stored']:,}, "
        f"lost {reports['lost']:,} (accepted ids not in the database: "
        f"{reports['accepted_but_not_found']:,})",
        "",
        f"  CPU, in cores busy (of {env['cpus']}):"
        f"{'machine':>11}{'gunicorn':>10}{'postgres':>10}{'clients':>9}"
        "   CPU ms per request: gunicorn, postgres",
    ]
    for key in ("open311", "bare"):
        cpu = results[key]["cpu"]
        lines.append(
            f"  {key:<28}{cpu['machine_busy_cores']:>11.2f}"
            f"{cpu['gunicorn_workers_cores']:>10.2f}{cpu['postgres_cores']:>10.2f}"
            f"{cpu['load_generator_cores']:>9.2f}"
            f"{cpu['gunicorn_ms_per_request']:>24.1f}{cpu['postgres_ms_per_request']:>10.1f}"
        )
    lines += ["", "  targets (Open311):"]
    for name, met in results["targets"].items():
        lines.append(f"    {name:<16}{'PASS' if met else 'MISS'}")
    return "\n".join(lines)


def main() -> None:
    args = arguments()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hedgerow-bench-intake-") as tmp:
        started = time.monotonic()
        try:
            results = run(args, Path(tmp))
        except Exception:
            log = Path(tmp) / "gunicorn.log"
            if log.exists():
                print(log.read_text()[-4000:], file=sys.stderr)
            raise
        results["targets"] = targets(results)
        results["wall_seconds"] = time.monotonic() - started
    print(table(results))
    OUT.write_text(json.dumps(results, indent=2, default=dict))
    print(f"\nWrote {OUT}")


if __name__ == "__main__":
    main()
