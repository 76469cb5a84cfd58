"""What the network view needs beyond the measures: weak points, a drawing, GraphML.

- bridges: ties whose loss splits a component (`nx.bridges`);
- articulation points: people whose removal splits one (`nx.articulation_points`);
- layout: networkx's spring layout, seeded so a group is drawn the same way each
  time, scaled into a drawing box;
- GraphML: `nx.write_graphml`, which Gephi, Cytoscape and i2 Analyst's Notebook
  import; attributes GraphML cannot hold (None) are left out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import cast

import networkx as nx

from hedgerow.networks.compute.measures import SEED


@dataclass(frozen=True)
class WeakPoints:
    bridges: list[tuple[str, str]]
    articulation_points: set[str]


def weak_points(graph: nx.Graph[str]) -> WeakPoints:
    simple = nx.Graph(graph)
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    order = {node: n for n, node in enumerate(graph.nodes)}
    bridges: list[tuple[str, str]] = []
    for edge in nx.bridges(simple):
        u, v = cast("tuple[str, str]", edge)  # the stubs type an edge as a str
        bridges.append((u, v) if order[u] <= order[v] else (v, u))
    bridges.sort(key=lambda edge: (order[edge[0]], order[edge[1]]))
    return WeakPoints(
        bridges=bridges,
        articulation_points=set(nx.articulation_points(simple)),
    )


def layout(
    graph: nx.Graph[str], *, width: float, height: float, margin: float
) -> dict[str, tuple[float, float]]:
    """Node positions inside width × height, at least `margin` from each edge."""
    if len(graph) == 0:
        return {}
    if len(graph) == 1:
        return {next(iter(graph.nodes)): (width / 2, height / 2)}
    raw = nx.spring_layout(graph, seed=SEED, weight=None, iterations=100)
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    return {
        node: (
            round(margin + (float(p[0]) - min(xs)) / span_x * inner_w, 1),
            round(margin + (float(p[1]) - min(ys)) / span_y * inner_h, 1),
        )
        for node, p in raw.items()
    }


def graphml(graph: nx.Graph[str]) -> bytes:
    """The graph as GraphML, with every attribute GraphML can carry."""
    clean: nx.Graph[str] = nx.Graph(name=str(graph.graph.get("name", "")))
    for node, data in graph.nodes(data=True):
        clean.add_node(node, **_storable(data))
    for u, v, data in graph.edges(data=True):
        clean.add_edge(u, v, **_storable(data))
    buffer = io.BytesIO()
    nx.write_graphml(clean, buffer, encoding="utf-8")
    return buffer.getvalue()


def _storable(data: dict[str, object]) -> dict[str, object]:
    return {
        key: value
        for key, value in data.items()
        if isinstance(value, str | int | float | bool)
    }
