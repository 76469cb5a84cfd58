"""The load: N clients, each a thread with one keep-alive HTTP connection.

Clients are closed-loop (each sends its next request when the last is answered),
so throughput is what the server sustains with N requests in flight. Each thread
keeps its own figures and they are merged afterwards, so the threads never wait
on each other. The threads' CPU use is measured, to show whether the load
generator (which shares the machine's cores with the server) was the limit.
"""

import http.client
import json
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

# Town centres of West Yorkshire's five districts (latitude, longitude); reports
# land within about a kilometre of one of them.
TOWNS = [
    (53.7997, -1.5492, "Leeds"),
    (53.7960, -1.7594, "Bradford"),
    (53.6833, -1.4977, "Wakefield"),
    (53.6458, -1.7850, "Huddersfield"),
    (53.7248, -1.8658, "Halifax"),
]
STREETS = ["High Street", "Station Road", "Church Lane", "Mill Street", "Park Road"]


@dataclass(frozen=True)
class CatalogueThreat:
    """A threat a client may report, with the slugs of its published signs."""

    slug: str
    signs: tuple[str, ...]


Request = tuple[str, str, bytes | None, dict[str, str]]


def reporter_address(rng: random.Random) -> str:
    """A different reporter each time, as the TLS proxy would name them.

    The server trusts the last X-Forwarded-For entry (config.settings.bench), so
    the per-address rate limit applies to each simulated reporter, not to all of
    them together as one address.
    """
    return f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


def open311_request(rng: random.Random, threats: list[CatalogueThreat]) -> Request:
    """A complete, plausible report, form-encoded as Open311 clients send it."""
    threat = rng.choice(threats)
    lat, lon, town = rng.choice(TOWNS)
    signs = rng.sample(threat.signs, k=min(2, len(threat.signs)))
    fields: list[tuple[str, str]] = [
        ("service_code", threat.slug),
        (
            "description",
            "Cars stop outside for a minute or two at all hours and young people "
            "I have not seen before go in and out of the flat. The curtains are "
            "always closed and the older man who lives there seems frightened.",
        ),
        ("lat", f"{lat + rng.uniform(-0.01, 0.01):.6f}"),
        ("long", f"{lon + rng.uniform(-0.01, 0.01):.6f}"),
        ("address_string", f"{rng.randint(1, 120)} {rng.choice(STREETS)}, {town}"),
    ]
    fields += [("attribute[signs][]", slug) for slug in signs]
    body = urlencode(fields).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": reporter_address(rng),
    }
    return "POST", "/open311/v2/requests.json", body, headers


def bare_request(rng: random.Random, threats: list[CatalogueThreat]) -> Request:
    return "GET", "/bench/bare/", None, {}


def service_request_id(status: int, body: bytes) -> str | None:
    """The reference Open311 answered with, if the report was accepted."""
    if not 200 <= status < 300:
        return None
    try:
        data: Any = json.loads(body)
        return str(data[0]["service_request_id"]) or None
    except (ValueError, LookupError, TypeError):
        return None


@dataclass
class ClientFigures:
    """What one client saw."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    accepted: list[str] = field(default_factory=list)


@dataclass
class PhaseResult:
    """What all clients saw in one phase."""

    name: str
    seconds: float
    clients: int
    latencies: list[float]
    errors: Counter[str]
    accepted: list[str]
    loadgen_cpu_seconds: float

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        """The p-th percentile latency in ms (nearest rank)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[rank] * 1000


def client_loop(
    *,
    port: int,
    make: Callable[[random.Random, list[CatalogueThreat]], Request],
    threats: list[CatalogueThreat],
    start: threading.Barrier,
    deadline: list[float],
    figures: ClientFigures,
    seed: int,
) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    start.wait()
    while time.perf_counter() < deadline[0]:
        method, path, body, headers = make(rng, threats)
        began = time.perf_counter()
        try:
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            figures.errors[type(error).__name__] += 1
            conn.close()  # the next request opens a fresh connection
            continue
        figures.latencies.append(time.perf_counter() - began)
        if not 200 <= response.status < 300:
            figures.errors[f"HTTP {response.status}"] += 1
        elif make is open311_request:
            reference = service_request_id(response.status, data)
            if reference:
                figures.accepted.append(reference)
            else:
                figures.errors["2xx without service_request_id"] += 1
    conn.close()


def run_phase(
    *,
    name: str,
    port: int,
    make: Callable[[random.Random, list[CatalogueThreat]], Request],
    threats: list[CatalogueThreat],
    clients: int,
    seconds: float,
) -> PhaseResult:
    """`clients` threads send requests for `seconds`; their figures, merged."""
    figures = [ClientFigures() for _ in range(clients)]
    start = threading.Barrier(clients + 1)
    deadline = [0.0]
    threads = [
        threading.Thread(
            target=client_loop,
            kwargs={
                "port": port,
                "make": make,
                "threats": threats,
                "start": start,
                "deadline": deadline,
                "figures": figures[n],
                "seed": n,
            },
            daemon=True,
        )
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    cpu_before = time.process_time()
    began = time.perf_counter()
    deadline[0] = began + seconds
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return PhaseResult(
        name=name,
        seconds=elapsed,
        clients=clients,
        latencies=[x for f in figures for x in f.latencies],
        errors=sum((f.errors for f in figures), Counter()),
        accepted=[x for f in figures for x in f.accepted],
        loadgen_cpu_seconds=time.process_time() - cpu_before,
    )
