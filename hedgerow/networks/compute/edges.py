"""Reading networks: an edge list CSV, and the covert-network files of research.

`read_edge_list` reads `source,target[,weight]` (a header row with those names
is optional) and collects every bad row as "line N: reason", so a command can
refuse the file whole. The two research formats in ../shared/data/networks are
read too: the adjacency lists of the UCINET covert networks collection (a title
line, "*", the node count, then one row per node of the node and its
neighbours ending in -1) and Project CAVIAR's weighted matrices (a header row of
player ids, then one row per player).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

HEADER = ("source", "target", "weight")


class EdgeListError(ValueError):
    """The file cannot be used; `problems` says where and why."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:20]
        more = len(problems) - len(shown)
        text = "\n".join(f"{path}: {p}" for p in shown)
        if more:
            text += f"\n… and {more} more problems."
        super().__init__(text)


@dataclass
class EdgeList:
    """Edges as read, in file order, with their weights (1 where none given)."""

    edges: list[tuple[str, str, float]] = field(default_factory=list)
    weighted: bool = False


def read_edge_list(path: str | Path) -> EdgeList:
    """The edges of a CSV edge list; EdgeListError naming every bad line."""
    problems: list[str] = []
    result = EdgeList()
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115
    except OSError as error:
        raise EdgeListError(str(path), [_unreadable(error)]) from None
    with handle:
        reader = csv.reader(handle)
        try:
            for row in reader:
                line = reader.line_num
                cells = [cell.strip() for cell in row]
                if not any(cells):
                    continue
                if line == 1 and tuple(c.lower() for c in cells) in (
                    HEADER[:2],
                    HEADER,
                ):
                    continue
                problem = _add_edge(result, cells)
                if problem:
                    problems.append(f"line {line}: {problem}")
        except (csv.Error, UnicodeDecodeError) as error:
            problems.append(_unreadable(error))
    if not problems and not result.edges:
        problems.append("there are no edges (write one source,target pair a line)")
    if problems:
        raise EdgeListError(str(path), problems)
    return result


def _add_edge(result: EdgeList, cells: list[str]) -> str | None:
    if len(cells) not in (2, 3):
        return f"{len(cells)} fields; an edge is source,target or source,target,weight"
    source, target = cells[0], cells[1]
    if not source or not target:
        return "the source or the target is empty"
    weight = 1.0
    if len(cells) == 3 and cells[2]:
        try:
            weight = float(cells[2])
        except ValueError:
            return f"the weight “{cells[2]}” is not a number"
        if not math.isfinite(weight) or weight <= 0:
            return f"the weight {cells[2]} is not a positive number"
        result.weighted = True
    result.edges.append((source, target, weight))
    return None


def _unreadable(error: Exception) -> str:
    if isinstance(error, FileNotFoundError):
        return "there is no such file"
    if isinstance(error, UnicodeDecodeError):
        return "the file is not UTF-8 text"
    return f"the file cannot be read ({error})"


def graph_from_edges(edge_list: EdgeList) -> nx.Graph[str]:
    """An undirected graph; a repeated pair adds its weights, self-loops are dropped.

    Ties in covert networks are read as undirected (a call is contact both ways),
    and a loop says nothing about a person's place in the network.
    """
    graph: nx.Graph[str] = nx.Graph()
    for source, target, weight in edge_list.edges:
        graph.add_node(source)
        graph.add_node(target)
        if source == target:
            continue
        if graph.has_edge(source, target):
            graph[source][target]["weight"] += weight
        else:
            graph.add_edge(source, target, weight=weight)
    return graph


def read_ucinet_adjlist(path: str | Path) -> nx.Graph[str]:
    """A covert-networks adjacency list: nodes 0..n-1, rows "node nbr … -1"."""
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    if len(lines) < 3 or lines[1].strip() != "*":
        raise ValueError(f"{path}: not a covert-networks adjacency list")
    count = int(lines[2].strip())
    graph: nx.Graph[str] = nx.Graph(name=lines[0].strip())
    graph.add_nodes_from(str(n) for n in range(count))
    for text in lines[3:]:
        numbers = [int(n) for n in text.split()]
        if not numbers or numbers[0] == -1:
            continue
        node, *neighbours = numbers
        for other in neighbours:
            if other == -1:
                break
            if other != node:
                graph.add_edge(str(node), str(other), weight=1.0)
    return graph


def read_caviar_phase(path: str | Path) -> nx.Graph[str]:
    """A CAVIAR phase: communications between players, summed both ways."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    players = rows[0][1:]
    graph: nx.Graph[str] = nx.Graph(name=Path(path).stem)
    graph.add_nodes_from(players)
    for row in rows[1:]:
        source = row[0]
        for target, cell in zip(players, row[1:], strict=True):
            count = float(cell or 0)
            if count <= 0 or source == target:
                continue
            if graph.has_edge(source, target):
                graph[source][target]["weight"] += count
            else:
                graph.add_edge(source, target, weight=count)
    return graph
