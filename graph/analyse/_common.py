"""Helpers the analyses share: the stage chain, labels, wording, argument checks, igraph."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import networkx as nx

from graph.namespaces import concept_iri
from graph.words import format as fmt

# Above this many actors the heavy measures (betweenness, constraint, communities, cores)
# go through igraph; NetworkX stays the readable reference the tests compare against.
# (Exact NetworkX betweenness takes about 3 s at 1,000 SYNTHETIC actors with 4,600 ties.)
NX_LIMIT = 500
# NetworkX's Burt constraint grows with the cube of the degrees (2.7 s for 300 SYNTHETIC
# actors with 1,400 ties, against milliseconds in igraph), so it hands over much earlier.
NX_LIMIT_CONSTRAINT = 100

LEVELS = ("region", "state", "district")
BACKENDS = ("auto", "networkx", "igraph")

# igraph draws random numbers from one process-wide generator; a seeded run swaps it in
# and back, and the lock keeps two threads of the web server from mixing their seeds.
_IGRAPH_RNG_LOCK = threading.Lock()


# --- stages -------------------------------------------------------------------------------


def stage_positions(G: nx.Graph) -> dict[str, int]:
    """Stage notation -> position in the material flow, from ``G.graph["stage_order"]``."""
    return dict(G.graph.get("stage_order") or {})


def chain(G: nx.Graph) -> list[str]:
    """The top-level stages in material-flow order, one notation per position.

    ``G.graph["stage_chain"]`` wins when the projection provides it. Otherwise, of the
    notations that share a position, the group concept is taken: a notation that is not a
    number (``TS-RR``, ``TS-MR``) before the shortest one (``TS-01`` before ``TS-01a``).

    >>> chain(nx.Graph(stage_order={"TS-01": 1, "TS-01a": 1, "TS-02": 2, "TS-RR": 2}))
    ['TS-01', 'TS-RR']
    """
    if G.graph.get("stage_chain"):
        return list(G.graph["stage_chain"])
    by_position: dict[int, list[str]] = {}
    for notation, position in stage_positions(G).items():
        by_position.setdefault(position, []).append(notation)

    def group_first(notation: str) -> tuple[int, int, str]:
        code = notation.split("-", 1)[-1]
        return (0 if code.isalpha() else 1, len(notation), notation)

    return [min(by_position[p], key=group_first) for p in sorted(by_position)]


def chain_positions(G: nx.Graph, stages: Iterable[str] | None) -> list[tuple[int, str]]:
    """(position, notation) of the chain stages an analysis looks at, in flow order."""
    positions = stage_positions(G)
    top = chain(G)
    if stages is None:
        return [(positions[s], s) for s in top]
    wanted = list(stages)
    unknown = [s for s in wanted if s not in top]
    if unknown:
        known = ", ".join(top) or "none in G.graph['stage_order']"
        raise ValueError(f"stages: {', '.join(unknown)} is not a top-level stage of the chain ({known})")
    return sorted((positions[s], s) for s in set(wanted))


# Re-use and repair branch off the recycling path; energy recovery and disposal take its
# residues. A gap there is not where a material's value leaves the region, so chains look
# along the path only (stage scheme: ontology/vocab/stages.ttl).
OFF_PATH = ("TS-RR", "TS-12", "TS-13")


def flow_ranks(G: nx.Graph, off_path: Iterable[str] = OFF_PATH) -> dict[str, int]:
    """Stage notation -> rank along the recycling path, the one notion of "adjacent stages"
    that chains and partner suggestions share.

    The stages on the path get even ranks 0, 2, 4 … in flow order; a stage off the path
    (re-use and repair, energy recovery, disposal) gets the odd rank between the path stages
    around it, so it is adjacent to both and does not push them apart: collection and sorting
    stay neighbours although re-use sits between them in the full order. Sub-stages take
    their group's rank. Two stages are adjacent when their ranks differ by 1 or 2.

    >>> G = nx.Graph(stage_order={"TS-01": 1, "TS-RR": 2, "TS-02": 2, "TS-05": 3})
    >>> flow_ranks(G)
    {'TS-01': 0, 'TS-RR': 1, 'TS-02': 1, 'TS-05': 2}
    """
    off = set(off_path)
    rank_of_position: dict[int, int] = {}
    rank = -2
    for stage in chain(G):
        position = stage_positions(G)[stage]
        if stage in off:
            rank_of_position[position] = rank + 1
        else:
            rank += 2
            rank_of_position[position] = rank
    return {s: rank_of_position[p] for s, p in stage_positions(G).items() if p in rank_of_position}


def adjacent(rank_a: int, rank_b: int, gap: int = 1) -> bool:
    """Whether two flow ranks (:func:`flow_ranks`) are at most ``gap`` steps apart, not equal."""
    return 0 < abs(rank_a - rank_b) <= 2 * gap


# --- labels and names -----------------------------------------------------------------------


def label(G: nx.Graph, key: str | None, lang: str, scheme: str | None = None) -> str:
    """The label in ``lang`` ("de"/"en") of the concept ``key`` of ``scheme``, else the key itself.

    Labels are looked up by concept IRI (``G.graph["labels"]`` is keyed by IRI), never by a
    bare notation: ``research`` is both a kind of actor and a competency. A hand-drawn graph
    may key its labels by notation; that is the fallback.

    >>> G = nx.Graph(labels={"https://w3id.org/harzgraph/id/concept/competency/research": {"en": "research"},
    ...                      "https://w3id.org/harzgraph/id/concept/kind/research": {"en": "research institute"}})
    >>> label(G, "research", "en", "competency"), label(G, "research", "en", "kind")
    ('research', 'research institute')
    """
    if key is None:
        return ""
    labels = G.graph.get("labels") or {}
    entry = labels.get(concept_iri(scheme, key)) if scheme else None
    if entry is None:
        entry = labels.get(key)
    if entry:
        return entry.get(lang) or entry.get("en") or entry.get("de") or key
    return key


def item_label(G: nx.Graph, item: str, lang: str) -> str:
    """The label of a material or WEEE category (the two schemes share no notation)."""
    scheme = "weee-category" if concept_iri("weee-category", item) in (G.graph.get("labels") or {}) else "material"
    return label(G, item, lang, scheme)


def actor_label(G: nx.Graph, iri: str) -> str:
    """An actor's name, or its IRI when it has none."""
    return G.nodes[iri].get("label") or iri if iri in G else iri


def state_name(G: nx.Graph, key: str | None, lang: str) -> str:
    """A state's name in ``lang``: the labels first, then ``G.graph["states"]``, else the key."""
    if key is None:
        return ""
    entry = _entry(G, "state", key)
    if entry and entry.get(lang):
        return entry[lang]
    return ((G.graph.get("states") or {}).get(key) or {}).get("name") or key


def district_name(G: nx.Graph, key: str | None, lang: str) -> str:
    """A district's name (the same in both languages unless the labels say otherwise)."""
    if key is None:
        return ""
    entry = _entry(G, "district", key)
    if entry and entry.get(lang):
        return entry[lang]
    return ((G.graph.get("districts") or {}).get(key) or {}).get("name") or key


def _entry(G: nx.Graph, scheme: str, key: str) -> dict | None:
    labels = G.graph.get("labels") or {}
    return labels.get(concept_iri(scheme, key)) or labels.get(key)


def actor_state(G: nx.Graph, data: dict[str, Any]) -> str | None:
    """An actor's state key, taken from its district when the state itself is missing."""
    if data.get("state"):
        return data["state"]
    district = data.get("district")
    if district:
        return ((G.graph.get("districts") or {}).get(district) or {}).get("state")
    return None


def is_regional(data: dict[str, Any], include_candidates: bool) -> bool:
    """True for an actor seated in one of the region's districts.

    A district whose membership of the region is not settled ("candidate") counts only
    with ``include_candidates``.
    """
    if not data.get("district"):
        return False
    return include_candidates or data.get("region_status") != "candidate"


# --- wording (graph.words.format: one rule for numbers and lists) -------------------------


def join(items: Iterable[str], lang: str, *, limit: int | None = None) -> str:
    """Join words as a person would: "A, B and C", or "A, B und 3 weitere" past ``limit``."""
    return fmt.join(items, lang, limit=limit)


def number(value: float, lang: str, digits: int = 1) -> str:
    """A decimal number with ``digits`` decimals in the one number format of ``lang``."""
    return fmt.number(value, lang, digits)


def r4(value: float) -> float:
    """Round for output: four decimals, plain float (never a numpy scalar)."""
    return float(round(float(value), 4))


# --- argument checks ------------------------------------------------------------------------


def check_top(top: int | None) -> None:
    if top is not None and (not isinstance(top, int) or isinstance(top, bool) or top < 0):
        raise ValueError(f"top must be None or an integer >= 0, not {top!r}")


def check_choice(name: str, value: object, allowed: Iterable[object]) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}, not {value!r}")


def check_positive_int(name: str, value: object, *, minimum: int = 1) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, not {value!r}")


def use_igraph(G: nx.Graph, backend: str, *, limit: int = NX_LIMIT) -> bool:
    """Whether a heavy measure goes through igraph for this graph and backend choice."""
    check_choice("backend", backend, BACKENDS)
    if backend == "auto":
        return G.number_of_nodes() > limit
    return backend == "igraph"


def order_levels(levels: Iterable[str]) -> tuple[str, ...]:
    levels = tuple(levels)
    for level in levels:
        check_choice("levels", level, LEVELS)
    return tuple(level for level in LEVELS if level in levels)


# --- igraph -----------------------------------------------------------------------------------


def to_igraph(G: nx.Graph, *, weight: str | None = None) -> tuple[Any, list[str]]:
    """The same graph in igraph, vertices in IRI order; returns (graph, IRIs by index)."""
    import igraph

    nodes = sorted(G)
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in G.edges() if u != v]
    g = igraph.Graph(n=len(nodes), edges=edges, directed=False)
    if weight is not None:
        g.es["weight"] = [float(d.get(weight, 1.0)) for u, v, d in G.edges(data=True) if u != v]
    return g, nodes


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Run igraph with its random numbers drawn from ``random.Random(seed)``."""
    import igraph

    with _IGRAPH_RNG_LOCK:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)
