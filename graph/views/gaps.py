"""Plain rows for the viewer's gap pages: partner suggestions with their evidence, the
value-chain grid, the border matrices and the brokers, narrowed and labelled in one language.

The analyses of :mod:`graph.analyse` stay as they are; this module only keeps the rows a page
asks for and adds what a reader needs beside the numbers: names, places, the sources of the
ties behind a suggestion, the words for each reason. No Flask here, no HTML: every function
returns lists of dicts of str/int/float/None (and lists of them).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from graph.analyse import border_cohesion, missing_partnerships, value_chain_coverage, value_chain_matrix
from graph.analyse._checks import r4
from graph.analyse._names import actor_state, district_name, item_label, label, state_name
from graph.analyse._stages import chain, stage_positions
from graph.analyse.chains import OFF_PATH, coverage_parts
from graph.analyse.partners import (
    FUNDER_KINDS,
    PUBLIC_KINDS,
    PartnerIndex,
    RankedRows,
    partner_index,
    rank_partnerships,
)
from graph.compact import CompactGraph
from graph.concepts import HIERARCHICAL_FACETS, NODE_ATTRIBUTE, hierarchy_of, node_matches
from graph.views.actors import NONE, PackedRecords, actor_id
from graph.views.network import DERIVED_TIES
from graph.words import findings
from graph.words.partners import PART_OF, reason_text

#: Actor facets a list of suggestions or brokers can be narrowed by (values are notations).
PAIR_FACETS = ("state", "district", "kind", "stage", "material", "category", "competency")
#: At most this many suggestions are ranked; filters then pick from them (the real graph has
#: about 2,300 candidate pairs in all, so there the list is complete; at 100,000 SYNTHETIC
#: actors the candidates are sampled, see :attr:`SuggestionList.sampled`).
SUGGESTION_LIMIT = 5000
#: The four parts of a suggestion's score, in the order the pages show them.
PARTS = ("topic", "value_chain", "proximity", "competence", "border")
SUGGESTION_COLUMNS = ["rank", "score", "id_a", "name_a", "kind_a", "district_a", "state_a", "id_b", "name_b",
                      "kind_b", "district_b", "state_b", "topic", "value_chain", "proximity", "competence", "border",
                      "shared_items", "common_partners", "reasons"]
CHAIN_COLUMNS = ["item", "item_type", "item_label", "crm", "area", "area_label", "stage", "stage_label", "position",
                 "actors", "status", "actor_ids"]
BORDER_COLUMNS = ["level", "a", "a_label", "b", "b_label", "scope", "actors_a", "actors_b", "observed", "expected",
                  "ratio", "reasons"]
BROKER_COLUMNS = ["rank", "id", "name", "kind", "district", "state", "degree", "betweenness", "constraint",
                  "effective_size", "efficiency", "splits", "cut_off_count", "cut_off", "bridges", "reasons"]
LEVELS = ("state", "district")


def score_weights() -> dict[str, float]:
    """The weight of each part in :func:`graph.analyse.missing_partnerships` (its defaults).

    >>> score_weights()
    {'value_chain': 0.5, 'proximity': 0.25, 'competence': 0.1, 'border': 0.15}
    """
    defaults = inspect.signature(missing_partnerships).parameters
    return {part: defaults[f"{part}_weight"].default for part in PARTS if part != "topic"}


@dataclass(frozen=True)
class PairFilter:
    """Which suggestions a page shows, and what they are about.

    ``selected``: facet of :data:`PAIR_FACETS` → notations (any of, per facet). A material,
    category, competency or stage is the *topic*: only pairs in which an actor holds it (or
    a narrower concept) are ranked, by how well the two complement each other on it. A
    district or state keeps the pairs with an actor there; a kind the pairs with an actor of
    that kind (one actor both there and of that kind, when both are chosen).
    ``without_public``: leave out funders and public bodies. ``funders``: suggest
    funders too (never by default). ``min_score``: the least score. ``actor``: only pairs
    with this actor (IRI).
    """

    selected: dict[str, tuple[str, ...]] = field(default_factory=dict)
    min_score: float = 0.0
    actor: str | None = None
    without_public: bool = False
    funders: bool = False

    def is_empty(self) -> bool:
        return (not any(self.selected.values()) and not self.min_score and not self.actor
                and not self.without_public and not self.funders)

    def topic(self) -> dict[str, tuple[str, ...]]:
        return {f: v for f, v in self.selected.items() if v and f in HIERARCHICAL_FACETS}

    def places(self) -> dict[str, tuple[str, ...]]:
        """The kind, state and district chosen (what :func:`filter_suggestions` checks per actor)."""
        return {f: v for f, v in self.selected.items() if v and f in ("kind", "state", "district")}

    def area(self) -> dict[str, tuple[str, ...]]:
        return {f: v for f, v in self.selected.items() if v and f in ("district", "state")}

    def key(self) -> str:
        """A text naming what the ranking depends on (for caches)."""
        ranked = {**self.topic(), **self.area()}
        return repr((sorted(ranked.items()), self.without_public, self.funders))


class SuggestionList(list):
    """Suggestion rows, and whether they are the best of a sample of the candidate pairs
    (``sampled``; only on very large graphs, see :func:`graph.analyse.partners.rank_partnerships`):
    then a page says that the list is not complete."""

    sampled: bool = False

    def __init__(self, rows: Iterable[dict[str, Any]] = (), sampled: bool = False) -> None:
        super().__init__(rows)
        self.sampled = sampled


@dataclass(frozen=True)
class RankingSource:
    """What a ranking reads instead of the whole collaboration graph: the build's partner index
    (:class:`~graph.analyse.partners.PartnerIndex`) and the packed graph, whose
    :meth:`~graph.compact.CompactGraph.subgraph` holds the actors the rows name."""

    index: PartnerIndex
    #: The packed graph, or a function giving it: then it is read only when a row is first
    #: worded (a viewer ranks in the background and words the page's rows in the request).
    graph: CompactGraph | Callable[[], CompactGraph]

    def subgraph(self, actors: set[str]) -> nx.Graph:
        return (self.graph if isinstance(self.graph, CompactGraph) else self.graph()).subgraph(actors)


def partner_suggestions(G: nx.Graph | RankingSource, *, lang: str = "de", limit: int = SUGGESTION_LIMIT,
                        criteria: PairFilter | None = None) -> SuggestionList | LazySuggestions:
    """The ranked partner suggestions of ``G`` with names, places, reasons and evidence.

    Parameters
    ----------
    G : the collaboration graph of :func:`graph.network.collaboration_graph`, or a
        :class:`RankingSource` of it (what a viewer reads: no whole graph is loaded).
    lang : "de" or "en", for labels and reasons.
    limit : rank at most this many pairs (the best ones).
    criteria : the topic, area and kinds the ranking is about (see :class:`PairFilter`);
        its kind, score and actor filters are applied by :func:`filter_suggestions`.

    Returns
    -------
    list of dict
        A :class:`SuggestionList` (from a :class:`RankingSource`, :class:`LazySuggestions`,
        worded as read) of rows with the keys of :data:`SUGGESTION_COLUMNS` (``kind_*``, ``district_*``, ``state_*`` as
        labels, ``shared_items`` and ``common_partners`` as lists of labels and names,
        ``reasons`` the analysis' sentence), plus ``iri_a``, ``iri_b``, ``parts`` (one
        ``{"part", "value", "text"}`` per part above 0, in :data:`PARTS` order) and
        ``partners`` (per common partner: ``id``, ``name`` and, for each of the two actors,
        ``relations_a``/``relations_b`` (labels) and ``sources_a``/``sources_b`` of its tie
        to that partner). Ranked as :func:`~graph.analyse.missing_partnerships`: highest
        score first, equal scores share a rank.

    Examples
    --------
    >>> G = nx.Graph(stage_order={"TS-08": 6, "TS-09": 7})
    >>> G.add_node("A", label="A", stages=["TS-08"], materials=["tantalum"], state="03")
    >>> G.add_node("B", label="B", stages=["TS-09"], materials=["tantalum"], state="16")
    >>> G.add_node("C", label="C")
    >>> G.add_edge("A", "C", relations=["member_of"], sources=["s1"])
    >>> G.add_edge("B", "C", relations=["cooperates_with"], sources=["s2"])
    >>> [row] = partner_suggestions(G, lang="en")
    >>> [part["text"] for part in row["parts"]]  # doctest: +NORMALIZE_WHITESPACE
    ['both handle tantalum; A works at “TS-08”, B right after it at “TS-09”',
     'one common partner could introduce them: C',
     'would cross the state border 03–16']
    >>> row["partners"][0]["sources_a"], row["partners"][0]["relations_b"]
    (['s1'], ['cooperates_with'])
    """
    if isinstance(G, RankingSource):
        ranking = _ranking(G.index, G.subgraph, limit, criteria, (lang,))
        return LazySuggestions(ranking.rows, lang, ranking.sampled)
    found = ranked_pairs(G, limit=limit, criteria=criteria)
    return SuggestionList(suggestion_rows(G, found, lang=lang), found.sampled)


def ranked_pairs(G: nx.Graph | PartnerIndex, *, limit: int = SUGGESTION_LIMIT, criteria: PairFilter | None = None,
                 graph_of=None) -> SuggestionList:
    """The rows of :func:`~graph.analyse.missing_partnerships` that :func:`partner_suggestions`
    labels: the same in every language (they carry ``reasons_de`` and ``reasons_en``), so the
    build ranks once and labels per language (:func:`suggestion_rows`).

    Ranked by :func:`~graph.analyse.partners.rank_partnerships` from the partner index (``G``
    itself, or built from the graph ``G``): the same rows, in about a second at 100,000 actors
    whatever the filter; ``graph_of``: where the rows' actors are read (the graph ``G`` by
    default). ``sampled`` says whether the rows are the best of a sample (very large graphs only)."""
    index = G if isinstance(G, PartnerIndex) else partner_index(G)
    if graph_of is None:
        if isinstance(G, PartnerIndex):
            raise ValueError("ranking from a partner index needs graph_of, where the rows' actors are read")
        graph_of = lambda actors: G  # noqa: E731 -- the whole graph holds every actor
    ranking = _ranking(index, graph_of, limit, criteria or PairFilter(), ("de", "en"))
    return SuggestionList(ranking.rows, ranking.sampled)


def _ranking(index: PartnerIndex, graph_of, limit: int, criteria: PairFilter | None, langs: tuple[str, ...]):
    criteria = criteria or PairFilter()
    return rank_partnerships(index, graph_of, top=limit, topic=criteria.topic() or None,
                             area=criteria.area() or None, include_funders=criteria.funders,
                             leave_out_kinds=PUBLIC_KINDS if criteria.without_public else (), langs=langs)


class LazySuggestions(Sequence):
    """The rows of :func:`partner_suggestions` from a :class:`RankingSource`, each labelled and
    worded when first read (:class:`~graph.analyse.partners.RankedRows`): a page shows 50 of
    5,000, and wording them all took longer than ranking them. :func:`filter_suggestions`
    keeps rows by score, actor, place and kind without wording any (:meth:`keep`, a view
    sharing the worded rows); iterating words them in blocks (a CSV download). ``sampled``
    as in :class:`SuggestionList`."""

    def __init__(self, ranked: RankedRows, lang: str, sampled: bool = False, positions: list[int] | None = None,
                 done: dict[int, dict[str, Any]] | None = None) -> None:
        self.ranked, self.lang, self.sampled = ranked, lang, sampled
        self.positions = list(range(len(ranked))) if positions is None else positions
        self._done = {} if done is None else done
        self._weights = score_weights()
        #: :func:`filter_suggestions`' kept positions, by filter.
        self.kept: dict[tuple, list[int]] = {}

    def __len__(self) -> int:
        return len(self.positions)

    def pairs(self) -> list[dict[str, Any]]:
        """``{"iri_a", "iri_b", "score"}`` of each row, without wording any."""
        return [dict(zip(("iri_a", "iri_b", "score"), self.ranked.pairs[k][:3], strict=True))
                for k in self.positions]

    def keep(self, kept: Iterable[int]) -> LazySuggestions:
        return LazySuggestions(self.ranked, self.lang, self.sampled, [self.positions[i] for i in kept], self._done)

    def _rows(self, ks: list[int]) -> list[dict[str, Any]]:
        todo = [k for k in dict.fromkeys(ks) if k not in self._done]
        if todo:
            G, found = self.ranked.worded(todo)
            for k, row in zip(todo, found, strict=True):
                self._done[k] = _suggestion(G, row, self.lang, self._weights)
        return [self._done[k] for k in ks]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self._rows([self.positions[j] for j in range(*i.indices(len(self)))])
        return self._rows([self.positions[i]])[0]

    def __iter__(self):
        for start in range(0, len(self), 500):
            yield from self._rows(self.positions[start:start + 500])


def suggestions_beside(listed: Sequence[dict[str, Any]], source: RankingSource, criteria: PairFilter, *,
                       lang: str = "de", limit: int = SUGGESTION_LIMIT) -> MergedSuggestions:
    """The suggestions of ``criteria`` without a topic or an area — only "leave out funders and
    public bodies" or "suggest funders too" — from the list without filters (``listed``, the
    build's :func:`partner_suggestions`): ranking every actor's pairs again takes many seconds
    at 100,000 actors, and these lists differ from it only by some kinds of actor.

    Leaving out public bodies keeps the listed rows without one: the listed rows are the best
    pairs without funders, so those left are the best pairs without either, in order (fewer
    than ``limit`` when the listed list was cut). With funders, the pairs with a funder are
    ranked apart (anchored on the funders, :func:`~graph.analyse.partners.rank_partnerships`
    ``with_kinds``) and merged with the listed rows: the best ``limit`` of the two lists are
    the best ``limit`` of all. Ranks are counted again (1, 2, 2, 4). Equal to
    :func:`partner_suggestions` with ``criteria`` whenever the listed list was complete."""
    index = source.index
    dropped = set(PUBLIC_KINDS) if criteria.without_public else set()

    def kind(iri: str) -> str | None:
        i = index.position(iri)
        return index.kinds[index.kind[i]] if i is not None and index.kind[i] >= 0 else None

    entries = [(-row["score"], row["iri_a"], row["iri_b"], listed, k) for k, row in enumerate(listed)
               if not dropped or (kind(row["iri_a"]) not in dropped and kind(row["iri_b"]) not in dropped)]
    sampled = bool(getattr(listed, "sampled", False))
    if criteria.funders and not criteria.without_public:
        ranking = rank_partnerships(index, source.subgraph, top=limit, include_funders=True,
                                    with_kinds=FUNDER_KINDS, langs=(lang,))
        extra = LazySuggestions(ranking.rows, lang, ranking.sampled)
        entries += [(-score, a, b, extra, k) for k, (a, b, score, _) in enumerate(ranking.rows.pairs)]
        sampled = sampled or ranking.sampled
    entries.sort(key=lambda e: e[:3])
    return MergedSuggestions([(source_rows, k) for *_, source_rows, k in entries[:limit]],
                             [-e[0] for e in entries[:limit]], sampled)


def suggestion_rows(G: nx.Graph, found: list[dict[str, Any]], *, lang: str = "de") -> list[dict[str, Any]]:
    """The rows of :func:`ranked_pairs` with names, places, reasons and evidence in ``lang``
    (the rows of :func:`partner_suggestions`)."""
    weights = score_weights()
    return [_suggestion(G, row, lang, weights) for row in found]


class MergedSuggestions(Sequence):
    """Rows taken from other lists of suggestions (:func:`suggestions_beside`), in a new order
    with their ranks counted again; each read from its list when read (so a lazy list stays
    lazy). ``pairs``, ``keep``, ``kept`` and ``sampled`` as in :class:`LazySuggestions`."""

    def __init__(self, entries: list[tuple[Sequence[dict[str, Any]], int]], scores: list[float],
                 sampled: bool = False, ranks: list[int] | None = None) -> None:
        self.entries, self.scores, self.sampled = entries, scores, sampled
        if ranks is None:
            ranks = []
            for position, score in enumerate(scores, start=1):
                ranks.append(position if not ranks or score != scores[position - 2] else ranks[-1])
        self.ranks = ranks
        self.kept: dict[tuple, list[int]] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def pairs(self) -> list[dict[str, Any]]:
        out = []
        for (rows, k), score in zip(self.entries, self.scores, strict=True):
            if isinstance(rows, LazySuggestions):
                a, b, _, _ = rows.ranked.pairs[rows.positions[k]]
            else:
                a, b = rows[k]["iri_a"], rows[k]["iri_b"]
            out.append({"iri_a": a, "iri_b": b, "score": score})
        return out

    def keep(self, kept: Iterable[int]) -> MergedSuggestions:
        kept = list(kept)
        return MergedSuggestions([self.entries[i] for i in kept], [self.scores[i] for i in kept], self.sampled,
                                 [self.ranks[i] for i in kept])

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        rows, k = self.entries[i]
        return {**rows[k], "rank": self.ranks[i]}


def filter_suggestions(G: nx.Graph | PartnerIndex | None, rows: Sequence[dict[str, Any]],
                       criteria: PairFilter) -> Sequence[dict[str, Any]]:
    """The rows of :func:`partner_suggestions` that ``criteria`` keeps, order unchanged.

    The topic and the area were applied by the ranking; here the place and kind (a pair with
    an actor that is in the chosen state or district *and* of the chosen kind), the least
    score and the actor. ``G`` (the graph or its partner index, which answers the same from
    arrays) is read only for a place or kind (:meth:`PairFilter.places`), so a caller may
    pass None otherwise. :class:`LazySuggestions` give a :class:`LazySuggestions` (nothing
    worded), a list a list."""
    kinds = criteria.places()
    if kinds and G is None:
        raise ValueError("a place or kind filter needs the collaboration graph or its partner index")
    if isinstance(G, PartnerIndex):
        index = G

        def matches(iri: str) -> bool:
            return index.place_matches(iri, kinds, none=NONE)
    else:
        def matches(iri: str) -> bool:
            return actor_matches(G, iri, kinds)

    def keeps(row: dict[str, Any]) -> bool:
        if row["score"] < criteria.min_score:
            return False
        if criteria.actor and criteria.actor not in (row["iri_a"], row["iri_b"]):
            return False
        return not kinds or matches(row["iri_a"]) or matches(row["iri_b"])

    # The same filter of the same list (a warm request, the next page) is looked up, not redone.
    memo = (repr(sorted(kinds.items())), criteria.min_score, criteria.actor)
    if isinstance(rows, LazySuggestions | MergedSuggestions):
        if memo not in rows.kept:
            rows.kept[memo] = [i for i, row in enumerate(rows.pairs()) if keeps(row)]
        return rows.keep(rows.kept[memo])
    if isinstance(rows, SuggestionList):
        kept = rows.__dict__.setdefault("kept", {})
        if memo not in kept:
            kept[memo] = [row for row in rows if keeps(row)]
        return list(kept[memo])
    return [row for row in rows if keeps(row)]


def actor_matches(G: nx.Graph, iri: str, selected: dict[str, tuple[str, ...]]) -> bool:
    """Whether the actor has, for every chosen facet, one of its values (``none``: no value).

    A stage, material, category or competency matches it and every narrower concept
    (:mod:`graph.concepts`: ``TS-MR`` also ``TS-10``, ``batteries`` also ``lead-acid-batteries``).
    """
    if iri not in G:
        return False
    attrs = G.nodes[iri]
    for facet, wanted in selected.items():
        if facet in HIERARCHICAL_FACETS:
            if not node_matches(G, attrs, facet, wanted):
                return False
            continue
        value = actor_state(G, attrs) if facet == "state" else attrs.get(facet)
        if not {value if value is not None else NONE} & set(wanted):
            return False
    return True


def pair_options(G: nx.Graph, rows: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The notations each filter of :data:`PAIR_FACETS` can usefully offer: the states,
    districts, kinds and materials of the actors in ``rows`` (sorted), and the chain's stages.

    >>> G = nx.Graph(stage_order={"TS-01": 1})
    >>> G.add_node("x", kind="recycler", district="03153", state="03", materials=["copper"])
    >>> pair_options(G, [{"iri_a": "x", "iri_b": "x"}])["material"]
    ['copper']
    """
    seen: dict[str, set[str]] = {facet: set() for facet in PAIR_FACETS}
    hierarchy = hierarchy_of(G)
    for iri in {row[key] for row in rows for key in ("iri_a", "iri_b")}:
        attrs = G.nodes[iri]
        seen["state"].add(actor_state(G, attrs) or NONE)
        seen["district"].add(attrs.get("district") or NONE)
        seen["kind"].add(attrs.get("kind") or NONE)
        for facet in ("material", "category", "competency"):
            # A broader concept is offered too: choosing it includes the narrower ones.
            held = attrs.get(NODE_ATTRIBUTE[facet]) or ()
            seen[facet].update(hierarchy.with_broader(HIERARCHICAL_FACETS[facet], held))
    options = {facet: sorted(values) for facet, values in seen.items()}
    options["stage"] = chain(G)
    return options


def suggestion_overlay(rows: list[dict[str, Any]], visible: Iterable[str], *, top: int = 25,
                       pair: tuple[str, str] | None = None) -> list[dict[str, Any]]:
    """Suggestions a network view draws as dashed edges: the best ``top`` between actors it
    shows or, when the view is about two actors (``pair``, e.g. the ends of a path), only
    theirs (none if they are no suggestion).

    ``rows`` are :func:`partner_suggestions`; ``visible`` the ids the view shows. Each item is
    ``{"from", "to", "rank", "score", "reasons", "pair"}`` (``pair``: it is the pair asked for).

    >>> rows = [{"id_a": "a", "id_b": "b", "rank": 1, "score": 0.5, "reasons": "r"},
    ...         {"id_a": "b", "id_b": "c", "rank": 2, "score": 0.4, "reasons": "s"}]
    >>> [(s["from"], s["to"]) for s in suggestion_overlay(rows, ["a", "b", "c"], top=5)]
    [('a', 'b'), ('b', 'c')]
    >>> [(s["from"], s["pair"]) for s in suggestion_overlay(rows, ["a", "b", "c"], pair=("c", "b"))]
    [('b', True)]
    """
    shown = set(visible)
    wanted = frozenset(pair) if pair else None
    out = []
    for row in rows:
        ends = frozenset((row["id_a"], row["id_b"]))
        if not ends <= shown or (wanted is not None and ends != wanted):
            continue
        out.append({"from": row["id_a"], "to": row["id_b"], "rank": row["rank"], "score": row["score"],
                    "reasons": row["reasons"], "pair": wanted is not None})
        if wanted is not None or len(out) >= top:
            break
    return out


def _suggestion(G: nx.Graph, row: dict[str, Any], lang: str, weights: dict[str, float]) -> dict[str, Any]:
    a, b = row["actor_a"], row["actor_b"]
    out: dict[str, Any] = {"rank": row["rank"], "score": row["score"]}
    for side, iri in (("a", a), ("b", b)):
        attrs = G.nodes[iri]
        out.update({f"id_{side}": actor_id(iri), f"name_{side}": row[f"label_{side}"],
                    f"kind_{side}": label(G, attrs.get("kind"), lang, "kind") or None,
                    f"district_{side}": district_name(G, attrs.get("district"), lang) or None,
                    f"state_{side}": state_name(G, actor_state(G, attrs), lang) or None})
    out.update({part: row[part] for part in PARTS})
    out["shared_items"] = [item_label(G, item, lang) for item in row["shared_items"]]
    out["common_partners"] = [G.nodes[w].get("label") or w for w in row["common_partners"]]
    out["reasons"] = row[f"reasons_{lang}"]
    out["iri_a"], out["iri_b"] = a, b
    out["parts"] = _parts(G, row, lang)
    out["bar"] = _bar(row, weights)
    out["partners"] = [{"id": actor_id(w), "name": G.nodes[w].get("label") or w,
                        **_tie(G, a, w, "a", lang), **_tie(G, b, w, "b", lang)} for w in row["common_partners"]]
    return out


def _tie(G: nx.Graph, actor: str, partner: str, side: str, lang: str) -> dict[str, list[str]]:
    attrs = G.edges[actor, partner]
    return {f"relations_{side}": [tie_label(G, tie, lang) for tie in attrs.get("relations") or ()],
            f"sources_{side}": list(attrs.get("sources") or ())}


def _bar(row: dict[str, Any], weights: dict[str, float]) -> list[dict[str, Any]]:
    """How much each part adds to the score (``{"part", "width"}``, widths summing to the score):
    with a topic ``t`` the score is ``t · (0.5 + 0.5 · base)``, so the topic adds ``t / 2`` and
    each base part its weighted value times ``t / 2``; ``weights``: :func:`score_weights`."""
    scale = row["topic"] / 2 if row["topic"] else 1.0
    bar = [{"part": "topic", "width": r4(row["topic"] / 2)}] if row["topic"] else []
    bar += [{"part": part, "width": r4(row[part] * weights[part] * scale)} for part in PARTS if part != "topic"]
    return bar


def _parts(G: nx.Graph, row: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Each part of the score above 0, with its reasons in words (from graph.words.partners)."""
    names = {row["actor_a"]: row["label_a"], row["actor_b"]: row["label_b"]}
    texts: dict[str, list[str]] = {}
    for reason in row["reasons"]:
        texts.setdefault(PART_OF[reason["code"]], []).append(reason_text(G, reason, lang, names))
    return [{"part": part, "value": row[part], "text": "; ".join(texts[part])} for part in PARTS if part in texts]


# --- value chain ----------------------------------------------------------------------------


def chain_rows(G: nx.Graph, *, level: str = "region", area: str | None = None,
               lang: str = "de") -> list[dict[str, Any]]:
    """The item × stage cells of one area (the region, a state or a district), labelled.

    Parameters
    ----------
    G : the collaboration graph.
    level : "region", "state" or "district".
    area : the state or district notation (None for the region).
    lang : "de" or "en".

    Returns
    -------
    list of dict
        The keys of :data:`CHAIN_COLUMNS`: ``crm`` is "strategic", "critical" or None;
        ``status`` is "covered" (two actors or more), "single" (one), "missing" (none,
        while the item has actors at other stages of the area) or "none" (the item has no
        actor at any stage there); ``actor_ids`` are sorted ids. In the order of
        :func:`~graph.analyse.value_chain_matrix`: materials, then categories, each by
        notation, stages in chain order.

    Examples
    --------
    >>> G = nx.Graph(stage_order={"TS-01": 1, "TS-05": 2})
    >>> G.add_node("https://w3id.org/harzgraph/id/actor/a", stages=["TS-01"], materials=["copper"],
    ...            district="03153")
    >>> [(r["stage"], r["actors"], r["status"], r["actor_ids"]) for r in chain_rows(G)]
    [('TS-01', 1, 'single', ['a']), ('TS-05', 0, 'missing', [])]
    """
    return chain_rows_by_area(G, value_chain_matrix(G, levels=(level,)), lang=lang).get((level, area), [])


def chain_rows_by_area(G: nx.Graph, cells: Iterable[dict[str, Any]], *,
                       lang: str = "de") -> dict[tuple[str, str | None], list[dict[str, Any]]]:
    """:func:`chain_rows` of every area at once: ``(level, area)`` → its rows, from ``cells``,
    the rows of :func:`~graph.analyse.value_chain_matrix` of any levels (language-free, so the
    build computes them once for every area and language; each area's rows depend only on its
    own cells). An area without cells is not a key (its :func:`chain_rows` are ``[]``).

    O(cells + actor ids). Example: the region and district 03153 of one actor at TS-01:

    >>> G = nx.Graph(stage_order={"TS-01": 1, "TS-05": 2})
    >>> G.add_node("https://w3id.org/harzgraph/id/actor/a", stages=["TS-01"], materials=["copper"],
    ...            district="03153")
    >>> by_area = chain_rows_by_area(G, value_chain_matrix(G, levels=("region", "district")))
    >>> sorted(by_area, key=str), [r["status"] for r in by_area["district", "03153"]]
    ([('district', '03153'), ('region', None)], ['single', 'missing'])
    """
    by_area: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for r in cells:
        by_area.setdefault((r["level"], r["area"]), []).append(r)
    materials = G.graph.get("materials") or {}
    out = {}
    for (level, area), mine in by_area.items():
        held = {r["item"] for r in mine if r["actors"]}
        rows = []
        for r in mine:
            flags = materials.get(r["item"]) or {}
            crm = "strategic" if flags.get("crm_strategic") else ("critical" if flags.get("crm_critical") else None)
            status = ("covered" if r["actors"] > 1 else "single" if r["actors"] else
                      "missing" if r["item"] in held else "none")
            rows.append({"item": r["item"], "item_type": r["item_type"], "item_label": r[f"item_{lang}"], "crm": crm,
                         "area": area, "area_label": r[f"area_{lang}"], "stage": r["stage"],
                         "stage_label": r[f"stage_{lang}"], "position": r["position"], "actors": r["actors"],
                         "status": status, "actor_ids": [actor_id(iri) for iri in r["actor_iris"]]})
        out[level, area] = rows
    return out


def chain_grid(G: nx.Graph, rows: list[dict[str, Any]], *, lang: str = "de") -> dict[str, Any]:
    """The cells of :func:`chain_rows` as a grid a page draws: the stages as columns, the
    items that have an actor as rows in three groups, the others by name.

    Returns
    -------
    dict
        ``stages``: ``{"stage", "label", "short" (without the explanation in brackets),
        "position", "notations" (every stage notation at that position, for links),
        "off_path"}`` in chain order; ``groups``: ``{"group"`` ("category",
        "crm", "material"), ``"entries"}`` where an entry is ``{"item", "item_type", "label",
        "crm", "cells" (its rows in chain order), "present", "missing", "first_gap"`` (a stage
        notation or None) ``}``, items by how many stages they cover, then by label;
        ``empty``: labels of the items no actor handles here, sorted.
    """
    order = stage_positions(G)
    stages = [{"stage": s, "label": label(G, s, lang, "stage"), "short": short_label(G, s, lang), "position": order[s],
               "notations": sorted(n for n, p in order.items() if p == order[s]), "off_path": s in OFF_PATH}
              for s in chain(G)]
    by_item: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_item.setdefault(row["item"], []).append(row)
    groups: dict[str, list[dict[str, Any]]] = {"category": [], "crm": [], "material": []}
    empty = []
    positions = [(s["position"], s["stage"]) for s in stages]
    for item, cells in by_item.items():
        first = cells[0]
        if first["status"] == "none":
            empty.append(first["item_label"])
            continue
        parts = coverage_parts({c["position"]: set(c["actor_ids"]) for c in cells if c["actors"]}, positions)
        group = "category" if first["item_type"] == "category" else ("crm" if first["crm"] else "material")
        groups[group].append({"item": item, "item_type": first["item_type"], "label": first["item_label"],
                              "crm": first["crm"], "cells": cells, "present": len(parts["stages_present"]),
                              "missing": parts["stages_missing"], "first_gap": parts["first_gap"],
                              "first_gap_label": short_label(G, parts["first_gap"], lang) or None})
    for items in groups.values():
        # Categories in their legal order; materials with the longest covered chain first.
        items.sort(key=lambda i: (i["item"],) if i["item_type"] == "category"
                   else (-i["present"], i["label"].casefold()))
    return {"stages": stages, "groups": [{"group": g, "entries": items} for g, items in groups.items() if items],
            "empty": sorted(empty, key=str.casefold)}


def chain_gaps(G: nx.Graph, *, level: str = "region", area: str | None = None,
               lang: str = "de") -> dict[str, dict[str, Any]]:
    """What each item's first gap in one area likely means (:func:`graph.analyse.chains.gap_kind`):
    item → ``{"kind"`` ("elsewhere", "hole", "region_end"), ``"where"`` (names of the other
    states or districts with an actor there) ``}``, for the items that have a first gap."""
    return chain_gaps_by_area(G, value_chain_coverage(G, levels=(level,)), lang=lang).get((level, area), {})


def chain_gaps_by_area(G: nx.Graph, coverage: Iterable[dict[str, Any]], *,
                       lang: str = "de") -> dict[tuple[str, str | None], dict[str, dict[str, Any]]]:
    """:func:`chain_gaps` of every area at once: ``(level, area)`` → item → gap, from
    ``coverage``, the rows of :func:`~graph.analyse.value_chain_coverage` of any levels (a
    row's gap looks only at areas of its own level). An area without gaps is not a key.
    O(rows)."""
    out: dict[tuple[str, str | None], dict[str, dict[str, Any]]] = {}
    for row in coverage:
        if row["gap_kind"]:
            names = {"state": state_name, "district": district_name}.get(row["level"])
            out.setdefault((row["level"], row["area"]), {})[row["item"]] = {
                "kind": row["gap_kind"], "where": [names(G, a, lang) if names else a for a in row["gap_where"]]}
    return out


# --- borders ---------------------------------------------------------------------------------


def border_rows(G: nx.Graph, *, levels: Iterable[str] = LEVELS, lang: str = "de") -> list[dict[str, Any]]:
    """Ties between and within states and districts against the configuration model, labelled.

    The rows of :func:`~graph.analyse.border_cohesion` for each level in ``levels`` (in that
    order), weakest first within a level, with the keys of :data:`BORDER_COLUMNS` (names and
    reasons in ``lang``).

    >>> G = nx.Graph([("A", "B"), ("B", "C")])
    >>> nx.set_node_attributes(G, {"A": "03", "B": "03", "C": "16"}, "state")
    >>> nx.set_node_attributes(G, {"A": "03153", "B": "03153", "C": "16062"}, "district")
    >>> [(r["a"], r["b"], r["observed"], r["expected"]) for r in border_rows(G, levels=["state"])]
    [('16', '16', 0, 0.125), ('03', '03', 1, 1.125), ('03', '16', 1, 0.75)]
    """
    rows = []
    for level in levels:
        for r in border_cohesion(G, level=level):
            rows.append({"level": level, "a": r["a"], "a_label": r[f"a_{lang}"], "b": r["b"],
                         "b_label": r[f"b_{lang}"], "scope": r["scope"], "actors_a": r["actors_a"],
                         "actors_b": r["actors_b"], "observed": r["observed"], "expected": r["expected"],
                         "ratio": r["ratio"], "reasons": findings.reasons("borders", G, r, lang)})
    return rows


def border_matrix(rows: list[dict[str, Any]], level: str) -> dict[str, Any]:
    """The rows of one level as a symmetric matrix: ``keys`` (sorted), ``labels`` and
    ``lines`` (per key: ``{"key", "label", "cells"}``, a cell being the row of the pair or None).

    >>> m = border_matrix([{"level": "state", "a": "03", "a_label": "NI", "b": "16", "b_label": "TH"}], "state")
    >>> [[c and c["b"] for c in line["cells"]] for line in m["lines"]]
    [[None, '16'], ['16', None]]
    """
    mine = [r for r in rows if r["level"] == level]
    names: dict[str, str] = {}
    for r in mine:
        names.setdefault(r["a"], r["a_label"])
        names.setdefault(r["b"], r["b_label"])
    keys = sorted(names)
    pair = {(r["a"], r["b"]): r for r in mine}
    lines = [{"key": x, "label": names[x],
              "cells": [pair.get((x, y)) or pair.get((y, x)) for y in keys]} for x in keys]
    return {"keys": keys, "labels": names, "lines": lines}


# --- brokers ---------------------------------------------------------------------------------


def broker_rows(G: nx.Graph, found: list[dict[str, Any]], *, lang: str = "de",
                selected: dict[str, tuple[str, ...]] | None = None) -> list[dict[str, Any]]:
    """The rows of :func:`~graph.analyse.brokers` for the actors matching ``selected``
    (facets as in :func:`actor_matches`), labelled, with their rank in the whole network.

    Returns
    -------
    list of dict
        The keys of :data:`BROKER_COLUMNS` (``kind``, ``district``, ``state`` as labels,
        ``cut_off`` and ``bridges`` as names) plus ``cut_off_ids`` and ``bridge_ids``.
        In the order of ``found``.
    """
    selected = {f: v for f, v in (selected or {}).items() if v}
    rows = []
    for rank, r in enumerate(found, start=1):
        if selected and not actor_matches(G, r["actor"], selected):
            continue
        rows.append({
            "rank": rank, "id": actor_id(r["actor"]), "name": r["label"],
            "kind": label(G, r["kind"], lang, "kind") or None,
            "district": district_name(G, r["district"], lang) or None,
            "state": state_name(G, r["state"], lang) or None, "degree": r["degree"], "betweenness": r["betweenness"],
            "constraint": r["constraint"], "effective_size": r["effective_size"], "efficiency": r["efficiency"],
            "splits": r["splits"], "cut_off_count": r["cut_off_count"],
            "cut_off": [G.nodes[x].get("label") or x for x in r["cut_off"]],
            "bridges": [G.nodes[x].get("label") or x for x in r["bridges"]],
            "reasons": findings.reasons("brokers", G, r, lang),
            "cut_off_ids": [actor_id(x) for x in r["cut_off"]], "bridge_ids": [actor_id(x) for x in r["bridges"]],
        })
    return rows


def broker_cuts(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of :func:`broker_rows` whose actor would cut others off by leaving, the most
    dependants first (ties by rank).

    >>> broker_cuts([{"rank": 1, "cut_off_count": 0}, {"rank": 2, "cut_off_count": 3}, {"rank": 3, "cut_off_count": 3}])
    [{'rank': 2, 'cut_off_count': 3}, {'rank': 3, 'cut_off_count': 3}]
    """
    return sorted((r for r in rows if r["cut_off_count"]), key=lambda r: (-r["cut_off_count"], r["rank"]))


#: The facets a list of brokers can be narrowed by without the graph (:func:`broker_columns`).
BROKER_FACETS = ("state", "district", "kind")


def broker_columns(found: list[dict[str, Any]]) -> dict[str, Any]:
    """What narrowing the brokers' rows needs, beside the rows and in their order (the order of
    ``found``, :func:`~graph.analyse.brokers`): per facet of :data:`BROKER_FACETS` the
    ``values`` (notations, ``none`` for a missing one; the state taken from the district when
    missing, as :func:`actor_matches` reads it) and each row's ``codes`` into them, and every
    row's ``cut_off_count``. O(rows).

    >>> columns = broker_columns([{"kind": "x", "state": None, "district": "d", "cut_off_count": 2}])
    >>> columns["state"]["values"], columns["kind"]["codes"].tolist(), columns["cut_off_count"].tolist()
    (['none'], [0], [2])
    """
    columns: dict[str, Any] = {}
    for facet in BROKER_FACETS:
        values: dict[str, int] = {}
        codes = [values.setdefault(r[facet] if r[facet] is not None else NONE, len(values)) for r in found]
        columns[facet] = {"values": list(values), "codes": np.array(codes, dtype=np.int32)}
    columns["cut_off_count"] = np.array([r["cut_off_count"] for r in found], dtype=np.int64)
    return columns


class RowSelection(Sequence):
    """Some rows of a longer sequence (a list, or packed rows read one by one), by position:
    a page reads the 50 it shows, not the thousands a filter keeps.

    >>> picked = RowSelection(["a", "b", "c"], np.array([2, 0]))
    >>> len(picked), picked[0], picked[-1], picked[:5]
    (2, 'c', 'a', ['c', 'a'])
    """

    def __init__(self, rows: Sequence[dict[str, Any]], positions: np.ndarray) -> None:
        self.rows, self.positions = rows, positions

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.rows[int(p)] for p in self.positions[i]]
        return self.rows[int(self.positions[i])]


def select_brokers(rows: Sequence[dict[str, Any]], columns: dict[str, Any],
                   selected: dict[str, tuple[str, ...]]) -> RowSelection:
    """The rows of :func:`broker_rows` (of every actor) whose actor matches ``selected``
    (facets of :data:`BROKER_FACETS`), read from ``columns`` (:func:`broker_columns`) without
    the graph: the same rows, in the same order, as ``broker_rows(G, found, selected=selected)``.
    O(rows) vector operations.

    >>> columns = broker_columns([{"kind": "x", "state": "03", "district": None, "cut_off_count": 0},
    ...                           {"kind": "y", "state": "16", "district": None, "cut_off_count": 0}])
    >>> list(select_brokers([{"rank": 1}, {"rank": 2}], columns, {"state": ("16", "15")}))
    [{'rank': 2}]
    """
    keep = np.ones(len(rows), dtype=bool)
    for facet, wanted in selected.items():
        if not wanted:
            continue
        if facet not in BROKER_FACETS:
            raise ValueError(f"brokers are narrowed by {', '.join(BROKER_FACETS)}, not by {facet}")
        values = columns[facet]["values"]
        codes = [i for i, value in enumerate(values) if value in set(wanted)]
        keep &= np.isin(columns[facet]["codes"], codes)
    return RowSelection(rows, np.flatnonzero(keep))


def selected_cuts(selection: RowSelection, columns: dict[str, Any]) -> RowSelection:
    """:func:`broker_cuts` of a :func:`select_brokers` selection, from the counts in ``columns``:
    the rows whose actor would cut others off, the most dependants first (ties by rank, which
    is the rows' order). O(rows log rows).

    >>> columns = broker_columns([{"kind": "x", "state": None, "district": None, "cut_off_count": c}
    ...                           for c in (0, 3, 5, 3)])
    >>> rows = [{"rank": r} for r in (1, 2, 3, 4)]
    >>> list(selected_cuts(select_brokers(rows, columns, {}), columns))
    [{'rank': 3}, {'rank': 2}, {'rank': 4}]
    """
    counts = columns["cut_off_count"][selection.positions]
    cutting = selection.positions[counts > 0]
    order = np.lexsort((cutting, -columns["cut_off_count"][cutting]))
    return RowSelection(selection.rows, cutting[order])


def short_label(G: nx.Graph, key: str | None, lang: str) -> str:
    """A label without its explanation in brackets ("Erfassung (Sammlung und Rücknahme)" → "Erfassung").

    >>> short_label(nx.Graph(labels={"TS-01": {"de": "Erfassung (Sammlung und Rücknahme)"}}), "TS-01", "de")
    'Erfassung'
    """
    return label(G, key, lang, "stage").split(" (", 1)[0]


def tie_label(G: nx.Graph, tie: str, lang: str) -> str:
    """The name of a tie type: a relation type's label, or the derived joint project / network."""
    if tie in DERIVED_TIES:
        return DERIVED_TIES[tie][lang]
    return label(G, tie, lang, "relation-type")


# --- communities and the periphery -------------------------------------------------------------

COMMUNITY_COLUMNS = ["community_a", "community_b", "size_a", "size_b", "links", "examples_a", "examples_b",
                     "states_a", "states_b", "stages_only_a", "stages_only_b", "reasons"]
PERIPHERY_COLUMNS = ["id", "name", "kind", "district", "state", "degree", "core", "component_size", "partners",
                     "offers", "reasons"]


def community_rows(G: nx.Graph, found: list[dict[str, Any]], groups: list[dict[str, Any]], *, lang: str = "de",
                   selected: dict[str, tuple[str, ...]] | None = None) -> list[dict[str, Any]]:
    """The pairs of communities with no tie or one (:func:`~graph.analyse.community_gaps`,
    ``found``), labelled, keeping those in which a group has an actor matching ``selected``
    (state, district, kind; facets as in :func:`actor_matches`); ``groups`` are the
    :func:`~graph.analyse.communities` rows the numbering refers to. In the order of ``found``."""
    selected = {f: v for f, v in (selected or {}).items() if v}
    members = {c["community"]: c["members"] for c in groups}

    def touches(group: str) -> bool:
        return any(actor_matches(G, v, selected) for v in members.get(group, ()))

    rows = []
    for r in found:
        if selected and not (touches(r["community_a"]) or touches(r["community_b"])):
            continue
        rows.append({
            "community_a": r["community_a"], "community_b": r["community_b"], "size_a": r["size_a"],
            "size_b": r["size_b"], "links": r["links"], "examples_a": r["examples_a"], "examples_b": r["examples_b"],
            "states_a": [state_name(G, s, lang) for s in r["states_a"]],
            "states_b": [state_name(G, s, lang) for s in r["states_b"]],
            "stages_only_a": [short_label(G, s, lang) for s in r["stages_only_a"]],
            "stages_only_b": [short_label(G, s, lang) for s in r["stages_only_b"]],
            "reasons": findings.reasons("communities", G, r, lang)})
    return rows


def periphery_rows(G: nx.Graph, found: list[dict[str, Any]], *, lang: str = "de",
                   selected: dict[str, tuple[str, ...]] | None = None) -> list[dict[str, Any]]:
    """The actors at the edge of the network (:func:`~graph.analyse.periphery`, ``found``),
    labelled, those matching ``selected`` (facets as in :func:`actor_matches`), in the order
    of ``found``; ``partners`` as names, ``offers`` the labels of their competencies and stages
    (each once), plus ``partner_ids``."""
    selected = {f: v for f, v in (selected or {}).items() if v}
    rows = []
    for r in found:
        if selected and not actor_matches(G, r["actor"], selected):
            continue
        offers = list(dict.fromkeys([*(label(G, c, lang, "competency") for c in r["competencies"]),
                                     *(short_label(G, s, lang) for s in r["stages"])]))
        rows.append({
            "id": actor_id(r["actor"]), "name": r["label"], "kind": label(G, r["kind"], lang, "kind") or None,
            "district": district_name(G, r["district"], lang) or None,
            "state": state_name(G, r["state"], lang) or None, "degree": r["degree"], "core": r["core"],
            "component_size": r["component_size"], "partners": [G.nodes[x].get("label") or x for x in r["partners"]],
            "offers": offers, "reasons": findings.reasons("periphery", G, r, lang),
            "partner_ids": [actor_id(x) for x in r["partners"]]})
    return rows


#: The facets /communities and /periphery narrow by: the state, district and kind of an actor.
PLACE_FACETS = ("state", "district", "kind")


def actor_places(G: nx.Graph, iri: str) -> tuple[str, str, str]:
    """An actor's notations of :data:`PLACE_FACETS` (``none`` for a missing one), as
    :func:`actor_matches` compares them.

    >>> G = nx.Graph(districts={"03153": {"state": "03"}}); G.add_node("a", district="03153")
    >>> actor_places(G, "a")
    ('03', '03153', 'none')
    """
    attrs = G.nodes[iri]
    values = (actor_state(G, attrs), attrs.get("district"), attrs.get("kind"))
    return tuple(NONE if v is None else v for v in values)  # type: ignore[return-value]


class PlacedRows:
    """The rows of a findings page (:func:`community_rows`, :func:`periphery_rows`) for every
    actor, packed (:class:`~graph.views.actors.PackedRecords`: a page decodes only the rows it
    shows), each with the :data:`PLACE_FACETS` notations of the actors it is about, so that a
    filter selects rows without the collaboration graph.

    ``places[i]``: the ``(state, district, kind)`` triples of row ``i``'s actors (of either
    community of a pair). :meth:`select` keeps a row when one triple has, for every chosen
    facet, one of its values: what :func:`actor_matches` does actor by actor.

    >>> rows = PlacedRows([{"id": "a"}, {"id": "b"}], [[("03", "03153", "recycler")], [("16", "none", "repairer")]])
    >>> [r["id"] for r in rows.select({"state": ("16", "03"), "kind": ("repairer",)})]
    ['b']
    >>> len(rows.select({})), list(rows.select({"district": ("none",)}))
    (2, [{'id': 'b'}])
    """

    def __init__(self, rows: Sequence[dict[str, Any]], places: Sequence[Iterable[tuple[str, str, str]]]) -> None:
        if len(rows) != len(places):
            raise ValueError("one set of places per row")
        self.rows = PackedRecords(rows)
        triples: dict[tuple[str, str, str], int] = {}
        members: list[int] = []
        self.indptr = np.zeros(len(places) + 1, dtype=np.int64)
        for i, mine in enumerate(places):
            codes = {triples.setdefault(tuple(t), len(triples)) for t in mine}  # type: ignore[arg-type]
            members.extend(sorted(codes))
            self.indptr[i + 1] = len(members)
        self.triples = list(triples)
        self.members = np.array(members, dtype=np.int32)

    def __len__(self) -> int:
        return len(self.rows)

    def select(self, selected: dict[str, Sequence[str]]) -> Sequence[dict[str, Any]]:
        """The rows about an actor matching ``selected`` (facet of :data:`PLACE_FACETS` →
        notations, any of), in their order; all rows when nothing is chosen. O(rows + triples)."""
        chosen = {f: set(v) for f, v in selected.items() if v}
        unknown = set(chosen) - set(PLACE_FACETS)
        if unknown:
            raise ValueError(f"cannot select by {sorted(unknown)}; only by {', '.join(PLACE_FACETS)}")
        if not chosen:
            return self.rows
        ok = np.array([all(t[PLACE_FACETS.index(f)] in wanted for f, wanted in chosen.items())
                       for t in self.triples], dtype=np.int64)
        hits = np.concatenate([[0], np.cumsum(ok[self.members])]) if len(self.members) else np.zeros(1, np.int64)
        kept = np.flatnonzero(hits[self.indptr[1:]] - hits[self.indptr[:-1]] > 0)
        return Picked(self.rows, kept)


class Picked(Sequence):
    """Some rows of a :class:`~graph.views.actors.PackedRecords`, by position, decoded when read.

    >>> list(Picked(PackedRecords([{"n": 1}, {"n": 2}, {"n": 3}]), np.array([0, 2])))
    [{'n': 1}, {'n': 3}]
    """

    def __init__(self, rows: PackedRecords, positions: np.ndarray) -> None:
        self.rows, self.positions = rows, positions

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.rows[int(j)] for j in self.positions[i]]
        return self.rows[int(self.positions[i])]


def community_table(G: nx.Graph, found: list[dict[str, Any]], groups: list[dict[str, Any]], *,
                    lang: str = "de") -> PlacedRows:
    """:func:`community_rows` of every pair with the places of both communities' actors:
    ``community_table(...).select(selected)`` equals ``community_rows(..., selected=selected)``.
    O(n + rows · places)."""
    members = {c["community"]: c["members"] for c in groups}
    wanted = {r[f"community_{side}"] for r in found for side in "ab"}
    places = {c: {actor_places(G, v) for v in members.get(c, ()) if v in G} for c in wanted}
    return PlacedRows(community_rows(G, found, groups, lang=lang),
                      [places[r["community_a"]] | places[r["community_b"]] for r in found])


def periphery_table(G: nx.Graph, found: list[dict[str, Any]], *, lang: str = "de") -> PlacedRows:
    """:func:`periphery_rows` of every actor at the edge with its places:
    ``periphery_table(...).select(selected)`` equals ``periphery_rows(..., selected=selected)``. O(rows)."""
    return PlacedRows(periphery_rows(G, found, lang=lang),
                      [[actor_places(G, r["actor"])] if r["actor"] in G else [] for r in found])
