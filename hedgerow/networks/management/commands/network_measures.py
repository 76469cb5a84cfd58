"""`hedgerow network_measures`: centrality, k-core and community for each node."""

import csv
import io
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hedgerow.networks.compute.edges import (
    EdgeListError,
    graph_from_edges,
    read_edge_list,
)
from hedgerow.networks.compute.measures import (
    BETWEENNESS_SAMPLES,
    COLUMNS,
    EXACT_BETWEENNESS_NODES,
    SEED,
    betweenness_is_estimated,
    node_measures,
)


class Command(BaseCommand):
    help = (
        "Read an edge list (CSV: source,target[,weight], header optional) and write "
        "one CSV row per node: node, degree, betweenness, eigenvector (networkx's "
        "normalised definitions, on the unweighted ties), k_core (core number) and "
        "community (Louvain on the weights, numbered from the largest). Example: "
        "hedgerow network_measures edges.csv --out measures.csv"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("edges", metavar="EDGES.csv")
        parser.add_argument("--out", metavar="FILE", help="write here, not stdout")
        parser.add_argument(
            "--betweenness-samples",
            type=int,
            default=None,
            metavar="N",
            help=(
                "estimate betweenness from N source nodes (0: always exact; default: "
                f"exact up to {EXACT_BETWEENNESS_NODES:,} nodes, else "
                f"{BETWEENNESS_SAMPLES} samples)"
            ),
        )
        parser.add_argument("--seed", type=int, default=SEED)

    def handle(self, *args: Any, **options: Any) -> None:
        samples = options["betweenness_samples"]
        if samples is not None and samples < 0:
            raise CommandError("--betweenness-samples must be 0 or more")
        try:
            graph = graph_from_edges(read_edge_list(options["edges"]))
        except EdgeListError as error:
            raise CommandError(f"Nothing was measured:\n{error}") from None
        rows = node_measures(graph, betweenness_samples=samples, seed=options["seed"])
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow(
                [
                    row.node,
                    f"{row.degree:.6f}",
                    f"{row.betweenness:.6f}",
                    f"{row.eigenvector:.6f}",
                    row.k_core,
                    row.community,
                ]
            )
        if options["out"]:
            Path(options["out"]).write_text(out.getvalue(), encoding="utf-8")
        else:
            self.stdout.write(out.getvalue(), ending="")
        estimated = betweenness_is_estimated(graph, samples)
        self.stderr.write(
            f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges; "
            + (
                "betweenness estimated from sampled source nodes"
                if estimated
                else "betweenness exact"
            )
        )
