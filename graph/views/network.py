"""The network viewer's data: a calm layout computed once, and the nodes and edges one view
shows (filtered, focused on a neighbourhood, with a shortest path), as plain dicts.

The layout is computed on the whole collaboration graph, so an actor keeps its place when
filters change and the browser draws at once without running physics (issue 4).
"""

from __future__ import annotations

import functools
import math
import random
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import igraph
import networkx as nx
import numpy as np
import pyoxigraph

from graph.analyse.brokers import betweenness
from graph.analyse.communities import partition
from graph.compact import CompactGraph
from graph.concepts import HIERARCHICAL_FACETS, hierarchy_of
from graph.namespaces import actor_iri
from graph.sparql.catalog import run_named
from graph.views.actors import EVIDENCE, NONE, FacetIndex, actor_id, concept_labels, fold, label_of
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


@dataclass(frozen=True)
class NetworkColumns:
    """What a view reads of *every* actor and tie, as arrays beside a :class:`CompactGraph`, so
    that a filter, a focus or a path at 100,000 actors costs a few vector operations instead of
    a pass over the collaboration graph (issue 15).

    ``facets[facet][value][i]``: actor ``i`` (in ``CompactGraph.nodes`` order) has ``value``,
    or a narrower concept of it (the rule of :mod:`graph.concepts`), in ``facet``
    (:data:`NODE_FACETS`; ``none`` for a missing state, district or kind); ``ties[type][r]``:
    tie ``r`` (a row of ``CompactGraph.ties``) is of that type; ``degree``: every actor's number
    of ties in the whole graph (a self-loop twice, as NetworkX counts it); ``rank``: the actors,
    best connected first (:func:`degree_rank`)."""

    facets: dict[str, dict[str, np.ndarray]]
    ties: dict[str, np.ndarray]
    degree: np.ndarray
    rank: np.ndarray

    def keep(self, selected: dict[str, tuple[str, ...]]) -> np.ndarray | None:
        """The actors matching every facet of ``selected`` (any of its values); None without one."""
        kept = None
        for facet, wanted in selected.items():
            columns = self.facets.get(facet, {})
            hit = np.zeros(len(self.degree), dtype=bool)
            for value in wanted:
                if value in columns:
                    hit |= columns[value]
            kept = hit if kept is None else kept & hit
        return kept

    def wanted(self, types: set[str]) -> np.ndarray | None:
        """The ties of one of ``types``; None without a relation filter."""
        if not types:
            return None
        hit = np.zeros(len(next(iter(self.ties.values()), ())), dtype=bool)
        for tie in types:
            if tie in self.ties:
                hit |= self.ties[tie]
        return hit


def network_columns(G: nx.Graph | CompactGraph, *, like: FacetIndex | None = None) -> NetworkColumns:
    """The :class:`NetworkColumns` of the collaboration graph, from the NetworkX graph (its
    nodes sorted and its ties in ``G.edges()`` order, as :meth:`CompactGraph.from_graph` packs
    them) or from its packed form (decoding every record). O(n · facet values + m).

    ``like``: the actor list's facet columns (:func:`graph.views.actors.facet_index`), when
    built already: they hold the same values of the same actors by the same rule (the graph's
    actors are the listed ones, sorted), so they are taken as they are when their ids match
    the graph's actors — a second of the build at 100,000 actors.

    >>> G = nx.Graph([("b", "a", {"relations": ["supplies"]})])
    >>> for n, kind in (("a", "x"), ("b", None)):
    ...     G.add_node(n, kind=kind, state=None, district=None, confidence="high", stages=[],
    ...                materials=[], categories=[], competencies=[])
    >>> columns = network_columns(G)
    >>> columns.facets["kind"]["x"].tolist(), columns.facets["kind"]["none"].tolist(), columns.degree.tolist()
    ([True, False], [False, True], [1, 1])
    """
    if isinstance(G, CompactGraph):
        n, attrs, ties = len(G), iter(G.attrs), iter(G.ties)
        degree = G.degree().astype(np.int64)
        for node in G.loops:
            degree[node] += 2
    else:
        nodes = sorted(G)
        n, attrs, ties = len(nodes), (G.nodes[v] for v in nodes), (data for _u, _v, data in G.edges(data=True))
        degree = np.fromiter((d for _v, d in G.degree(nodes)), dtype=np.int64, count=n)
    names = G.nodes if isinstance(G, CompactGraph) else nodes
    if like is not None and set(NODE_FACETS) <= set(like.masks) and like.ids == [actor_id(v) for v in names]:
        facets = {facet: like.masks[facet] for facet in NODE_FACETS}
        attrs = iter(())
    else:
        facets = None
    hierarchy = hierarchy_of(G)
    # Positions per value first, one array each at the end: a Python loop that set one array
    # element per actor and value took seconds at 100,000 actors.
    held: dict[str, dict[str, list[int]]] = {facet: {} for facet in NODE_FACETS}
    broader = functools.lru_cache(maxsize=None)(hierarchy.with_broader)  # the same value lists repeat
    single = [facet for facet in NODE_FACETS if facet not in HIERARCHICAL_FACETS]
    many = [(held[facet], HIERARCHICAL_FACETS[facet], _NODE_ATTRIBUTE[facet]) for facet in NODE_FACETS
            if facet in HIERARCHICAL_FACETS]
    for i, data in enumerate(attrs):
        for facet in single:
            value = data[facet]
            held[facet].setdefault(value if value is not None else NONE, []).append(i)
        for found, scheme, attribute in many:
            for value in broader(scheme, tuple(data[attribute])):
                found.setdefault(value, []).append(i)
    if facets is None:
        facets = {facet: {value: _mask(n, where) for value, where in values.items()}
                  for facet, values in held.items()}
    rows: dict[str, list[int]] = {}
    m = 0
    for m, data in enumerate(ties, start=1):
        for tie in data["relations"]:
            rows.setdefault(tie, []).append(m - 1)
    by_type = {tie: _mask(m, where) for tie, where in rows.items()}
    rank = np.lexsort((np.arange(n), -degree)).astype(np.int32)  # nodes are sorted: index order is name order
    return NetworkColumns(facets, by_type, degree, rank)


@dataclass(frozen=True)
class NodeValues:
    """Every actor's place in :func:`layout` (``x``, ``y``; NaN: none) and its measures of
    :func:`node_measures` (``community``, 0: none; ``betweenness``) as arrays in the packed
    graph's order: read in milliseconds where the two dicts of 100,000 actors take half a
    second, for the views that show a few of them."""

    x: np.ndarray
    y: np.ndarray
    community: np.ndarray
    betweenness: np.ndarray

    def positions(self, index: dict[str, int]) -> PackedPositions:
        """The places as a mapping node → (x, y), like :func:`layout`'s (``index``: node → position)."""
        return PackedPositions(index, self)

    def measures(self, index: dict[str, int], actor: str) -> tuple[int | None, float]:
        """(community, betweenness) of one actor id, as :func:`node_measures` gives them
        ((None, 0.0) for an actor without)."""
        i = index.get(actor_iri(actor))
        if i is None or not self.community[i]:
            return None, 0.0
        return int(self.community[i]), float(self.betweenness[i])


class PackedPositions(Mapping):
    """:class:`NodeValues`' places as a read-only mapping node → (x, y)."""

    def __init__(self, index: dict[str, int], values: NodeValues) -> None:
        self.index, self.values = index, values

    def __getitem__(self, node: str) -> tuple[float, float]:
        i = self.index[node]
        x, y = self.values.x[i], self.values.y[i]
        if np.isnan(x):
            raise KeyError(node)
        return float(x), float(y)

    def __iter__(self):
        return (node for node, i in self.index.items() if not np.isnan(self.values.x[i]))

    def __len__(self) -> int:
        return int((~np.isnan(self.values.x)).sum())


def node_values(nodes: list[str], positions: Mapping[str, tuple[float, float]],
                measures: Mapping[str, tuple[int, float]]) -> NodeValues:
    """:class:`NodeValues` of ``nodes`` (the packed graph's, sorted) from :func:`layout` and
    :func:`node_measures`. O(n).

    >>> a, b = actor_iri("a"), actor_iri("b")
    >>> values, index = node_values([a, b], {a: (1.5, 2.0)}, {"b": (1, 0.25)}), {a: 0, b: 1}
    >>> values.positions(index).get(a), values.positions(index).get(b), dict(values.positions(index))
    ((1.5, 2.0), None, {'https://w3id.org/harzgraph/id/actor/a': (1.5, 2.0)})
    >>> values.measures(index, "b"), values.measures(index, "a")
    ((1, 0.25), (None, 0.0))
    """
    n = len(nodes)
    x, y = np.full(n, np.nan), np.full(n, np.nan)
    community, betweenness = np.zeros(n, dtype=np.int32), np.zeros(n)
    for i, node in enumerate(nodes):
        if node in positions:
            x[i], y[i] = positions[node]
        found = measures.get(actor_id(node))
        if found is not None and found[0] is not None:
            community[i], betweenness[i] = found
    return NodeValues(x, y, community, betweenness)


def _mask(n: int, where: list[int]) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    mask[where] = True
    return mask


def network_view(G: nx.Graph | CompactGraph, positions: Mapping[str, tuple[float, float]], criteria: NetworkFilter,
                 store: pyoxigraph.Store, *, lang: str = "de", labels: dict | None = None,
                 projects: dict[str, str] | None = None, columns: NetworkColumns | None = None,
                 max_nodes: int = MAX_NODES, max_edges: int = MAX_EDGES) -> dict[str, object]:
    """The nodes and edges one view of the network shows, with what it highlights.

    Node filters keep the actors matching every facet (any of the values per facet); a
    relation filter keeps the ties of those types and the actors that have one. A focus
    keeps the actor's neighbourhood within ``hops`` steps; a path adds the shortest chain of
    kept ties between two actors (its two ends are shown even when the filters leave them out).
    Filters, neighbourhoods, paths and degrees are those of the whole graph; only the actors
    a view shows are read in full (:meth:`CompactGraph.subgraph`).

    Parameters
    ----------
    G : the collaboration graph of :func:`graph.network.collaboration_graph`, or its packed
        form (:class:`CompactGraph`, which a large graph should be: a NetworkX graph is packed
        first).
    positions : :func:`layout` of ``G`` (or :meth:`NodeValues.positions`).
    criteria : filters, focus, path and search.
    store : for the names of concepts and projects.
    lang : "de" or "en".
    labels : :func:`graph.actors.concept_labels` in ``lang``, when the caller keeps them.
    projects : :func:`project_names` of ``store``, when the caller keeps them.
    columns : :func:`network_columns` of ``G``, when the caller keeps them.
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

    Notes
    -----
    O(n + m) vector operations for a relation filter or a path (a breadth-first search on the
    packed arrays), O(Σ degree) of the shown actors for the rest: about 0.1 s at 100,000
    actors for a view of 1,000 (bench/network_filters.py).
    """
    C = G if isinstance(G, CompactGraph) else CompactGraph.from_graph(G)
    columns = columns if columns is not None else network_columns(G)
    labels = labels if labels is not None else concept_labels(store, lang=lang)
    notes: list[str] = []
    node_filter = {f: v for f, v in criteria.selected.items() if f in NODE_FACETS and v}
    wanted_ties = set(criteria.selected.get("relation", ()))
    n = len(C)
    kept = columns.keep(node_filter)
    wanted = columns.wanted(wanted_ties)
    kept_all = kept if kept is not None else np.ones(n, dtype=bool)
    wanted_all = wanted if wanted is not None else np.ones(C.number_of_ties(), dtype=bool)
    path = _shortest_path(C, kept_all, wanted_all, criteria.path, notes) if criteria.path else None
    visible, focus = _visible(C, columns, kept_all, wanted, wanted_all, criteria, path, notes, max_nodes=max_nodes)
    names = [C.nodes[i] for i in visible]
    S = C.subgraph(names)  # the shown actors and the ties among them, with every attribute
    kept_names = {C.nodes[i] for i in visible if kept_all[i]}

    def in_view(a: str, b: str) -> bool:  # a tie the filters keep (both ends kept, a wanted type)
        return a in kept_names and b in kept_names and _wanted(S.edges[a, b], wanted_ties)

    focus_name = C.nodes[focus] if focus is not None else None
    path_names = [C.nodes[i] for i in path] if path else None
    if focus is not None or ((node_filter or wanted_ties) and len(visible) <= RELAYOUT_MAX):
        # A neighbourhood or a filtered part is scattered thinly over the whole picture:
        # lay it out on its own so it reads at a glance (positions differ from the full view).
        positions = layout(S, unit=90.0)
    edges = _edge_rows(C, S, in_view, path_names, store, lang=lang, labels=labels,
                       projects=projects if projects is not None else project_names(store))
    if len(edges) > max_edges:
        strongest = sorted(edges, key=lambda e: (not e["on_path"], -e["weight"], e["id"]))[:max_edges]
        edges = sorted(strongest, key=lambda e: (e["from"], e["to"]))
        notes.append("edges_capped")
    degree = {C.nodes[i]: int(columns.degree[i]) for i in visible}
    nodes = _node_rows(S, degree, positions, criteria.q, path_names, focus_name, lang=lang, labels=labels)
    return {"nodes": nodes, "edges": edges, "path": [actor_id(v) for v in path_names] if path_names else None,
            "matches": [node["id"] for node in nodes if node["match"]], "notes": notes,
            "total_nodes": n, "total_edges": C.number_of_ties()}


def _wanted(attrs: dict, wanted_ties: set[str]) -> bool:
    """A tie passes the relation filter: no filter, or one of its relation types is wanted."""
    return not wanted_ties or bool(wanted_ties & set(attrs["relations"]))


def _slots(C: CompactGraph, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every tie of ``nodes`` seen from them, as three arrays: the node, its neighbour, the tie's
    row (self-loops left out: they lead nowhere). O(Σ degree of ``nodes``)."""
    starts = C.indptr[nodes]
    counts = C.indptr[nodes + 1] - starts
    slots = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()))
    return np.repeat(nodes, counts), C.indices[slots], C.tie_of[slots]


def _shortest_path(C: CompactGraph, kept: np.ndarray, wanted: np.ndarray, ends: tuple[str, str],
                   notes: list[str]) -> list[int] | None:
    """The shortest chain of kept ties between two actors in the whole graph, whose own ties
    count even when the filters leave the two out; None (with a note) when there is none or an
    end is unknown. A breadth-first search on the packed arrays, one vector step per distance
    (of several equally short chains, the one through the first-sorted actors)."""
    ends = [actor_iri(end) for end in ends]
    if not all(end in C for end in ends):
        notes.append("path_unknown")
        return None
    start, goal = (C.index[end] for end in ends)
    if start == goal:
        return [start]
    is_end = np.zeros(len(C), dtype=bool)
    is_end[[start, goal]] = True
    parent = np.full(len(C), -1, dtype=np.int64)
    seen = np.zeros(len(C), dtype=bool)
    seen[start] = True
    frontier = np.array([start], dtype=np.int64)
    while len(frontier) and not seen[goal]:
        a, b, rows = _slots(C, frontier)
        ok = wanted[rows] & ((kept[a] & kept[b]) | (is_end[a] & kept[b]) | (is_end[b] & kept[a])) & ~seen[b]
        frontier, first = np.unique(b[ok], return_index=True)
        parent[frontier] = a[ok][first]
        seen[frontier] = True
    if not seen[goal]:
        notes.append("path_none")
        return None
    path = [goal]
    while path[-1] != start:
        path.append(int(parent[path[-1]]))
    return path[::-1]


def _visible(C: CompactGraph, columns: NetworkColumns, kept_all: np.ndarray, wanted: np.ndarray | None,
             wanted_all: np.ndarray, criteria: NetworkFilter,
             path: list[int] | None, notes: list[str], *, max_nodes: int) -> tuple[np.ndarray, int | None]:
    """The actors shown (at most ``max_nodes``, the best-connected first; sorted indices) and
    the focused one."""
    n = len(C)
    focus = actor_iri(criteria.focus) if criteria.focus else None
    focus_at: int | None = None
    if focus and focus in C:
        focus_at = C.index[focus]
        radius = max(1, min(criteria.hops, MAX_HOPS))
        # The neighbourhood within ``radius`` steps along kept ties; the focus's own ties to
        # kept actors count whatever their type.
        shown = np.zeros(n, dtype=bool)
        shown[focus_at] = True
        frontier = np.array([focus_at], dtype=np.int64)
        for _ in range(radius):
            a, b, rows = _slots(C, frontier)
            ok = ((kept_all[a] & kept_all[b] & wanted_all[rows]) | ((a == focus_at) & kept_all[b])
                  | ((b == focus_at) & kept_all[a])) & ~shown[b]
            frontier = np.unique(b[ok])
            shown[frontier] = True
    elif wanted is not None:
        if focus:
            notes.append("focus_unknown")
        # With a relation filter, actors that have no tie of those types say nothing: leave them out.
        a, b, rows = _slots(C, np.arange(n, dtype=np.int64))
        shown = np.zeros(n, dtype=bool)
        shown[a[kept_all[a] & kept_all[b] & wanted[rows]]] = True
        for node, row in C.loops.items():
            shown[node] |= bool(kept_all[node] and wanted[row])
    else:
        if focus:
            notes.append("focus_unknown")
        shown = kept_all.copy()
    if path:
        shown[path] = True
    if int(shown.sum()) > max_nodes:
        pinned = np.zeros(n, dtype=bool)
        if path:
            pinned[path] = True
        if focus_at is not None:
            pinned[focus_at] = True
        candidates = columns.rank[(shown & ~pinned)[columns.rank]]
        shown = pinned.copy()
        shown[candidates[:max(0, max_nodes - int(pinned.sum()))]] = True
        notes.append("capped")
    return np.flatnonzero(shown), focus_at


def _edge_rows(C: CompactGraph, S: nx.Graph, in_view, path: list[str] | None, store: pyoxigraph.Store,
               *, lang: str, labels: dict, projects: dict[str, str]) -> list[dict]:
    """The shown ties (of ``S``, the shown actors: those ``in_view`` and the path's), sorted
    by their ends, with relation names, sources and projects."""
    relation_labels = relation_choices(store, lang=lang, labels=labels)
    on_path_edges = {frozenset(pair) for pair in zip(path, path[1:], strict=False)} if path else set()
    edges = []
    for a, b in sorted(tuple(sorted(pair, key=actor_id)) for pair in S.edges()):
        attrs = S.edges[a, b]
        on_path = frozenset((a, b)) in on_path_edges
        if not (in_view(a, b) or on_path):
            continue
        relations = sorted(attrs["relations"], key=_tie_rank)
        edges.append({
            "id": f"{actor_id(a)}|{actor_id(b)}", "from": actor_id(a), "to": actor_id(b),
            "relations": relations, "relation_labels": [relation_labels.get(r, r) for r in relations],
            "primary": relations[0], "sources": list(attrs["sources"]),
            "via": [projects.get(v) or C.node_attrs(v)["label"] if v in C else projects.get(v, v)
                    for v in attrs["via"]],
            "years": list(attrs["years"]), "confidence": attrs["confidence"],
            "arrows_to": [actor_id(end) for end in attrs.get("pointed", ())],
            "confidence_label": EVIDENCE[attrs["confidence"]][lang], "weight": attrs["weight"], "on_path": on_path,
        })
    return edges


def _node_rows(S: nx.Graph, degree: dict[str, int], positions: dict, q: str, path: list[str] | None,
               focus: str | None, *, lang: str, labels: dict) -> list[dict]:
    """The shown actors (``S``'s), sorted by id, with labels, degree (``degree``: in the whole
    graph), position and highlights."""
    needle = fold(q.strip()) if q.strip() else None
    on_path_nodes = set(path or [])
    nodes = []
    for n in sorted(S, key=actor_id):
        attrs = S.nodes[n]
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
            "degree": degree[n], "x": x, "y": y,
            "match": bool(needle and needle in fold(attrs["label"])),
            "on_path": n in on_path_nodes, "focus": n == focus,
        })
    return nodes


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
    return _ordered(counts, hierarchy)


def _ordered(counts: dict[str, Counter], hierarchy) -> dict[str, list[tuple[str, int]]]:
    """:func:`facet_counts`' order: most frequent first (ties by notation, ``none`` last);
    concepts in tree order."""
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


def shown_counts(G: nx.Graph | CompactGraph, nodes: list[dict], edges: list[dict], *,
                 columns: NetworkColumns | None = None) -> dict[str, dict[str, int]]:
    """The facet counts of one view: how many of the actors it shows have each facet value (a
    concept counting the actors of its narrower concepts, as :func:`facet_counts` does), and
    how many of the edges it shows carry each tie type. ``facet → {value: count}``; values no
    shown actor or edge has are left out (their count is 0).

    Parameters
    ----------
    G : the collaboration graph, or its packed form (then with ``columns``).
    nodes, edges : the view's rows (:func:`network_view`): nodes by ``id``, edges with ``relations``.
    columns : :func:`network_columns` of ``G``: the counts are read from its columns, without
        the actors' records (O(facet values × shown actors)).

    >>> G = nx.Graph()
    >>> for n, kind in (("a", "x"), ("b", "x"), ("c", "y")):
    ...     G.add_node(actor_iri(n), kind=kind, state=None, district=None, confidence="high", stages=[],
    ...                materials=[], categories=[], competencies=[])
    >>> counts = shown_counts(G, [{"id": "a"}, {"id": "c"}], [{"relations": ["funds", "member_of"]}])
    >>> counts["kind"], counts["state"], counts["relation"]
    ({'x': 1, 'y': 1}, {'none': 2}, {'funds': 1, 'member_of': 1})
    >>> counts == shown_counts(CompactGraph.from_graph(G), [{"id": "a"}, {"id": "c"}],
    ...                        [{"relations": ["funds", "member_of"]}], columns=network_columns(G))
    True
    """
    if columns is None:
        H = G.subgraph(actor_iri(node["id"]) for node in nodes)
        counts = {facet: dict(pairs) for facet, pairs in facet_counts(H).items()}
    else:
        index = G.index
        shown = np.array([index[actor_iri(node["id"])] for node in nodes], dtype=np.int64)
        held = {facet: Counter({value: int(column[shown].sum()) for value, column in values.items()})
                for facet, values in columns.facets.items()}
        held = {facet: +c for facet, c in held.items()}  # without the values no shown actor has
        held["relation"] = Counter()
        counts = {facet: dict(pairs) for facet, pairs in _ordered(held, hierarchy_of(G)).items()}
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
