"""The network viewer's data: a calm layout computed once, and the nodes and edges one view
shows (filtered, focused on a neighbourhood, with a shortest path), as plain dicts.

The layout is computed on the whole collaboration graph, so an actor keeps its place when
filters change and the browser draws at once without running physics (issue 4).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass, field

import igraph
import networkx as nx
import pyoxigraph

from graph.analyse.brokers import betweenness
from graph.analyse.communities import partition
from graph.concepts import HIERARCHICAL_FACETS, Hierarchy, hierarchy_of
from graph.namespaces import actor_iri
from graph.sparql.catalog import run_named
from graph.views.actors import EVIDENCE, NONE, actor_id, concept_labels, fold, label_of
from graph.words.ui import DERIVED_TIES  # tie types that come from no single relation row

#: Node facets a view can be filtered by (values are notations, as in :mod:`graph.actors`).
NODE_FACETS = ("state", "district", "kind", "stage", "material", "category", "competency", "confidence")
_NODE_ATTRIBUTE = {"stage": "stages", "material": "materials", "category": "categories",
                   "competency": "competencies"}
#: Which tie type names an edge when it has several: the most specific first.
TIE_PRIORITY = ("supplies", "cooperates_with", "subsidiary_of", "hosted_by", "coordinates", "partner_in",
                "founding_member_of", "member_of", "joint_project", "funds", "shared_network", "related_to")
#: Above this many nodes a view keeps the best connected and says so (browsers stay fluid,
#: and the page stays under 2 MB at 100,000 actors: bench/scale.py).
MAX_NODES = 1000
#: Above this many ties among the shown actors a view keeps the strongest and says so.
MAX_EDGES = 2000
#: A filtered view with at most this many actors gets a layout of its own.
RELAYOUT_MAX = 500
#: A connected component with more nodes than this has only its best-connected nodes laid out
#: by force; the others are placed around their neighbours (see :func:`_core_layout`).
CORE_MAX = 3000
MAX_HOPS = 3
#: The focus and path pickers list at most this many actors (the best connected, and say so);
#: any other actor is reached from its profile.
PICKER_MAX = 500


@dataclass(frozen=True)
class NetworkFilter:
    """What the network view shows.

    ``selected``: facet → notations (any of, per facet); the key ``relation`` keeps edges of
    those tie types. ``focus``/``hops``: only the neighbourhood of one actor (ids). ``path``:
    two actor ids whose shortest path is highlighted. ``q``: names to highlight.
    """

    selected: dict[str, tuple[str, ...]] = field(default_factory=dict)
    q: str = ""
    focus: str | None = None
    hops: int = 1
    path: tuple[str, str] | None = None


def layout(G: nx.Graph, *, seed: int = 7, unit: float = 60.0,
           core_max: int = CORE_MAX) -> dict[str, tuple[float, float]]:
    """Positions for every node, each connected component laid out on its own and packed.

    The largest component takes a square on the left; the smaller ones, then the isolated
    actors, fill rows in a band to its right, largest first. A component's square grows
    with the square root of its size, so density looks alike across components.

    Parameters
    ----------
    G : the collaboration graph.
    seed : seed of the force-directed layout used for very large components; the same graph
        and seed give the same positions.
    unit : pixels per node on the side of a component's square (about one node's spacing).
    core_max : components larger than this lay out only their best-connected ``core_max``
        nodes by force and place the rest around their neighbours.

    Returns
    -------
    dict
        node → (x, y) in pixels, rounded to one decimal.

    Examples
    --------
    >>> pos = layout(nx.Graph([("a", "b"), ("c", "d"), ("d", "e")]))
    >>> sorted(pos), pos == layout(nx.Graph([("a", "b"), ("c", "d"), ("d", "e")]))
    (['a', 'b', 'c', 'd', 'e'], True)

    Notes
    -----
    Kamada–Kawai (igraph, started from a circle, so deterministic) for components up to
    1,000 nodes — about 1 s at 1,000 —, seeded Fruchterman–Reingold beyond, and for components
    above ``core_max`` nodes only on their core (:func:`_core_layout`).
    """
    components = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0]))
    if not components:
        return {}
    # A connected component's nodes have all their neighbours inside it, so a very large one
    # is laid out on G itself: a subgraph view filters every neighbour (half a minute at 100k).
    blocks = [(nodes, _side(len(nodes), unit), _core_layout(G, nodes, seed, core_max) if len(nodes) > core_max
               else _component_layout(G.subgraph(nodes), seed, core_max)) for nodes in components]
    positions: dict[str, tuple[float, float]] = {}
    main_nodes, main_side, main_pos = blocks[0]
    _place(positions, main_nodes, main_pos, 0.0, 0.0, main_side)
    left = main_side + unit
    band = max(main_side * 0.6, unit * 4)
    x = y = row_height = 0.0
    for nodes, side, pos in blocks[1:]:
        if x > 0 and x + side > band:
            x, y, row_height = 0.0, y + row_height, 0.0
        _place(positions, nodes, pos, left + x, y, side)
        x += side
        row_height = max(row_height, side)
    return positions


def _side(n: int, unit: float) -> float:
    return unit * max(1.0, math.sqrt(n) * 1.5) if n > 1 else unit


def _place(positions: dict, nodes: list[str], pos: dict, x: float, y: float, side: float) -> None:
    for node in nodes:
        px, py = pos[node]
        positions[node] = (round(x + side * (0.08 + 0.84 * px), 1), round(y + side * (0.08 + 0.84 * py), 1))


def _component_layout(H: nx.Graph, seed: int, core_max: int = CORE_MAX) -> dict[str, tuple[float, float]]:
    """Positions in the unit square for one connected component."""
    nodes = sorted(H)
    if len(nodes) == 1:
        return {nodes[0]: (0.5, 0.5)}
    if len(nodes) > core_max:
        return _core_layout(H, nodes, seed, core_max)
    index = {n: i for i, n in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=sorted((min(index[a], index[b]), max(index[a], index[b]))
                                                for a, b in H.edges()))
    if len(nodes) <= 1000:
        coords = g.layout_kamada_kawai().coords
    else:
        # igraph draws from its own RNG; give it a seeded one for repeatable positions.
        igraph.set_random_number_generator(random.Random(seed))
        try:
            coords = g.layout_fruchterman_reingold(niter=500).coords
        finally:
            igraph.set_random_number_generator(random)
    return _normalise(index, coords)


def _core_layout(H: nx.Graph, nodes: list[str], seed: int, core_max: int) -> dict[str, tuple[float, float]]:
    """A very large component: the ``core_max`` best-connected nodes laid out by force, every
    other node placed, breadth-first from the core, at the mean of its placed neighbours plus
    a small seeded offset. Linear in the edges after the core, so 100,000 actors take seconds;
    the view shows the best-connected nodes first anyway (:data:`MAX_NODES`). ``H`` may be
    larger than the component ``nodes`` when no neighbour of theirs lies outside it."""
    core = sorted(nodes, key=lambda n: (-H.degree(n), n))[:core_max]
    inner = _component_layout(H.subgraph(core), seed, core_max=len(core) + 1) if len(core) > 1 else {}
    # Connected or not, the core's own layout is in the unit square; offsets are a fraction of
    # the mean spacing of core nodes.
    step = 0.5 / math.sqrt(len(core))
    rng = random.Random(seed)
    placed = dict(inner) if inner else {core[0]: (0.5, 0.5)}
    frontier = list(core)
    while frontier:
        following = []
        for node in frontier:
            for other in sorted(H[node]):
                if other in placed:
                    continue
                around = [placed[n] for n in H[other] if n in placed]
                angle = rng.random() * 2 * math.pi
                x = sum(p[0] for p in around) / len(around) + step * math.cos(angle)
                y = sum(p[1] for p in around) / len(around) + step * math.sin(angle)
                placed[other] = (x, y)
                following.append(other)
        frontier = following
    index = {n: i for i, n in enumerate(nodes)}
    coords = [placed[n] for n in nodes]
    return _normalise(index, coords)


def _normalise(index: dict[str, int], coords) -> dict[str, tuple[float, float]]:
    """Coordinates scaled into the unit square, the smaller extent centred (so a long, flat
    component sits in the middle of its square). The extremes are found once, not per node."""
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    span = max(x1 - x0, y1 - y0) or 1.0
    dx = (span - (x1 - x0)) / 2
    dy = (span - (y1 - y0)) / 2
    return {n: ((coords[i][0] - x0 + dx) / span, (coords[i][1] - y0 + dy) / span) for n, i in index.items()}


def relation_choices(store: pyoxigraph.Store, *, lang: str, labels: dict | None = None) -> dict[str, str]:
    """Tie types a view can be filtered by, notation → label (relation types and derived ties)."""
    labels = labels if labels is not None else concept_labels(store, lang=lang)
    choices = {notation: str(row["label"]) for (scheme, notation), row in labels.items() if scheme == "relation-type"}
    choices.update({tie: names[lang] for tie, names in DERIVED_TIES.items()})
    return dict(sorted(choices.items(), key=lambda item: TIE_PRIORITY.index(item[0])
                       if item[0] in TIE_PRIORITY else len(TIE_PRIORITY)))


def network_view(G: nx.Graph, positions: dict[str, tuple[float, float]], criteria: NetworkFilter,
                 store: pyoxigraph.Store, *, lang: str = "de", labels: dict | None = None,
                 projects: dict[str, str] | None = None, rank: list[str] | None = None,
                 max_nodes: int = MAX_NODES, max_edges: int = MAX_EDGES) -> dict[str, object]:
    """The nodes and edges one view of the network shows, with what it highlights.

    Node filters keep the actors matching every facet (any of the values per facet); a
    relation filter keeps the ties of those types and the actors that have one. A focus
    keeps the actor's neighbourhood within ``hops`` steps; a path adds the shortest chain of
    kept ties between two actors (its two ends are shown even when the filters leave them out).

    Parameters
    ----------
    G : the collaboration graph of :func:`graph.network.collaboration_graph`.
    positions : :func:`layout` of ``G``.
    criteria : filters, focus, path and search.
    store : for the names of concepts and projects.
    lang : "de" or "en".
    labels : :func:`graph.actors.concept_labels` in ``lang``, when the caller keeps them.
    projects : :func:`project_names` of ``store``, when the caller keeps them.
    rank : :func:`degree_rank` of ``G``, when the caller keeps it.
    max_nodes : above this many actors the view keeps the best-connected and notes ``capped``.
    max_edges : above this many ties the view keeps the strongest (and the path's) and notes
        ``edges_capped``.

    Returns
    -------
    dict
        ``nodes`` (``id, label, kind, kind_label, state, state_label, district,
        district_label, confidence, confidence_label, stages, materials, competencies`` (labels),
        ``degree`` (in the whole graph), ``x, y`` (from ``positions``; laid out afresh for a
        focused neighbourhood and for filtered views of up to :data:`RELAYOUT_MAX` actors),
        ``match, on_path, focus``), ``edges`` (``id,
        from, to, relations, relation_labels, primary, sources, via, years, confidence,
        weight, on_path``; ``from`` sorts before ``to``), ``path`` (actor ids along the shortest path, or None),
        ``matches`` (ids of nodes whose name contains ``q``), ``notes`` (what the view left
        out, as keys: ``path_none``, ``focus_unknown``, ``capped``, ``edges_capped``), ``total_nodes`` and
        ``total_edges`` of the whole graph. Nodes are sorted by id, edges by their ends.
    """
    labels = labels if labels is not None else concept_labels(store, lang=lang)
    notes: list[str] = []
    node_filter = {f: v for f, v in criteria.selected.items() if f in NODE_FACETS and v}
    wanted_ties = set(criteria.selected.get("relation", ()))
    # No copy of the whole graph per view: the kept part is a filtered view of G, so a view of
    # 100,000 actors costs one pass over the nodes (and one over the edges for a tie filter).
    hierarchy = hierarchy_of(G)
    keep = ({n for n, attrs in G.nodes(data=True) if _node_matches(attrs, node_filter, hierarchy)}
            if node_filter else None)
    H = nx.subgraph_view(G, filter_node=lambda n: _kept(keep, n),
                         filter_edge=lambda a, b: _wanted(G.edges[a, b], wanted_ties))
    path = _shortest_path(G, keep, wanted_ties, criteria.path, notes) if criteria.path else None
    visible, focus = _visible(G, H, keep, criteria, wanted_ties, path, notes, rank=rank, max_nodes=max_nodes)
    if focus or ((node_filter or wanted_ties) and len(visible) <= RELAYOUT_MAX):
        # A neighbourhood or a filtered part is scattered thinly over the whole picture:
        # lay it out on its own so it reads at a glance (positions differ from the full view).
        positions = layout(G.subgraph(visible), unit=90.0)
    edges = _edge_rows(G, H, visible, path, store, lang=lang, labels=labels,
                       projects=projects if projects is not None else project_names(store))
    if len(edges) > max_edges:
        strongest = sorted(edges, key=lambda e: (not e["on_path"], -e["weight"], e["id"]))[:max_edges]
        edges = sorted(strongest, key=lambda e: (e["from"], e["to"]))
        notes.append("edges_capped")
    nodes = _node_rows(G, visible, positions, criteria.q, path, focus, lang=lang, labels=labels)
    return {"nodes": nodes, "edges": edges, "path": [actor_id(n) for n in path] if path else None,
            "matches": [node["id"] for node in nodes if node["match"]], "notes": notes,
            "total_nodes": G.number_of_nodes(), "total_edges": G.number_of_edges()}


def _kept(keep: set[str] | None, node: str) -> bool:
    """A node passes the facet filters (None: there are none)."""
    return keep is None or node in keep


def _wanted(attrs: dict, wanted_ties: set[str]) -> bool:
    """A tie passes the relation filter: no filter, or one of its relation types is wanted."""
    return not wanted_ties or bool(wanted_ties & set(attrs["relations"]))


def _shortest_path(G: nx.Graph, keep: set[str] | None, wanted_ties: set[str], ends: tuple[str, str],
                   notes: list[str]) -> list[str] | None:
    """The shortest chain of kept ties between two actors, whose own ties count even when the
    filters leave the two out; None (with a note) when there is none or an end is unknown."""
    ends = [actor_iri(end) for end in ends]
    if not all(end in G for end in ends):
        notes.append("path_unknown")
        return None

    def tie(a: str, b: str) -> bool:
        both = _kept(keep, a) and _kept(keep, b)
        from_end = (a in ends and _kept(keep, b)) or (b in ends and _kept(keep, a))
        return (both or from_end) and _wanted(G.edges[a, b], wanted_ties)

    P = nx.subgraph_view(G, filter_node=lambda n: _kept(keep, n) or n in ends, filter_edge=tie)
    try:
        return nx.shortest_path(P, ends[0], ends[1])
    except nx.NetworkXNoPath:
        notes.append("path_none")
        return None


def _visible(G: nx.Graph, H: nx.Graph, keep: set[str] | None, criteria: NetworkFilter, wanted_ties: set[str],
             path: list[str] | None, notes: list[str], *, rank: list[str] | None,
             max_nodes: int) -> tuple[set[str], str | None]:
    """The actors shown (at most ``max_nodes``, the best-connected first) and the focused one."""
    # With a relation filter, actors that have no tie of those types say nothing: leave them out.
    if wanted_ties:
        visible = {n for a, b in H.edges() for n in (a, b)}
    else:
        visible = set(G) if keep is None else set(keep)
    focus = actor_iri(criteria.focus) if criteria.focus else None
    if focus and focus in G:
        def tie(a: str, b: str) -> bool:
            return H.has_edge(a, b) or (a == focus and _kept(keep, b)) or (b == focus and _kept(keep, a))

        F = nx.subgraph_view(G, filter_node=lambda n: _kept(keep, n) or n == focus, filter_edge=tie)
        radius = max(1, min(criteria.hops, MAX_HOPS))
        visible = set(nx.single_source_shortest_path_length(F, focus, cutoff=radius))
    elif focus:
        notes.append("focus_unknown")
        focus = None
    if path:
        visible |= set(path)
    if len(visible) > max_nodes:
        pinned = set(path or []) | ({focus} if focus else set())
        ranked: list[str] = []
        for n in rank if rank is not None else degree_rank(G):
            if len(ranked) >= max_nodes - len(pinned):
                break
            if n in visible and n not in pinned:
                ranked.append(n)
        visible = pinned | set(ranked)
        notes.append("capped")
    return visible, focus


def _edge_rows(G: nx.Graph, H: nx.Graph, visible: set[str], path: list[str] | None, store: pyoxigraph.Store,
               *, lang: str, labels: dict, projects: dict[str, str]) -> list[dict]:
    """The shown ties, sorted by their ends, with relation names, sources and projects."""
    relation_labels = relation_choices(store, lang=lang, labels=labels)
    on_path_edges = {frozenset(pair) for pair in zip(path, path[1:], strict=False)} if path else set()
    edges = []
    for a, b in sorted(tuple(sorted(pair, key=actor_id)) for pair in G.subgraph(visible).edges()):
        attrs = G.edges[a, b]
        on_path = frozenset((a, b)) in on_path_edges
        if not (H.has_edge(a, b) or on_path):
            continue
        relations = sorted(attrs["relations"], key=_tie_rank)
        edges.append({
            "id": f"{actor_id(a)}|{actor_id(b)}", "from": actor_id(a), "to": actor_id(b),
            "relations": relations, "relation_labels": [relation_labels.get(r, r) for r in relations],
            "primary": relations[0], "sources": list(attrs["sources"]),
            "via": [projects.get(v) or G.nodes[v]["label"] if v in G else projects.get(v, v)
                    for v in attrs["via"]],
            "years": list(attrs["years"]), "confidence": attrs["confidence"],
            "arrows_to": [actor_id(end) for end in attrs.get("pointed", ())],
            "confidence_label": EVIDENCE[attrs["confidence"]][lang], "weight": attrs["weight"], "on_path": on_path,
        })
    return edges


def _node_rows(G: nx.Graph, visible: set[str], positions: dict, q: str, path: list[str] | None,
               focus: str | None, *, lang: str, labels: dict) -> list[dict]:
    """The shown actors, sorted by id, with labels, degree, position and highlights."""
    needle = fold(q.strip()) if q.strip() else None
    on_path_nodes = set(path or [])
    nodes = []
    for n in sorted(visible, key=actor_id):
        attrs = G.nodes[n]
        x, y = positions.get(n, (0.0, 0.0))
        nodes.append({
            "id": actor_id(n), "label": attrs["label"], "kind": attrs["kind"],
            "kind_label": label_of(labels, "kind", attrs["kind"]), "state": attrs["state"],
            "state_label": label_of(labels, "state", attrs["state"]), "district": attrs["district"],
            "district_label": label_of(labels, "district", attrs["district"]), "confidence": attrs["confidence"],
            "confidence_label": EVIDENCE[attrs["confidence"]][lang],
            "stages": [label_of(labels, "stage", s) for s in attrs["stages"]],
            "materials": [label_of(labels, "material", m) for m in attrs["materials"]],
            "competencies": [label_of(labels, "competency", c) for c in attrs["competencies"]],
            "degree": G.degree(n), "x": x, "y": y,
            "match": bool(needle and needle in fold(attrs["label"])),
            "on_path": n in on_path_nodes, "focus": n == focus,
        })
    return nodes


def _node_matches(attrs: dict, selected: dict[str, tuple[str, ...]], hierarchy: Hierarchy) -> bool:
    for facet, wanted in selected.items():
        if facet in HIERARCHICAL_FACETS:
            if not hierarchy.matches(HIERARCHICAL_FACETS[facet], attrs[_NODE_ATTRIBUTE[facet]], wanted):
                return False
            continue
        else:
            values = {attrs[facet] if attrs[facet] is not None else NONE}
        if not values & set(wanted):
            return False
    return True


def _tie_rank(tie: str) -> tuple[int, str]:
    return (TIE_PRIORITY.index(tie) if tie in TIE_PRIORITY else len(TIE_PRIORITY), tie)


def facet_counts(G: nx.Graph) -> dict[str, list[tuple[str, int]]]:
    """How many actors of the whole graph have each facet value, and how many edges each tie
    type, as ``(notation, count)`` pairs, most frequent first (ties by notation). A concept's
    count includes the actors of its narrower concepts (the rule of :mod:`graph.concepts`),
    so it is what choosing the concept shows; concepts come in tree order (each followed by
    its narrower ones, see :func:`facet_depths`).

    >>> G = nx.Graph()
    >>> G.add_node("a", kind="x", state=None, district=None, confidence="high", stages=[], materials=[],
    ...            categories=[], competencies=[])
    >>> facet_counts(G)["state"], facet_counts(G)["kind"]
    ([('none', 1)], [('x', 1)])
    """
    counts: dict[str, Counter] = {facet: Counter() for facet in (*NODE_FACETS, "relation")}
    hierarchy = hierarchy_of(G)
    for _node, attrs in G.nodes(data=True):
        for facet in NODE_FACETS:
            if facet in _NODE_ATTRIBUTE:
                counts[facet].update(hierarchy.with_broader(HIERARCHICAL_FACETS[facet], attrs[_NODE_ATTRIBUTE[facet]]))
            else:
                counts[facet][attrs[facet] if attrs[facet] is not None else NONE] += 1
    for _a, _b, attrs in G.edges(data=True):
        counts["relation"].update(attrs["relations"])
    out = {facet: sorted(c.items(), key=lambda item: (item[0] == NONE, -item[1], item[0]))
           for facet, c in counts.items()}
    for facet, scheme in HIERARCHICAL_FACETS.items():
        c = counts[facet]
        out[facet] = [(v, c[v]) for v, _depth in hierarchy.tree(scheme, c, key=lambda v, c=c: (-c[v], v))]
    return out


def facet_depths(G: nx.Graph) -> dict[str, dict[str, int]]:
    """How deep each concept value of :func:`facet_counts` sits under its shown broader ones
    (0 for a top one), per hierarchical facet, for indenting the facet lists."""
    hierarchy = hierarchy_of(G)
    out = {}
    for facet, scheme in HIERARCHICAL_FACETS.items():
        held = set()
        for _node, attrs in G.nodes(data=True):
            held |= hierarchy.with_broader(scheme, attrs[_NODE_ATTRIBUTE[facet]])
        out[facet] = dict(hierarchy.tree(scheme, held))
    return out


def shown_counts(G: nx.Graph, nodes: list[dict], edges: list[dict]) -> dict[str, dict[str, int]]:
    """The facet counts of one view: how many of the actors it shows have each facet value (a
    concept counting the actors of its narrower concepts, as :func:`facet_counts` does), and
    how many of the edges it shows carry each tie type. ``facet → {value: count}``; values no
    shown actor or edge has are left out (their count is 0).

    Parameters
    ----------
    G : the collaboration graph.
    nodes, edges : the view's rows (:func:`network_view`): nodes by ``id``, edges with ``relations``.

    >>> G = nx.Graph()
    >>> for n, kind in (("a", "x"), ("b", "x"), ("c", "y")):
    ...     G.add_node(actor_iri(n), kind=kind, state=None, district=None, confidence="high", stages=[],
    ...                materials=[], categories=[], competencies=[])
    >>> counts = shown_counts(G, [{"id": "a"}, {"id": "c"}], [{"relations": ["funds", "member_of"]}])
    >>> counts["kind"], counts["state"], counts["relation"]
    ({'x': 1, 'y': 1}, {'none': 2}, {'funds': 1, 'member_of': 1})
    """
    H = G.subgraph(actor_iri(node["id"]) for node in nodes)
    counts = {facet: dict(pairs) for facet, pairs in facet_counts(H).items()}
    counts["relation"] = dict(Counter(tie for edge in edges for tie in edge["relations"]))
    return counts


def project_names(store: pyoxigraph.Store) -> dict[str, str]:
    """Project IRI → name (edges name the projects two actors share)."""
    return {row["project"]: row["name"] for row in run_named(store, "project_labels").rows}


def degree_rank(G: nx.Graph) -> list[str]:
    """Every node, best connected first (ties by IRI): what a capped view keeps.

    >>> degree_rank(nx.Graph([("b", "a"), ("b", "c")]))
    ['b', 'a', 'c']
    """
    return sorted(G, key=lambda n: (-G.degree(n), n))


def actor_names(G: nx.Graph, *, limit: int | None = None) -> list[tuple[str, str]]:
    """``(name, id)`` of every actor — or of the ``limit`` best-connected —, by name (case-
    and accent-insensitive), for pickers.

    >>> G = nx.Graph([("b", "a"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "Z", "b": "Y", "c": "X"}, "label")
    >>> actor_names(G, limit=2)
    [('Y', 'b'), ('Z', 'a')]
    """
    nodes = degree_rank(G)[:limit] if limit is not None else list(G)
    return sorted(((G.nodes[n]["label"], actor_id(n)) for n in nodes), key=lambda pair: (fold(pair[0]), pair[1]))


def node_measures(G: nx.Graph, *, central: dict[str, float] | None = None) -> dict[str, tuple[int, float]]:
    """Actor id → (community number, betweenness rounded to 4 places), what every view's nodes
    carry. Communities are numbered on the whole graph, 1 the largest, so a filter never
    renumbers them (:func:`graph.analyse.communities.partition`). Betweenness is the one
    ``/brokers`` shows (:func:`graph.analyse.brokers.betweenness`: exact up to 5,000 actors,
    estimated beyond from 100 seeded start actors); ``central`` passes it in when the caller
    has it (the build takes it from the brokers' rows instead of computing it twice: about
    10 s at 100,000 actors).

    >>> node_measures(nx.Graph([("x/a", "x/b"), ("x/b", "x/c")]))["x/b"]
    (1, 1.0)
    """
    groups = partition(G)[0] if len(G) else []
    central = central if central is not None else betweenness(G)
    return {actor_id(member): (number, round(central.get(member, 0.0), 4))
            for number, members in enumerate(groups, start=1) for member in members}


def year_span(G: nx.Graph) -> tuple[int, int] | None:
    """The first and last year any tie is dated, None when none is.

    >>> year_span(nx.Graph([("a", "b", {"years": [2019, 2021]}), ("b", "c", {"years": []})]))
    (2019, 2021)
    """
    years = [year for _, _, data in G.edges(data=True) for year in data.get("years", ())]
    return (min(years), max(years)) if years else None


def graph_meta(G: nx.Graph) -> nx.Graph:
    """A graph with ``G``'s own attributes (concept labels, stage order, districts, …) and no
    nodes or edges: what labelling a precomputed page needs, read in milliseconds where the
    whole collaboration graph takes seconds at 100,000 actors.

    >>> graph_meta(nx.Graph([("a", "b")], stage_order={"TS-01": 1})).graph, len(graph_meta(nx.Graph([("a", "b")])))
    ({'stage_order': {'TS-01': 1}}, 0)
    """
    return nx.Graph(**G.graph)
