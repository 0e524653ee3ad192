"""Blueprint: ``/network`` (the interactive view) and ``/network.json`` (its nodes and edges)."""

from __future__ import annotations

import json
import math
from pathlib import Path

from flask import Blueprint, Response, current_app, g, render_template, request, url_for
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from graph.namespaces import actor_iri
from graph.tables import Table
from graph.views import gaps as gapviews
from graph.views import network as netview
from graph.views.standalone import standalone_html

from . import palette, params, represent
from .i18n import translate
from .state import (
    cached,
    collaboration,
    collaboration_compact,
    concept_labels,
    current_store,
    facet_choices,
    network_columns,
    network_layout,
    remembered,
    suggestions,
)

bp = Blueprint("network", __name__)

NODE_COLUMNS = ["id", "label", "kind", "kind_label", "state", "state_label", "district", "district_label",
                "confidence", "degree", "betweenness", "community", "x", "y", "match", "on_path", "focus"]
#: The CSV download holds nodes and edges in one table: ``type`` says which a row is.
EDGE_COLUMNS = ["from", "to", "relations", "relation_labels", "years", "via", "weight", "sources"]
CSV_COLUMNS = ["type", *NODE_COLUMNS, *EDGE_COLUMNS]
#: Filtered views kept per process and version (a view of 1,000 actors and 2,000 ties is a
#: few MB): asked again, with another actor selected or as its JSON twin, one is not
#: recomputed (a focus laid out afresh takes a second at 1,000 actors).
VIEWS_KEPT = 8


@bp.get("/network", defaults={"fmt": "html"})
@bp.get("/network.<any(json, csv):fmt>")
def index(fmt: str) -> Response:
    """The network view, ``/network?state=15&focus=<id>&hops=2&from=<id>&to=<id>&_color=state``."""
    view, criteria, relations, span, year = _view()
    choices = facet_choices()
    colour = params.colour(request.args)
    legend = palette.legend(view, colour, g.lang)
    nodes = Table(list(NODE_COLUMNS), [{c: node[c] for c in NODE_COLUMNS} for node in view["nodes"]])
    if fmt == "csv":
        nodes = _csv_table(view)
    description = _describe(view, year)
    extra = {"nodes": view["nodes"], "edges": view["edges"], "path": view["path"], "matches": view["matches"],
             "notes": view["notes"], "legend": legend, "color_by": colour, "size_by": params.size(request.args),
             "suggestions": _suggestions(view["nodes"], criteria)}
    names, total = cached("network-names", lambda: (netview.actor_names(collaboration(), limit=netview.PICKER_MAX),
                                                    collaboration().number_of_nodes()))
    payload = _payload(extra, criteria)
    rendered = {}
    if fmt == "html" and set(request.args) <= {"lang"}:
        # The page without filters is the same for every visitor of one version: its two large
        # parts (1,000 nodes and 2,000 edges as tables and as JSON) are rendered once.
        rendered = cached(f"network-default-parts-{g.lang}", lambda: _rendered_parts(view, payload))
    elif fmt == "html":
        # Those of a filtered page depend on nothing but its query and language: asked again
        # (a reload, a shared link), they are not rendered again.
        key = repr((g.lang, sorted(request.args.items(multi=True))))
        rendered = remembered(f"network-parts-{key}", lambda: _rendered_parts(view, payload), keep=VIEWS_KEPT)
    # The counts beside each choice are those of this view (issue 14): the JSON twin carries them too.
    # Those of the view without filters are precomputed by the build (graph/derived.py).
    if criteria == netview.NetworkFilter() and year is None:
        extra["facet_counts"] = cached("network-default-counts", lambda: netview.shown_counts(
            collaboration_compact(), view["nodes"], view["edges"], columns=network_columns()))
    else:
        extra["facet_counts"] = netview.shown_counts(collaboration_compact(), view["nodes"], view["edges"],
                                                     columns=network_columns())
    return represent.table(nodes, fmt, template="network/index.html", title=translate("network.title", g.lang),
                           description=description, filename="network", links=represent.twin_links("network.index"),
                           extra=extra, criteria=criteria, choices=choices, relation_choices=relations,
                           year_span=span, year=year,
                           facet_values=cached("network-facets", lambda: netview.facet_counts(collaboration())),
                           facet_depths=cached("network-facet-depths", lambda: netview.facet_depths(collaboration())),
                           actor_names=_with_chosen(names, criteria), names_capped=len(names) < total,
                           picker_max=netview.PICKER_MAX, payload=payload,
                           **(rendered or {"payload_json": _payload_json(payload)}))


def _rendered_parts(view: dict, payload: dict) -> dict[str, Markup]:
    """The node and edge tables and the JSON block of one view, as markup to insert."""
    tables = render_template("network/_tables.html", nodes=view["nodes"], edges=view["edges"])
    return {"tables_html": Markup(tables), "payload_json": _payload_json(payload)}


#: What the page's script never reads of a node or an edge: left out of its JSON block (the
#: JSON twin, /network.json, keeps every field).
NOT_DRAWN = {"nodes": ("confidence", "community_label"), "edges": ("relations", "confidence")}


def _payload_json(payload: dict) -> Markup:
    """The page's JSON block, compact (no spaces, characters as they are; ``<``, ``>``, ``&``
    and ``'`` escaped so that it cannot end the script element)."""
    slim = {**payload, **{part: [{k: v for k, v in item.items() if k not in NOT_DRAWN[part]}
                                 for item in payload[part]] for part in NOT_DRAWN}}
    return htmlsafe_json_dumps(slim, dumps=json.dumps, separators=(",", ":"), ensure_ascii=False)


def _with_chosen(names: list[tuple[str, str]], criteria: netview.NetworkFilter) -> list[tuple[str, str]]:
    """The pickers' actors, plus the ones the view is about when the short list lacks them."""
    listed = {actor for _name, actor in names}
    chosen = [a for a in (criteria.focus, *(criteria.path or ())) if a and a not in listed]
    if not chosen:
        return names
    C = collaboration_compact()
    extra = [(C.node_attrs(actor_iri(a))["label"], a) for a in dict.fromkeys(chosen) if actor_iri(a) in C]
    return sorted(names + extra, key=lambda pair: (netview.fold(pair[0]), pair[1]))


@bp.get("/network/standalone.html")
def standalone() -> Response:
    """This view as one offline HTML file (pyvis, vis-network inlined): same filters as ``/network``."""
    view, _criteria, _relations, _span, year = _view()
    colour = params.colour(request.args)
    legend = palette.legend(view, colour, g.lang)
    colours = {row["key"]: row["color"] for row in legend["nodes"]}
    styles = {row["key"]: row for row in legend["edges"]}
    names = {node["id"]: node["label"] for node in view["nodes"]}
    links = translate("network.panel.links", g.lang)
    nodes = [{"id": node["id"], "label": node["label"], "x": node["x"], "y": node["y"],
              "color": colours.get(_colour_key(node, colour), palette.NEUTRAL),
              "size": 5 + 3 * math.sqrt(node["degree"]),
              "title": "\n".join([node["label"], node["kind_label"] or "", f"{links}: {node['degree']}"])}
             for node in view["nodes"]]
    edges = [{"from": edge["from"], "to": edge["to"],
              "color": styles.get(edge["primary"], {}).get("color", palette.NEUTRAL),
              "dashes": styles.get(edge["primary"], {}).get("dashes") or False,
              "arrows": ",".join(end for end, at in (("to", edge["to"]), ("from", edge["from"]))
                                 if at in edge["arrows_to"]),
              "title": "\n".join([f"{names[edge['from']]} — {names[edge['to']]}", ", ".join(edge["relation_labels"]),
                                  *([", ".join(map(str, edge["years"]))] if edge["years"] else []),
                                  translate("col.sources", g.lang) + ":", *edge["sources"][:6]])}
             for edge in view["edges"]]
    vendor = Path(current_app.static_folder) / "vendor" / "vis-network"
    description = _describe(view, year)
    html = standalone_html(nodes, edges, title=translate("network.title", g.lang), description=description,
                           lang=g.lang, scripts=[vendor / "vis-data.min.js", vendor / "vis-network.min.js"],
                           words={"made": translate("network.standalone.made", g.lang, url=request.url)})
    response = Response(html, mimetype="text/html")
    response.headers["Content-Disposition"] = 'attachment; filename="harzgraph-network.html"'
    return response


def _view() -> tuple[dict, netview.NetworkFilter, dict[str, str], tuple[int, int] | None, int | None]:
    """The view the query string asks for: nodes with their measures, edges (with ``year``:
    only relations known to exist by then), the filter, the relation choices, the span of
    the relations' years and the chosen year.

    The view without filters reads only values the build precomputed (graph/derived.py); a
    filtered one reads the packed graph and its columns (graph/compact.py,
    :func:`graph.views.network.network_columns`) and the records of the actors it shows, so
    neither loads the collaboration graph (a pickle of seconds at 100,000 actors)."""
    store, lang = current_store(), g.lang
    labels = concept_labels()
    relations = netview.relation_choices(store, lang=lang, labels=labels)
    criteria = params.network_filter(request.args, facet_choices(), relations)
    span = cached("network-years", lambda: netview.year_span(collaboration()))
    year = _year(span)
    if criteria == netview.NetworkFilter():
        # The view most visitors open first, computed by the build (graph/derived.py).
        view = cached(f"network-default-{lang}", lambda: netview.network_view(
            collaboration_compact(), network_layout(), criteria, store, lang=lang, labels=labels,
            columns=network_columns()))
        measures = cached("network-measures", lambda: netview.node_measures(collaboration()))

        def measured(actor: str) -> tuple[int | None, float]:
            return measures.get(actor, (None, 0.0))
    else:
        # Places and measures as arrays (network-node-values): the two dicts of every actor
        # take half a second to read at 100,000 actors, for the few hundred shown.
        projects = cached("project-names", lambda: netview.project_names(store))
        C, values = collaboration_compact(), _node_values()
        key = repr((lang, sorted(criteria.selected.items()), criteria.q, criteria.focus, criteria.hops, criteria.path))
        view = remembered(f"network-view-{key}", lambda: netview.network_view(
            C, values.positions(C.index), criteria, store, lang=lang, labels=labels, projects=projects,
            columns=network_columns()), keep=VIEWS_KEPT)

        def measured(actor: str) -> tuple[int | None, float]:
            return values.measures(C.index, actor)
    # A copy: the measures and the year filter below must not change the cached default view.
    view = {**view, "nodes": [dict(node) for node in view["nodes"]], "edges": list(view["edges"])}
    _add_measures(view["nodes"], measured)
    if year is not None:
        view["undated"] = sum(1 for edge in view["edges"] if not edge["years"])
        view["edges"] = [edge for edge in view["edges"] if edge["years"] and edge["years"][0] <= year]
    return view, criteria, relations, span, year


def _node_values() -> netview.NodeValues:
    """Every actor's place and measures as arrays (graph/derived.py writes them)."""
    return cached("network-node-values", lambda: netview.node_values(
        collaboration_compact().nodes, network_layout(),
        cached("network-measures", lambda: netview.node_measures(collaboration()))))


def _year(span: tuple[int, int] | None) -> int | None:
    """``year``: a year within the relations' span; the year after it (the slider's end)
    means every year, as does no value."""
    raw = request.args.get("year", "")
    if raw == "":
        return None
    if span is None or not raw.isdigit() or not span[0] <= int(raw) <= span[1] + 1:
        allowed = [f"{span[0]}–{span[1] + 1}"] if span else []
        raise params.BadParameter("year", raw, allowed, reason="a year within the relations' dates")
    return None if int(raw) == span[1] + 1 else int(raw)


def _describe(view: dict, year: int | None) -> str:
    text = (translate("actors.count", g.lang, n=len(view["nodes"]), total=view["total_nodes"]) + ", "
            + translate("network.shown.links", g.lang, n=len(view["edges"])))
    if year is not None:
        text += " " + translate("network.year.shown", g.lang, year=str(year), undated=view["undated"])
    return text


def _colour_key(node: dict, colour: str) -> str:
    value = node.get(colour if colour in ("state", "community") else "kind")
    return "" if value is None else str(value)


def _add_measures(nodes: list[dict], measured) -> None:
    """Each node's community (1 = the largest; computed on the whole graph, so a filter never
    renumbers them) and betweenness centrality (:func:`graph.views.network.node_measures`,
    computed by the build; ``measured``: actor id → both), in place."""
    words: dict[int | None, str] = {}  # one translation per community, not per node
    for node in nodes:
        node["community"], node["betweenness"] = measured(node["id"])
        if node["community"] not in words:
            words[node["community"]] = translate("network.community", g.lang, n=node["community"])
        node["community_label"] = words[node["community"]]


def _csv_table(view: dict) -> Table:
    """Nodes and edges (with their sources) as one table; lists joined with "; ", booleans
    written ``true``/``false`` as in the JSON twin."""
    def cell(value: object) -> object:
        return str(value).lower() if isinstance(value, bool) else value

    rows = [{"type": "node", **{c: cell(node[c]) for c in NODE_COLUMNS}} for node in view["nodes"]]
    rows += [{"type": "edge", "id": edge["id"], **{c: cell(edge[c]) for c in EDGE_COLUMNS}} for edge in view["edges"]]
    return Table(list(CSV_COLUMNS), rows)


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
