"""Networks benchmark: each node measure on a large synthetic network.

A Barabási–Albert graph (preferential attachment: a few very connected hubs, as
in real offending networks) of 100,000 nodes and about 500,000 edges, seeded,
measured one measure at a time with the functions `hedgerow network_measures`
uses (hedgerow.networks.compute.measures): degree, betweenness (estimated from
the default number of sampled sources, as the command does above 2,000 nodes),
eigenvector, k-core and Louvain communities. Each measure is timed once; the
figures are seconds, with no target set by the issue.

Entity resolution is measured in bench_entity_resolution.py.

Run: .venv/bin/python bench/bench_networks.py [--nodes 100000]
"""

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

import networkx as nx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hedgerow.networks.compute import measures  # noqa: E402

OUT = REPO / "var" / "bench" / "networks.json"
EDGES_PER_NODE = 5
SEED = 20091101


def timed(function: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    args = parser.parse_args()
    graph, built = timed(
        nx.barabasi_albert_graph, args.nodes, EDGES_PER_NODE, seed=SEED
    )
    graph = nx.relabel_nodes(graph, str)
    samples = measures.betweenness_sources(graph, None)
    print(f"Built the network in {built:.1f} s", flush=True)
    figures = {}
    for name, function, kwargs in (
        ("degree", nx.degree_centrality, {}),
        (
            "betweenness",
            nx.betweenness_centrality,
            {"k": samples, "normalized": True, "seed": SEED},
        ),
        ("eigenvector", measures.eigenvector_centrality, {}),
        ("k_core", nx.core_number, {}),
        ("community", measures.community_numbers, {"seed": SEED}),
    ):
        _, seconds = timed(function, graph, **kwargs)
        figures[name] = seconds
        # Printed as each finishes: betweenness alone takes minutes.
        print(f"  {name:<12}{seconds:>9.2f} s (measured)", flush=True)
    print(
        f"Network of {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} "
        f"edges (built in {built:.1f} s); betweenness "
        + (f"from {samples} sampled sources" if samples else "exact")
    )
    for name, seconds in figures.items():
        print(f"  {name:<12}{seconds:>9.2f} s")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                },
                "nodes": graph.number_of_nodes(),
                "edges": graph.number_of_edges(),
                "betweenness_samples": samples,
                "seconds": figures,
            },
            indent=2,
        )
    )
    print(f"\nWrote {OUT}")


if __name__ == "__main__":
    main()
