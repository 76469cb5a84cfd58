"""Project CAVIAR, phase by phase: how a real trafficking network changed.

Montréal, 1994–96: police watched a drug-importation network through 11 two-month
phases of wiretaps and made 11 seizures without arresting anyone (Morselli,
*Inside Criminal Networks*, 2009). The matrices in data/caviar/ count the calls
between "players" in each phase; the ties here are those calls in either direction.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import networkx as nx

from hedgerow.networks.compute.edges import read_caviar_phase
from hedgerow.networks.compute.measures import node_measures, structure

DATA_DIR = Path(__file__).resolve().parent / "data"
PHASES = tuple(DATA_DIR / "caviar" / f"phase{n}.csv" for n in range(1, 12))
LONDON_GANG = DATA_DIR / "london_gang_2015.adjlist"
TOP = 3


@dataclass(frozen=True)
class PhaseSummary:
    number: int
    players: int
    ties: int
    calls: int
    density: float
    components: int
    largest_component: int
    average_path_length: float
    # The TOP players by betweenness: who the calls went through.
    brokers: tuple[tuple[str, float], ...]


@cache
def phase_graphs() -> tuple["nx.Graph[str]", ...]:
    return tuple(read_caviar_phase(path) for path in PHASES)


@cache
def phase_summaries() -> tuple[PhaseSummary, ...]:
    summaries = []
    for number, graph in enumerate(phase_graphs(), start=1):
        shape = structure(graph)
        ranked = sorted(
            node_measures(graph), key=lambda m: (-m.betweenness, int(m.node))
        )
        summaries.append(
            PhaseSummary(
                number=number,
                players=shape.nodes,
                ties=shape.edges,
                calls=int(graph.size(weight="weight")),
                density=nx.density(graph),
                components=shape.components,
                largest_component=shape.largest_component,
                average_path_length=shape.average_path_length,
                brokers=tuple((m.node, m.betweenness) for m in ranked[:TOP]),
            )
        )
    return tuple(summaries)


@cache
def key_players() -> tuple[tuple[str, tuple[float | None, ...]], ...]:
    """Degree per phase of every player who was ever a top broker (None: absent)."""
    chosen: list[str] = []
    for summary in phase_summaries():
        for player, _betweenness in summary.brokers:
            if player not in chosen:
                chosen.append(player)
    degrees = [
        {m.node: m.degree for m in node_measures(graph)} for graph in phase_graphs()
    ]
    return tuple(
        (player, tuple(phase.get(player) for phase in degrees)) for player in chosen
    )
