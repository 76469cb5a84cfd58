"""A real gunicorn server for the benchmark, and what CPU its workers use.

Uses config/gunicorn.conf.py (the deployment's configuration: what it logs and
how) when it exists, with the worker count, worker class and address given here
on the command line, which gunicorn lets override the file. Without it, gunicorn
runs with its defaults: no access log at all.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "config" / "gunicorn.conf.py"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Gunicorn:
    """One gunicorn master and its workers, serving config.wsgi on 127.0.0.1."""

    env: dict[str, str]
    log_path: Path
    workers: int = 2
    worker_class: str = "gthread"
    threads: int = 2
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def uses_config(self) -> bool:
        return CONFIG.exists()

    def command(self) -> list[str]:
        command = [str(Path(sys.executable).with_name("gunicorn"))]
        if self.uses_config:
            command += ["--config", str(CONFIG)]
        command += [
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            self.worker_class,
            "--chdir",
            str(REPO),
            # Its own control socket: the default is one per user, shared by
            # every gunicorn running at the same time.
            "--control-socket",
            str(self.log_path.with_name("gunicorn.ctl")),
        ]
        if self.worker_class == "gthread":
            command += ["--threads", str(self.threads)]
        return [*command, "config.wsgi:application"]

    def start(self, timeout: float = 60) -> None:
        """Start the server and wait until it answers the bare view."""
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(  # noqa: S603 (gunicorn, our arguments)
            self.command(),
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/bench/bare/")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"gunicorn did not answer in {timeout} s; see {self.log_path}"
        )

    def stop(self) -> None:
        """Graceful stop (SIGTERM lets workers finish their requests), then kill."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def worker_pids(self) -> list[int]:
        """The master's child processes (its workers)."""
        if self.process is None:
            return []
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        try:
            return [int(p) for p in children.read_text().split()]
        except OSError:
            return []

    def workers_cpu_seconds(self) -> float:
        """User + system CPU seconds the current workers have used so far."""
        return sum(process_cpu_seconds(pid) for pid in self.worker_pids())


def process_cpu_seconds(pid: int) -> float:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    # Fields after the command name (which may contain spaces) start at field 3.
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all cores."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])  # excludes guest time, already counted in user
    return (total - idle) / CLOCK_TICKS, total / CLOCK_TICKS


def named_processes_cpu_seconds(command: str) -> float:
    """CPU seconds used so far by every live process called `command` (e.g. postgres).

    On a shared machine this includes the same server's work for anyone else.
    """
    processes: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() == command:
                stat = (entry / "stat").read_text()
                processes[int(entry.name)] = stat.rsplit(")", 1)[1].split()
        except OSError:
            continue
    total = 0.0
    for fields in processes.values():
        total += int(fields[11]) + int(fields[12])  # its own user + system time
        if int(fields[1]) not in processes:
            # The parent of them all (PostgreSQL's postmaster) also carries the
            # time of children that have exited, such as closed connections.
            total += int(fields[13]) + int(fields[14])
    return total / CLOCK_TICKS
