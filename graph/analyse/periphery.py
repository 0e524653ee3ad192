"""Isolated and peripheral actors: no recorded tie, a single contact, or a group apart."""

from __future__ import annotations

from typing import Any

import networkx as nx
from networkx.utils import not_implemented_for

from graph.analyse._checks import check_positive_int, use_igraph
from graph.analyse._igraph import to_igraph
from graph.analyse._names import actor_label, actor_state


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def periphery(
    G: nx.Graph,
    *,
    max_core: int = 1,
    include_separate: bool = True,
    backend: str = "auto",
) -> list[dict[str, Any]]:
    """List the actors at the edge of the network, and say why each is there.

    An actor with no recorded tie either works alone or its ties have not been
    researched yet; an actor whose ties form no closed group (k-core 1: a single
    contact, or a chain) hears of the alliance only through one or two others; a small
    group apart from the main network is an island. Peripheral actors with the right
    competencies — a repair café, a social enterprise doing re-use — are cheap gains:
    one introduction to a core member connects them.

    The k-core of an actor is the largest k such that it belongs to a group in which
    everyone has at least k ties to others of the group (Seidman 1983).

    Parameters
    ----------
    G : undirected collaboration graph.
    max_core : list actors whose core number is at most this (0 = only isolated actors).
    include_separate : also list actors of connected parts smaller than the largest
        (islands), whatever their core number.
    backend : ``"networkx"``, ``"igraph"`` or ``"auto"`` (igraph above 500 actors);
        the core numbers are the same.

    Returns
    -------
    list of dict
        ``actor``, ``label``, ``kind``, ``state``, ``district``, ``degree``, ``core``,
        ``component_size`` (actors in its connected part, itself included),
        ``main_component_size``, ``partners`` (sorted IRIs), ``stages``, ``materials``,
        ``competencies``, ``reason_codes``. Isolated actors first, then
        by core number, size of the part, degree, and IRI.

    Raises
    ------
    NetworkXNotImplemented
        for directed graphs and multigraphs.
    ValueError
        for a negative ``max_core`` or an unknown backend.

    Examples
    --------
    A triangle A–B–C with D hanging on C, and E alone:

    >>> G = nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("C", "D")])
    >>> G.add_node("E")
    >>> [(r["actor"], r["degree"], r["core"]) for r in periphery(G)]
    [('E', 0, 0), ('D', 1, 1)]

    Notes
    -----
    Core numbers by the Batagelj–Zaversnik algorithm, O(n + m); connected parts O(n + m).

    References
    ----------
    Seidman (1983), Network structure and minimum degree; Batagelj & Zaversnik (2003),
    An O(m) algorithm for cores decomposition of networks.
    """
    check_positive_int("max_core", max_core, minimum=0)
    fast = use_igraph(G, backend)
    if G.number_of_nodes() == 0:
        return []
    core = _core_numbers(G, fast)
    component_size: dict[str, int] = {}
    parts = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(c)))
    main = parts[0]
    for part in parts:
        for v in part:
            component_size[v] = len(part)
    rows = []
    for v in sorted(G):
        separate = component_size[v] < len(main)
        if core[v] > max_core and not (include_separate and separate):
            continue
        d = G.nodes[v]
        row: dict[str, Any] = {
            "actor": v,
            "label": actor_label(G, v),
            "kind": d.get("kind"),
            "state": actor_state(G, d),
            "district": d.get("district"),
            "degree": sum(1 for x in G[v] if x != v),
            "core": core[v],
            "component_size": component_size[v],
            "main_component_size": len(main),
            "partners": sorted(x for x in G[v] if x != v),
            "stages": list(d.get("stages") or []),
            "materials": list(d.get("materials") or []),
            "competencies": list(d.get("competencies") or []),
        }
        row["reason_codes"] = _codes(row)
        rows.append(row)
    rows.sort(key=lambda r: (r["degree"] > 0, r["core"], r["component_size"], r["degree"], r["actor"]))
    return rows


def _core_numbers(G: nx.Graph, fast: bool) -> dict[str, int]:
    if fast:
        g, order = to_igraph(G)
        return dict(zip(order, g.coreness(), strict=True))
    H = G.copy()
    H.remove_edges_from(list(nx.selfloop_edges(H)))
    return nx.core_number(H)


def _codes(row: dict[str, Any]) -> list[str]:
    """What to say about an actor at the edge (worded by :mod:`graph.words.findings`)."""
    if row["degree"] == 0:
        codes = ["alone"]
    elif row["degree"] == 1:
        codes = ["one"]
    elif row["core"] == 1:
        codes = ["few"]
    else:
        codes = ["core"]
    if row["degree"] > 0 and row["component_size"] < row["main_component_size"]:
        codes.append("apart")
    if row["competencies"] or row["stages"]:
        codes.append("offers")
    return codes
