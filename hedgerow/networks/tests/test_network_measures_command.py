"""`hedgerow network_measures` as an analyst runs it on an edge list."""

import csv
from io import StringIO

import networkx as nx
import pytest
from django.core.management import CommandError, call_command

from hedgerow.networks.compute.edges import read_ucinet_adjlist
from hedgerow.networks.compute.tests.test_measures import LONDON


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("network_measures", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_one_row_per_node_with_networkx_values(tmp_path):
    graph = read_ucinet_adjlist(LONDON)
    edges = tmp_path / "london.csv"
    edges.write_text("source,target\n" + "".join(f"{u},{v}\n" for u, v in graph.edges))

    output, summary = run(str(edges))

    rows = {r["node"]: r for r in csv.DictReader(StringIO(output))}
    assert list(next(csv.reader(StringIO(output)))) == [
        "node",
        "degree",
        "betweenness",
        "eigenvector",
        "k_core",
        "community",
    ]
    connected = graph.subgraph(n for n in graph if graph.degree(n))  # in the list
    assert set(rows) == set(connected)
    betweenness = nx.betweenness_centrality(connected)
    cores = nx.core_number(connected)
    for node, row in rows.items():
        assert float(row["betweenness"]) == pytest.approx(betweenness[node], abs=1e-6)
        assert int(row["k_core"]) == cores[node]
    assert f"{connected.number_of_nodes()} nodes" in summary
    assert "betweenness exact" in summary


def test_out_writes_the_file_and_sampling_is_said(tmp_path):
    edges = tmp_path / "edges.csv"
    edges.write_text("a,b\nb,c\nc,d\nd,a\na,c\n")
    target = tmp_path / "measures.csv"

    output, summary = run(
        str(edges), "--out", str(target), "--betweenness-samples", "2"
    )

    assert output == ""
    assert len(list(csv.DictReader(target.open()))) == 4
    assert "betweenness estimated from sampled source nodes" in summary


def test_a_bad_edge_list_is_refused_with_its_lines(tmp_path):
    edges = tmp_path / "edges.csv"
    edges.write_text("source,target,weight\na,b,1\nb,c,lots\n")

    with pytest.raises(CommandError) as error:
        run(str(edges))

    assert str(error.value) == (
        f"Nothing was measured:\n{edges}: line 3: the weight “lots” is not a number"
    )
    with pytest.raises(CommandError, match="must be 0 or more"):
        run(str(edges), "--betweenness-samples", "-1")
