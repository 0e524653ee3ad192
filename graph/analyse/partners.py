"""Missing partnerships: pairs of actors with no tie whose profiles and contacts fit."""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import networkx as nx
import numpy as np
from networkx.utils import not_implemented_for

from graph.analyse._checks import check_choice, check_positive_int, check_top, r4
from graph.analyse._names import actor_label, actor_state
from graph.analyse._stages import adjacent, flow_ranks
from graph.concepts import HIERARCHICAL_FACETS, NODE_ATTRIBUTE, Hierarchy, hierarchy_of

PROXIMITY_INDICES = ("adamic_adar", "resource_allocation")
#: Kinds of actor that fund rather than work: never suggested as anybody's partner unless asked.
FUNDER_KINDS = ("funder",)
#: Kinds of actor left out by "leave out funders and public bodies".
PUBLIC_KINDS = ("funder", "public_body")
#: The topic part of a pair (see :func:`missing_partnerships`), by how the two hold the topic.
TOPIC_LEVELS = {"chain": 1.0, "both": 0.6, "next": 0.4, "one": 0.2}


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def missing_partnerships(
    G: nx.Graph,
    *,
    top: int | None = 50,
    value_chain_weight: float = 0.5,
    proximity_weight: float = 0.25,
    competence_weight: float = 0.1,
    border_weight: float = 0.15,
    proximity: str = "adamic_adar",
    max_stage_gap: int = 1,
    hub_limit: int | None = 100,
    max_pairs_per_chain_link: int = 500,
    seed: int = 0,
    topic: Mapping[str, Iterable[str]] | None = None,
    area: Mapping[str, Iterable[str]] | None = None,
    include_funders: bool = False,
    leave_out_kinds: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Rank pairs of actors without a tie that could work together, with reasons.

    Each row is a hypothesis, not a finding: two organisations that have no recorded tie
    but whose work fits — one works at the stage of the WEEE chain just before the other
    for a material or device category both handle, they already share partners who could
    introduce them, their competencies differ, or they sit on two sides of a state or
    district border the alliance wants to bridge. The score only orders the list; read
    the reasons, check them against the sources and ask the two actors.

    **The base score** is a weighted sum of four parts, each in [0, 1]:

    - ``value_chain``: the two work at adjacent stages (at most ``max_stage_gap`` steps
      apart along the recycling path, :func:`~graph.analyse._stages.flow_ranks`) and share
      materials or WEEE categories; with ``c`` the sum of the shared items' specificity —
      ``min(1, max(0.25, ln(n/df) / ln(n/2)))`` for an item handled by ``df`` of the ``n``
      actors with items, so a rare item counts 1 and a broad one less — the part is
      ``c / (1 + c)`` (one rare item gives 0.5), else 0.
    - ``proximity``: ``s / (1 + s)`` where ``s`` is the Adamic–Adar index (the sum of
      ``1 / ln k`` over common partners with ``k`` partners each) or the resource
      allocation index (the sum of ``1 / k``). Common partners with more than
      ``hub_limit`` partners are not counted: members of a large association share it
      without knowing each other.
    - ``competence``: ``1 - Jaccard`` of the two competence sets (0 if either is empty):
      what each brings that the other lacks.
    - ``border``: 1 for actors in two different states, 0.5 for two districts of one
      state, 0 otherwise — **times the value-chain part**: crossing a border is worth as
      much as what the two would exchange, so a distant pair with only a common partner
      gets no border bonus and never outranks a local pair sharing a rare material at
      adjacent stages (with the default weights: at most 0.25·0.5906 + 0.1 = 0.2477 for
      one common partner of two, against at least 0.5·0.5 = 0.25).

    **A topic** (``topic``: facet → notations, facets ``material``, ``category``,
    ``competency``, ``stage``) narrows the list to pairs in which at least one actor holds
    the topic — the concept or a narrower one (:mod:`graph.concepts`) — and ranks them by
    how well they complement each other on it. The topic part ``t`` is 1 when both hold
    the topic at adjacent stages, 0.6 when both hold it otherwise, 0.4 when one holds it
    and the other works at a stage adjacent to the holder's, 0.2 when only one holds it
    (:data:`TOPIC_LEVELS`). The score is then ``t · (0.5 + 0.5 · base)``: the topic
    orders first, the base score within a level.

    **Funders** (:data:`FUNDER_KINDS`) give money, not work: no pair with a funder is
    suggested unless ``include_funders``. ``leave_out_kinds`` drops every pair with an
    actor of those kinds (:data:`PUBLIC_KINDS` for "leave out funders and public bodies").

    **An area** (``area``: ``"district"`` or ``"state"`` → keys) keeps the pairs with at
    least one actor there.

    Parameters
    ----------
    G : undirected collaboration graph whose nodes are actor IRIs (see
        :mod:`graph.network`); node attributes ``stages``, ``materials``,
        ``categories``, ``competencies``, ``kind``, ``state``, ``district`` are read when
        present; ``G.graph["hierarchy"]`` for the topic.
    top : keep the first ``top`` rows; all candidates when None.
    value_chain_weight, proximity_weight, competence_weight, border_weight : the weights
        of the four parts (each >= 0, not all 0). With the defaults, which add up to 1,
        the score lies in [0, 1].
    proximity : ``"adamic_adar"`` or ``"resource_allocation"``.
    max_stage_gap : how many steps apart two stages may be and still feed each other;
        1 means neighbouring stages.
    hub_limit : common partners with more partners than this are ignored; None counts
        all (then ``s`` equals :func:`networkx.adamic_adar_index`).
    max_pairs_per_chain_link : for one material and two stages, at most this many pairs
        are examined; a larger set is sampled with ``seed`` (only on very large graphs —
        the list is then a sample, not complete).
    seed : seed of that sample.
    topic, area, include_funders, leave_out_kinds : see above.

    Returns
    -------
    list of dict
        ``rank`` (1, 2, …; pairs with the same score share a rank: 1, 2, 2, 4),
        ``actor_a``, ``label_a``, ``actor_b``, ``label_b`` (``actor_a`` before
        ``actor_b`` by IRI), ``score``, ``topic`` (the topic part, 0 without a topic),
        ``value_chain``, ``proximity``, ``competence``, ``border`` (rounded to 4
        decimals), ``shared_items`` (materials and categories at adjacent stages, empty
        without a value-chain part), ``topic_a``, ``topic_b`` (the topic concepts each
        holds), ``common_partners`` (IRIs counted in the proximity), ``state_a``,
        ``state_b``, ``reasons`` (codes with their values, see
        :func:`graph.words.partners.reason_text`), ``reasons_de``, ``reasons_en``.
        Highest score first, ties by the two IRIs.

    Raises
    ------
    NetworkXNotImplemented
        for directed graphs and multigraphs.
    ValueError
        for a negative weight, all weights 0, an unknown ``proximity``, topic facet or
        area level, or a bad limit.

    Examples
    --------
    A dismantler in Lower Saxony and a shredder in Thuringia both handle tantalum and
    both work with the cluster C, but not with each other:

    >>> G = nx.Graph(stage_order={"TS-08": 6, "TS-09": 7})
    >>> G.add_node("A", label="A", stages=["TS-08"], materials=["tantalum"], state="03")
    >>> G.add_node("B", label="B", stages=["TS-09"], materials=["tantalum"], state="16")
    >>> G.add_edges_from([("A", "C"), ("B", "C")])
    >>> [row] = missing_partnerships(G)
    >>> row["actor_a"], row["actor_b"], row["value_chain"], row["proximity"], row["border"], row["score"]
    ('A', 'B', 0.5, 0.5906, 0.5, 0.4727)
    >>> print(row["reasons_en"])  # doctest: +NORMALIZE_WHITESPACE
    A and B could work together: both handle tantalum; A works at “TS-08”, B right after it
    at “TS-09”; one common partner could introduce them: C; would cross the state border 03–16

    Notes
    -----
    Candidates are never all n² pairs: they are the pairs two steps apart (found through
    each common partner of at most ``hub_limit`` partners), the pairs found through an
    index from (material or category, stage) to actors and, with a topic, the pairs of two
    actors holding it and of an actor holding it with one at an adjacent stage (at most
    ``max_pairs_per_chain_link`` per holder). With degrees k this costs
    O(Σ_w min(k_w, hub_limit)² + n + m) for the first kind and at most
    items × stage links × ``max_pairs_per_chain_link`` for the second, and with a topic at
    most holders × ``max_pairs_per_chain_link`` more, each holder's drawn in O(cap) however
    broad the topic; a heap keeps the best ``top``, so memory stays O(n + m + candidates of
    one actor + top), plus the topic pairs (at 100,000 actors the default ranking takes
    about 11 s and 0.1 GB beyond the graph, bench/derive.py). The build and the viewer rank
    with :func:`rank_partnerships` from a precomputed :class:`PartnerIndex`: the same rows
    wherever nothing is sampled, in about a second about a topic or a place at 100,000
    actors; there its topic pairs are bounded by a budget, the best topic level first, and
    it says when the list is the best of a sample.

    References
    ----------
    Adamic & Adar (2003), Friends and neighbors on the web; Zhou, Lü & Zhang (2009),
    Predicting missing links via local information (resource allocation); Boschma (2005),
    Proximity and innovation.
    """
    weights = (value_chain_weight, proximity_weight, competence_weight, border_weight)
    _check(top=top, weights=weights, proximity=proximity, max_stage_gap=max_stage_gap, hub_limit=hub_limit,
           max_pairs_per_chain_link=max_pairs_per_chain_link, topic=topic, area=area)
    if G.number_of_nodes() < 2 or top == 0:
        return []
    nodes = sorted(G)
    index = {v: i for i, v in enumerate(nodes)}
    adj = [frozenset(index[x] for x in G[v] if x != v) for v in nodes]
    profiles = _profiles(G, nodes, max_stage_gap, topic)
    contribution = _contributions(adj, proximity, hub_limit)
    chain_pairs = _chain_candidates(G, nodes, adj, max_stage_gap, max_pairs_per_chain_link, seed)
    specificity = _specificity([p.items for p in profiles])
    dropped = set(leave_out_kinds) | (set() if include_funders else set(FUNDER_KINDS))
    allowed = [p.kind not in dropped for p in profiles]
    in_area = _in_area(profiles, area)
    topic_pairs = _topic_candidates(profiles, adj, max_stage_gap, max_pairs_per_chain_link, seed) if topic else {}

    # The best ``top`` in a heap whose smallest item is the worst kept pair: nodes are sorted
    # by IRI, so the order (-score, u, x) is the order (-score, IRI a, IRI b) of the rows.
    scored: list[tuple[float, int, int]] = []
    w_chain, w_prox, w_comp, w_border = weights
    for u in range(len(nodes)):
        if not allowed[u]:
            continue
        acc: dict[int, float] = {}
        for w in adj[u]:
            c = contribution[w]
            if c:
                for x in adj[w]:
                    if x > u:
                        acc[x] = acc.get(x, 0.0) + c
        for x in adj[u]:
            acc.pop(x, None)
        candidates = set(acc) | chain_pairs.get(u, set()) | topic_pairs.get(u, set())
        if topic:
            # About a topic, only pairs in which an actor holds it are ranked.
            candidates = {x for x in candidates if profiles[u].topic or profiles[x].topic}
        pu = profiles[u]
        for x in candidates:
            if not allowed[x] or (in_area is not None and not (in_area[u] or in_area[x])):
                continue
            t, chain, prox, comp, border = _parts(pu, profiles[x], acc.get(x, 0.0), specificity, max_stage_gap)
            # The weighted sum in the order sum() would add it (the same float, rounded alike).
            base = w_chain * chain + w_prox * prox + w_comp * comp + w_border * border
            score = t * (0.5 + 0.5 * base) if topic else base
            if score > 0:
                item = (round(score, 4), -u, -x)
                if top is None or len(scored) < top:
                    heapq.heappush(scored, item)
                elif item > scored[0]:
                    heapq.heapreplace(scored, item)
    chosen = [(score, -u, -x) for score, u, x in sorted(scored, reverse=True)]
    rows = []
    rank = 0
    ranks = flow_ranks(G)
    for position, (score, u, v) in enumerate(chosen, start=1):
        if not rows or score != rows[-1]["score"]:
            rank = position
        rows.append(_row(G, nodes, adj, profiles, contribution, specificity, weights, max_stage_gap,
                         rank, score, u, v, topic, ranks))
    return rows


def _check(*, top, weights, proximity, max_stage_gap, hub_limit, max_pairs_per_chain_link, topic, area):
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
    for facet in topic or {}:
        check_choice("topic facet", facet, tuple(HIERARCHICAL_FACETS))
    for level in area or {}:
        check_choice("area level", level, ("district", "state"))


class _Profile(NamedTuple):
    """What the score needs to know about one actor, precomputed once."""

    items: frozenset[str]  # materials and categories
    ranks: frozenset[int]  # flow ranks of its stages
    competencies: frozenset[str]
    state: str | None
    district: str | None
    kind: str | None
    topic: tuple[str, ...]  # the topic concepts it holds (scheme order: material, category, …)
    near: frozenset[int]  # the flow ranks adjacent to one of its own (see _near)


def _profiles(G: nx.Graph, nodes: list[str], gap: int, topic) -> list[_Profile]:
    ranks = flow_ranks(G)
    hierarchy = hierarchy_of(G)
    wanted = {facet: hierarchy.expand(HIERARCHICAL_FACETS[facet], values) for facet, values in (topic or {}).items()}
    out = []
    for v in nodes:
        d = G.nodes[v]
        held: list[str] = []
        for facet, concepts in wanted.items():
            held += sorted(concepts.intersection(d.get(NODE_ATTRIBUTE[facet]) or ()))
        out.append(_Profile(
            frozenset(d.get("materials") or ()) | frozenset(d.get("categories") or ()),
            frozenset(ranks[s] for s in d.get("stages") or () if s in ranks),
            frozenset(d.get("competencies") or ()),
            actor_state(G, d),
            d.get("district"),
            d.get("kind"),
            tuple(held),
            frozenset(ranks[s] + step for s in d.get("stages") or () if s in ranks
                      for step in range(-2 * gap, 2 * gap + 1) if step),
        ))
    return out


def _in_area(profiles: list[_Profile], area) -> list[bool] | None:
    if not area:
        return None
    districts = set(area.get("district") or ())
    states = set(area.get("state") or ())
    return [(not districts or p.district in districts) and (not states or p.state in states) for p in profiles]


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


def _chain_candidates(G, nodes, adj, gap, cap, seed, sampled: list[bool] | None = None) -> dict[int, set[int]]:
    """Pairs at adjacent stages for a shared item, from an (item, rank) index (``sampled``
    gets True appended when a link had more than ``cap`` pairs and was sampled)."""
    ranks = flow_ranks(G)
    buckets: dict[tuple[str, int], list[int]] = {}
    for i, v in enumerate(nodes):
        d = G.nodes[v]
        items = set(d.get("materials") or ()) | set(d.get("categories") or ())
        for item in items:
            for r in {ranks[s] for s in d.get("stages") or () if s in ranks}:
                buckets.setdefault((item, r), []).append(i)
    rng = random.Random(seed)
    pairs: dict[int, set[int]] = {}
    for item, r in sorted(buckets):
        upstream = buckets[item, r]
        for q in range(r + 1, r + 2 * gap + 1):
            downstream = buckets.get((item, q))
            if not downstream:
                continue
            size = len(upstream) * len(downstream)
            picks = range(size) if size <= cap else sorted(rng.sample(range(size), cap))
            if size > cap and sampled is not None:
                sampled.append(True)
            for k in picks:
                a, b = upstream[k // len(downstream)], downstream[k % len(downstream)]
                if a == b or b in adj[a]:
                    continue
                lo, hi = (a, b) if a < b else (b, a)
                pairs.setdefault(lo, set()).add(hi)
    return pairs


def _topic_candidates(profiles: list[_Profile], adj, gap: int, cap: int, seed: int) -> dict[int, set[int]]:
    """Pairs about a topic beyond the usual candidates: two actors holding it, and an actor
    holding it with one working at an adjacent stage. At most ``cap`` of each holder's pairs
    are examined (a seeded sample beyond that), so a broad topic stays affordable.

    A holder's pool (the other holders and the actors at adjacent stages) is listed in full
    only while its lists hold at most ``4 · cap`` entries; a larger pool is sampled by drawing
    from its lists until ``cap`` distinct partners are found (or ``8 · cap`` draws are spent),
    so each holder costs O(cap), not O(holders): listing every pool made a broad topic
    quadratic in its holders (10,000 holders of copper among 100,000 actors)."""
    holders = [i for i, p in enumerate(profiles) if p.topic]
    at_rank: dict[int, list[int]] = {}
    for i, p in enumerate(profiles):
        for r in p.ranks:
            at_rank.setdefault(r, []).append(i)
    rng = random.Random(seed)
    pairs: dict[int, set[int]] = {}
    for u in holders:
        pools = [holders] + [at_rank[q] for r in sorted(profiles[u].ranks) for q in range(r - 2 * gap, r + 2 * gap + 1)
                             if q != r and q in at_rank]
        if sum(map(len, pools)) <= 4 * cap:
            others = set().union(*pools)
            others -= adj[u] | {u}
            chosen = sorted(others)
            if len(chosen) > cap:
                chosen = sorted(rng.sample(chosen, cap))
        else:
            chosen = sorted(_drawn(pools, adj[u] | {u}, cap, rng))
        for x in chosen:
            lo, hi = (u, x) if u < x else (x, u)
            pairs.setdefault(lo, set()).add(hi)
    return pairs


def _drawn(pools: list[list[int]], left_out: frozenset[int] | set[int], cap: int,
           rng: random.Random) -> set[int]:
    """Up to ``cap`` distinct members of ``pools`` not in ``left_out``, drawn at random
    (a member in several pools is a little likelier), in at most ``8 · cap`` draws."""
    sizes = [len(pool) for pool in pools]
    total = sum(sizes)
    found: set[int] = set()
    for _draw in range(8 * cap):
        k = rng.randrange(total)
        for pool, size in zip(pools, sizes, strict=True):
            if k < size:
                x = pool[k]
                break
            k -= size
        if x not in left_out:
            found.add(x)
            if len(found) == cap:
                break
    return found


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


def _near(pu: _Profile, pv: _Profile, gap: int) -> bool:
    """Whether a stage of one is adjacent to a stage of the other (:func:`adjacent`: ranks
    0 < |a − b| <= 2·gap); ``pu.near`` holds those ranks, built for the profile's ``gap``."""
    return not pu.near.isdisjoint(pv.ranks)


def _parts(pu: _Profile, pv: _Profile, s: float, specificity: dict[str, float],
           gap: int) -> tuple[float, float, float, float, float]:
    """(topic, value_chain, proximity, competence, border) of one pair."""
    near = _near(pu, pv, gap)
    chain = 0.0
    if near:
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
    if pu.topic and pv.topic:
        topic = TOPIC_LEVELS["chain" if near else "both"]
    elif pu.topic or pv.topic:
        topic = TOPIC_LEVELS["next" if near else "one"]
    else:
        topic = 0.0
    return topic, chain, prox, comp, border * chain


def _row(G, nodes, adj, profiles, contribution, specificity, weights, gap, rank, score, u, v, topic, ranks):
    common = sorted(nodes[w] for w in adj[u] & adj[v] if contribution[w])
    s = sum(contribution[w] for w in adj[u] & adj[v])
    return _row_of(G, nodes[u], nodes[v], profiles[u], profiles[v], common, s, specificity, gap, rank, score, topic,
                   ranks)


def _row_of(G, a, b, pa, pb, common, s, specificity, gap, rank, score, topic, ranks, langs=("de", "en")):
    """One row of the ranking: ``common`` the partners counted in the proximity (IRIs, sorted),
    ``s`` their index; ``G`` needs the two actors and those partners (labels and reasons);
    ``ranks``: :func:`flow_ranks` of ``G`` (computed once per ranking, not per row)."""
    t, chain, prox, comp, border = _parts(pa, pb, s, specificity, gap)
    row = {
        "rank": rank, "actor_a": a, "label_a": actor_label(G, a), "actor_b": b, "label_b": actor_label(G, b),
        "score": float(score), "topic": r4(t) if topic else 0.0, "value_chain": r4(chain), "proximity": r4(prox),
        "competence": r4(comp), "border": r4(border),
        "shared_items": sorted(pa.items & pb.items) if chain else [],
        "topic_a": list(pa.topic), "topic_b": list(pb.topic),
        "common_partners": common, "state_a": pa.state, "state_b": pb.state,
    }
    row["reasons"] = _reason_codes(G, row, topic, gap, ranks)
    from graph.words.partners import reasons_text

    for lang in langs:
        row[f"reasons_{lang}"] = reasons_text(G, row, lang)
    return row


def _reason_codes(G: nx.Graph, row: dict[str, Any], topic, gap: int,
                  ranks: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """The reasons of one pair as codes with their values; words come from graph.words.partners."""
    a, b = row["actor_a"], row["actor_b"]
    reasons: list[dict[str, Any]] = []
    chosen = [{"scheme": HIERARCHICAL_FACETS[f], "notation": n} for f, ns in (topic or {}).items() for n in ns]
    if row["topic"]:
        if row["topic_a"] and row["topic_b"]:
            flow = stage_flow(G, a, b, gap, ranks) if row["topic"] == TOPIC_LEVELS["chain"] else None
            reasons.append({"code": "topic_chain" if flow else "topic_both", "topic": chosen,
                            "held": {a: row["topic_a"], b: row["topic_b"]}, "flow": flow})
        else:
            holder, other = (a, b) if row["topic_a"] else (b, a)
            flow = stage_flow(G, a, b, gap, ranks) if row["topic"] == TOPIC_LEVELS["next"] else None
            reasons.append({"code": "topic_next" if flow else "topic_one", "topic": chosen, "holder": holder,
                            "other": other, "held": {holder: row[f"topic_{'a' if holder == a else 'b'}"]},
                            "flow": flow})
    if row["shared_items"]:
        # After a topic reason that names the flow already, only the other shared items are news.
        told = reasons[0] if reasons and reasons[0].get("flow") else None
        items = [i for i in row["shared_items"] if not told or all(i not in h for h in told["held"].values())]
        if items:
            reasons.append({"code": "chain", "items": items, "flow": None if told else stage_flow(G, a, b, gap, ranks)})
    if row["common_partners"]:
        reasons.append({"code": "partners", "partners": row["common_partners"]})
    if row["competence"]:
        ka = set(G.nodes[a].get("competencies") or ())
        kb = set(G.nodes[b].get("competencies") or ())
        brings = {x: sorted(k) for x, k in ((a, ka - kb), (b, kb - ka)) if k}
        reasons.append({"code": "brings", "brings": brings})
    if row["border"]:
        if row["state_a"] and row["state_b"] and row["state_a"] != row["state_b"]:
            reasons.append({"code": "state_border", "states": sorted([row["state_a"], row["state_b"]])})
        else:
            reasons.append({"code": "district_border",
                            "districts": sorted([G.nodes[a].get("district"), G.nodes[b].get("district")])})
    return reasons


def stage_flow(G: nx.Graph, a: str, b: str, gap: int = 1, ranks: dict[str, int] | None = None
               ) -> dict[str, Any] | None:
    """Who is upstream, at which stages: the closest pair of adjacent stages of the two,
    earliest first, as ``{"up", "down", "s1", "s2", "next"}`` (``next``: directly
    consecutive), or None when none of their stages are adjacent. ``ranks``:
    :func:`flow_ranks` of ``G`` when known already."""
    ranks = flow_ranks(G) if ranks is None else ranks
    best = None
    for x, y in ((a, b), (b, a)):
        for s in G.nodes[x].get("stages") or ():
            for t in G.nodes[y].get("stages") or ():
                if s in ranks and t in ranks and ranks[t] > ranks[s] and adjacent(ranks[s], ranks[t], gap):
                    key = (ranks[t] - ranks[s], ranks[s], s, t, x)
                    if best is None or key < best[0]:
                        best = (key, x, y, s, t)
    if best is None:
        return None
    (distance, *_), up, down, s1, s2 = best
    return {"up": up, "down": down, "s1": s1, "s2": s2, "next": distance <= 2}


# --- the same ranking from a precomputed index, anchored and bounded (issue 15) ----------------

#: At most about this many pairs about a topic are drawn per ranking (:func:`rank_partnerships`),
#: shared equally among the anchors (each at most ``max_pairs_per_chain_link``, at least
#: :data:`MIN_SHARE`): a topic held by 10,000 of 100,000 actors would otherwise mean millions.
PAIR_BUDGET = 400_000
MIN_SHARE = 20
#: Flow rank r is bit r + _RANK_OFFSET of :attr:`PartnerIndex.rank_bits` (ranks may be -1).
_RANK_OFFSET = 16


@dataclass
class PartnerIndex:
    """What :func:`rank_partnerships` needs of a collaboration graph, as arrays: written once
    by the build (``partner-index``, :mod:`graph.derived`), read in a fraction of a second at
    100,000 actors, so that a ranking about a topic or a place neither loads nor walks the
    whole NetworkX graph. Build it with :func:`partner_index`.

    Actors are positions in ``nodes`` (sorted IRIs); ``indptr``/``indices`` their partners
    (CSR, sorted); ``contribution`` what each adds to two partners' proximity index;
    ``item_bits``/``competency_bits`` the items (materials and categories) and competencies
    held, as bit sets over ``item_names``/``competency_names``; ``rank_bits`` the flow ranks of
    the stages (bit r + 16); ``state``/``district``/``kind`` codes into ``states``/``districts``/
    ``kinds`` (-1: none); ``concepts``: facet → concept → the actors holding it (not the
    narrower ones); ``chain_lo``/``chain_hi`` the pairs of :func:`_chain_candidates` (topic-free,
    ``chain_sampled`` when a link was sampled); the parameters they were built with.
    """

    nodes: list[str]
    indptr: np.ndarray
    indices: np.ndarray
    contribution: np.ndarray
    item_names: list[str]
    item_bits: np.ndarray
    specificity: dict[str, float]
    competency_names: list[str]
    competency_bits: np.ndarray
    rank_bits: np.ndarray
    states: list[str]
    state: np.ndarray
    districts: list[str]
    district: np.ndarray
    kinds: list[str]
    kind: np.ndarray
    concepts: dict[str, dict[str, np.ndarray]]
    hierarchy: Hierarchy
    chain_lo: np.ndarray
    chain_hi: np.ndarray
    chain_sampled: bool
    proximity: str
    hub_limit: int | None
    max_stage_gap: int
    max_pairs_per_chain_link: int
    seed: int
    _positions: dict[str, int] | None = field(default=None, repr=False)

    def position(self, iri: str) -> int | None:
        if self._positions is None:
            self._positions = {v: i for i, v in enumerate(self.nodes)}
        return self._positions.get(iri)

    def place_matches(self, iri: str, selected: Mapping[str, Iterable[str]], none: str = "none") -> bool:
        """Whether the actor has, for each of the facets ``kind``, ``state``, ``district`` in
        ``selected``, one of the values (``none``: it has no value), as
        :func:`graph.views.gaps.actor_matches` answers from the graph."""
        i = self.position(iri)
        if i is None:
            return False
        for facet, wanted in selected.items():
            names, codes = {"kind": (self.kinds, self.kind), "state": (self.states, self.state),
                            "district": (self.districts, self.district)}[facet]
            code = int(codes[i])
            if (names[code] if code >= 0 else none) not in set(wanted):
                return False
        return True

    def holders(self, topic: Mapping[str, Iterable[str]]) -> np.ndarray:
        """Which actors hold the topic (a concept or a narrower one), as a boolean array."""
        held = np.zeros(len(self.nodes), dtype=bool)
        for facet, values in topic.items():
            found = self.concepts.get(facet, {})
            for concept in self.hierarchy.expand(HIERARCHICAL_FACETS[facet], values):
                if concept in found:
                    held[found[concept]] = True
        return held

    def in_area(self, area: Mapping[str, Iterable[str]]) -> np.ndarray:
        keep = np.ones(len(self.nodes), dtype=bool)
        for level, names, codes in (("district", self.districts, self.district), ("state", self.states, self.state)):
            wanted = set(area.get(level) or ())
            if wanted:
                keep &= np.isin(codes, [k for k, name in enumerate(names) if name in wanted])
        return keep

    def near_bits(self) -> np.ndarray:
        """The flow ranks adjacent to one of each actor's own (:func:`_near`), as bits."""
        near = np.zeros_like(self.rank_bits)
        for step in range(1, 2 * self.max_stage_gap + 1):
            near |= (self.rank_bits << np.uint64(step)) | (self.rank_bits >> np.uint64(step))
        return near


class Ranking(NamedTuple):
    """The rows of :func:`rank_partnerships` (:class:`RankedRows`, a sequence worded as it is
    read) and whether they come from a sample of the candidate pairs (then the list is not
    complete: a pair not drawn may score higher)."""

    rows: RankedRows
    sampled: bool


def partner_index(G: nx.Graph, *, proximity: str = "adamic_adar", hub_limit: int | None = 100,
                  max_stage_gap: int = 1, max_pairs_per_chain_link: int = 500, seed: int = 0) -> PartnerIndex:
    """The :class:`PartnerIndex` of ``G`` for :func:`rank_partnerships` (parameters as in
    :func:`missing_partnerships`). O(n log n + m + items × stage links × cap); about 10 s
    at 100,000 actors, done once by the build.

    Raises ValueError when the flow ranks do not fit in the 64 bits of ``rank_bits`` (more than
    about 20 stages along the path).

    >>> G = nx.Graph(stage_order={"TS-08": 6, "TS-09": 7})
    >>> G.add_node("A", stages=["TS-08"], materials=["tantalum"], state="03")
    >>> G.add_node("B", stages=["TS-09"], materials=["tantalum"], state="16")
    >>> G.add_edges_from([("A", "C"), ("B", "C")])
    >>> index = partner_index(G)
    >>> index.nodes, index.indices.tolist(), index.item_names, index.states
    (['A', 'B', 'C'], [2, 2, 0, 1], ['tantalum'], ['03', '16'])
    """
    _check(top=None, weights=(1.0, 0.0, 0.0, 0.0), proximity=proximity, max_stage_gap=max_stage_gap,
           hub_limit=hub_limit, max_pairs_per_chain_link=max_pairs_per_chain_link, topic=None, area=None)
    nodes = sorted(G)
    position = {v: i for i, v in enumerate(nodes)}
    partners = [sorted(position[x] for x in G[v] if x != v) for v in nodes]
    adj = [frozenset(p) for p in partners]
    indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
    np.cumsum([len(p) for p in partners], out=indptr[1:])
    indices = np.fromiter((x for p in partners for x in p), dtype=np.int32, count=int(indptr[-1]))
    ranks = flow_ranks(G)
    if ranks and (min(ranks.values()) - 2 * max_stage_gap + _RANK_OFFSET < 0
                  or max(ranks.values()) + 2 * max_stage_gap + _RANK_OFFSET > 63):
        raise ValueError("the stages' flow ranks do not fit in the partner index")
    held_items = [frozenset(G.nodes[v].get("materials") or ()) | frozenset(G.nodes[v].get("categories") or ())
                  for v in nodes]
    held_competencies = [frozenset(G.nodes[v].get("competencies") or ()) for v in nodes]
    item_names = sorted(set().union(*held_items)) if nodes else []
    competency_names = sorted(set().union(*held_competencies)) if nodes else []
    rank_bits = np.array([sum(1 << (r + _RANK_OFFSET) for r in {ranks[s] for s in G.nodes[v].get("stages") or ()
                                                                if s in ranks}) for v in nodes], dtype=np.uint64)
    codes = {}
    for name, values in (("state", [actor_state(G, G.nodes[v]) or None for v in nodes]),
                         ("district", [G.nodes[v].get("district") or None for v in nodes]),
                         ("kind", [G.nodes[v].get("kind") or None for v in nodes])):
        names = sorted({x for x in values if x is not None})
        where = {x: k for k, x in enumerate(names)}
        codes[name] = (names, np.array([where[x] if x is not None else -1 for x in values], dtype=np.int32))
    concepts: dict[str, dict[str, np.ndarray]] = {}
    for facet in HIERARCHICAL_FACETS:
        found: dict[str, list[int]] = {}
        for i, v in enumerate(nodes):
            for concept in set(G.nodes[v].get(NODE_ATTRIBUTE[facet]) or ()):
                found.setdefault(concept, []).append(i)
        concepts[facet] = {c: np.array(ids, dtype=np.int32) for c, ids in found.items()}
    sampled: list[bool] = []
    chain_pairs = _chain_candidates(G, nodes, adj, max_stage_gap, max_pairs_per_chain_link, seed, sampled)
    lo = [u for u, his in chain_pairs.items() for _ in his]
    hi = [x for his in chain_pairs.values() for x in his]
    return PartnerIndex(
        nodes, indptr, indices, np.array(_contributions(adj, proximity, hub_limit), dtype=np.float64),
        item_names, _bits(held_items, item_names), _specificity(held_items),
        competency_names, _bits(held_competencies, competency_names), rank_bits,
        *codes["state"], *codes["district"], *codes["kind"], concepts, hierarchy_of(G),
        np.array(lo, dtype=np.int32), np.array(hi, dtype=np.int32), bool(sampled),
        proximity, hub_limit, max_stage_gap, max_pairs_per_chain_link, seed)


def _bits(held: list[frozenset[str]], names: list[str]) -> np.ndarray:
    """Each set as bits over ``names`` (one row per set, 64 names per uint64 word)."""
    where = {x: k for k, x in enumerate(names)}
    words = max(1, -(-len(names) // 64))
    out = np.zeros((len(held), words), dtype=np.uint64)
    for i, items in enumerate(held):
        value = sum(1 << where[x] for x in items)
        for w in range(words):
            out[i, w] = (value >> (64 * w)) & 0xFFFF_FFFF_FFFF_FFFF
    return out


def rank_partnerships(index: PartnerIndex, graph_of: Callable[[set[str]], nx.Graph], *, top: int | None = 50,
                      value_chain_weight: float = 0.5, proximity_weight: float = 0.25,
                      competence_weight: float = 0.1, border_weight: float = 0.15,
                      topic: Mapping[str, Iterable[str]] | None = None,
                      area: Mapping[str, Iterable[str]] | None = None, include_funders: bool = False,
                      leave_out_kinds: Iterable[str] = (), budget: int = PAIR_BUDGET,
                      langs: Iterable[str] = ("de", "en"), with_kinds: Iterable[str] = ()) -> Ranking:
    """:func:`missing_partnerships` from a :class:`PartnerIndex`: the same rows, computed over
    the actors a filter is about and with NumPy, so that a topic or a place at 100,000 actors
    takes about a second rather than a minute.

    **Anchors.** Every pair kept about a topic has an actor holding it, and with an area an
    actor there: the ranking starts from the smaller of those two sets (without either, from
    every actor) and looks at all the candidates of these anchors, in both directions — the
    pairs two steps apart through a common partner of at most ``hub_limit`` partners, the
    pairs of the (item, stage) index and, with a topic, the topic pairs of
    :func:`missing_partnerships`: a holder with the other holders and with the actors at a
    stage adjacent to one of its own, an anchor not holding the topic with the holders at an
    adjacent stage.

    **The budget.** The topic pairs are bounded: each anchor draws at most
    ``min(max_pairs_per_chain_link, max(MIN_SHARE, budget // anchors))`` of them, the pairs
    that can score highest first — two holders at adjacent stages (topic part 1.0), then two
    holders (0.6), then a holder with an actor at an adjacent stage (0.4) — a seeded sample
    of the first group that does not fit. The pairs through common partners are never
    sampled. When a group was sampled, or the (item, stage) index was (``chain_sampled``),
    :attr:`Ranking.sampled` is True: the list is then the best of a sample, not complete.
    On graphs where nothing is sampled (the shipped data: a few hundred actors) the rows
    equal those of :func:`missing_partnerships` with the same options.

    ``graph_of(actors)``: a graph holding those actors (the pairs' two ends and their common
    partners), with their attributes, the ties among them and the graph's own attributes —
    e.g. ``CompactGraph.subgraph`` (:mod:`graph.compact`) or the whole graph; it supplies the
    labels, stages and topic concepts the rows and reasons name.

    Complexity: O(anchors · (k² + share) · log) NumPy work for degrees k (hubs excluded), plus
    the rows of the best ``top``. Returns a :class:`Ranking`; the rows as in
    :func:`missing_partnerships`, with ``reasons_<lang>`` for each of ``langs`` (wording a
    row takes far longer than ranking it: a page asks for its own language only).
    ``with_kinds`` keeps only the pairs with an actor of one of these kinds (they are anchors
    too: the pairs with a funder, which the list without funders lacks).

    >>> G = nx.Graph(stage_order={"TS-08": 6, "TS-09": 7})
    >>> G.add_node("A", label="A", stages=["TS-08"], materials=["tantalum"], state="03")
    >>> G.add_node("B", label="B", stages=["TS-09"], materials=["tantalum"], state="16")
    >>> G.add_edges_from([("A", "C"), ("B", "C")])
    >>> ranking = rank_partnerships(partner_index(G), lambda actors: G)
    >>> ranking.rows.pairs, ranking.sampled
    ([('A', 'B', 0.4727, 1)], False)
    >>> list(ranking.rows) == missing_partnerships(G)
    True
    """
    weights = (value_chain_weight, proximity_weight, competence_weight, border_weight)
    gap = index.max_stage_gap
    _check(top=top, weights=weights, proximity=index.proximity, max_stage_gap=gap, hub_limit=index.hub_limit,
           max_pairs_per_chain_link=index.max_pairs_per_chain_link, topic=topic, area=area)
    check_positive_int("budget", budget)
    n = len(index.nodes)
    if n < 2 or top == 0:
        return Ranking(RankedRows(index, graph_of, [], topic, tuple(langs)), False)
    dropped = set(leave_out_kinds) | (set() if include_funders else set(FUNDER_KINDS))
    allowed = ~np.isin(index.kind, [k for k, name in enumerate(index.kinds) if name in dropped])
    holder = index.holders(topic) if topic else None
    in_area = index.in_area(area) if area else None
    # A pair needs a holder and an actor in the area: start from the smaller of the two sets.
    with_kind = (np.isin(index.kind, [k for k, name in enumerate(index.kinds) if name in set(with_kinds)])
                 if with_kinds else None)
    starts = [mask & allowed for mask in (holder, in_area, with_kind) if mask is not None]
    anchor = min(starts, key=np.count_nonzero) if starts else allowed
    anchors = np.flatnonzero(anchor)
    if not len(anchors):
        return Ranking(RankedRows(index, graph_of, [], topic, tuple(langs)), False)
    keys, s = _two_hop(index, anchor, anchors)
    found_keys, found_s = [keys], [s]
    chain = anchor[index.chain_lo] | anchor[index.chain_hi]
    found_keys.append(index.chain_lo[chain].astype(np.int64) * n + index.chain_hi[chain])
    sampled = index.chain_sampled
    if topic:
        share = min(index.max_pairs_per_chain_link, max(MIN_SHARE, budget // len(anchors)))
        topic_keys, cut = _topic_keys(index, anchors, holder, in_area, allowed, share)
        found_keys.append(topic_keys)
        sampled = sampled or cut
    # Each pair once, with the sum of its common partners' contributions (only the pairs two
    # steps apart have any); sorting plain keys is faster than arg-sorting them all.
    near_keys, inverse = np.unique(found_keys[0], return_inverse=True)
    near_s = np.bincount(inverse.ravel(), weights=found_s[0], minlength=len(near_keys))
    keys = _sorted_unique(np.concatenate([near_keys, *found_keys[1:]]))
    s = np.zeros(len(keys))
    s[np.searchsorted(keys, near_keys)] = near_s
    lo, hi = keys // n, keys % n
    keep = (lo != hi) & ~_tied(index, keys) & allowed[lo] & allowed[hi]
    if holder is not None:
        keep &= holder[lo] | holder[hi]
    if in_area is not None:
        keep &= in_area[lo] | in_area[hi]
    if with_kind is not None:
        keep &= with_kind[lo] | with_kind[hi]
    lo, hi, s = lo[keep], hi[keep], s[keep]
    score = _scores(index, lo, hi, s, holder, weights)
    positive = score > 0
    lo, hi, score = lo[positive], hi[positive], score[positive]
    order = _best(score, lo, hi, top)
    # Rounded as missing_partnerships rounds (Python's round, not NumPy's), then in its order.
    chosen = sorted((-round(float(score[k]), 4), int(lo[k]), int(hi[k])) for k in order)[:top]
    return Ranking(RankedRows(index, graph_of, chosen, topic, tuple(langs)), sampled)


def _sorted_unique(keys: np.ndarray) -> np.ndarray:
    """``np.unique(keys)`` by a plain sort (NumPy 2's np.unique hashes first: seconds for a
    million keys)."""
    keys = np.sort(keys)
    return keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if len(keys) else keys


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions ``starts[i] … starts[i] + lengths[i] - 1`` of every i, concatenated."""
    total = int(lengths.sum())
    ends = np.cumsum(lengths)
    return np.arange(total, dtype=np.int64) - np.repeat(ends - lengths, lengths) + np.repeat(starts, lengths)


def _two_hop(index: PartnerIndex, anchor: np.ndarray, anchors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (as keys lo · n + hi) two steps from an anchor through a partner that counts,
    with that partner's contribution (one entry per common partner; a pair of two anchors is
    seen from the lower one only, so that each partner counts once)."""
    n = len(index.nodes)
    degree = np.diff(index.indptr)
    first = np.repeat(anchors, degree[anchors])
    via = index.indices[_ranges(index.indptr[anchors], degree[anchors])]
    counts = index.contribution[via] > 0
    first, via = first[counts], via[counts]
    u = np.repeat(first, degree[via])
    x = index.indices[_ranges(index.indptr[via], degree[via])].astype(np.int64)
    c = np.repeat(index.contribution[via], degree[via])
    keep = (x != u) & (~anchor[x] | (u < x))
    u, x, c = u[keep], x[keep], c[keep]
    return np.minimum(u, x) * n + np.maximum(u, x), c


def _tied(index: PartnerIndex, keys: np.ndarray) -> np.ndarray:
    """Which pairs (keys lo · n + hi) have a tie already."""
    n = len(index.nodes)
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(index.indptr))
    ties = rows * n + index.indices  # sorted: rows ascending, partners sorted within a row
    if not len(ties):
        return np.zeros(len(keys), dtype=bool)
    at = np.minimum(np.searchsorted(ties, keys), len(ties) - 1)
    return ties[at] == keys


def _topic_keys(index: PartnerIndex, anchors: np.ndarray, holder: np.ndarray, in_area: np.ndarray | None,
                allowed: np.ndarray, share: int) -> tuple[np.ndarray, bool]:
    """The topic pairs of the anchors (keys), at most ``share`` per anchor, best level first,
    and whether any anchor's were sampled. Anchors with the same stages, holding or not and
    in the area or not have the same pool: they are drawn together."""
    n = len(index.nodes)
    near = index.near_bits()
    rng = np.random.default_rng(index.seed)
    inside = in_area[anchors] if in_area is not None else np.ones(len(anchors), dtype=bool)
    groups = np.stack([holder[anchors].astype(np.uint64), near[anchors], inside.astype(np.uint64)])
    signature, which = np.unique(groups, axis=1, return_inverse=True)
    out, cut = [], False
    for g in range(signature.shape[1]):
        holds, bits, there = bool(signature[0, g]), signature[1, g], bool(signature[2, g])
        members = anchors[which.ravel() == g]
        # A pair needs an actor in the area: an anchor outside it looks only at those inside.
        pool = allowed if there or in_area is None else allowed & in_area
        close = (index.rank_bits & bits) != 0
        tiers = ([holder & close, holder & ~close, ~holder & close] if holds else [holder & close])
        left = share
        for tier in tiers:
            others = np.flatnonzero(tier & pool)
            if not len(others):
                continue
            if len(others) <= left:
                out.append(np.repeat(members.astype(np.int64), len(others)) * n + np.tile(others, len(members)))
                left -= len(others)
            else:
                picks = others[rng.integers(0, len(others), size=(len(members), left))]
                out.append(np.repeat(members.astype(np.int64), left) * n + picks.ravel())
                cut, left = True, 0
            if not left:
                break
    if not out:
        return np.zeros(0, dtype=np.int64), cut
    keys = np.concatenate(out)
    u, x = keys // n, keys % n
    return np.minimum(u, x) * n + np.maximum(u, x), cut


def _scores(index: PartnerIndex, lo: np.ndarray, hi: np.ndarray, s: np.ndarray, holder: np.ndarray | None,
            weights: tuple[float, float, float, float]) -> np.ndarray:
    """The scores of the pairs as the loop of :func:`missing_partnerships` computes them, vectorised."""
    near = (index.near_bits()[lo] & index.rank_bits[hi]) != 0
    c = np.zeros(len(lo))
    # The specificities of the shared items summed a byte of the bit sets at a time: one table
    # look-up per 8 items instead of one pass per item.
    for word in range(index.item_bits.shape[1]):
        shared = index.item_bits[lo, word] & index.item_bits[hi, word]
        for byte in range(8):
            names = index.item_names[64 * word + 8 * byte: 64 * word + 8 * byte + 8]
            if not names:
                break
            table = np.array([sum(index.specificity[name] for bit, name in enumerate(names) if value >> bit & 1)
                              for value in range(256)])
            c += table[(shared >> np.uint64(8 * byte)) & np.uint64(255)]
    chain = np.where(near, c / (1 + c), 0.0)
    prox = s / (1 + s)
    comp = np.zeros(len(lo))
    if index.competency_names:
        a, b = index.competency_bits[lo], index.competency_bits[hi]
        union = np.bitwise_count(a | b).sum(axis=1)
        both = a.any(axis=1) & b.any(axis=1)
        comp = np.where(both, 1 - np.bitwise_count(a & b).sum(axis=1) / np.maximum(union, 1), 0.0)
    sa, sb, da, db = index.state[lo], index.state[hi], index.district[lo], index.district[hi]
    border = np.where((sa >= 0) & (sb >= 0) & (sa != sb), 1.0,
                      np.where((da >= 0) & (db >= 0) & (da != db), 0.5, 0.0)) * chain
    w_chain, w_prox, w_comp, w_border = weights
    base = w_chain * chain + w_prox * prox + w_comp * comp + w_border * border
    if holder is None:
        return base
    both, one = holder[lo] & holder[hi], holder[lo] ^ holder[hi]
    t = np.where(both, np.where(near, TOPIC_LEVELS["chain"], TOPIC_LEVELS["both"]),
                 np.where(one, np.where(near, TOPIC_LEVELS["next"], TOPIC_LEVELS["one"]), 0.0))
    return t * (0.5 + 0.5 * base)


def _best(score: np.ndarray, lo: np.ndarray, hi: np.ndarray, top: int | None) -> np.ndarray:
    """The positions of the best ``top`` by score, then lo, hi — and a few more, in case NumPy's
    rounding to 4 decimals differs from Python's at a half."""
    rounded = np.round(score, 4)
    kept = np.arange(len(score))
    limit = None if top is None else top + max(10, top // 10)
    if limit is not None and len(score) > limit:
        least = np.partition(rounded, len(score) - limit)[len(score) - limit]  # the limit-th largest
        kept = np.flatnonzero(rounded >= least)
    order = kept[np.lexsort((hi[kept], lo[kept], -rounded[kept]))]
    return order[:limit]


class RankedRows(Sequence):
    """The rows of :func:`rank_partnerships`, each worded when first read: ranking 5,000 pairs
    takes a fraction of a second, wording them (names, stage flows, reasons in words) seconds,
    and a page shows 50. ``pairs`` holds ``(actor_a, actor_b, score, rank)`` of every row
    without wording any; :meth:`worded` words several rows with one ``graph_of`` call and
    returns that graph too (the rows' actors and common partners), which a view reads for
    their labels and evidence. Rows once worded are kept."""

    def __init__(self, index: PartnerIndex, graph_of: Callable[[set[str]], nx.Graph],
                 chosen: list[tuple[float, int, int]], topic, langs: tuple[str, ...]) -> None:
        self.index, self.graph_of, self.topic, self.langs = index, graph_of, topic, langs
        self.chosen = chosen
        self.pairs: list[tuple[str, str, float, int]] = []
        rank = 0
        for position, (score, u, x) in enumerate(chosen, start=1):
            if not self.pairs or -score != self.pairs[-1][2]:
                rank = position
            self.pairs.append((index.nodes[u], index.nodes[x], -score, rank))
        self._done: dict[int, dict[str, Any]] = {}
        self._ranks: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.pairs)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.worded(range(*i.indices(len(self))))[1]
        i = int(i) + (len(self) if int(i) < 0 else 0)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.worded([i])[1][0]

    def __iter__(self):
        for start in range(0, len(self), 500):
            yield from self.worded(range(start, min(start + 500, len(self))))[1]

    def worded(self, positions: Iterable[int]) -> tuple[nx.Graph, list[dict[str, Any]]]:
        """The rows at ``positions`` (in that order) and the graph they were worded from."""
        index, c, nodes = self.index, self.index.contribution, self.index.nodes
        positions = list(positions)
        common = {}
        for k in positions:
            _, u, x = self.chosen[k]
            shared = np.intersect1d(index.indices[index.indptr[u]:index.indptr[u + 1]],
                                    index.indices[index.indptr[x]:index.indptr[x + 1]], assume_unique=True)
            common[k] = [int(w) for w in shared if c[w]]
        wanted = {nodes[i] for k in positions for i in (self.chosen[k][1], self.chosen[k][2], *common[k])}
        G = self.graph_of(wanted)
        if self._ranks is None:
            self._ranks = flow_ranks(G)
        todo = [k for k in positions if k not in self._done]
        ends = sorted({self.pairs[k][i] for k in todo for i in (0, 1)})
        profiles = dict(zip(ends, _profiles(G, ends, self.index.max_stage_gap, self.topic), strict=True))
        for k in todo:
            a, b, score, rank = self.pairs[k]
            partners = common[k]
            self._done[k] = _row_of(G, a, b, profiles[a], profiles[b], [nodes[w] for w in partners],
                                    sum(float(c[w]) for w in partners), index.specificity, index.max_stage_gap,
                                    rank, score, self.topic, self._ranks, self.langs)
        return G, [self._done[k] for k in positions]
