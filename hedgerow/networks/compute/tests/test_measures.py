"""Network measures against networkx on the real covert networks, and by hand."""

from dataclasses import replace

import networkx as nx
import pytest

from hedgerow.networks.caviar import LONDON_GANG, PHASES
from hedgerow.networks.compute.edges import (
    EdgeListError,
    graph_from_edges,
    read_caviar_phase,
    read_edge_list,
    read_ucinet_adjlist,
)
from hedgerow.networks.compute.measures import (
    eigenvector_centrality,
    node_measures,
    removal_effect,
)

# The real networks, as shipped for the demo (hedgerow/networks/data/README.md).
LONDON = LONDON_GANG
CAVIAR = list(PHASES)


def assert_equal_to_networkx(graph: nx.Graph) -> None:
    rows = {r.node: r for r in node_measures(graph)}
    degree = nx.degree_centrality(graph)
    betweenness = nx.betweenness_centrality(graph)
    cores = nx.core_number(graph)
    # Power iteration to a tight tolerance: networkx's own definition.
    eigen = nx.eigenvector_centrality(graph, max_iter=100_000, tol=1e-12)
    assert set(rows) == {str(n) for n in graph}
    for node in graph:
        row = rows[str(node)]
        assert row.degree == pytest.approx(degree[node], abs=1e-12)
        assert row.betweenness == pytest.approx(betweenness[node], abs=1e-12)
        assert row.k_core == cores[node]
        assert row.eigenvector == pytest.approx(eigen[node], abs=1e-5)


def test_the_london_gang_measures_equal_networkx():
    graph = read_ucinet_adjlist(LONDON)

    assert graph.number_of_nodes() == 54
    assert_equal_to_networkx(graph)


@pytest.mark.parametrize("phase", range(1, 12))
def test_each_caviar_phase_measures_equal_networkx(phase):
    graph = read_caviar_phase(CAVIAR[phase - 1])

    assert graph.number_of_edges() > 0
    assert_equal_to_networkx(graph)


def test_communities_are_numbered_from_the_largest_and_cover_every_node():
    graph = read_ucinet_adjlist(LONDON)

    rows = node_measures(graph)

    sizes: dict[int, int] = {}
    for row in rows:
        sizes[row.community] = sizes.get(row.community, 0) + 1
    numbers = sorted(sizes)
    assert numbers == list(range(1, len(numbers) + 1))
    assert [sizes[n] for n in numbers] == sorted(sizes.values(), reverse=True)
    # Seeded: the same communities every time.
    assert [r.community for r in node_measures(graph)] == [r.community for r in rows]


def test_in_a_disconnected_network_only_the_leading_component_has_eigenvector():
    # A triangle (eigenvalue 2) beside a single tie (eigenvalue 1) and a loner.
    graph = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e")])
    graph.add_node("f")

    values = eigenvector_centrality(graph)

    third = 1 / 3**0.5
    assert values["a"] == pytest.approx(third)
    assert values["b"] == pytest.approx(third)
    assert values["d"] == values["e"] == values["f"] == 0.0


def test_removing_the_broker_splits_the_network():
    # Two triangles joined only through "broker".
    graph = nx.Graph(
        [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z")]
    )
    graph.add_edges_from([("c", "broker"), ("broker", "x")])

    before, after = removal_effect(graph, ["broker"])

    assert (before.components, before.largest_component) == (1, 7)
    assert (after.components, after.largest_component) == (2, 3)
    assert after.nodes == 6
    assert after.average_path_length == pytest.approx(1.0)
    assert before.average_path_length == pytest.approx(
        nx.average_shortest_path_length(graph)
    )
    with pytest.raises(KeyError, match="not in the network: nobody"):
        removal_effect(graph, ["nobody"])


def test_an_edge_list_reads_with_or_without_header_and_sums_repeats(tmp_path):
    path = tmp_path / "edges.csv"
    path.write_text("source,target,weight\nA,B,2\nB,A,3\nB,C\nC,C,1\n")

    graph = graph_from_edges(read_edge_list(path))

    assert graph["A"]["B"]["weight"] == 5.0
    assert graph["B"]["C"]["weight"] == 1.0
    assert not graph.has_edge("C", "C")  # a loop says nothing about position
    plain = tmp_path / "plain.csv"
    plain.write_text("A,B\nB,C\n")
    assert graph_from_edges(read_edge_list(plain)).number_of_edges() == 2


def test_a_bad_edge_list_names_every_bad_line(tmp_path):
    path = tmp_path / "edges.csv"
    path.write_text("source,target,weight\nA,B,heavy\nA\n,B\nA,B,-1\nA,B,1,extra\n")

    with pytest.raises(EdgeListError) as error:
        read_edge_list(path)

    assert error.value.problems == [
        "line 2: the weight “heavy” is not a number",
        "line 3: 1 fields; an edge is source,target or source,target,weight",
        "line 4: the source or the target is empty",
        "line 5: the weight -1 is not a positive number",
        "line 6: 4 fields; an edge is source,target or source,target,weight",
    ]
    empty = tmp_path / "empty.csv"
    empty.write_text("source,target\n")
    with pytest.raises(EdgeListError, match="there are no edges"):
        read_edge_list(empty)
    with pytest.raises(EdgeListError, match="there is no such file"):
        read_edge_list(tmp_path / "missing.csv")


def test_a_loop_changes_no_measure_and_the_graph_given_is_left_alone():
    plain = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    looped = plain.copy()
    looped.add_edge("d", "d")

    for with_loop, without in zip(
        node_measures(looped), node_measures(plain), strict=True
    ):
        assert with_loop.eigenvector == pytest.approx(without.eigenvector)
        assert with_loop == replace(without, eigenvector=with_loop.eigenvector)
    assert looped.has_edge("d", "d")
