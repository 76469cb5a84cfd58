"""A real Hedgerow server process for tests, and everything it kept afterwards.

`running_server()` starts gunicorn (config/gunicorn.conf.py when it exists, as a
deployment runs it) with the production settings adapted for plain HTTP on
127.0.0.1 (config.settings.bench), on the database the test itself uses:

- PostgreSQL: the test database pytest-django created (the test must use
  `transactional_db`, so what it seeds is committed and visible to the server).
- SQLite: pytest-django's test database lives in memory, which no other process
  can open, so it is copied (with what the test seeded) to a file the server uses.

Everything the server writes (stdout, stderr, the access log, any file under its
var/ directory, and the SQLite file itself) lands in one temporary directory, so
a test can search all of it; `database_rows()` reads every row of every table.
"""

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import connection

REPO = Path(__file__).resolve().parents[2]
GUNICORN_CONFIG = REPO / "config" / "gunicorn.conf.py"
SETTINGS = "config.settings.bench"
STARTUP_SECONDS = 60


@dataclass
class Server:
    """A running (or stopped) gunicorn and the directory holding what it wrote."""

    port: int
    directory: Path
    process: subprocess.Popen[bytes]
    sqlite_file: Path | None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stop gracefully, so every log line is flushed before anyone reads it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def log_tail(self, characters: int = 3000) -> str:
        """The end of the server's stderr, to explain a failed request."""
        log = self.directory / "stderr.log"
        return log.read_text(errors="replace")[-characters:] if log.exists() else ""

    def written_files(self) -> dict[Path, bytes]:
        """Every file the server wrote: logs, anything under var/, the SQLite file."""
        return {
            path: path.read_bytes()
            for path in sorted(self.directory.rglob("*"))
            if path.is_file()
        }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _database_url(directory: Path) -> tuple[str, Path | None]:
    """A URL for the test's own database, copying SQLite's in-memory one to a file."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        user = quote(db["USER"] or "", safe="")
        password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
        host = db["HOST"] or "127.0.0.1"
        port = f":{db['PORT']}" if db["PORT"] else ""
        return f"postgresql://{user}{password}@{host}{port}/{db['NAME']}", None
    if connection.vendor != "sqlite":  # pragma: no cover
        raise NotImplementedError(connection.vendor)
    copy = directory / "server.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(copy)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{copy}", copy


def _gunicorn_command(port: int, directory: Path) -> list[str]:
    command = [str(Path(sys.executable).with_name("gunicorn"))]
    if GUNICORN_CONFIG.exists():
        command += ["--config", str(GUNICORN_CONFIG)]
    return [
        *command,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--chdir",
        str(REPO),
        # Its own control socket: the default is one per user, shared by every
        # gunicorn running at the same time (another test run, a benchmark).
        "--control-socket",
        str(directory / "gunicorn.ctl"),
        "config.wsgi:application",
    ]


def _wait_until_answering(process: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited while starting")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not listen within {STARTUP_SECONDS} s")


@contextmanager
def running_server(directory: Path) -> Iterator[Server]:
    """gunicorn with 2 workers on the test's database; stopped on the way out."""
    directory.mkdir(parents=True, exist_ok=True)
    database_url, sqlite_file = _database_url(directory)
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": database_url,
        "HEDGEROW_VAR_DIR": str(directory / "var"),
        # The deployment's access log (off by default) switched on, in the
        # deployment's own format, so that what it would record is searched too.
        "HEDGEROW_ACCESS_LOG": str(directory / "access.log"),
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(REPO), os.environ.get("PYTHONPATH")])
        ),
    }
    env.pop("SECRET_KEY", None)
    with (
        (directory / "stdout.log").open("wb") as stdout,
        (directory / "stderr.log").open("wb") as stderr,
    ):
        process = subprocess.Popen(
            _gunicorn_command(port, directory),
            cwd=REPO,
            env=env,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
        )
    server = Server(
        port=port, directory=directory, process=process, sqlite_file=sqlite_file
    )
    try:
        _wait_until_answering(process, port)
        yield server
    finally:
        server.stop()


def database_rows(server: Server) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table (Django's own, sessions included) the server used."""
    if server.sqlite_file is not None:
        db = sqlite3.connect(server.sqlite_file)
        try:
            names = [
                row[0]
                for row in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
            ]
            return {name: _rows(db.cursor(), name, '"') for name in names}
        finally:
            db.close()
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        return {name: _rows(cursor, name, '"') for name in names}


def _rows(cursor: Any, table: str, quote_char: str) -> list[dict[str, Any]]:
    quoted = quote_char + table.replace(quote_char, quote_char * 2) + quote_char
    cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (names from the catalogue)
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def searchable(value: Any) -> bytes:
    """A value as bytes to search: text as UTF-8, binary as is, JSON serialised."""
    if value is None:
        return b""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False).encode()
    return str(value).encode()


@dataclass
class Exchange:
    """One request and what came back, with the client port it was sent from."""

    method: str
    path: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    client_port: int


def http_request(
    server: Server,
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Exchange:
    """One request on a fresh connection (as a browser or app might make it)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.connect()
        client_port = int(conn.sock.getsockname()[1])
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Exchange(
            method=method,
            path=path,
            status=response.status,
            headers=response.getheaders(),
            body=response.read(),
            client_port=client_port,
        )
    finally:
        conn.close()


class _FormFields(HTMLParser):
    """The actions of a page's forms and the value of each hidden input."""

    def __init__(self) -> None:
        super().__init__()
        self.actions: list[str] = []
        self.hidden: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.actions.append(attributes.get("action", ""))
        elif tag == "input" and attributes.get("type") == "hidden":
            self.hidden[attributes.get("name", "")] = attributes.get("value", "")


def page_forms(html: bytes) -> _FormFields:
    """What a browser would find to submit on the page."""
    parser = _FormFields()
    parser.feed(html.decode())
    return parser
