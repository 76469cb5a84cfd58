"""Audit trail benchmarks: what chaining costs per write, and what verifying costs.

Run: DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/bench_audit.py
(or `make bench`). Uses its own throwaway database: SQLite file by default, PostgreSQL
when DATABASE_URL is set. Prints a table and writes var/bench/audit.json.
"""
# ruff: noqa: E402  (Django must be set up before models are imported)

import json
import os
import platform
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment

from hedgerow.audit.chain import event_hash
from hedgerow.audit.models import GENESIS_HASH, Action, AuditChainHead, AuditEvent
from hedgerow.audit.services import HEAD_ID, audit_record
from hedgerow.audit.verification import audit_chain_verify

RECORD_EVENTS = 5_000
RECORD_ROUNDS = 5
VERIFY_SIZES = (25_000, 100_000)
BATCH = 5_000
# Verification is timed as the best of a few runs: other work on the machine only
# ever slows a run down.
REPEATS = 3
OUT = settings.VAR_DIR / "bench" / "audit.json"
START = datetime(2026, 1, 1, tzinfo=UTC)


@contextmanager
def throwaway_database() -> Iterator[None]:
    """A fresh, migrated test database, destroyed afterwards."""
    setup_test_environment()
    bench_db = "bench_hedgerow_audit"
    if connection.vendor == "sqlite":
        # A file, not SQLite's in-memory test default, so commits pay for the disk.
        bench_db = str(settings.VAR_DIR / "bench" / "audit-bench.sqlite3")
    connection.settings_dict["TEST"]["NAME"] = bench_db
    OUT.parent.mkdir(parents=True, exist_ok=True)
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False
    )
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def trail_wipe() -> None:
    """Empty the trail as Django's test flush does (TRUNCATE or DELETE, no UPDATE)."""
    tables = ["audit_auditevent", "audit_auditchainhead"]
    with connection.cursor() as cursor:
        for sql in connection.ops.sql_flush(no_style(), tables, reset_sequences=True):
            cursor.execute(sql)


def event_fields(n: int) -> dict[str, Any]:
    """The content of a realistic event: a person viewing a record, with a reason."""
    return {
        "actor_label": f"officer{n % 40}@police.example",
        "action": str(Action.VIEW),
        "target_type": "reports.report",
        "target_id": str(n % 997),
        "purpose": "Reviewing intelligence before a partnership tasking meeting",
        "detail": {"section": "summary", "page": n % 7},
    }


def timed(work: Callable[[], object]) -> float:
    """Seconds `work` takes."""
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def peak_memory(work: Callable[[], object]) -> int:
    """Peak bytes Python allocated while `work` ran."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def record_chained(rows: list[dict[str, Any]]) -> None:
    """The real path: audit_record, one transaction (and commit) per event."""
    for fields in rows:
        audit_record(actor=None, **fields)


def unchained_event(seq: int, fields: dict[str, Any]) -> AuditEvent:
    """The same row without chaining: no head lock, dummy hashes."""
    return AuditEvent(
        seq=seq,
        occurred_at=START + timedelta(seconds=seq),
        prev_hash=GENESIS_HASH,
        hash=f"{seq:064x}",
        **fields,
    )


def record_plain(rows: list[dict[str, Any]]) -> None:
    """Baseline 1: a plain ORM insert per event, also one commit each."""
    for seq, fields in enumerate(rows, start=1):
        unchained_event(seq, fields).save()


def record_bulk(rows: list[dict[str, Any]]) -> None:
    """Baseline 2: every row in a few multi-row INSERTs."""
    events = [unchained_event(seq, f) for seq, f in enumerate(rows, start=1)]
    AuditEvent.objects.bulk_create(events, batch_size=1000)


def bench_recording() -> dict[str, Any]:
    """(a) events/s for audit_record against unchained inserts of the same rows.

    The methods take turns, a slice of the events each round, so that load from
    other work on the machine falls on all of them alike.
    """
    rows = [event_fields(n) for n in range(RECORD_EVENTS // RECORD_ROUNDS)]
    methods = {
        "audit_record (chained)": record_chained,
        "plain .save() (no chain)": record_plain,
        "bulk_create (no chain)": record_bulk,
    }
    seconds = dict.fromkeys(methods, 0.0)
    for _round in range(RECORD_ROUNDS):
        for name, method in methods.items():
            trail_wipe()
            seconds[name] += timed(lambda method=method: method(rows))
    trail_wipe()
    return {
        name: {"seconds": total, "events_per_s": RECORD_EVENTS / total}
        for name, total in seconds.items()
    }


def chain_extend(upto: int) -> None:
    """Append correctly chained events by bulk_create until the trail holds `upto`."""
    head = AuditChainHead.objects.filter(pk=HEAD_ID).first()
    newest, prev_hash = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    batch: list[AuditEvent] = []
    for seq in range(newest + 1, upto + 1):
        fields = {
            **event_fields(seq),
            "seq": seq,
            "occurred_at": START + timedelta(seconds=seq),
            "actor_id": None,
            "agency_id": None,
            "agency_label": "",
            "recipient": "",
            "prev_hash": prev_hash,
        }
        prev_hash = event_hash(fields)
        batch.append(AuditEvent(**fields, hash=prev_hash))
        if len(batch) == BATCH:
            AuditEvent.objects.bulk_create(batch)
            batch = []
    AuditEvent.objects.bulk_create(batch)
    AuditChainHead.objects.update_or_create(
        pk=HEAD_ID, defaults={"seq": upto, "hash": prev_hash}
    )


def verify() -> None:
    report = audit_chain_verify()
    assert report.intact, report


def iterate_only() -> None:
    """Baseline: read every row the way verification does, but hash nothing."""
    for _row in AuditEvent.objects.order_by("seq").values().iterator(chunk_size=2000):
        pass


def bench_verification() -> list[dict[str, Any]]:
    """(b) verification speed and peak memory at each trail size, with the baseline."""
    results = []
    for size in VERIFY_SIZES:
        chain_extend(size)
        # A first read after a bulk insert is slower on PostgreSQL (it sets hint
        # bits); read once untimed so both methods start from the same state.
        iterate_only()
        for name, method in (
            ("audit_chain_verify", verify),
            ("iterate only", iterate_only),
        ):
            seconds = min(timed(method) for _ in range(REPEATS))
            results.append(
                {
                    "events": size,
                    "method": name,
                    "seconds": seconds,
                    "events_per_s": size / seconds,
                    "peak_bytes": peak_memory(method),
                }
            )
    return results


def summary(
    recording: dict[str, Any], verification: list[dict[str, Any]]
) -> dict[str, Any]:
    """The headline ratios: chaining overhead, hashing cost, memory growth."""
    chained = recording["audit_record (chained)"]["events_per_s"]
    plain = recording["plain .save() (no chain)"]["events_per_s"]
    by_key = {(r["events"], r["method"]): r for r in verification}
    small, large = VERIFY_SIZES
    verify_large = by_key[(large, "audit_chain_verify")]
    return {
        "chaining_overhead_vs_plain_save": plain / chained,
        "verify_time_vs_iterate_only": verify_large["seconds"]
        / by_key[(large, "iterate only")]["seconds"],
        "verify_peak_memory_growth": verify_large["peak_bytes"]
        / by_key[(small, "audit_chain_verify")]["peak_bytes"],
    }


def table(results: dict[str, Any]) -> str:
    """The figures as a plain-text table."""
    env = results["environment"]
    lines = [
        f"Audit trail benchmarks — {env['database']}, {env['cpus']} CPUs, "
        f"Python {env['python']}",
        "",
        f"(a) Recording {RECORD_EVENTS:,} events in {RECORD_ROUNDS} interleaved rounds "
        "(one transaction each, except bulk)",
        f"  {'method':<28}{'events/s':>10}{'µs/event':>10}",
    ]
    for name, row in results["recording"].items():
        per_event = row["seconds"] / RECORD_EVENTS * 1e6
        lines.append(f"  {name:<28}{row['events_per_s']:>10,.0f}{per_event:>10,.0f}")
    s = results["summary"]
    lines += [
        f"  chaining overhead: {s['chaining_overhead_vs_plain_save']:.2f}x "
        "the time of a plain insert",
        "",
        f"(b) Verifying the chain (best of {REPEATS}; peak = Python allocations, "
        "tracemalloc)",
        f"  {'events':>8}  {'method':<20}{'events/s':>10}{'seconds':>9}"
        f"{'peak MiB':>10}",
    ]
    for row in results["verification"]:
        lines.append(
            f"  {row['events']:>8,}  {row['method']:<20}{row['events_per_s']:>10,.0f}"
            f"{row['seconds']:>9.2f}{row['peak_bytes'] / 2**20:>10.2f}"
        )
    lines += [
        f"  verify takes {s['verify_time_vs_iterate_only']:.2f}x the time of reading "
        "the rows alone",
        f"  peak memory at {VERIFY_SIZES[1]:,} / at {VERIFY_SIZES[0]:,} events: "
        f"{s['verify_peak_memory_growth']:.2f}x (flat means ≈1)",
    ]
    return "\n".join(lines)


def database_name() -> str:
    """Which database the figures come from, with its version."""
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version} (file)"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def main() -> None:
    with throwaway_database():
        environment = {
            "database": database_name(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        }
        recording = bench_recording()
        verification = bench_verification()
    results = {
        "environment": environment,
        "recording": recording,
        "verification": verification,
        "summary": summary(recording, verification),
    }
    print(table(results))
    OUT.write_text(json.dumps(results, indent=2))
    print(f"\nWrote {OUT}")


if __name__ == "__main__":
    main()
