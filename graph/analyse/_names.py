"""Labels and names the analyses share (concepts by scheme, actors, states, districts),
whether an actor is regional, and lists and numbers in words (graph.words.format)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph.namespaces import concept_iri
from graph.words import format as fmt


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
    return _place_name(G, "state", key, lang)


def district_name(G: nx.Graph, key: str | None, lang: str) -> str:
    """A district's name (the same in both languages unless the labels say otherwise)."""
    return _place_name(G, "district", key, lang)


def _place_name(G: nx.Graph, scheme: str, key: str | None, lang: str) -> str:
    """The label of ``key`` in ``scheme`` in ``lang``, then the name in ``G.graph[scheme + "s"]``
    (``states``, ``districts``), else the key itself."""
    if key is None:
        return ""
    entry = _entry(G, scheme, key)
    if entry and entry.get(lang):
        return entry[lang]
    return ((G.graph.get(f"{scheme}s") or {}).get(key) or {}).get("name") or key


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


def join(items: Iterable[str], lang: str, *, limit: int | None = None) -> str:
    """Join words as a person would: "A, B and C", or "A, B und 3 weitere" past ``limit``."""
    return fmt.join(items, lang, limit=limit)


def number(value: float, lang: str, digits: int = 1) -> str:
    """A decimal number with ``digits`` decimals in the one number format of ``lang``."""
    return fmt.number(value, lang, digits)


# --- areas ----------------------------------------------------------------------------------

_LEVEL_RANK = {"region": 0, "state": 1, "district": 2}
_REGION = {"de": "Region", "en": "region"}


def region_areas(G: nx.Graph, levels: Iterable[str], include_candidates: bool) -> set[tuple[str, str | None]]:
    """(level, key) of the region, the states of its districts and its districts, at ``levels``
    (a candidate district and its state only with ``include_candidates``)."""
    areas: set[tuple[str, str | None]] = {("region", None)} if "region" in levels else set()
    districts = {k: d for k, d in (G.graph.get("districts") or {}).items()
                 if include_candidates or d.get("region_status") != "candidate"}
    if "state" in levels:
        areas.update(("state", d["state"]) for d in districts.values() if d.get("state"))
    if "district" in levels:
        areas.update(("district", k) for k in districts)
    return areas


def sorted_areas(areas: Iterable[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Region first, then states, then districts, each by key."""
    return sorted(areas, key=lambda a: (_LEVEL_RANK[a[0]], a[1] or ""))


def area_name(G: nx.Graph, level: str, area: str | None, lang: str) -> str:
    """The name of an area: "Region", a state's or a district's name."""
    if level == "region":
        return _REGION[lang]
    return state_name(G, area, lang) if level == "state" else district_name(G, area, lang)
