"""The benchmark's own database: created, migrated, seeded, and dropped afterwards.

On PostgreSQL (DATABASE_URL names a PostgreSQL server) it is a fresh database,
`hedgerow_bench_intake`, on that server: never the one DATABASE_URL names. Without
a PostgreSQL DATABASE_URL it is a SQLite file under var/bench/.
"""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

REPO = Path(__file__).resolve().parents[2]
BENCH_DB = "hedgerow_bench_intake"
SQLITE_FILE = REPO / "var" / "bench" / "intake-bench.sqlite3"


@dataclass(frozen=True)
class ThrowawayDatabase:
    """Where the benchmark's database lives, and how to reach the server's others."""

    url: str
    vendor: str  # "postgresql" or "sqlite"
    admin_url: str = ""  # PostgreSQL: the maintenance database, to create and drop

    def create(self) -> None:
        """A fresh, empty database (dropping a leftover from an interrupted run)."""
        if self.vendor == "sqlite":
            SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)
            self._remove_sqlite()
            return
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(BENCH_DB)
                )
            )
            admin.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB))
            )

    def drop(self) -> None:
        if self.vendor == "sqlite":
            self._remove_sqlite()
            return
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(BENCH_DB)
                )
            )

    def _remove_sqlite(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)

    def migrate(self, env: dict[str, str]) -> None:
        """`hedgerow migrate`, as an installation does it."""
        subprocess.run(  # noqa: S603 (our own executable, fixed arguments)
            [str(Path(sys.executable).with_name("hedgerow")), "migrate", "--noinput"],
            cwd=REPO,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def throwaway_database() -> ThrowawayDatabase:
    """The benchmark's database: on DATABASE_URL's server if that is PostgreSQL."""
    given = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(given)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        return ThrowawayDatabase(url=f"sqlite:///{SQLITE_FILE}", vendor="sqlite")
    bench = urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    return ThrowawayDatabase(url=bench, vendor="postgresql", admin_url=admin)
