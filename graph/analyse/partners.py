"""Missing partnerships: pairs of actors with no tie whose profiles and contacts fit."""

from __future__ import annotations

import heapq
import math
import random
from typing import Any, NamedTuple

import networkx as nx
from networkx.utils import not_implemented_for

from graph.analyse._common import (
    actor_label,
    actor_state,
    check_choice,
    check_positive_int,
    check_top,
    district_name,
    join,
    label,
    r4,
    stage_positions,
    state_name,
)

PROXIMITY_INDICES = ("adamic_adar", "resource_allocation")


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def missing_partnerships(
    G: nx.Graph,
    *,
    top: int | None = 50,
    value_chain_weight: float = 0.4,
    proximity_weight: float = 0.3,
    competence_weight: float = 0.15,
    border_weight: float = 0.15,
    proximity: str = "adamic_adar",
    max_stage_gap: int = 1,
    hub_limit: int | None = 100,
    max_pairs_per_chain_link: int = 500,
    seed: int = 0,
) -> list[dict[str, Any]]:
    """Rank pairs of actors without a tie that could work together, with reasons.

    Each row is a hypothesis, not a finding: two organisations that have no recorded tie
    but whose work fits — one works at the stage of the WEEE chain just before the other
    for a material or device category both handle, they already share partners who could
    introduce them, their competencies differ, or they sit on two sides of a state or
    district border the alliance wants to bridge. The score only orders the list; read
    the reasons, check them against the sources and ask the two actors.

    The score is a weighted sum of four parts, each in [0, 1]:

    - ``value_chain``: the two work at stages at most ``max_stage_gap`` positions apart in
      the chain (``G.graph["stage_order"]``) and share materials or WEEE categories; with
      ``c`` the sum of the shared items' specificity — ``min(1, max(0.25, ln(n/df) / ln(n/2)))`` for
      an item handled by ``df`` of the ``n`` actors with items, so a rare item counts 1
      and a broad one less — the part is ``c / (1 + c)`` (one rare item gives 0.5), else 0.
    - ``proximity``: ``s / (1 + s)`` where ``s`` is the Adamic–Adar index (the sum of
      ``1 / ln k`` over common partners with ``k`` partners each) or the resource
      allocation index (the sum of ``1 / k``). Common partners with more than
      ``hub_limit`` partners are not counted: members of a large association share it
      without knowing each other.
    - ``competence``: ``1 - Jaccard`` of the two competence sets (0 if either is empty):
      what each brings that the other lacks.
    - ``border``: 1 for actors in two different states, 0.5 for two districts of one
      state, 0 otherwise or when unknown.

    Parameters
    ----------
    G : undirected collaboration graph whose nodes are actor IRIs (see
        :mod:`graph.network`); node attributes ``stages``, ``materials``,
        ``categories``, ``competencies``, ``state``, ``district`` are read when present.
    top : keep the first ``top`` rows; all candidates when None.
    value_chain_weight, proximity_weight, competence_weight, border_weight : the weights
        of the four parts (each >= 0, not all 0). With the defaults, which add up to 1,
        the score lies in [0, 1].
    proximity : ``"adamic_adar"`` or ``"resource_allocation"``.
    max_stage_gap : how many positions apart two stages may be and still feed each other;
        1 means directly consecutive stages.
    hub_limit : common partners with more partners than this are ignored; None counts
        all (then ``s`` equals :func:`networkx.adamic_adar_index`).
    max_pairs_per_chain_link : for one material and two stages, at most this many pairs
        are examined; a larger set is sampled with ``seed`` (only on very large graphs —
        the list is then a sample, not complete).
    seed : seed of that sample.

    Returns
    -------
    list of dict
        ``rank`` (1, 2, …), ``actor_a``, ``label_a``, ``actor_b``, ``label_b`` (``actor_a``
        before ``actor_b`` by IRI), ``score``, ``value_chain``, ``proximity``,
        ``competence``, ``border`` (rounded to 4 decimals), ``shared_items`` (materials
        and categories at consecutive stages, empty without a value-chain part),
        ``common_partners`` (IRIs counted in the proximity), ``state_a``, ``state_b``,
        ``reasons_de``, ``reasons_en``. Highest score first, ties by the two IRIs.

    Raises
    ------
    NetworkXNotImplemented
        for directed graphs and multigraphs.
    ValueError
        for a negative weight, all weights 0, an unknown ``proximity`` or a bad limit.

    Examples
    --------
    A dismantler in Lower Saxony and a shredder in Thuringia both handle tantalum and
    both work with the cluster C, but not with each other:

    >>> G = nx.Graph(stage_order={"TS-08": 6, "TS-09": 7})
    >>> G.add_node("A", label="A", stages=["TS-08"], materials=["tantalum"], state="03")
    >>> G.add_node("B", label="B", stages=["TS-09"], materials=["tantalum"], state="16")
    >>> G.add_edges_from([("A", "C"), ("B", "C")])
    >>> [row] = missing_partnerships(G)
    >>> row["actor_a"], row["actor_b"], row["value_chain"], row["proximity"], row["score"]
    ('A', 'B', 0.5, 0.5906, 0.5272)
    >>> print(row["reasons_en"])  # doctest: +NORMALIZE_WHITESPACE
    A and B could work together: both handle tantalum – A at TS-08, B downstream at TS-09;
    1 common partner: C; would cross the state border 03–16

    Notes
    -----
    Candidates are never all n² pairs: they are the pairs two steps apart (found through
    each common partner of at most ``hub_limit`` partners) and the pairs found through an
    index from (material or category, stage) to actors. With degrees k this costs
    O(Σ_w min(k_w, hub_limit)² + n + m) for the first kind and at most
    items × stage links × ``max_pairs_per_chain_link`` for the second; a heap keeps the
    best ``top``, so memory stays O(n + m + candidates of one actor).

    References
    ----------
    Adamic & Adar (2003), Friends and neighbors on the web; Zhou, Lü & Zhang (2009),
    Predicting missing links via local information (resource allocation); Boschma (2005),
    Proximity and innovation.
    """
    _check(
        top=top,
        weights=(value_chain_weight, proximity_weight, competence_weight, border_weight),
        proximity=proximity,
        max_stage_gap=max_stage_gap,
        hub_limit=hub_limit,
        max_pairs_per_chain_link=max_pairs_per_chain_link,
    )
    if G.number_of_nodes() < 2 or top == 0:
        return []
    nodes = sorted(G)
    index = {v: i for i, v in enumerate(nodes)}
    adj = [frozenset(index[x] for x in G[v] if x != v) for v in nodes]
    profiles = _profiles(G, nodes, max_stage_gap)
    contribution = _contributions(adj, proximity, hub_limit)
    chain_pairs = _chain_candidates(G, nodes, index, adj, max_stage_gap, max_pairs_per_chain_link, seed)
    wc, wp, wk, wb = value_chain_weight, proximity_weight, competence_weight, border_weight
    items = [p.items for p in profiles]
    specificity = _specificity(items)
    positions = [p.positions for p in profiles]
    competencies = [p.competencies for p in profiles]
    states = [p.state for p in profiles]
    districts = [p.district for p in profiles]

    best: list[tuple[float, int, int]] = []
    found: list[tuple[float, int, int]] = []
    threshold = -1.0  # a raw score below this cannot enter the heap, even after rounding
    for u in range(len(nodes)):
        acc: dict[int, float] = {}
        for w in adj[u]:
            c = contribution[w]
            if c:
                for x in adj[w]:
                    if x > u:
                        acc[x] = acc.get(x, 0.0) + c
        for x in adj[u]:
            acc.pop(x, None)
        candidates = acc.keys() | chain_pairs[u] if u in chain_pairs else acc.keys()
        near_u, items_u, comp_u = profiles[u].near, items[u], competencies[u]
        state_u, district_u = states[u], districts[u]
        for x in candidates:
            # The same arithmetic as _parts, inlined: this loop runs once per candidate.
            s = acc.get(x, 0.0)
            raw = wp * s / (1 + s)
            if state_u and states[x] and state_u != states[x]:
                raw += wb
            elif district_u and districts[x] and district_u != districts[x]:
                raw += wb * 0.5
            if not near_u.isdisjoint(positions[x]):
                n_shared = sum(specificity[i] for i in items_u & items[x])
                raw += wc * n_shared / (1 + n_shared)
            if raw + wk < threshold:
                continue
            comp_x = competencies[x]
            if comp_u and comp_x:
                raw += wk * (1 - len(comp_u & comp_x) / len(comp_u | comp_x))
            if raw <= 0 or raw < threshold:
                continue
            item = (round(raw, 4), -u, -x)
            if top is None:
                found.append(item)
            elif len(best) < top:
                heapq.heappush(best, item)
                if len(best) == top:
                    threshold = best[0][0] - 1e-4
            elif item > best[0]:
                heapq.heapreplace(best, item)
                threshold = best[0][0] - 1e-4
    chosen = sorted(found if top is None else best, reverse=True)
    return [
        _row(G, nodes, adj, profiles, contribution, specificity, rank, score, -nu, -nv)
        for rank, (score, nu, nv) in enumerate(chosen, start=1)
    ]


def _check(*, top, weights, proximity, max_stage_gap, hub_limit, max_pairs_per_chain_link):
    check_top(top)
    names = ("value_chain_weight", "proximity_weight", "competence_weight", "border_weight")
    for name, w in zip(names, weights, strict=True):
        if not isinstance(w, int | float) or isinstance(w, bool) or not w >= 0:
            raise ValueError(f"{name} must be a number >= 0, not {w!r}")
    if sum(weights) <= 0:
        raise ValueError(f"at least one of {', '.join(names)} must be > 0")
    check_choice("proximity", proximity, PROXIMITY_INDICES)
    check_positive_int("max_stage_gap", max_stage_gap)
    if hub_limit is not None:
        check_positive_int("hub_limit", hub_limit, minimum=2)
    check_positive_int("max_pairs_per_chain_link", max_pairs_per_chain_link)


class _Profile(NamedTuple):
    """What the score needs to know about one actor, precomputed once."""

    items: frozenset[str]  # materials and categories
    positions: frozenset[int]  # chain positions of its stages
    near: frozenset[int]  # positions at most max_stage_gap away (not its own)
    competencies: frozenset[str]
    state: str | None
    district: str | None


def _profiles(G: nx.Graph, nodes: list[str], gap: int) -> list[_Profile]:
    order = stage_positions(G)
    out = []
    for v in nodes:
        d = G.nodes[v]
        positions = frozenset(order[s] for s in d.get("stages") or () if s in order)
        near = frozenset(p + k for p in positions for k in range(-gap, gap + 1) if k)
        items = frozenset(d.get("materials") or ()) | frozenset(d.get("categories") or ())
        out.append(
            _Profile(
                items,
                positions,
                near,
                frozenset(d.get("competencies") or ()),
                actor_state(G, d),
                d.get("district"),
            )
        )
    return out


def _contributions(adj: list[frozenset[int]], proximity: str, hub_limit: int | None) -> list[float]:
    """What each actor adds to the index of two of its partners (0 for a hub)."""
    out = []
    for partners in adj:
        k = len(partners)
        if k < 2 or (hub_limit is not None and k > hub_limit):
            out.append(0.0)
        else:
            out.append(1.0 / math.log(k) if proximity == "adamic_adar" else 1.0 / k)
    return out


def _chain_candidates(G, nodes, index, adj, gap, cap, seed) -> dict[int, set[int]]:
    """Pairs at neighbouring stages for a shared item, from an (item, position) index."""
    order = stage_positions(G)
    buckets: dict[tuple[str, int], list[int]] = {}
    for i, v in enumerate(nodes):
        d = G.nodes[v]
        items = set(d.get("materials") or ()) | set(d.get("categories") or ())
        positions = {order[s] for s in d.get("stages") or () if s in order}
        for item in items:
            for p in positions:
                buckets.setdefault((item, p), []).append(i)
    rng = random.Random(seed)
    pairs: dict[int, set[int]] = {}
    for item, p in sorted(buckets):
        upstream = buckets[item, p]
        for q in range(p + 1, p + gap + 1):
            downstream = buckets.get((item, q))
            if not downstream:
                continue
            size = len(upstream) * len(downstream)
            picks = range(size) if size <= cap else sorted(rng.sample(range(size), cap))
            for k in picks:
                a, b = upstream[k // len(downstream)], downstream[k % len(downstream)]
                if a == b or b in adj[a]:
                    continue
                lo, hi = (a, b) if a < b else (b, a)
                pairs.setdefault(lo, set()).add(hi)
    return pairs


def _specificity(items: list[frozenset[str]]) -> dict[str, float]:
    """How telling it is to share an item: ``min(1, ln(n / df) / ln(n / 2))`` for an item
    handled by ``df`` of the ``n`` actors with any item. An item of two actors counts 1; a
    broad one (small WEEE, handled by many) counts less, so a shared rare material such as
    tantalum outranks a shared broad category. It never falls below 0.25: even an item
    everyone handles still makes two neighbouring stages complement each other."""
    df: dict[str, int] = {}
    for held in items:
        for item in held:
            df[item] = df.get(item, 0) + 1
    n = sum(1 for held in items if held)
    if n <= 2:
        return dict.fromkeys(df, 1.0)
    return {item: min(1.0, max(0.25, math.log(n / k) / math.log(n / 2))) for item, k in df.items()}


def _parts(pu: _Profile, pv: _Profile, s: float, specificity: dict[str, float]) -> tuple[float, float, float, float]:
    chain = 0.0
    if not pu.near.isdisjoint(pv.positions):
        c = sum(specificity[i] for i in pu.items & pv.items)
        chain = c / (1 + c)
    prox = s / (1 + s)
    comp = 0.0
    if pu.competencies and pv.competencies:
        union = len(pu.competencies | pv.competencies)
        comp = 1 - len(pu.competencies & pv.competencies) / union
    border = 0.0
    if pu.state and pv.state and pu.state != pv.state:
        border = 1.0
    elif pu.district and pv.district and pu.district != pv.district:
        border = 0.5
    return chain, prox, comp, border


def _row(G, nodes, adj, profiles, contribution, specificity, rank, score, u, v) -> dict[str, Any]:
    a, b = nodes[u], nodes[v]
    pa, pb = profiles[u], profiles[v]
    common = sorted(nodes[w] for w in adj[u] & adj[v] if contribution[w])
    s = sum(contribution[w] for w in adj[u] & adj[v])
    chain, prox, comp, border = _parts(pa, pb, s, specificity)
    shared = sorted(pa.items & pb.items) if chain else []
    row = {
        "rank": rank,
        "actor_a": a,
        "label_a": actor_label(G, a),
        "actor_b": b,
        "label_b": actor_label(G, b),
        "score": float(score),
        "value_chain": r4(chain),
        "proximity": r4(prox),
        "competence": r4(comp),
        "border": r4(border),
        "shared_items": shared,
        "common_partners": common,
        "state_a": pa.state,
        "state_b": pb.state,
        "reasons_de": "",
        "reasons_en": "",
    }
    for lang in ("de", "en"):
        row[f"reasons_{lang}"] = _reasons(G, row, shared, common, lang)
    return row


_TEXT = {
    "de": {
        "could": "{a} und {b} könnten zusammenarbeiten: ",
        "items": "beide befassen sich mit {items} – {up} bei {s1}, {down} nachgelagert bei {s2}",
        "partners1": "1 gemeinsamer Partner: {names}",
        "partners": "{n} gemeinsame Partner: {names}",
        "brings": "{x} bringt {what} mit",
        "state": "würde die Landesgrenze {s1}–{s2} überbrücken",
        "district": "würde die Landkreise {d1} und {d2} verbinden",
    },
    "en": {
        "could": "{a} and {b} could work together: ",
        "items": "both handle {items} – {up} at {s1}, {down} downstream at {s2}",
        "partners1": "1 common partner: {names}",
        "partners": "{n} common partners: {names}",
        "brings": "{x} brings {what}",
        "state": "would cross the state border {s1}–{s2}",
        "district": "would link the districts {d1} and {d2}",
    },
}


def _reasons(G, row, shared, common, lang) -> str:
    t = _TEXT[lang]
    a, b = row["actor_a"], row["actor_b"]
    la, lb = row["label_a"], row["label_b"]
    parts = []
    if shared:
        up, down, s_up, s_down = _flow(G, a, b)
        parts.append(
            t["items"].format(
                items=join([label(G, i, lang) for i in shared], lang, limit=3),
                up=actor_label(G, up),
                down=actor_label(G, down),
                s1=label(G, s_up, lang),
                s2=label(G, s_down, lang),
            )
        )
    if common:
        names = join([actor_label(G, w) for w in common], lang, limit=3)
        key = "partners1" if len(common) == 1 else "partners"
        parts.append(t[key].format(n=len(common), names=names))
    if row["competence"]:
        ka = set(G.nodes[a].get("competencies") or ())
        kb = set(G.nodes[b].get("competencies") or ())
        brings = [
            t["brings"].format(x=x, what=join([label(G, c, lang) for c in sorted(k)], lang, limit=2))
            for x, k in ((la, ka - kb), (lb, kb - ka))
            if k
        ]
        parts.append(", ".join(brings))
    if row["border"] == 1.0:
        s1, s2 = sorted([row["state_a"], row["state_b"]])
        parts.append(t["state"].format(s1=state_name(G, s1, lang), s2=state_name(G, s2, lang)))
    elif row["border"] == 0.5:
        d1, d2 = sorted([G.nodes[a].get("district"), G.nodes[b].get("district")])
        parts.append(t["district"].format(d1=district_name(G, d1, lang), d2=district_name(G, d2, lang)))
    return t["could"].format(a=la, b=lb) + "; ".join(parts)


def _flow(G: nx.Graph, a: str, b: str) -> tuple[str, str, str, str]:
    """Who is upstream, and at which of its stages: the closest pair of stages, earliest first."""
    order = stage_positions(G)
    best = None
    for x, y in ((a, b), (b, a)):
        for s in G.nodes[x].get("stages") or ():
            for t in G.nodes[y].get("stages") or ():
                if s in order and t in order and order[t] > order[s]:
                    key = (order[t] - order[s], order[s], s, t, x)
                    if best is None or key < best[0]:
                        best = (key, x, y, s, t)
    assert best is not None
    _, up, down, s_up, s_down = best
    return up, down, s_up, s_down
