"""Cross-border cohesion: ties between states and districts, observed against expected."""

from __future__ import annotations

from itertools import combinations_with_replacement
from typing import Any

import networkx as nx
from networkx.utils import not_implemented_for

from graph.analyse._checks import check_choice, r4
from graph.analyse._names import actor_state, district_name, is_regional, state_name


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def border_cohesion(
    G: nx.Graph,
    *,
    level: str = "state",
    include_candidates: bool = True,
    include_within: bool = True,
) -> list[dict[str, Any]]:
    """Count the ties between (and within) states or districts against what chance would give.

    The alliance exists to make three states work together. A pair of states whose
    actors have far fewer ties than their numbers of partners would lead one to expect
    is a border that still separates; the weakest borders come first. Within-state
    rows show how much each state keeps to itself.

    The expectation is the configuration model, the null model of modularity: if each
    actor kept its number of ties ``k`` but chose its partners at random, the expected
    number of ties between groups A and B is ``K_A · K_B / 2m`` (``K`` = sum of ``k`` in
    the group, ``m`` = number of ties), and within A it is ``K_A² / 4m``. These add up
    to ``m``. Only the region's actors (those with a district of the region) and the
    ties among them count; ties to actors outside are left out of ``k`` and ``m``.

    Parameters
    ----------
    G : undirected collaboration graph with node attributes ``state``, ``district`` and
        ``region_status``; names come from ``G.graph["states"]``,
        ``G.graph["districts"]`` and ``G.graph["labels"]``.
    level : ``"state"`` or ``"district"``.
    include_candidates : count actors of districts whose membership of the region is
        not settled.
    include_within : add the rows of ties inside one state or district.

    Returns
    -------
    list of dict
        One row per pair of groups that have actors (a ≤ b by key): ``level``, ``a``,
        ``a_de``, ``a_en``, ``b``, ``b_de``, ``b_en``, ``scope`` ("between" or
        "within"), ``actors_a``, ``actors_b``, ``observed`` (ties), ``weight`` (sum of
        their weights), ``expected``, ``ratio`` (observed / expected, None when nothing
        is expected), ``reason_codes`` (``between``/``within``, ``ratio``, ``weak``, or
        ``none``; worded by :mod:`graph.words.findings`). Weakest first: lowest ratio, then
        largest expectation, then by keys; rows without expectation last.

    Raises
    ------
    NetworkXNotImplemented
        for directed graphs and multigraphs.
    ValueError
        for an unknown level.

    Examples
    --------
    Two actors in state 03 tied to each other, one in 16 tied to one of them: m = 2,
    degrees 1 and 2 in state 03 (K = 3), 1 in state 16 (K = 1). Expected between 03 and
    16: 3 · 1 / 4 = 0.75; within 03: 3² / 8 = 1.125; within 16: 1² / 8 = 0.125 (sum 2).
    No tie within 16 (ratio 0) is the weakest, then 03–03 (1 / 1.125), then 03–16 (1 / 0.75):

    >>> G = nx.Graph([("A", "B"), ("B", "C")])
    >>> nx.set_node_attributes(G, {"A": "03", "B": "03", "C": "16"}, "state")
    >>> nx.set_node_attributes(G, {"A": "03153", "B": "03153", "C": "16062"}, "district")
    >>> [(r["a"], r["b"], r["observed"], r["expected"]) for r in border_cohesion(G)]
    [('16', '16', 0, 0.125), ('03', '03', 1, 1.125), ('03', '16', 1, 0.75)]

    Notes
    -----
    One pass over actors and ties, O(n + m), plus O(g²) rows for g groups.

    References
    ----------
    Newman & Girvan (2004), Finding and evaluating community structure in networks
    (the configuration-model expectation); Bathelt, Malmberg & Maskell (2004), Clusters
    and knowledge: local buzz, global pipelines.
    """
    check_choice("level", level, ("state", "district"))
    group: dict[str, str] = {}
    for v, d in G.nodes(data=True):
        if is_regional(d, include_candidates):
            key = actor_state(G, d) if level == "state" else d.get("district")
            if key:
                group[v] = key
    members: dict[str, int] = {}
    for key in group.values():
        members[key] = members.get(key, 0) + 1
    observed: dict[tuple[str, str], int] = {}
    weight: dict[tuple[str, str], float] = {}
    stubs: dict[str, int] = dict.fromkeys(members, 0)
    m = 0
    for u, v, d in G.edges(data=True):
        if u == v or u not in group or v not in group:
            continue
        pair = tuple(sorted((group[u], group[v])))
        observed[pair] = observed.get(pair, 0) + 1
        weight[pair] = weight.get(pair, 0.0) + float(d.get("weight", 1.0))
        stubs[group[u]] += 1
        stubs[group[v]] += 1
        m += 1
    rows = []
    for a, b in combinations_with_replacement(sorted(members), 2):
        if a == b and not include_within:
            continue
        if m == 0:
            expected = 0.0
        elif a == b:
            expected = stubs[a] ** 2 / (4 * m)
        else:
            expected = stubs[a] * stubs[b] / (2 * m)
        obs = observed.get((a, b), 0)
        name = state_name if level == "state" else district_name
        row: dict[str, Any] = {
            "level": level,
            "a": a,
            "a_de": name(G, a, "de"),
            "a_en": name(G, a, "en"),
            "b": b,
            "b_de": name(G, b, "de"),
            "b_en": name(G, b, "en"),
            "scope": "within" if a == b else "between",
            "actors_a": members[a],
            "actors_b": members[b],
            "observed": obs,
            "weight": r4(weight.get((a, b), 0.0)),
            "expected": r4(expected),
            "ratio": r4(obs / expected) if expected > 0 else None,
        }
        row["reason_codes"] = _codes(row)
        rows.append(row)
    rows.sort(key=lambda r: (r["ratio"] is None, r["ratio"] or 0.0, -r["expected"], r["a"], r["b"]))
    return rows


#: Below this ratio of observed to expected ties a border clearly separates (briefing, pages).
WEAK_RATIO = 0.5


def is_weak_border(row: dict[str, Any]) -> bool:
    """A border between two areas with clearly fewer ties than expected (ratio < WEAK_RATIO)."""
    return row["scope"] == "between" and row["ratio"] is not None and row["ratio"] < WEAK_RATIO


def _codes(row: dict[str, Any]) -> list[str]:
    """What to say about a pair of areas (worded by :mod:`graph.words.findings`)."""
    if row["ratio"] is None:
        return ["none"]
    return [row["scope"], "ratio", *(["weak"] if is_weak_border(row) else [])]
