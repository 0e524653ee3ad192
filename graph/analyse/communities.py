"""Communities: densely tied groups of actors, and groups with no or one tie between them."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import networkx as nx
from networkx.utils import not_implemented_for

from graph.analyse._checks import check_positive_int, check_top, r4, use_igraph
from graph.analyse._igraph import seeded_igraph, to_igraph
from graph.analyse._names import actor_label, actor_state
from graph.analyse._stages import chain, stage_positions


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def communities(
    G: nx.Graph,
    *,
    resolution: float = 1.0,
    seed: int = 0,
    backend: str = "auto",
) -> list[dict[str, Any]]:
    """Split the actors into communities: groups tied more densely inside than outside.

    Communities are the network's camps — a university and its spin-offs, the
    municipal collectors of one state, a project consortium. They are found by
    maximising modularity (more ties inside groups than chance would give), so they
    describe the recorded ties, not membership anyone declared. A higher
    ``resolution`` gives more, smaller groups; comparing two or three values shows which
    groups are robust.

    Parameters
    ----------
    G : undirected collaboration graph; tie weights (``weight``) count.
    resolution : modularity resolution (> 0); 1 is the classic modularity.
    seed : the methods visit actors in a random order; the seed fixes it, so the same
        graph always gives the same groups.
    backend : ``"networkx"`` (Louvain, :func:`networkx.community.louvain_communities`),
        ``"igraph"`` (Leiden, which guarantees connected groups and is far faster) or
        ``"auto"`` (Leiden above 500 actors).

    Returns
    -------
    list of dict
        ``community`` ("C1", "C2", … by size, ties by smallest IRI), ``size``,
        ``members`` (sorted IRIs), ``examples`` (up to 3 names, most ties first),
        ``internal_ties``, ``external_ties``, ``states`` (keys), ``stages`` (top-level
        notations in chain order), ``kinds``, ``modularity`` (of the whole partition,
        the same in every row). Largest first. Worded by :mod:`graph.words.findings` ("community").

    Raises
    ------
    NetworkXNotImplemented
        for directed graphs and multigraphs.
    ValueError
        for a resolution <= 0 or an unknown backend.

    Examples
    --------
    Two triangles joined by one tie form two communities:

    >>> G = nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("C", "D"),
    ...               ("D", "E"), ("E", "F"), ("D", "F")])
    >>> [(r["community"], r["members"]) for r in communities(G)]
    [('C1', ['A', 'B', 'C']), ('C2', ['D', 'E', 'F'])]

    Notes
    -----
    Louvain and Leiden take about O(m) per pass and few passes in practice; the rows
    take O(n + m).

    References
    ----------
    Blondel et al. (2008), Fast unfolding of communities in large networks; Traag,
    Waltman & van Eck (2019), From Louvain to Leiden: guaranteeing well-connected
    communities.
    """
    return _community_rows(G, *partition(G, resolution=resolution, seed=seed, backend=backend))


def _community_rows(G: nx.Graph, parts: list[list[str]], modularity: float) -> list[dict[str, Any]]:
    """The rows of :func:`communities` for the partition ``parts`` (of :func:`partition`)."""
    member_of = {v: i for i, part in enumerate(parts) for v in part}
    internal = [0] * len(parts)
    external = [0] * len(parts)
    for u, v in G.edges():
        if u == v:
            continue
        if member_of[u] == member_of[v]:
            internal[member_of[u]] += 1
        else:
            external[member_of[u]] += 1
            external[member_of[v]] += 1
    rows = []
    for i, part in enumerate(parts):
        profile = _profile(G, part)
        row: dict[str, Any] = {
            "community": f"C{i + 1}",
            "size": len(part),
            "members": part,
            "examples": profile["examples"],
            "internal_ties": internal[i],
            "external_ties": external[i],
            "states": profile["states"],
            "stages": profile["stages"],
            "kinds": profile["kinds"],
            "modularity": r4(modularity),
        }
        rows.append(row)
    return rows


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def community_gaps(
    G: nx.Graph,
    *,
    resolution: float = 1.0,
    seed: int = 0,
    backend: str = "auto",
    max_links: int = 1,
    min_size: int = 3,
    top: int | None = None,
) -> list[dict[str, Any]]:
    """List pairs of communities with no tie, or only one, between them.

    Two groups that do not talk to each other are a strategic gap, above all when one
    works at stages the other lacks; a single tie between them is fragile — it rests
    on two organisations (often two people). The actors on that tie are the natural
    moderators for a second one. Suggestions are hypotheses: the data may simply not
    record an existing contact.

    Parameters
    ----------
    G, resolution, seed, backend : as in :func:`communities`.
    max_links : list pairs with at most this many ties between them (default 1).
    min_size : leave out communities smaller than this (isolated actors and pairs are
        the subject of :func:`graph.analyse.periphery.periphery`).
    top : keep the first ``top`` rows; all when None.

    Returns
    -------
    list of dict
        ``community_a``, ``community_b`` (as numbered by :func:`communities`),
        ``size_a``, ``size_b``, ``links`` (ties between them), ``ties`` (those ties as
        "IRI – IRI", sorted), ``link_actors`` (actors on them, sorted), ``examples_a``,
        ``examples_b``, ``states_a``, ``states_b``, ``stages_only_a``,
        ``stages_only_b`` (stages one group covers and the other not), ``reason_codes``
        (worded by :mod:`graph.words.findings`). Fewest ties first, then the larger pair of groups, then by
        community number.

    Examples
    --------
    Two triangles joined by the tie C–D, and a third triangle apart:

    >>> G = nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("C", "D"),
    ...               ("D", "E"), ("E", "F"), ("D", "F"),
    ...               ("X", "Y"), ("Y", "Z"), ("X", "Z")])
    >>> [(r["community_a"], r["community_b"], r["links"], r["ties"])
    ...  for r in community_gaps(G)]
    [('C1', 'C3', 0, []), ('C2', 'C3', 0, []), ('C1', 'C2', 1, ['C – D'])]

    Notes
    -----
    The partition as in :func:`communities`; one pass over the ties counts the links,
    O(m), and the pairs take O(c²) for c communities of at least ``min_size`` actors.
    """
    check_positive_int("max_links", max_links, minimum=0)
    check_positive_int("min_size", min_size)
    check_top(top)
    parts, _ = partition(G, resolution=resolution, seed=seed, backend=backend)
    return _gap_rows(G, parts, max_links=max_links, min_size=min_size, top=top)


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def community_findings(
    G: nx.Graph,
    *,
    resolution: float = 1.0,
    seed: int = 0,
    backend: str = "auto",
    max_links: int = 1,
    min_size: int = 3,
    top: int | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``(communities(G), community_gaps(G))`` with the same options, from one partition.

    Both functions partition ``G`` themselves; the partition (Leiden or Louvain, seeded) is
    the slow part, so a caller that needs both (the build, /communities) asks here and pays it
    once. The rows are those of the two functions, exactly.

    >>> G = nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("C", "D"),
    ...               ("D", "E"), ("E", "F"), ("D", "F")])
    >>> groups, gaps = community_findings(G)
    >>> [g["members"] for g in groups], [(r["community_a"], r["community_b"], r["links"]) for r in gaps]
    ([['A', 'B', 'C'], ['D', 'E', 'F']], [('C1', 'C2', 1)])

    Complexity: one partition, then as the two functions (O(n + m) and O(m + c²)).
    """
    check_positive_int("max_links", max_links, minimum=0)
    check_positive_int("min_size", min_size)
    check_top(top)
    parts, modularity = partition(G, resolution=resolution, seed=seed, backend=backend)
    return (_community_rows(G, parts, modularity),
            _gap_rows(G, parts, max_links=max_links, min_size=min_size, top=top))


def _gap_rows(G: nx.Graph, parts: list[list[str]], *, max_links: int, min_size: int,
              top: int | None) -> list[dict[str, Any]]:
    """The rows of :func:`community_gaps` for the partition ``parts``."""
    kept = [i for i, part in enumerate(parts) if len(part) >= min_size]
    member_of = {v: i for i, part in enumerate(parts) for v in part}
    links: dict[tuple[int, int], int] = {}
    ties: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for u, v in G.edges():
        a, b = member_of[u], member_of[v]
        if a == b:
            continue
        pair = (a, b) if a < b else (b, a)
        links[pair] = links.get(pair, 0) + 1
        if links[pair] <= max_links:
            ties.setdefault(pair, []).append(tuple(sorted((u, v))))
    profiles = {i: _profile(G, parts[i]) for i in kept}
    rows = []
    for a, b in combinations(kept, 2):
        count = links.get((a, b), 0)
        if count > max_links:
            continue
        pair_ties = sorted(ties.get((a, b), []))
        pa, pb = profiles[a], profiles[b]
        row: dict[str, Any] = {
            "community_a": f"C{a + 1}",
            "community_b": f"C{b + 1}",
            "size_a": len(parts[a]),
            "size_b": len(parts[b]),
            "links": count,
            "ties": [f"{u} – {v}" for u, v in pair_ties],
            "link_actors": sorted({x for tie in pair_ties for x in tie}),
            "examples_a": pa["examples"],
            "examples_b": pb["examples"],
            "states_a": pa["states"],
            "states_b": pb["states"],
            "stages_only_a": [s for s in pa["stages"] if s not in pb["stages"]],
            "stages_only_b": [s for s in pb["stages"] if s not in pa["stages"]],
        }
        row["reason_codes"] = _gap_codes(row)
        rows.append((count, -(row["size_a"] + row["size_b"]), a, b, row))
    rows.sort(key=lambda r: r[:4])
    out = [r[4] for r in rows]
    return out if top is None else out[:top]


def partition(
    G: nx.Graph, *, resolution: float = 1.0, seed: int = 0, backend: str = "auto"
) -> tuple[list[list[str]], float]:
    """The communities as sorted member lists (largest first, ties by smallest IRI), and Q.

    >>> partition(nx.Graph([("A", "B"), ("C", "D")]))
    ([['A', 'B'], ['C', 'D']], 0.5)
    """
    if not isinstance(resolution, int | float) or isinstance(resolution, bool) or resolution <= 0:
        raise ValueError(f"resolution must be a number > 0, not {resolution!r}")
    fast = use_igraph(G, backend)
    if G.number_of_nodes() == 0:
        return [], 0.0
    if fast:
        g, order = to_igraph(G, weight="weight")
        with seeded_igraph(seed):
            clustering = g.community_leiden(
                objective_function="modularity",
                weights="weight",
                resolution=resolution,
                n_iterations=2,
            )
        groups: dict[int, list[str]] = {}
        for v, c in zip(order, clustering.membership, strict=True):
            groups.setdefault(c, []).append(v)
        parts = sorted((sorted(p) for p in groups.values()), key=lambda p: (-len(p), p[0]))
        if G.number_of_edges() == 0:
            return parts, 0.0
        q = g.modularity(clustering.membership, weights="weight", resolution=resolution)
        return parts, float(q)
    # Louvain shuffles with the seed but walks the graph in its own order: hand it
    # a copy in IRI order, so the result does not depend on how G was built.
    H = nx.Graph()
    H.add_nodes_from(sorted(G))
    H.add_weighted_edges_from(
        sorted((min(u, v), max(u, v), float(d.get("weight", 1.0))) for u, v, d in G.edges(data=True) if u != v)
    )
    found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    parts = sorted((sorted(p) for p in found), key=lambda p: (-len(p), p[0]))
    if G.number_of_edges() == 0:
        return parts, 0.0
    q = nx.community.modularity(H, parts, weight="weight", resolution=resolution)
    return parts, float(q)


def _profile(G: nx.Graph, part: list[str]) -> dict[str, list[str]]:
    order = stage_positions(G)
    top = {order[s]: s for s in chain(G)}
    positions = {order[s] for v in part for s in G.nodes[v].get("stages") or () if s in order}
    by_ties = sorted(part, key=lambda v: (-G.degree(v), v))[:3]
    return {
        "examples": [actor_label(G, v) for v in by_ties],
        "states": sorted({s for v in part if (s := actor_state(G, G.nodes[v]))}),
        "stages": [top[p] for p in sorted(positions) if p in top],
        "kinds": sorted({G.nodes[v]["kind"] for v in part if G.nodes[v].get("kind")}),
    }


def _gap_codes(row: dict[str, Any]) -> list[str]:
    """What to say about a pair of groups (worded by :mod:`graph.words.findings`)."""
    codes = ["none" if row["links"] == 0 else "one" if row["links"] == 1 else "few"]
    codes += [f"only_{side}" for side in ("a", "b") if row[f"stages_only_{side}"]]
    return [*codes, "could" if row["links"] == 0 else "second"]
