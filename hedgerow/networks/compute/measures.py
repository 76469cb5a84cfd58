"""Who holds a network together: centrality, cores, communities, key players.

Every measure is networkx's, with its normalisation, on the undirected and
unweighted structure of the network (weights, such as call counts, are contact
volume, not distance, so they would bend shortest paths the wrong way); only
community detection uses the weights.

- degree: networkx `degree_centrality`, neighbours / (n - 1);
- betweenness: `betweenness_centrality`, normalised; exact up to
  EXACT_BETWEENNESS_NODES nodes, estimated from BETWEENNESS_SAMPLES seeded
  source nodes above it (exact betweenness grows with nodes × edges);
- eigenvector: the leading eigenvector of the adjacency matrix with unit
  Euclidean norm, which is what networkx's `eigenvector_centrality` converges
  to. In a disconnected network only the component(s) with the largest
  eigenvalue have a non-zero value; it is computed per component with
  `eigenvector_centrality_numpy` (sparse, exact), not by power iteration;
- k-core: `core_number`;
- community: Louvain (`louvain_communities`, weighted, seeded), numbered 1, 2, …
  from the largest community down.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np

EXACT_BETWEENNESS_NODES = 2000
BETWEENNESS_SAMPLES = 500
SEED = 20091101  # fixed, so the same network gives the same answer every time
COLUMNS = ("node", "degree", "betweenness", "eigenvector", "k_core", "community")


@dataclass(frozen=True)
class NodeMeasures:
    node: str
    degree: float
    betweenness: float
    eigenvector: float
    k_core: int
    community: int


def node_measures(
    graph: nx.Graph[str],
    *,
    betweenness_samples: int | None = None,
    seed: int = SEED,
) -> list[NodeMeasures]:
    """One row per node, in the graph's node order.

    betweenness_samples: None chooses (exact up to EXACT_BETWEENNESS_NODES);
    0 forces exact; a number estimates from that many source nodes.
    """
    # A loop says nothing about a member's place (and core_number refuses
    # them): it is taken out, on a copy, only when there is one.
    simple = graph
    if nx.number_of_selfloops(graph):
        simple = graph.copy()
        simple.remove_edges_from(list(nx.selfloop_edges(graph)))
    degree = (
        nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0)
    )
    betweenness = nx.betweenness_centrality(
        simple,
        k=betweenness_sources(simple, betweenness_samples),
        normalized=True,
        seed=seed,
    )
    eigenvector = eigenvector_centrality(simple)
    cores = nx.core_number(simple)
    communities = community_numbers(simple, seed=seed)
    return [
        NodeMeasures(
            node=str(node),
            degree=float(degree[node]),
            betweenness=float(betweenness[node]),
            eigenvector=float(eigenvector[node]),
            k_core=int(cores[node]),
            community=communities[node],
        )
        for node in simple.nodes
    ]


def betweenness_is_estimated(graph: nx.Graph[str], samples: int | None) -> bool:
    return betweenness_sources(graph, samples) is not None


def betweenness_sources(graph: nx.Graph[str], samples: int | None) -> int | None:
    """How many sampled sources betweenness uses (None: exact), as `samples` asks."""
    if samples == 0:
        return None
    if samples is None:
        if len(graph) <= EXACT_BETWEENNESS_NODES:
            return None
        samples = BETWEENNESS_SAMPLES
    return samples if samples < len(graph) else None


def eigenvector_centrality(graph: nx.Graph[str]) -> dict[str, float]:
    """The adjacency matrix's leading eigenvector, unit norm, zero elsewhere."""
    values = dict.fromkeys(graph.nodes, 0.0)
    best, leaders = 0.0, []
    for nodes in nx.connected_components(graph):
        if len(nodes) < 2:
            continue
        component = graph.subgraph(nodes)
        if len(nodes) == 2:
            vector = dict.fromkeys(nodes, 1 / np.sqrt(2))
        else:
            vector = nx.eigenvector_centrality_numpy(component, weight=None)
        eigenvalue = _rayleigh(component, vector)
        if eigenvalue > best + 1e-9:
            best, leaders = eigenvalue, [vector]
        elif abs(eigenvalue - best) <= 1e-9:
            leaders.append(vector)
    norm = np.sqrt(sum(v * v for vector in leaders for v in vector.values()))
    for vector in leaders:
        for node, value in vector.items():
            values[node] = abs(value) / norm
    return values


def _rayleigh(graph: nx.Graph[str], vector: dict[str, float]) -> float:
    """x·Ax / x·x: the eigenvalue that belongs to the eigenvector x."""
    numerator = sum(2 * vector[u] * vector[v] for u, v in graph.edges)
    return numerator / sum(v * v for v in vector.values())


def community_numbers(graph: nx.Graph[str], *, seed: int = SEED) -> dict[str, int]:
    """Louvain communities numbered from the largest; ties by their first node."""
    order = {node: n for n, node in enumerate(graph.nodes)}
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ranked = sorted(found, key=lambda c: (-len(c), min(order[n] for n in c)))
    return {node: number for number, c in enumerate(ranked, start=1) for node in c}


@dataclass(frozen=True)
class Structure:
    """How connected a network is: the figures a removal changes."""

    nodes: int
    edges: int
    components: int
    largest_component: int
    # Average shortest path length within the largest component (0 if one node).
    average_path_length: float


def structure(graph: nx.Graph[str]) -> Structure:
    if len(graph) == 0:
        return Structure(0, 0, 0, 0, 0.0)
    components = list(nx.connected_components(graph))
    largest = max(components, key=len)
    path = (
        nx.average_shortest_path_length(graph.subgraph(largest))
        if len(largest) > 1
        else 0.0
    )
    return Structure(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        components=len(components),
        largest_component=len(largest),
        average_path_length=float(path),
    )


def removal_effect(
    graph: nx.Graph[str], removed: Iterable[str]
) -> tuple[Structure, Structure]:
    """The network before and after the given nodes are taken out of it.

    The key-player question: who, if arrested, moved or safeguarded, would
    most break the group apart. Unknown nodes raise KeyError, so a typo is not
    mistaken for a harmless removal.
    """
    gone = list(removed)
    missing = [node for node in gone if node not in graph]
    if missing:
        raise KeyError(f"not in the network: {', '.join(map(str, missing))}")
    after = graph.copy()
    after.remove_nodes_from(gone)
    return structure(graph), structure(after)
