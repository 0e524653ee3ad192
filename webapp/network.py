"""Blueprint: ``/network`` (the interactive view) and ``/network.json`` (its nodes and edges)."""

from __future__ import annotations

from flask import Blueprint, Response, g, request, url_for

from graph.tables import Table
from graph.views import gaps as gapviews
from graph.views import network as netview

from . import palette, params, represent
from .i18n import translate
from .state import actor_index, cached, collaboration, current_store, network_layout, suggestions

bp = Blueprint("network", __name__)

NODE_COLUMNS = ["id", "label", "kind", "kind_label", "state", "state_label", "district", "district_label",
                "confidence", "degree", "x", "y", "match", "on_path", "focus"]


@bp.get("/network", defaults={"fmt": "html"})
@bp.get("/network.<any(json, csv):fmt>")
def index(fmt: str) -> Response:
    """The network view, ``/network?state=15&focus=<id>&hops=2&from=<id>&to=<id>&_color=state``."""
    store = current_store()
    index = actor_index()
    choices = index.choices
    relations = netview.relation_choices(store, lang=g.lang, labels=index.labels)
    criteria = params.network_filter(request.args, choices, relations)
    colour = params.colour(request.args)
    G, positions = collaboration(), network_layout()
    view = netview.network_view(G, positions, criteria, store, lang=g.lang, labels=index.labels)
    legend = palette.legend(view, colour, g.lang)
    nodes = Table(list(NODE_COLUMNS), [{c: node[c] for c in NODE_COLUMNS} for node in view["nodes"]])
    description = (translate("actors.count", g.lang, n=len(view["nodes"]), total=view["total_nodes"]) + ", "
                   + translate("network.shown.links", g.lang, n=len(view["edges"])))
    extra = {"nodes": view["nodes"], "edges": view["edges"], "path": view["path"], "matches": view["matches"],
             "notes": view["notes"], "legend": legend, "color_by": colour,
             "suggestions": _suggestions(view["nodes"], criteria)}
    return represent.table(nodes, fmt, template="network/index.html", title=translate("network.title", g.lang),
                           description=description, filename="network", links=represent.twin_links("network.index"),
                           extra=extra, criteria=criteria, choices=choices, relation_choices=relations,
                           facet_counts=cached("network-facets", lambda: netview.facet_counts(G)),
                           facet_depths=cached("network-facet-depths", lambda: netview.facet_depths(G)),
                           actor_names=cached("network-names", lambda: netview.actor_names(G)),
                           payload=_payload(extra, criteria))


def _suggestions(nodes: list[dict], criteria: netview.NetworkFilter) -> list[dict]:
    """With ``?_suggest=1``: the best suggested partnerships among the actors shown, drawn as
    dashed edges (with ``from``/``to``: only the suggestion between those two); otherwise none."""
    if params.one_of(request.args, "_suggest", ("0", "1"), "0") != "1":
        return []
    return gapviews.suggestion_overlay(suggestions(), [node["id"] for node in nodes], pair=criteria.path)


def _payload(extra: dict, criteria: netview.NetworkFilter) -> dict:
    """What the page's script reads from its JSON block: the view, and the words it shows."""
    words = ("network.panel.profile", "network.panel.focus", "network.panel.path_from", "network.panel.links",
             "network.panel.close", "network.edge.years", "network.edge.via", "col.sources", "evidence",
             "facet.kind", "facet.district", "facet.state", "facet.stage", "facet.material", "facet.competency",
             "col.relations", "none", "network.suggest.tooltip")
    return {**extra, "focus": criteria.focus, "selected": request.args.get("_sel"),
            "profile_url": url_for("actors.profile", actor="ACTOR-ID"),
            "text": {key: translate(key, g.lang) for key in words}}
