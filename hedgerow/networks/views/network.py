"""Network pages: a group's network or a subject's surroundings, drawn and measured.

The drawing is SVG made on the server, so it works without JavaScript; the table
beside it holds everything the drawing shows. hedgerow/js/network.js adds keyboard
and pointer exploration. The key-player simulation is a GET form, so a result can
be bookmarked and the back button works. Every view and download is audited.
"""

from dataclasses import dataclass
from typing import Any

import networkx as nx
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.permissions import Permission, require_permission
from hedgerow.networks import caviar, selectors
from hedgerow.networks.compute.analysis import graphml, layout, weak_points
from hedgerow.networks.compute.measures import node_measures, removal_effect
from hedgerow.networks.forms import ExportPurposeForm, RemovalForm
from hedgerow.networks.models import LinkKind, MemberRole

WIDTH, HEIGHT, MARGIN = 760.0, 520.0, 40.0


@dataclass(frozen=True)
class NodeView:
    id: str
    subject_pk: int
    label: str
    kind: str
    role: str
    role_label: str
    shown: bool
    x: float
    y: float
    radius: float
    degree: float
    betweenness: float
    eigenvector: float
    k_core: int
    community: int
    cut_point: bool
    removed: bool
    neighbours: str


@dataclass(frozen=True)
class EdgeView:
    source: str
    target: str
    source_label: str
    target_label: str
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str
    bridge: bool
    removed: bool


@require_permission(Permission.GROUP_VIEW)
def group_network(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get(user=request.user, pk=pk)
    graph = selectors.group_graph(user=request.user, group=group)
    return _network_page(
        request,
        graph,
        target=group,
        purpose="Group work: network view of a group",
        context={
            "group": group,
            "heading": _("Network of %(name)s") % {"name": group.name},
            "download_url": reverse("networks:group_graphml", args=[group.pk]),
        },
    )


@require_permission(Permission.GROUP_VIEW)
def subject_network(request: HttpRequest, pk: int) -> HttpResponse:
    subject = selectors.subject_get(user=request.user, pk=pk)
    graph = selectors.subject_graph(user=request.user, subject=subject)
    return _network_page(
        request,
        graph,
        target=subject,
        purpose="Group work: network around a subject",
        context={
            "subject": subject,
            "heading": _("Surroundings of %(name)s") % {"name": subject.name},
            "download_url": reverse("networks:subject_graphml", args=[subject.pk]),
        },
    )


def _network_page(
    request: HttpRequest,
    graph: "nx.Graph[str]",
    *,
    target: Any,
    purpose: str,
    context: dict[str, Any],
) -> HttpResponse:
    labels: dict[str, str] = {n: d["label"] for n, d in graph.nodes(data=True)}
    form = RemovalForm(
        request.GET if "remove" in request.GET else None,
        nodes=[(node, labels[node]) for node in graph.nodes],
    )
    removed: list[str] = []
    simulation = None
    if form.is_valid():
        removed = form.cleaned_data["remove"]
        before, after = removal_effect(graph, removed)
        simulation = {
            "before": before,
            "after": after,
            "removed": [labels[node] for node in removed],
        }
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        target=target,
        purpose=purpose,
        detail={"simulated_removal": len(removed)} if removed else None,
    )
    nodes, edges = _drawing(graph, set(removed))
    context |= {
        "form": form,
        "nodes": nodes,
        "ranked": sorted(nodes, key=lambda n: (-n.betweenness, -n.degree, n.label)),
        "edges": edges,
        "bridges": [e for e in edges if e.bridge],
        "simulation": simulation,
        "width": int(WIDTH),
        "height": int(HEIGHT),
    }
    return render(request, "networks/network/network.html", context)


def _drawing(
    graph: "nx.Graph[str]", removed: set[str]
) -> tuple[list[NodeView], list[EdgeView]]:
    if len(graph) == 0:
        return [], []
    measures = {m.node: m for m in node_measures(graph)}
    weak = weak_points(graph)
    bridges = {frozenset(edge) for edge in weak.bridges}
    where = layout(graph, width=WIDTH, height=HEIGHT, margin=MARGIN)
    nodes = []
    for node, data in graph.nodes(data=True):
        m = measures[node]
        nodes.append(
            NodeView(
                id=node,
                subject_pk=int(node.removeprefix("s")),
                label=data["label"],
                kind=data["kind"],
                role=data["role"],
                role_label=_role_label(data["role"]),
                shown=data["shown"],
                x=where[node][0],
                y=where[node][1],
                radius=round(6 + 10 * m.degree, 1),
                degree=m.degree,
                betweenness=m.betweenness,
                eigenvector=m.eigenvector,
                k_core=m.k_core,
                community=m.community,
                cut_point=node in weak.articulation_points,
                removed=node in removed,
                neighbours=" ".join(graph.neighbors(node)),
            )
        )
    edges = [
        EdgeView(
            source=u,
            target=v,
            source_label=graph.nodes[u]["label"],
            target_label=graph.nodes[v]["label"],
            x1=where[u][0],
            y1=where[u][1],
            x2=where[v][0],
            y2=where[v][1],
            kind=str(LinkKind(data["kind"]).label) if data.get("kind") else "",
            bridge=frozenset((u, v)) in bridges,
            removed=u in removed or v in removed,
        )
        for u, v, data in graph.edges(data=True)
        if u != v
    ]
    return nodes, edges


def _role_label(role: str) -> str:
    if role == "focus":
        return _("Subject in focus")
    return str(MemberRole(role).label) if role else ""


@require_permission(Permission.GROUP_VIEW)
def group_graphml(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get(user=request.user, pk=pk)
    return _graphml_download(
        request,
        lambda: selectors.group_graph(user=request.user, group=group),
        target=group,
        name=group.name,
        back_url=reverse("networks:group_network", args=[group.pk]),
    )


@require_permission(Permission.GROUP_VIEW)
def subject_graphml(request: HttpRequest, pk: int) -> HttpResponse:
    subject = selectors.subject_get(user=request.user, pk=pk)
    return _graphml_download(
        request,
        lambda: selectors.subject_graph(user=request.user, subject=subject),
        target=subject,
        name=subject.name,
        back_url=reverse("networks:subject_network", args=[subject.pk]),
    )


def _graphml_download(
    request: HttpRequest, build: Any, *, target: Any, name: str, back_url: str
) -> HttpResponse:
    """Ask why, record it, then hand over the network as the reader may see it."""
    form = ExportPurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        graph = build()
        audit_record(
            actor=request.user,
            action=Action.EXPORT,
            target=target,
            purpose=form.cleaned_data["purpose"],
            detail={
                "format": "graphml",
                "nodes": graph.number_of_nodes(),
                "edges": graph.number_of_edges(),
            },
        )
        response = HttpResponse(graphml(graph), content_type="application/graphml+xml")
        filename = f"{slugify(name) or 'network'}.graphml"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    context = {"form": form, "name": name, "back_url": back_url}
    return render(request, "networks/network/graphml_form.html", context)


@require_permission(Permission.GROUP_VIEW)
def caviar_phases(request: HttpRequest) -> HttpResponse:
    """Project CAVIAR, phase by phase: public research data, so not audited."""
    context = {"phases": caviar.phase_summaries(), "players": caviar.key_players()}
    return render(request, "networks/network/caviar.html", context)
