"""Project the store into NetworkX graphs for the analyses and network files.

The actor–actor collaboration graph joins two actors when a source states a direct relation
between them, when both take part in the same project ("joint_project"), or when both are
members of the same association or cluster ("shared_network"). Which tie types count, and how
much, is the parameter ``weights`` (default :data:`TIE_WEIGHTS`).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
import pyoxigraph

from graph.concepts import read_hierarchy
from graph.namespaces import concept_iri
from graph.scans import (
    HGNS,
    ORGANIZATION,
    RDF,
    RDFS,
    RELATIONSHIP,
    SCHEMA,
    SOURCE,
    WGS_LAT,
    WGS_LONG,
    StoreScan,
    actor_facets,
    listed_actors,
    scan_of,
)
from graph.sparql.catalog import run_named

#: Weight each kind of tie adds to an edge. Direct, specific relations count fully; a
#: shared project almost as much; common membership of a network and loose or funding
#: ties count half: they say less about working together.
TIE_WEIGHTS: dict[str, float] = {
    "cooperates_with": 1.0, "supplies": 1.0, "subsidiary_of": 1.0, "coordinates": 1.0,
    "partner_in": 1.0, "hosted_by": 1.0, "member_of": 1.0, "founding_member_of": 1.0,
    "joint_project": 1.0, "shared_network": 0.5, "funds": 0.5, "related_to": 0.5,
}

#: Relation types whose object, when an actor, is a network its members share.
MEMBERSHIP = ("member_of", "founding_member_of")
#: Relation types that make an actor take part in a project.
PARTICIPATION = ("partner_in", "coordinates")
_CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}


def collaboration_graph(store: pyoxigraph.Store, *, weights: dict[str, float] | None = None,
                        include_funding: bool = True) -> nx.Graph:
    """The undirected actor–actor graph with node facets and sourced, weighted edges.

    Parameters
    ----------
    store : an open store.
    weights : weight per tie type; missing types default to :data:`TIE_WEIGHTS`.
    include_funding : whether funding makes ties (funders link to many; leaving them out
        keeps the picture about work). Funding counts once, by one rule, whether a ``funds``
        relation row or the ``funder`` column of the project table states it: the funder
        gets a ``funds`` tie (weight 0.5, :data:`TIE_WEIGHTS`) to every participant of the
        project; it never makes a joint-project tie between the participants.

    Returns
    -------
    networkx.Graph
        Nodes are actor IRIs with attributes ``label, kind, district, state, region_status,
        confidence, lat, lon, stages, materials, categories, competencies``; edges carry
        ``relations, weight, sources, via, years, confidence, pointed`` (the ends that
        directed relations point at); ``G.graph`` holds
        ``stage_order``, ``labels``, ``materials``, ``districts``, ``states``,
        ``stage_competencies`` (stage → the competencies it needs) and ``competency_broader``
        (competency → its broader competencies).
    """
    weight_of = {**TIE_WEIGHTS, **(weights or {})}
    scan = scan_of(store)
    store = scan.store
    G = nx.Graph()
    _add_nodes(G, scan)
    _add_context(G, store)
    ties: dict[tuple[str, str], _Tie] = {}

    def tie(a: str, b: str, kind: str, source: str, confidence: str, via: str | None, year: str | None):
        if a == b or a not in G or b not in G:
            return
        key = (a, b) if a < b else (b, a)
        edge = ties.get(key)
        if edge is None:
            edge = ties[key] = _Tie()
        if via is None and kind in DIRECTED:
            edge.add("pointed", b)  # a relation row names its subject a and its object b
        edge.relations.add(kind)
        edge.sources.add(source)
        edge.kinds.add((kind, via))
        if via:
            edge.add("via", via)
        if year and year[:4].isdigit():
            edge.add("years", int(year[:4]))
        if _CONFIDENCE_RANK[confidence] < _CONFIDENCE_RANK[edge.confidence]:
            edge.confidence = confidence

    groups: dict[tuple[str, str], list[tuple[str, str, str, str | None]]] = defaultdict(list)
    funders: dict[str, list[tuple[str, str, str, str | None]]] = defaultdict(list)
    funds: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for row in _relation_rows(scan):
        kind, subject, obj = row["type"], row["subject"], row["object"]
        if kind == "funds":
            funds[(subject, obj)].append((row["confidence"], row["source"]))
        if kind == "funds" and not include_funding:
            continue
        if row["object_is_actor"] in (True, "true"):
            tie(subject, obj, kind, row["source"], row["confidence"], None, row["start"])
            if kind in MEMBERSHIP:
                groups[("shared_network", obj)].append((subject, row["source"], row["confidence"], row["start"]))
        elif kind in PARTICIPATION:
            groups[("joint_project", obj)].append((subject, row["source"], row["confidence"], row["start"]))
    for row in run_named(store, "network_project_roles").rows:
        groups[("joint_project", row["project"])].append((row["actor"], row["source"], row["confidence"], row["start"]))
    if include_funding:
        # One rule for funding, whether a funds relation or the project table's funder column
        # states it: the funder gets a "funds" tie (half weight) to each project participant.
        for row in funder_rows(scan, funds):
            funders[row["project"]].append((row["actor"], row["source"], row["confidence"], row["start"]))
    for (kind, via), members in groups.items():
        by_actor: dict[str, tuple[str, str, str | None]] = {}
        for actor, source, confidence, start in sorted(members, key=lambda m: (m[0], m[1])):
            by_actor.setdefault(actor, (source, confidence, start))
        _group_ties(ties, [a for a in sorted(by_actor) if a in G], by_actor, kind, via)
        if kind == "joint_project":
            for funder, source, confidence, start in sorted(funders.get(via, ())):
                for actor in sorted(by_actor):
                    tie(funder, actor, "funds", source, confidence, via, start)
                    p_source, p_confidence, p_start = by_actor[actor]
                    tie(funder, actor, "funds", p_source, p_confidence, via, p_start)
    for a, b in sorted(ties):
        edge = ties.pop((a, b))  # freed as the graph takes it: the two never peak together
        weight = sum(weight_of.get(kind, 0.5) for kind, _via in edge.kinds)
        G.add_edge(a, b, relations=sorted(edge.relations), sources=sorted(edge.sources),
                   via=sorted(edge.via or ()), years=sorted(edge.years or ()), confidence=edge.confidence,
                   weight=round(weight, 6), pointed=sorted(edge.pointed or ()))
    return G


def _group_ties(ties: dict, members: list[str], by_actor: dict[str, tuple[str, str, str | None]], kind: str,
                via: str) -> None:
    """What ``tie`` records for every pair of ``members`` (sorted, all in the graph) of one
    project or network, each end adding its own source, evidence and year: written out for
    the pairs of a group, the bulk of the ties at 100,000 actors."""
    ends = []
    for actor in members:
        source, confidence, start = by_actor[actor]
        ends.append((actor, source, _CONFIDENCE_RANK[confidence], confidence,
                     int(start[:4]) if start and start[:4].isdigit() else None))
    pair_kind = (kind, via)
    for i, (a, source_a, rank_a, confidence_a, year_a) in enumerate(ends):
        for b, source_b, rank_b, confidence_b, year_b in ends[i + 1:]:
            edge = ties.get((a, b))
            if edge is None:
                edge = ties[a, b] = _Tie()
            edge.relations.add(kind)
            edge.sources.add(source_a)
            edge.sources.add(source_b)
            edge.kinds.add(pair_kind)
            edge.add("via", via)
            for year in (year_a, year_b):
                if year is not None:
                    edge.add("years", year)
            rank, confidence = (rank_a, confidence_a) if rank_a <= rank_b else (rank_b, confidence_b)
            if rank < _CONFIDENCE_RANK[edge.confidence]:
                edge.confidence = confidence


class _Tie:
    """What the rows say about one pair of actors, gathered before it becomes an edge (a
    small object: at 100,000 actors there are 300,000 of them; the sets that are mostly
    empty are made only when needed)."""

    __slots__ = ("relations", "sources", "kinds", "confidence", "via", "years", "pointed")

    def __init__(self):
        self.relations: set[str] = set()
        self.sources: set[str] = set()
        self.kinds: set[tuple[str, str | None]] = set()
        self.confidence = "high"
        self.via: set[str] | None = None
        self.years: set[int] | None = None
        self.pointed: set[str] | None = None

    def add(self, name: str, value) -> None:
        values = getattr(self, name)
        if values is None:
            setattr(self, name, {value})
        else:
            values.add(value)


#: Relations with a direction (subject → object); cooperates_with and related_to have none.
DIRECTED = frozenset({"supplies", "subsidiary_of", "hosted_by", "coordinates", "member_of", "founding_member_of",
                      "funds"})


def relation_rows(store) -> list[dict[str, object]]:
    """The rows of the ``network_relations`` query (one per relation and source), read by
    single-pattern scans (:mod:`graph.scans`): ``type, subject, object, object_is_actor,
    start, end, confidence, source``, by relation IRI and source.

    A relation row counts when it has a type with a notation, a subject, an object, an
    evidence level and a source, as in the query."""
    return list(_relation_rows(store))


def funder_rows(store, funds: dict[tuple[str, str], list[tuple[str, str]]] | None = None) -> list[dict]:
    """The rows of the ``network_project_funders`` query, by single-pattern scans: per project
    and funder (an actor its ``schema:funder`` names), ``actor, project, confidence, source,
    start``, the evidence and sources of the ``funds`` relation rows between the two where
    there are any, else the project's own; from the scans the graph has read already, so
    no query plan can make it slow (the query's first form took 10 s on the shipped data).
    ``funds``: (funder, project) → ``(confidence, source)`` of those relation rows, when the
    caller has read them already."""
    scan = scan_of(store)
    if funds is None:
        funds = defaultdict(list)
        for row in _relation_rows(scan):
            if row["type"] == "funds":
                funds[(row["subject"], row["object"])].append((row["confidence"], row["source"]))
    projects, actors = scan.instances(SCHEMA + "ResearchProject"), scan.instances(ORGANIZATION)
    confidence, sources, starts = scan.one(HGNS + "confidence"), scan.many(SOURCE), scan.one(SCHEMA + "startDate")
    rows = []
    for project, actor in sorted(scan.pairs(SCHEMA + "funder")):
        if project not in projects or actor not in actors:
            continue
        stated = funds.get((actor, project)) or (
            [(confidence[project], str(source)) for source in sources.get(project, ())]
            if project in confidence else [])
        rows += [{"actor": actor, "project": project, "confidence": level, "source": source,
                  "start": starts.get(project)} for level, source in stated]
    return rows


def _relation_rows(store):
    scan = scan_of(store)
    actors = scan.instances(ORGANIZATION)
    kinds, subjects, objects = scan.one(HGNS + "relationType"), scan.one(RDF + "subject"), scan.one(RDF + "object")
    confidence, sources = scan.one(HGNS + "confidence"), scan.many(SOURCE)
    starts, ends = scan.one(SCHEMA + "startDate"), scan.one(SCHEMA + "endDate")
    for relation in sorted(scan.instances(RELATIONSHIP)):
        kind, subject, obj = scan.notation(kinds.get(relation)), subjects.get(relation), objects.get(relation)
        level = confidence.get(relation)
        if kind is None or subject is None or obj is None or level is None:
            continue
        for source in sorted(map(str, sources.get(relation, ()))):
            yield {"relation": relation, "type": kind, "subject": subject, "object": obj,
                   "object_is_actor": obj in actors, "start": starts.get(relation),
                   "end": ends.get(relation), "confidence": level, "source": source}


def _add_nodes(G: nx.Graph, scan: StoreScan) -> None:
    """The actors (:func:`graph.scans.listed_actors`), sorted, with their facts and facet
    values (the rows of the ``network_actors`` query)."""
    labels, kinds, confidence = scan.one(RDFS + "label"), scan.one(HGNS + "kind"), scan.one(HGNS + "confidence")
    districts, states = scan.one(HGNS + "district"), scan.one(HGNS + "state")
    status, lats, lons = scan.one(HGNS + "regionStatus"), scan.one(WGS_LAT), scan.one(WGS_LONG)
    held = actor_facets(scan)
    for actor in listed_actors(scan):
        district = districts.get(actor)
        located = actor in lats and actor in lons
        values = held.get(actor, {})
        G.add_node(actor, label=labels[actor], kind=scan.notation(kinds[actor]), district=scan.notation(district),
                   state=scan.notation(states.get(actor)),
                   region_status=scan.notation(status.get(district)) if district is not None else None,
                   confidence=confidence[actor], lat=lats[actor] if located else None,
                   lon=lons[actor] if located else None,
                   **{plural: sorted(values.get(facet, ())) for plural, facet in _FACETS})


#: Node attribute of each many-valued facet (plural) and its name in :func:`graph.scans.actor_facets`.
_FACETS = (("stages", "stage"), ("materials", "material"), ("categories", "category"),
           ("competencies", "competency"))


def _add_context(G: nx.Graph, store: pyoxigraph.Store) -> None:
    labels: dict[str, dict[str, str]] = {}
    stage_order: dict[str, int] = {}
    materials: dict[str, dict[str, bool]] = {}
    states: dict[str, dict[str, str]] = {}
    categories: list[str] = []
    for row in run_named(store, "network_labels").rows:
        # Keyed by concept IRI: a notation alone is ambiguous (`research`: a kind and a competency).
        labels[concept_iri(row["scheme"], row["notation"])] = {"de": row["de"] or row["notation"],
                                                               "en": row["en"] or row["notation"]}
        if row["scheme"] == "stage" and row["position"] is not None:
            stage_order[row["notation"]] = int(row["position"])
        if row["scheme"] == "material":
            materials[row["notation"]] = {"crm_strategic": bool(row["strategic"]),
                                          "crm_critical": bool(row["critical"])}
        elif row["scheme"] == "state":
            states[row["notation"]] = {"name": labels[concept_iri("state", row["notation"])]["de"]}
        elif row["scheme"] == "weee-category":
            categories.append(row["notation"])
    districts = {}
    for row in run_named(store, "districts").rows:
        districts[row["key"]] = {k: row[k] for k in ("name", "state", "population", "population_date",
                                                     "population_source", "area_km2", "region_status")}
    G.graph.update(stage_order=stage_order, labels=labels, materials=materials, districts=districts,
                   states=states, categories=sorted(categories), hierarchy=read_hierarchy(store))
    stage_competencies: dict[str, list[str]] = {}
    competency_broader: dict[str, list[str]] = {}
    for row in run_named(store, "network_concept_links").rows:
        target = stage_competencies if row["link"] == "needs" else competency_broader
        target.setdefault(row["from"], []).append(row["to"])
    G.graph.update(stage_competencies=stage_competencies, competency_broader=competency_broader)


def collection_points(store: pyoxigraph.Store) -> list[dict]:
    """The WEEE collection points as plain dicts for the collection-coverage analysis."""
    points: dict[str, dict] = {}
    for row in run_named(store, "collection_points").rows:
        point = points.setdefault(row["site"], {
            "iri": row["site"], "label": row["label"], "operator": row["operator"],
            "district": row["district"], "accepts": set(), "lat": row["lat"], "lon": row["lon"],
            "precision": row["precision"], "sources": set()})
        if row["group"]:
            point["accepts"].add(row["group"])
        point["sources"].add(row["source"])
    return [{**p, "accepts": sorted(p["accepts"]), "sources": sorted(p["sources"])}
            for _iri, p in sorted(points.items())]


def write_network(G: nx.Graph, fmt: str, path: Path) -> Path:
    """Write GraphML or GEXF; list attributes become ``;``-joined text (both formats want scalars)."""
    H = nx.Graph()
    for node, attrs in G.nodes(data=True):
        H.add_node(node, **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    for a, b, attrs in G.edges(data=True):
        H.add_edge(a, b, **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(H, path)
    return path


def _scalar(value):
    if isinstance(value, list | set | tuple):
        return "; ".join(str(v) for v in value)
    return value
