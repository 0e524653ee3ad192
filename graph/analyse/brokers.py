"""Brokers and fragility: who holds the network together, and who is cut off if they leave."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from networkx.utils import not_implemented_for

from graph.analyse._checks import NX_LIMIT_CONSTRAINT, check_choice, check_positive_int, check_top, r4, use_igraph
from graph.analyse._igraph import to_igraph
from graph.analyse._names import actor_label, actor_state


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def brokers(
    G: nx.Graph,
    *,
    top: int | None = None,
    backend: str = "auto",
    exact_limit: int = 5000,
    sample: int = 100,
    seed: int = 0,
    max_listed: int = 20,
) -> list[dict[str, Any]]:
    """Rank actors by how much the network depends on them, and say who hangs on whom.

    A broker stands between others: many shortest ways from one actor to another pass
    through it (betweenness), and its partners are not tied to each other, so it hears
    and passes on what the others cannot (low Burt constraint, high effective size).
    Brokers are the alliance's channels for introductions — and single points of
    failure. An actor whose departure would cut others off from the rest of the network
    (an articulation point) is the sharpest case; a tie that is the only connection
    between two parts (a bridge) is worth doubling with a second partnership.

    Parameters
    ----------
    G : undirected collaboration graph whose nodes are actor IRIs; ties count
        unweighted (a path is a chain of recorded ties).
    top : keep the first ``top`` rows; all rows when None.
    backend : ``"networkx"``, ``"igraph"`` or ``"auto"`` (igraph above 500 actors, and
        for the constraint above 100, where NetworkX's version slows down sharply). Both
        give the same numbers; NetworkX is the readable reference.
    exact_limit : betweenness is exact up to this many actors; above, it is estimated
        from ``sample`` randomly chosen start actors (``seed``), as Brandes & Pich
        (2007) propose — exact betweenness of a large graph is a batch job.
    sample, seed : size and seed of that sample.
    max_listed : how many of the cut-off actors a row names (the count is always full).

    Returns
    -------
    list of dict
        ``actor``, ``label``, ``kind``, ``state``, ``district``, ``degree``,
        ``betweenness`` (normalised to [0, 1]), ``constraint`` (Burt, None for an
        actor without ties), ``effective_size``, ``efficiency`` (effective size / degree,
        None without ties), ``splits`` (how many parts the actor's part of the network
        falls into if it leaves: 0 without ties, 1 if nothing breaks, 2+ for an
        articulation point), ``cut_off_count`` (actors that would lose every path to
        the largest remaining part), ``cut_off`` (up to ``max_listed`` of them, sorted),
        ``bridges`` (partners reached through a bridge, sorted), ``reason_codes``
        (worded by :mod:`graph.words.findings`). Highest betweenness first, then most cut off, then by IRI.

    Raises
    ------
    NetworkXNotImplemented
        for directed graphs and multigraphs.
    ValueError
        for an unknown backend or a bad limit.

    Examples
    --------
    In the chain A–B–C, B stands on the only path from A to C; leaving, it would cut C
    off (A, the smaller IRI, stays in the piece that is kept when both are equal):

    >>> [(r["actor"], r["betweenness"], r["splits"], r["cut_off"]) for r in
    ...  brokers(nx.path_graph(["A", "B", "C"]))]
    [('B', 1.0, 2, ['C']), ('A', 0.0, 1, []), ('C', 0.0, 1, [])]

    Notes
    -----
    Betweenness (Brandes) takes O(n · m) exactly, O(sample · m) estimated; constraint
    O(Σ k²·k̄) in NetworkX, far faster in igraph; effective size uses the triangle
    formula k − 2t/k (Borgatti 1997), O(m · k̄) — NetworkX's ``effective_size`` gives
    the same values but its fast path builds a dense n × n matrix. Articulation points,
    the pieces they leave and bridges come from one depth-first search, O(n + m).

    References
    ----------
    Burt (1992), Structural Holes; Borgatti (1997), Structural holes: unpacking Burt's
    redundancy measures; Brandes (2001), A faster algorithm for betweenness centrality;
    Brandes & Pich (2007), Centrality estimation in large networks.
    """
    check_top(top)
    check_positive_int("exact_limit", exact_limit, minimum=0)
    check_positive_int("sample", sample)
    check_positive_int("max_listed", max_listed, minimum=0)
    fast = use_igraph(G, backend)
    if G.number_of_nodes() == 0 or top == 0:
        return []
    fast_constraint = use_igraph(G, backend, limit=NX_LIMIT_CONSTRAINT)
    converted = to_igraph(G) if fast or fast_constraint else None  # one conversion for all
    between = _betweenness(G, converted if fast else None, exact_limit, sample, seed)
    constraint = _constraint(G, converted if fast_constraint else None)
    eff = _effective_size(G, list(G), converted if fast else None)
    pieces = cut_pieces(G, max_listed=max_listed)
    rows = []
    for v in sorted(G):
        d = G.nodes[v]
        k = G.degree(v)
        splits, cut_count, cut_list, bridge_list = pieces[v]
        row: dict[str, Any] = {
            "actor": v,
            "label": actor_label(G, v),
            "kind": d.get("kind"),
            "state": actor_state(G, d),
            "district": d.get("district"),
            "degree": k,
            "betweenness": r4(between[v]),
            "constraint": None if constraint[v] is None else r4(constraint[v]),
            "effective_size": None if eff[v] is None else r4(eff[v]),
            "efficiency": None if eff[v] is None else r4(eff[v] / k),
            "splits": splits,
            "cut_off_count": cut_count,
            "cut_off": cut_list,
            "bridges": bridge_list,
        }
        row["reason_codes"] = _codes(row)
        rows.append(row)
    rows.sort(key=lambda r: (-r["betweenness"], -r["cut_off_count"], r["actor"]))
    return rows if top is None else rows[:top]


def effective_size(
    G: nx.Graph, nodes: Iterable[str] | None = None, *, backend: str = "networkx"
) -> dict[str, float | None]:
    """Burt's effective size of each actor's network, by the triangle formula.

    The effective size counts an actor's partners minus their redundancy: a partner
    tied to many of the actor's other partners adds little new. For unweighted ties it
    equals ``k − 2t/k`` for an actor with ``k`` partners and ``t`` ties among them
    (Borgatti 1997).

    Parameters
    ----------
    G : undirected graph.
    nodes : the actors to compute; all when None.
    backend : ``"networkx"`` (triangles by :func:`networkx.triangles`) or ``"igraph"``.

    Returns
    -------
    dict
        IRI → effective size (float), None for an actor without ties (NetworkX gives
        nan there).

    Examples
    --------
    A triangle A–B–C plus the tie C–D: C has 3 partners with 1 tie among them,
    3 − 2·1/3 = 2.333…:

    >>> G = nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("C", "D")])
    >>> round(effective_size(G)["C"], 4)
    2.3333

    Notes
    -----
    O(m · k̄) for the triangle count; memory O(n + m).
    """
    check_choice("backend", backend, ("networkx", "igraph"))
    wanted = list(G) if nodes is None else list(nodes)
    return _effective_size(G, wanted, to_igraph(G) if backend == "igraph" else None)


def _effective_size(G: nx.Graph, wanted: list[str], converted) -> dict[str, float | None]:
    if converted is not None:
        g, order = converted
        triangles = [0] * len(order)
        for a, b, c in g.list_triangles():
            triangles[a] += 1
            triangles[b] += 1
            triangles[c] += 1
        t = dict(zip(order, triangles, strict=True))
    else:
        t = nx.triangles(G, wanted)
    out: dict[str, float | None] = {}
    for v in wanted:
        k = sum(1 for x in G[v] if x != v)
        out[v] = None if k == 0 else k - 2 * t[v] / k
    return out


def cut_pieces(G: nx.Graph, *, max_listed: int = 20) -> dict[str, tuple[int, int, list, list]]:
    """What breaks if each actor left: (splits, cut_off_count, cut_off, bridge partners).

    ``splits`` is the number of parts the actor's part of the network falls into
    without it; of these the largest stays (on equal size, the part a depth-first search
    in IRI order meets first, so the part with the smallest IRI of the component), the
    others are cut off. ``cut_off`` names up to
    ``max_listed`` cut-off actors (sorted); ``bridge partners`` are the partners tied
    to the actor by a bridge.

    >>> cut_pieces(nx.star_graph(["H", "A", "B"]))["H"]
    (2, 1, ['B'], ['A', 'B'])

    Notes
    -----
    One iterative depth-first search with low points (Hopcroft & Tarjan 1973), in IRI
    order: O(n + m), plus O(n · max_listed) for the names.
    """
    nodes = sorted(G)
    index = {v: i for i, v in enumerate(nodes)}
    tree = _depth_first_tree([sorted(index[x] for x in G[v] if x != v) for v in nodes])
    out = {}
    for v in range(len(nodes)):
        splits, cut_count, listed = _pieces_without(tree, v, max_listed)
        out[nodes[v]] = (splits, cut_count, sorted(nodes[x] for x in listed),
                         sorted(nodes[x] for x in tree.bridge_partners[v]))
    return out


@dataclass
class _DepthFirstTree:
    """One depth-first search with low points over actors numbered 0..n-1 (see cut_pieces)."""

    pre: list[int]  # preorder index of each actor
    low: list[int]  # the lowest preorder index its subtree reaches by one back edge
    size: list[int]  # actors in its subtree
    order: list[int]  # actors in preorder
    separated: list[list[int]]  # children whose subtree falls off without the actor
    children: list[list[int]]
    bridge_partners: list[list[int]]
    component: list[int]  # preorder index where the actor's component starts
    comp_size: dict[int, int]


def _depth_first_tree(adj: list[list[int]]) -> _DepthFirstTree:
    """Iterative Hopcroft–Tarjan search, neighbours in the given order: O(n + m)."""
    n = len(adj)
    pre, low, size, parent = [-1] * n, [0] * n, [1] * n, [-1] * n
    tree = _DepthFirstTree(pre, low, size, [], [[] for _ in range(n)], [[] for _ in range(n)],
                           [[] for _ in range(n)], [0] * n, {})
    order = tree.order
    for root in range(n):
        if pre[root] != -1:
            continue
        start = len(order)
        pre[root] = low[root] = len(order)
        order.append(root)
        stack = [(root, iter(adj[root]))]
        while stack:
            v, neighbours = stack[-1]
            for w in neighbours:
                if pre[w] == -1:
                    parent[w] = v
                    pre[w] = low[w] = len(order)
                    order.append(w)
                    stack.append((w, iter(adj[w])))
                    break
                if w != parent[v] and pre[w] < low[v]:
                    low[v] = pre[w]
            else:
                stack.pop()
                if stack:
                    _finish_child(tree, stack[-1][0], v)
        tree.comp_size[start] = len(order) - start
        for i in range(start, len(order)):
            tree.component[order[i]] = start
    return tree


def _finish_child(tree: _DepthFirstTree, p: int, v: int) -> None:
    """Fold the finished subtree of ``v`` into its parent ``p``."""
    tree.low[p] = min(tree.low[p], tree.low[v])
    tree.size[p] += tree.size[v]
    tree.children[p].append(v)
    if tree.low[v] >= tree.pre[p]:
        tree.separated[p].append(v)
    if tree.low[v] > tree.pre[p]:
        tree.bridge_partners[p].append(v)
        tree.bridge_partners[v].append(p)


def _pieces_without(tree: _DepthFirstTree, v: int, max_listed: int) -> tuple[int, int, list[int]]:
    """(pieces, actors cut off, up to ``max_listed`` of them) when actor ``v`` leaves."""
    pre, size, order = tree.pre, tree.size, tree.order
    start = tree.component[v]
    # Pieces: each separated child subtree, plus the rest of the component (towards
    # the root), which exists for every actor but the root.
    pieces = [("child", c, size[c]) for c in tree.separated[v]]
    rest = tree.comp_size[start] - 1 - sum(size[c] for c in tree.separated[v])
    if rest > 0:
        pieces.insert(0, ("rest", v, rest))
    if not pieces:
        return 0, 0, []
    keep = max(range(len(pieces)), key=lambda i: (pieces[i][2], -i))
    cut_count = sum(p[2] for i, p in enumerate(pieces) if i != keep)
    listed: list[int] = []
    for i, (what, c, _) in enumerate(pieces):
        if i == keep or len(listed) >= max_listed:
            continue
        if what == "child":
            listed.extend(order[pre[c] : pre[c] + min(size[c], max_listed - len(listed))])
        else:
            # The rest: everything of the component outside v's own subtree, plus the
            # subtrees of v's children that reach above v.
            sep = set(tree.separated[v])
            ranges = [(start, pre[v]), (pre[v] + size[v], start + tree.comp_size[start])]
            ranges[1:1] = [(pre[c], pre[c] + size[c]) for c in tree.children[v] if c not in sep]
            for lo, hi in ranges:
                listed.extend(order[lo : min(hi, lo + max_listed - len(listed))])
    return len(pieces), cut_count, listed


def betweenness(G: nx.Graph, *, backend: str = "auto", exact_limit: int = 5000, sample: int = 100,
                seed: int = 0) -> dict[str, float]:
    """Each actor's betweenness, normalised to [0, 1], as :func:`brokers` computes it: exact
    up to ``exact_limit`` actors, estimated beyond from ``sample`` seeded start actors.

    >>> betweenness(nx.path_graph(["A", "B", "C"]))
    {'A': 0.0, 'B': 1.0, 'C': 0.0}

    Notes
    -----
    O(n · m) exact, O(sample · m) estimated (igraph above 500 actors with ``backend="auto"``).
    """
    check_positive_int("exact_limit", exact_limit, minimum=0)
    check_positive_int("sample", sample)
    if G.number_of_nodes() == 0:
        return {}
    return _betweenness(G, to_igraph(G) if use_igraph(G, backend) else None, exact_limit, sample, seed)


def _betweenness(G, converted, exact_limit, sample, seed) -> dict[str, float]:
    n = G.number_of_nodes()
    estimate = n > exact_limit and sample < n
    if converted is None:
        k = sample if estimate else None
        return nx.betweenness_centrality(G, k=k, normalized=True, seed=seed)
    g, order = converted
    if estimate:
        sources = random.Random(seed).sample(range(n), sample)
        raw = [b * n / sample for b in g.betweenness(directed=False, sources=sources)]
    else:
        raw = g.betweenness(directed=False)
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    return {v: b * scale for v, b in zip(order, raw, strict=True)}


def _constraint(G, converted) -> dict[str, float | None]:
    if converted is not None:
        g, order = converted
        values = dict(zip(order, g.constraint(), strict=True))
    else:
        values = nx.constraint(G)
    return {v: None if math.isnan(c) or G.degree(v) == 0 else c for v, c in values.items()}


def _codes(row: dict[str, Any]) -> list[str]:
    """What to say about a broker (worded by :mod:`graph.words.findings`)."""
    if row["degree"] == 0:
        return ["alone"]
    codes = []
    if row["betweenness"] >= 0.005:
        codes.append("between")
    if row["degree"] >= 3 and row["efficiency"] is not None and row["efficiency"] >= 0.75:
        codes.append("holes")
    if row["cut_off_count"]:
        codes.append("cut")
    if row["bridges"]:
        codes.append("bridges")
    return codes or ["none"]
