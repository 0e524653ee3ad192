"""What the pages read, computed once per store version by the build (issue 15).

At 100,000 actors the collaboration graph, its layout, the partner suggestions, the actor
index with its facet values, the start page's counts and the network's default view take
minutes to compute; a viewer that computed them per process (or per request) answered its
first page after minutes. The build computes them once, right after the checks, and writes
them into the new version's folder (``<version>/harzgraph-derived/<key>.pickle``). The folder
is swapped in with the data by the same ``rename`` of ``current``, so a viewer never reads
derived values of another version, and every viewer process reads the same files.

The viewer (``webapp/state.py``) asks :func:`load` first and computes only a value the build
did not write (a store built by an older version, or a value no build precomputes), then
keeps it for that version. Both sides compute a value with the same function of this
module, so the file and a fresh computation cannot differ.

The files are pickles written by the build itself into the store folder: whoever can write
them can write the store too, so they are trusted as much as the store.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import pickle
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph import analyse, search
from graph.analyse.collection import collection_coverage
from graph.analyse.communities import community_findings
from graph.analyse.partners import partner_index
from graph.compact import CompactGraph
from graph.network import collaboration_graph, collection_points
from graph.report.briefing import briefing_context
from graph.scans import ORGANIZATION, SOURCE, FileScan, StoreScan, scan_of
from graph.views import actors as actor_views
from graph.views import collection as collection_views
from graph.views import gaps as gap_views
from graph.views import map as region_map
from graph.views import network as network_views
from graph.views import quality as quality_views
from graph.views.region import overview

log = logging.getLogger(__name__)

FOLDER = "harzgraph-derived"
#: From this many actors on, the build writes the region's briefing: below, the viewer
#: prepares it in about a second on first request, and drawing its figures would add seconds
#: to every build of the region's data (each edit applied in the browser is one).
BRIEFING_MIN_ACTORS = 2000
#: The predicates :func:`write_all` reads for every actor and relation (a :class:`FileScan`
#: keeps these; another one would be read from the store, correctly but more slowly).
SCANNED = tuple("http://purl.org/dc/terms/source http://www.w3.org/2000/01/rdf-schema#label "
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject http://www.w3.org/1999/02/22-rdf-syntax-ns#object "
                "http://www.w3.org/2003/01/geo/wgs84_pos#lat http://www.w3.org/2003/01/geo/wgs84_pos#long "
                "http://www.w3.org/2004/02/skos/core#inScheme http://www.w3.org/2004/02/skos/core#notation "
                "http://www.w3.org/2004/02/skos/core#prefLabel https://schema.org/address "
                "https://schema.org/addressLocality https://schema.org/description https://schema.org/endDate "
                "https://schema.org/funder https://schema.org/knowsAbout https://schema.org/startDate "
                "https://w3id.org/harzgraph/ns#confidence https://w3id.org/harzgraph/ns#district "
                "https://w3id.org/harzgraph/ns#geoPrecision https://w3id.org/harzgraph/ns#handlesCategory "
                "https://w3id.org/harzgraph/ns#handlesMaterial https://w3id.org/harzgraph/ns#kind "
                "https://w3id.org/harzgraph/ns#regionStatus https://w3id.org/harzgraph/ns#relationType "
                "https://w3id.org/harzgraph/ns#state https://w3id.org/harzgraph/ns#worksAtStage".split())
#: Of :data:`SCANNED`, what only the actor indexes and the search read (descriptions in two
#: languages, concept labels, places): dropped before the collaboration graph is built.
TEXTS = tuple("https://schema.org/description http://www.w3.org/2004/02/skos/core#prefLabel "
              "https://schema.org/address https://schema.org/addressLocality".split())
LANGS = ("de", "en")
#: The BKG boundaries the viewer's map draws (shipped with the viewer; data, not code).
BOUNDARIES = Path(__file__).resolve().parents[1] / "webapp" / "static" / "geo"


def path(version: Path, key: str) -> Path:
    return Path(version) / FOLDER / f"{key}.pickle"


def load(version: Path | str | None, key: str) -> tuple[bool, Any]:
    """``(True, value)`` when the build wrote ``key`` for ``version``, else ``(False, None)``."""
    if not isinstance(version, Path):  # no version folder (a SPARQL server): compute instead
        return False, None
    try:
        with path(version, key).open("rb") as handle:
            return True, pickle.load(handle)
    except FileNotFoundError:
        return False, None


def search_folder(version: Path) -> Path:
    """Where the build writes the search index of ``version`` (a folder, :mod:`graph.search`)."""
    return Path(version) / FOLDER / "actor-search"


def save(version: Path, key: str, value: Any) -> Path:
    """Write one value (to a temporary name first, so a reader never sees half a file)."""
    target = path(version, key)
    target.parent.mkdir(exist_ok=True)
    tmp = target.with_suffix(f".tmp-{os.getpid()}")
    with tmp.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, target)
    return target


# -- the values, one function each; keys are what webapp/state.py caches them under ---------

def graph(store) -> nx.Graph:
    return collaboration_graph(store)


def layout(G: nx.Graph) -> dict[str, tuple[float, float]]:
    return network_views.layout(G)


def actor_index(store, lang: str) -> actor_views.ActorIndex:
    return actor_views.actor_index(store, lang=lang)


def suggestions(G: nx.Graph, lang: str, ranked: list[dict[str, Any]] | None = None) -> gap_views.SuggestionList:
    """The partner suggestions in ``lang``; ``ranked``: :func:`graph.views.gaps.ranked_pairs`
    of ``G`` when computed already (the ranking is the same in every language). Whether they
    are the best of a sample (very large graphs) is kept with them (``sampled``)."""
    ranked = gap_views.ranked_pairs(G) if ranked is None else ranked
    return gap_views.SuggestionList(gap_views.suggestion_rows(G, ranked, lang=lang), getattr(ranked, "sampled", False))


def suggestions_by_actor(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The suggestions each actor takes part in, in rank order (for the profiles)."""
    mine: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        for side in ("iri_a", "iri_b"):
            mine.setdefault(row[side], []).append(row)
    return mine


def actor_sources(store) -> dict[str, list[str]]:
    """Actor IRI → its source URLs, sorted (the briefing cites them); ``store`` may be a scan."""
    scan = scan_of(store)
    actors = scan.instances(ORGANIZATION)
    return {a: sorted(map(str, urls)) for a, urls in scan.many(SOURCE).items() if a in actors}


def placed_points(store, features: list | None = None) -> list[dict[str, Any]]:
    """The collection points, each placed in its district's boundary (``features``: the
    district boundaries; None: the shipped ones), as /collection and the briefing count them."""
    return collection_views.locate_points(collection_points(store), collection_views.default_features()
                                          if features is None else features)


def facet_counts(G: nx.Graph) -> dict[str, list[tuple[str, int]]]:
    return network_views.facet_counts(G)


def actor_names(G: nx.Graph) -> tuple[list[tuple[str, str]], int]:
    return network_views.actor_names(G, limit=network_views.PICKER_MAX), G.number_of_nodes()


def default_view(G: nx.Graph | CompactGraph, positions: dict, store, lang: str, labels: dict,
                 columns: network_views.NetworkColumns | None = None) -> dict[str, object]:
    """The network page without filters: the view most visitors open first (``G`` packed, with
    its ``columns``, at size: a NetworkX graph is packed first)."""
    return network_views.network_view(G, positions, network_views.NetworkFilter(), store, lang=lang, labels=labels,
                                      columns=columns)


def pair_options(G: nx.Graph, rows: list[dict[str, Any]], choices: dict[str, dict[str, str]]
                 ) -> dict[str, list[tuple[str, str]]]:
    """``(notation, label)`` each filter of /gaps offers: the values of actors in some suggestion."""
    found = gap_views.pair_options(G, rows)
    options = {facet: [(v, choices[facet][v]) for v in values if v in choices[facet]]
               for facet, values in found.items()}
    for facet in ("state", "district", "kind", "material", "category", "competency"):  # stages: chain order
        if facet in options:
            options[facet].sort(key=lambda item: (item[0] == "none", item[1].casefold()))
    return options


#: The levels /chains shows (graph.analyse.value_chain_matrix computes them in one pass).
CHAIN_LEVELS = ("region", "state", "district")


def write_chains(version: Path, G: nx.Graph, cells: list[dict[str, Any]], coverage: list[dict[str, Any]],
                 lang: str, choices: dict[str, dict[str, str]]) -> list[str]:
    """Write the /chains rows and gaps of every area in ``lang`` (keys ``chains-{lang}-{level}-{area}``
    and ``chain-gaps-…``, as webapp/gaps.py reads them): the region, every state and district
    the analysis has, and every state and district a visitor can choose (``choices``; one
    without actors has no rows, as :func:`graph.views.gaps.chain_rows` gives it). The keys written."""
    rows = gap_views.chain_rows_by_area(G, cells, lang=lang)
    gaps = gap_views.chain_gaps_by_area(G, coverage, lang=lang)
    areas = set(rows) | {(level, area) for level in ("state", "district") for area in choices.get(level, ())
                         if area != actor_views.NONE}
    written = []
    for level, area in sorted(areas, key=lambda a: (a[0], a[1] or "")):
        save(version, f"chains-{lang}-{level}-{area}", rows.get((level, area), []))
        save(version, f"chain-gaps-{lang}-{level}-{area}", gaps.get((level, area), {}))
        written.append(f"chains-{lang}-{level}-{area}")
    return written


class _Results(list):
    """Solutions kept in a list, with the ``variables`` of the query that gave them."""

    variables: list = []


class _SameQueryOnce:
    """A store whose ``query(text)`` answers the same text only once (the German and the
    English values read the same language-free queries over every actor)."""

    def __init__(self, store):
        self.store = store
        self.seen: dict[str, _Results] = {}

    def query(self, text: str, **options):
        if options:
            return self.store.query(text, **options)
        if text not in self.seen:
            results = self.store.query(text)
            kept = _Results(results)
            kept.variables = list(results.variables)
            self.seen[text] = kept
        return self.seen[text]

    def __getattr__(self, name: str):
        return getattr(self.store, name)


def write_all(store, version: Path, *, langs: Iterable[str] = LANGS, boundaries: Path = BOUNDARIES,
              progress: Callable[[str, float], None] | None = None,
              sources: Iterable[Path | Iterable] | None = None, briefing: bool | None = None) -> dict[str, float]:
    """Compute every value the pages read and write it into ``version``; seconds per key.

    ``boundaries``: the folder with the district and state GeoJSON the map draws (the maps
    are skipped when it does not exist). ``sources``: the N-Triples files and quads the build
    loaded into ``store`` (its whole content), read instead of the store where that is faster
    (:class:`graph.scans.FileScan`). ``briefing``: whether to write the region's briefing
    (None: from :data:`BRIEFING_MIN_ACTORS` actors on)."""
    seconds: dict[str, float] = {}
    # One scan per predicate, shared by the graph, the actor index, the search index and the
    # overview (graph/scans.py); on the store itself, so that no query cache keeps its rows.
    scan = StoreScan(store) if sources is None else FileScan(store, sources, {*SCANNED, *quality_views.SCANNED})
    store = _SameQueryOnce(store)

    def timed(key: str, compute: Callable[[], Any], keep: Callable[[Any], None] | None = None) -> Any:
        start = time.perf_counter()
        value = compute()
        if keep is not None:
            keep(value)
        seconds[key] = time.perf_counter() - start
        log.debug("derived %s in %.2f s", key, seconds[key])
        if progress:
            progress(key, seconds[key])
        return value

    def put(key: str, compute: Callable[[], Any]) -> Any:
        return timed(key, compute, lambda value: save(version, key, value))

    features = ((region_map.read_features(boundaries / "districts.geojson"),
                 region_map.read_features(boundaries / "states.geojson")) if boundaries.is_dir() else None)
    langs = tuple(langs)
    # /quality: the checks of every record on any day (a day's counts are then a pass over arrays).
    # First: the tables it reads back are the step's largest passing structure (at 100,000
    # actors the peak rose by 0.9 GB when it ran beside the graph and the indexes).
    put("quality-facts", lambda: quality_views.prepare(quality_views.read_tables(store, scan)))
    if read_by_quality_alone := set(quality_views.SCANNED) - set(SCANNED):
        scan.forget(read_by_quality_alone)  # (no predicates given would forget every scan)
    # Memory (at 100,000 actors the step's peak passed 2 GB twice): the search index is
    # written before the graph exists, then dropped (the viewer opens the folder); the texts
    # only the indexes read are dropped before the graph is built; the scans right after it.
    indexes = timed("actor-indexes", lambda: actor_views.actor_indexes(scan, langs=langs))
    if indexes:  # one search index for every language (graph/search.py), a file opened in milliseconds
        timed("actor-search", lambda: search.write_file(next(iter(indexes.values())).search,
                                                        search_folder(version)))
        # (webapp.state.actor_search reads the folder; the indexes' pickles no longer carry it twice)
        indexes = {lang: dataclasses.replace(index, search=None) for lang, index in indexes.items()}
    overviews = {lang: timed(f"overview-{lang}-counts", lambda lang=lang: overview(store, lang=lang, scan=scan))
                 for lang in langs}
    cited = put("actor-sources", lambda: actor_sources(scan))  # the briefing cites each actor's sources
    # Everything that reads the actors' records, written now: then only their labels, choices
    # and facet columns are kept beside the graph.
    labels, choices, index = {}, {}, None
    for lang in langs:
        index = put(f"actor-index-{lang}", lambda lang=lang: indexes[lang])
        labels[lang] = put(f"concept-labels-{lang}", lambda index=index: index.labels)
        choices[lang] = put(f"facet-choices-{lang}", lambda index=index: index.choices)
        # What /actors reads per request, loaded in a fraction of the full index's time.
        put(f"actor-list-{lang}", lambda index=index: actor_views.packed_index(index))
        put(f"overview-{lang}", lambda lang=lang: overviews[lang])
        if features:  # the measures share the placed actors and sites: computed once per language
            maps = timed(f"maps-{lang}", lambda lang=lang, index=index: region_map.region_maps(
                store, *features, lang=lang, records=index.records))
            for measure in region_map.MEASURES:
                put(f"map-{lang}-{measure}", lambda measure=measure, maps=maps: maps[measure])
    facets = indexes[langs[0]].facets if langs else None
    indexes = index = overviews = None  # (their memory, for the graph)
    scan.forget(TEXTS)
    G = put("collaboration-graph", lambda: collaboration_graph(scan))
    scan.forget()  # its memory is better spent on what follows
    compact = put("collaboration-compact", lambda: CompactGraph.from_graph(G))
    # What a filtered /network reads of every actor and tie (graph/views/network.py); the
    # actors' facet columns are the actor list's.
    columns = put("network-columns", lambda: network_views.network_columns(G, like=facets))
    positions = put("network-layout", lambda: layout(G))
    put("network-facets", lambda: facet_counts(G))
    put("network-names", lambda: actor_names(G))
    put("network-rank", lambda: network_views.degree_rank(G))
    put("network-years", lambda: network_views.year_span(G))
    put("network-facet-depths", lambda: network_views.facet_depths(G))
    # The gap pages without filters (webapp/gaps.py reads them under the same keys).
    put("collaboration-meta", lambda: network_views.graph_meta(G))
    # The ranking's arrays, for the filtered rankings a page asks for (graph/analyse/partners.py);
    # before the brokers, whose rows would be held beside the ranking's passing arrays.
    partners = put("partner-index", lambda: partner_index(G))
    ranked = timed("partner-ranking", lambda: gap_views.ranked_pairs(  # one ranking, labelled per language
        partners, graph_of=lambda actors: G))
    partners = None  # its memory, for what follows
    found_brokers = put("brokers", lambda: analyse.brokers(G))
    put("broker-columns", lambda: gap_views.broker_columns(found_brokers))  # /brokers?kind=… without the graph
    measures = put("network-measures", lambda: network_views.node_measures(
        G, central={row["actor"]: row["betweenness"] for row in found_brokers}))
    # The same places and measures as arrays, for the filtered views (graph/views/network.py).
    put("network-node-values", lambda: network_views.node_values(compact.nodes, positions, measures))
    measures = None
    put("project-names", lambda: network_views.project_names(store))
    # /communities, /periphery and /chains: each analysis once over the whole graph, language-free;
    # every language's rows for every actor and area below (a filter then only selects rows).
    groups, community_gaps = put("community-findings", lambda: community_findings(G))  # the briefing reads it too
    edge = timed("periphery", lambda: analyse.periphery(G))
    chain_cells = timed("chain-cells", lambda: analyse.value_chain_matrix(G, levels=CHAIN_LEVELS))
    chain_coverage = timed("chain-coverage", lambda: analyse.value_chain_coverage(G, levels=CHAIN_LEVELS))
    view = None
    for lang in langs:
        rows = put(f"suggestions-{lang}", lambda lang=lang: suggestions(G, lang, ranked))
        put(f"suggestions-by-actor-{lang}", lambda rows=rows: suggestions_by_actor(rows))
        put(f"pair-options-{lang}", lambda rows=rows, lang=lang: pair_options(G, rows, choices[lang]))
        view = put(f"network-default-{lang}", lambda lang=lang: default_view(
            compact, positions, store, lang, labels[lang], columns))
        put(f"borders-{lang}", lambda lang=lang: gap_views.border_rows(G, lang=lang))
        timed(f"chains-{lang}", lambda lang=lang: write_chains(
            version, G, chain_cells, chain_coverage, lang, choices[lang]))
        put(f"community-table-{lang}", lambda lang=lang: gap_views.community_table(G, community_gaps, groups,
                                                                                    lang=lang))
        put(f"periphery-table-{lang}", lambda lang=lang: gap_views.periphery_table(G, edge, lang=lang))
        # Packed (100,000 rows of dicts take seconds to unpickle): a page decodes its 50 rows.
        broker_rows = put(f"broker-rows-{lang}", lambda lang=lang: actor_views.PackedRecords(
            gap_views.broker_rows(G, found_brokers, lang=lang)))
        put(f"broker-cuts-{lang}", lambda rows=broker_rows: actor_views.PackedRecords(gap_views.broker_cuts(rows)))
    if features:  # /collection: the store's part of its model, and the coverage (which needs G)
        points = put("collection-points", lambda: placed_points(store, features[0]))
        inputs = put("collection-inputs", lambda: collection_views.collection_inputs(store, points=points))
        put("collection-coverage", lambda: collection_coverage(G, points))
    if view is not None:  # the default view's facet counts: the same actors and ties in every language
        put("network-default-counts", lambda: network_views.shown_counts(G, view["nodes"], view["edges"]))
    # The region's briefing (/report, its twins and figures), from the analyses above.
    if briefing if briefing is not None else G.number_of_nodes() >= BRIEFING_MIN_ACTORS:
        found = {"brokers": found_brokers, "partners": ranked, "actor_sources": cited,
                 "communities": groups, "community_gaps": community_gaps}
        if features:  # the same points and collection model the build has read for /collection
            found.update(points=points, collection_inputs=inputs)
        for lang in langs:
            put(f"report-context-{lang}", lambda lang=lang: briefing_context(store, lang=lang, G=G, found=found))
    return seconds
