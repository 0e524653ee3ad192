"""Filtered actor lists with facet counts, and one actor's profile, as plain rows.

The list is filtered in Python over one small read of the store (one row per actor plus its
facet values): facet counts need every actor's values anyway, and no value a user types ever
reaches a query. The profile runs a handful of named queries with the actor's IRI bound.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pyoxigraph

from graph.concepts import HIERARCHICAL_FACETS, Hierarchy, read_hierarchy
from graph.errors import NotFound
from graph.namespaces import ID, actor_iri
from graph.scans import (
    HGNS,
    ORGANIZATION,
    RDF,
    RDFS,
    RELATIONSHIP,
    SCHEMA,
    SOURCE,
    WGS_LAT,
    WGS_LONG,
    actor_facets,
    listed_actors,
    scan_of,
)
from graph.search import PackedSearch, SearchIndex, actor_documents, build_index
from graph.sparql.catalog import run_named
from graph.tables import Table
from graph.words.ui import EVIDENCE  # evidence levels, strong to weak, with their names

ACTOR_BASE = ID + "actor/"
PROJECT_BASE = ID + "project/"
SITE_BASE = ID + "site/"

#: The facets an actor list can be filtered by, in the order a page shows them.
FACETS = ("kind", "state", "district", "stage", "material", "category", "competency", "confidence")
#: The concept scheme whose labels name a facet's values.
FACET_SCHEMES = {"kind": "kind", "state": "state", "district": "district", "stage": "stage",
                 "material": "material", "category": "weee-category", "competency": "competency"}
#: Value standing for "not stated" in the facets that may be empty.
NONE = "none"
OPTIONAL_FACETS = ("state", "district")
#: Sort keys of an actor list (ascending; ``ActorFilter.descending`` reverses).
SORTS = ("name", "kind", "district", "confidence", "relations", "relevance")
LIST_COLUMNS = ["id", "name", "kind", "kind_label", "city", "district", "district_label", "state",
                "state_label", "confidence", "relations", "sources", "stages", "materials", "categories",
                "competencies"]
FACT_COLUMNS = ["fact", "value", "label", "confidence", "sources"]


@dataclass(frozen=True)
class ActorFilter:
    """What an actor list shows: facet values (any of, per facet; all facets must match),
    a name search, and the sort.

    >>> ActorFilter({"kind": ("recycler",)}).is_empty()
    False
    """

    selected: dict[str, tuple[str, ...]] = field(default_factory=dict)
    q: str = ""
    sort: str = "name"
    descending: bool = False

    def is_empty(self) -> bool:
        return not self.q and not any(self.selected.values())


@dataclass(frozen=True)
class ActorIndex:
    """What every actor list is computed from: one record per actor, the concept labels and
    the values each facet accepts, in one language. It depends only on the store's content,
    so a caller may keep it as long as the store does not change."""

    records: list[dict[str, object]]
    labels: dict[tuple[str, str], dict[str, object]]
    choices: dict[str, dict[str, str]]
    hierarchy: Hierarchy = field(default_factory=Hierarchy)
    search: SearchIndex | PackedSearch | None = None
    #: :func:`facet_index` of ``records`` (built on first use when None).
    facets: FacetIndex | None = None


@dataclass(frozen=True)
class FacetIndex:
    """The records as boolean columns, so that a list of 100,000 actors is filtered and
    counted with a few vector operations per request instead of a Python loop per actor.

    ``masks[facet][value][i]``: record ``i`` has ``value`` in ``facet`` (as :func:`_values`
    reads it); ``orders[(sort, descending)]``: the record indices in that order (the same
    two stable sorts as a list of records); ``names``/``cities``: folded, for the search."""

    masks: dict[str, dict[str, np.ndarray]]
    orders: dict[tuple[str, bool], np.ndarray]
    names: list[str]
    cities: list[str]
    ids: list[str]


def facet_index(records: list[dict[str, object]], hierarchy: Hierarchy | None = None, *,
                like: FacetIndex | None = None) -> FacetIndex:
    """Build the :class:`FacetIndex` of ``records`` (once per store version).

    A record counts for each of its concepts *and every broader one* (graph.concepts), so the
    column of a concept marks the actors holding it or a narrower concept: one matching rule
    for filters and counts. ``like``: the index of the same actors in another language, when
    built already: its columns (notations), folded names, cities and ids are shared; only the
    sort orders (by labels) are computed."""
    hierarchy = hierarchy or Hierarchy()
    n = len(records)
    folding = functools.lru_cache(maxsize=None)(fold)  # kinds and districts repeat: fold each once
    folded = like.names if like is not None else [fold(r["name"]) for r in records]
    by_name = sorted(range(n), key=lambda i: (folded[i], records[i]["id"]))
    orders = {}
    for sort in SORTS:
        if sort == "relevance":  # depends on the search, ranked per request
            continue
        key = _sort_key(sort, folding=folding)
        keys = folded if sort == "name" else [key(r) for r in records]
        for descending in (False, True):
            orders[(sort, descending)] = np.array(sorted(by_name, key=keys.__getitem__, reverse=descending),
                                                  dtype=np.int64)
    if like is not None:
        return FacetIndex(like.masks, orders, like.names, like.cities, like.ids)
    cities = [fold(r["city"]) for r in records]
    masks: dict[str, dict[str, np.ndarray]] = {facet: {} for facet in FACETS}
    for i, record in enumerate(records):
        for facet in FACETS:
            scheme = HIERARCHICAL_FACETS.get(facet)
            values = _values(record, facet)
            for value in hierarchy.with_broader(scheme, values) if scheme else values:
                column = masks[facet].get(value)
                if column is None:
                    column = masks[facet][value] = np.zeros(n, dtype=bool)
                column[i] = True
    return FacetIndex(masks, orders, folded, cities, [str(r["id"]) for r in records])


class PackedRecords(Sequence):
    """Actor records as one block of JSON lines and their offsets: a list of 100,000 dicts
    takes seconds to unpickle, this takes milliseconds; a record is decoded when it is read
    (a page reads 100).

    >>> packed = PackedRecords([{"id": "a", "stage": ["TS-01"]}, {"id": "b", "lat": None}])
    >>> len(packed), packed[1], [r["id"] for r in packed]
    (2, {'id': 'b', 'lat': None}, ['a', 'b'])
    """

    def __init__(self, records: Sequence[dict[str, object]]) -> None:
        lines = [json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") for record in records]
        self.offsets = np.zeros(len(lines) + 1, dtype=np.int64)
        np.cumsum([len(line) for line in lines], out=self.offsets[1:])
        self.blob = b"".join(lines)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = int(i)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return json.loads(self.blob[self.offsets[i]:self.offsets[i + 1]])


def packed_index(index: ActorIndex) -> ActorIndex:
    """``index`` as the actor list reads it on every request: the records packed
    (:class:`PackedRecords`), the facet columns built, and without the full-text search
    index, which a list needs only for a search (``q``) and is kept apart."""
    facets = index.facets or facet_index(index.records, index.hierarchy)
    return replace(index, records=PackedRecords(index.records), search=None, facets=facets)


@dataclass
class ActorList:
    """The actors a filter keeps (``table``: all of them, or the page asked for), the counts
    per facet value, the total, and how many the filter keeps (``matched``)."""

    table: Table
    facets: dict[str, list[dict[str, object]]]
    total: int
    matched: int = 0


def concept_labels(store: pyoxigraph.Store, *, lang: str) -> dict[tuple[str, str], dict[str, object]]:
    """Every concept by ``(scheme, notation)``: label in ``lang``, position, broader, top, CRM flags."""
    return {(row["scheme"], row["notation"]): row for row in run_named(store, "actor_labels", lang=lang).rows}


def facet_choices(store: pyoxigraph.Store, *, lang: str, labels: dict | None = None) -> dict[str, dict[str, str]]:
    """The values each facet accepts, notation → label (``none`` for the optional facets)."""
    labels = labels if labels is not None else concept_labels(store, lang=lang)
    choices: dict[str, dict[str, str]] = {facet: {} for facet in FACETS}
    for (scheme, notation), row in sorted(labels.items()):
        for facet, facet_scheme in FACET_SCHEMES.items():
            if scheme == facet_scheme:
                choices[facet][notation] = str(row["label"])
    choices["confidence"] = {level: names[lang] for level, names in EVIDENCE.items()}
    for facet in OPTIONAL_FACETS:
        choices[facet][NONE] = NONE
    return choices


def actor_records(store: pyoxigraph.Store, *, lang: str, labels: dict | None = None) -> list[dict[str, object]]:
    """One dict per actor with its facts, facet values (lists of notations) and labels.

    Read by single-pattern scans (:mod:`graph.scans`): joined in SPARQL over every actor
    (``actor_list``, ``actor_counts``, ``actor_facets``) they took minutes at 100,000
    actors. ``store`` may be a :class:`~graph.scans.StoreScan` shared with other readers."""
    scan = scan_of(store)
    labels = labels if labels is not None else concept_labels(scan.store, lang=lang)
    return labelled_records(actor_facts(scan), labels)


def actor_facts(store) -> list[dict[str, object]]:
    """The language-free part of :func:`actor_records`: one dict per actor (sorted by IRI)
    with ``iri, name, city, confidence, lat, lon, precision, relations, sources, kind,
    district, state`` and the sets of notations ``stage, material, category, competency``.

    ``relations``: the relation rows naming the actor (as subject or object); ``sources``:
    the source URLs of its own row — as the ``actor_counts`` query counts them."""
    scan = scan_of(store)
    actors = scan.instances(ORGANIZATION)
    relations: dict[object, int] = defaultdict(int)
    subjects, objects = scan.one(RDF + "subject"), scan.one(RDF + "object")  # one each (the shapes)
    for relation in scan.instances(RELATIONSHIP):
        ends = {subjects.get(relation), objects.get(relation)}  # a relation of an actor with itself counts once
        for actor in ends & actors:
            relations[actor] += 1
    sources = scan.many(SOURCE)
    names, kinds, confidence = scan.one(RDFS + "label"), scan.one(HGNS + "kind"), scan.one(HGNS + "confidence")
    districts, states = scan.one(HGNS + "district"), scan.one(HGNS + "state")
    precision = scan.one(HGNS + "geoPrecision")
    addresses, localities = scan.one(SCHEMA + "address"), scan.one(SCHEMA + "addressLocality")
    lats, lons = scan.one(WGS_LAT), scan.one(WGS_LONG)
    held = actor_facets(scan)
    facts = []
    for iri in listed_actors(scan):
        located = iri in lats and iri in lons
        address = addresses.get(iri)
        values = held.get(iri, {})
        facts.append({
            "iri": iri, "name": names[iri], "city": localities.get(address) if address is not None else None,
            "confidence": confidence[iri], "lat": lats[iri] if located else None,
            "lon": lons[iri] if located else None, "precision": scan.notation(precision.get(iri)),
            "relations": relations.get(iri, 0), "sources": len(sources.get(iri, ())),
            "kind": scan.notation(kinds[iri]), "district": scan.notation(districts.get(iri)),
            "state": scan.notation(states.get(iri)),
            **{facet: values.get(facet, _NOTHING) for facet in ("stage", "material", "category", "competency")}})
    return facts


_NOTHING: frozenset[str] = frozenset()


def labelled_records(facts: list[dict[str, object]], labels: dict) -> list[dict[str, object]]:
    """The records of :func:`actor_records` from :func:`actor_facts` and the concept labels
    of one language (:func:`concept_labels`)."""
    orders: dict[tuple[str, str], tuple] = {}

    def order(scheme: str, value: str) -> tuple:
        if (scheme, value) not in orders:
            orders[scheme, value] = _order(labels, scheme, value)
        return orders[scheme, value]

    records = []
    for fact in facts:
        iri = str(fact["iri"])
        record = {
            "id": actor_id(iri), "iri": iri, "name": fact["name"], "city": fact["city"],
            "confidence": fact["confidence"], "lat": fact["lat"], "lon": fact["lon"],
            "precision": fact["precision"],
            "precision_label": label_of(labels, "geo-precision", fact["precision"]) if fact["precision"] else None,
            "relations": fact["relations"], "sources": fact["sources"],
        }
        for facet in ("kind", "district", "state"):
            record[facet] = fact[facet]
            record[f"{facet}_label"] = label_of(labels, FACET_SCHEMES[facet], fact[facet])
        for facet in ("stage", "material", "category", "competency"):
            record[facet] = sorted(fact[facet], key=lambda v, s=FACET_SCHEMES[facet]: order(s, v))
        records.append(record)
    return records


def actor_index(store: pyoxigraph.Store, *, lang: str = "de") -> ActorIndex:
    """Read what :func:`list_actors` needs from the store once (a few small queries) and build
    the full-text search index (:mod:`graph.search`)."""
    return actor_indexes(store, langs=(lang,))[lang]


def actor_indexes(store: pyoxigraph.Store, *, langs: tuple[str, ...] = ("de", "en")) -> dict[str, ActorIndex]:
    """:func:`actor_index` in each of ``langs``, reading the store and building the search
    index and the facet columns once: only the labels and the sort orders differ by language.
    ``store`` may be a :class:`~graph.scans.StoreScan` shared with other readers."""
    scan = scan_of(store)
    hierarchy = read_hierarchy(scan.store)
    facts = actor_facts(scan)
    search = build_index(actor_documents(scan, hierarchy))
    indexes: dict[str, ActorIndex] = {}
    like = None
    for lang in langs:
        labels = concept_labels(scan.store, lang=lang)
        records = labelled_records(facts, labels)
        facets = like = facet_index(records, hierarchy, like=like)  # the same notations in every language
        indexes[lang] = ActorIndex(records, labels, facet_choices(scan.store, lang=lang, labels=labels), hierarchy,
                                   search, facets)
    return indexes


def list_actors(store: pyoxigraph.Store, criteria: ActorFilter, *, lang: str = "de",
                index: ActorIndex | None = None, offset: int = 0, limit: int | None = None) -> ActorList:
    """The actors matching ``criteria``, sorted, with the count of every facet value.

    A facet value's count is the number of actors it would show when added to the other
    facets' current choices (the usual faceted-search rule), so a count never promises
    actors that the page would then not show. A concept matches itself and its narrower
    concepts (:mod:`graph.concepts`), in the list and in the counts; the facet rows of a
    concept scheme come in tree order with their ``depth``.

    Parameters
    ----------
    store : an open store.
    criteria : facets, search and sort.
    lang : "de" or "en", for labels.
    index : :func:`actor_index` of the same store and language, when the caller keeps one;
        read from the store when None.
    offset, limit : the page of the sorted list to return (all rows when ``limit`` is None).

    Returns
    -------
    ActorList
        ``table`` has the columns :data:`LIST_COLUMNS` (many-valued facets joined with "; "),
        the rows from ``offset`` on, at most ``limit``; ``facets`` maps each facet of
        :data:`FACETS` to rows ``{"value", "label", "count", "selected"}``; ``total`` is the
        number of actors in the graph, ``matched`` the number the criteria keep.
    """
    index = index or actor_index(store, lang=lang)
    labels, records, choices, hierarchy = index.labels, index.records, index.choices, index.hierarchy
    fi = index.facets or facet_index(records, hierarchy)
    n = len(records)
    found = _search(index, criteria.q)  # ranked full-text search (graph.search), None without q
    if found is None:
        searched = np.ones(n, dtype=bool)
    else:
        searched = np.zeros(n, dtype=bool)
        searched[found] = True
    chosen = {}
    for facet, wanted in criteria.selected.items():
        if wanted:
            column = np.zeros(n, dtype=bool)
            for value in wanted:
                if value in fi.masks.get(facet, {}):
                    column |= fi.masks[facet][value]
            chosen[facet] = column
    facets = {}
    for facet in FACETS:
        pool = searched.copy()
        for other, column in chosen.items():
            if other != facet:
                pool &= column
        counts = {value: int(np.count_nonzero(column & pool)) for value, column in fi.masks[facet].items()}
        order = {v: _order(labels, FACET_SCHEMES.get(facet, ""), v) for v in choices[facet]}
        facets[facet] = _facet_counts(facet, {v: c for v, c in counts.items() if c}, choices[facet],
                                      criteria.selected.get(facet, ()), order, hierarchy)
    kept = searched.copy()
    for column in chosen.values():
        kept &= column
    if criteria.sort == "relevance":
        # ``found`` is in rank order and every rank differs: the kept ones in that order.
        ranked = found[kept[found]] if found is not None else np.flatnonzero(kept)
        if criteria.descending:
            ranked = ranked[::-1]
    else:
        ranked = fi.orders[(criteria.sort, criteria.descending)] \
            if (criteria.sort, criteria.descending) in fi.orders else _order_of(records, criteria)
        ranked = ranked[kept[ranked]]
    page = ranked[offset: None if limit is None else offset + limit]
    rows = [_list_row(records[i]) for i in page]
    return ActorList(Table(list(LIST_COLUMNS), rows), facets, len(records), matched=len(ranked))


def _order_of(records: list[dict[str, object]], criteria: ActorFilter) -> np.ndarray:
    """Record indices sorted by ``criteria``: by name first, then (stable) by the sort key."""
    by_name = sorted(range(len(records)), key=lambda i: (fold(records[i]["name"]), records[i]["id"]))
    key = _sort_key(criteria.sort)
    return np.array(sorted(by_name, key=lambda i: key(records[i]), reverse=criteria.descending), dtype=np.int64)


def actor_id(iri: str) -> str:
    """The slug of an actor IRI (``…/id/actor/tu-clausthal`` → ``tu-clausthal``)."""
    return iri.removeprefix(ACTOR_BASE)


def actor_profile(store: pyoxigraph.Store, slug: str, *, lang: str = "de",
                  labels: dict | None = None) -> dict[str, object]:
    """Everything the graph says about one actor, each fact with its sources.

    Parameters
    ----------
    store : an open store.
    slug : the actor's id (the last part of its IRI).
    lang : "de" or "en", for labels and the description.
    labels : :func:`concept_labels` in ``lang``, when the caller keeps them.

    Returns
    -------
    dict
        ``id, iri, name, confidence, checked, note, description, facts`` (rows of
        :data:`FACT_COLUMNS`, one per fact value), ``sources`` (URLs supporting the actor's
        row), ``relations`` (actor–actor relations, each with ``direction`` "out"/"in",
        ``type``, ``other``, ``role``, ``start``, ``end``, ``confidence``, ``sources``),
        ``projects`` (with the actor's ``roles`` and the relation rows behind them), ``sites``
        (collection points it operates), ``chain`` (the ordered top-level treatment stages,
        ``active`` where the actor works) and ``place`` (district, state, coordinates).

    Raises
    ------
    NotFound
        When no actor has this id.
    """
    iri = actor_iri(slug)
    found = run_named(store, "actor_profile", actor=iri).rows
    if not found:
        raise NotFound(f"no actor with id '{slug}'")
    row = found[0]
    labels = labels if labels is not None else concept_labels(store, lang=lang)
    sources = [r["source"] for r in run_named(store, "actor_sources", actor=iri).rows]
    values: dict[str, list[str]] = defaultdict(list)
    for r in sorted(run_named(store, "actor_facets", actor=iri).rows, key=lambda r: (r["facet"], r["value"])):
        values[r["facet"]].append(r["value"])
    other_lang = "en" if lang == "de" else "de"
    description = row[f"description_{lang}"] or row[f"description_{other_lang}"]
    profile = {
        "id": slug, "iri": iri, "name": row["name"], "confidence": row["confidence"],
        "confidence_label": EVIDENCE[row["confidence"]][lang], "checked": row["checked"], "note": row["note"],
        "description": description,
        "description_lang": lang if row[f"description_{lang}"] else (other_lang if description else None),
        "kind": row["kind"], "kind_label": label_of(labels, "kind", row["kind"]),
        "sources": sources,
        "place": {
            "city": row["city"], "postcode": row["postcode"], "district": row["district"],
            "district_label": label_of(labels, "district", row["district"]),
            "region_status": row["region_status"],
            "region_status_label": label_of(labels, "region-status", row["region_status"]),
            "state": row["state"], "state_label": label_of(labels, "state", row["state"]),
            "lat": row["lat"], "lon": row["lon"], "precision": row["precision"],
            "precision_label": label_of(labels, "geo-precision", row["precision"]) if row["precision"] else None,
        },
        "facets": {facet: [_concept(labels, FACET_SCHEMES[facet], v)
                           for v in sorted(values[facet], key=lambda v, f=facet: _order(labels, FACET_SCHEMES[f], v))]
                   for facet in ("stage", "material", "category", "competency")},
    }
    profile["facts"] = _facts(row, profile, sources, lang)
    relations, project_links = _relations(store, iri, labels)
    profile["relations"] = relations
    profile["projects"] = _projects(store, iri, lang, labels, project_links)
    # "Belegte Beziehungen" means relation rows naming the actor, to actors or to projects:
    # the same number as the list's column.
    profile["relations_total"] = len(relations) + sum(len(p["relations"]) for p in profile["projects"])
    profile["sites"] = _sites(store, iri, labels)
    profile["chain"] = _chain(labels, values["stage"])
    return profile


def _facts(row: dict, profile: dict, sources: list[str], lang: str) -> list[dict[str, object]]:
    """The actor row's facts, one row per value; all rest on the row's sources and evidence level."""
    place = profile["place"]
    facts: list[tuple[str, object, object]] = [
        ("name", row["name"], None),
        ("kind", row["kind"], profile["kind_label"]),
        ("city", place["city"], None),
        ("postcode", place["postcode"], None),
        ("district", place["district"], place["district_label"]),
        ("state", place["state"], place["state_label"]),
        ("coordinates", f"{place['lat']}, {place['lon']}" if place["lat"] is not None else None,
         place["precision_label"]),
        ("website", row["website"], None),
        ("description", profile["description"], None),
        ("capacity", row["capacity"], None),
    ]
    for facet in ("stage", "material", "category", "competency"):
        facts += [(facet, c["value"], c["label"]) for c in profile["facets"][facet]]
    facts.append(("checked", row["checked"], None))
    joined = " ".join(sources)
    return [{"fact": fact, "value": value, "label": label, "confidence": row["confidence"], "sources": joined}
            for fact, value, label in facts if value not in (None, "")]


def _relations(store: pyoxigraph.Store, iri: str, labels: dict) -> tuple[list[dict], dict[str, list[dict]]]:
    """Actor–actor relations (grouped by relation row), and the rows linking to projects."""
    grouped: dict[str, dict] = {}
    for r in run_named(store, "actor_relations", actor=iri).rows:
        rel = grouped.setdefault(r["relation"], {
            "relation": r["relation"], "direction": r["direction"], "type": r["type"],
            "type_label": label_of(labels, "relation-type", r["type"]),
            "other": {"iri": r["other"], "name": r["other_name"], "is_actor": bool(r["other_is_actor"]),
                      "id": actor_id(r["other"]) if r["other_is_actor"] else r["other"].removeprefix(PROJECT_BASE)},
            "role": r["role"], "start": r["start"], "end": r["end"], "confidence": r["confidence"], "sources": []})
        if r["source"] not in rel["sources"]:
            rel["sources"].append(r["source"])
    relations, to_projects = [], defaultdict(list)
    for rel in grouped.values():
        if rel["other"]["is_actor"]:
            relations.append(rel)
        else:
            to_projects[rel["other"]["iri"]].append(rel)
    relations.sort(key=lambda r: (r["direction"] != "out", str(r["type_label"]).casefold(),
                                  fold(r["other"]["name"]), r["relation"]))
    return relations, to_projects


def _projects(store: pyoxigraph.Store, iri: str, lang: str, labels: dict,
              links: dict[str, list[dict]]) -> list[dict[str, object]]:
    other_lang = "en" if lang == "de" else "de"
    projects: dict[str, dict] = {}
    for r in run_named(store, "actor_projects", actor=iri).rows:
        project = projects.setdefault(r["project"], {
            "iri": r["project"], "id": r["project"].removeprefix(PROJECT_BASE), "name": r["name"],
            "programme": r["programme"], "start": r["start"], "end": r["end"],
            "summary": r[f"summary_{lang}"] or r[f"summary_{other_lang}"],
            "summary_lang": lang if r[f"summary_{lang}"] else other_lang, "confidence": r["confidence"],
            "roles": [], "sources": [], "relations": links.get(r["project"], [])})
        role = {"value": r["role"], "label": label_of(labels, "relation-type", r["role"])}
        if role not in project["roles"]:
            project["roles"].append(role)
        if r["source"] not in project["sources"]:
            project["sources"].append(r["source"])
    return sorted(projects.values(), key=lambda p: (str(p["start"] or p["end"] or "9999"), fold(p["name"])))


def _sites(store: pyoxigraph.Store, iri: str, labels: dict) -> list[dict[str, object]]:
    sites: dict[str, dict] = {}
    for r in run_named(store, "actor_sites", actor=iri).rows:
        site = sites.setdefault(r["site"], {
            "iri": r["site"], "id": r["site"].removeprefix(SITE_BASE), "name": r["name"], "street": r["street"],
            "postcode": r["postcode"], "city": r["city"], "district": r["district"],
            "district_label": label_of(labels, "district", r["district"]), "lat": r["lat"], "lon": r["lon"],
            "confidence": r["confidence"], "accepts": [], "sources": []})
        if r["group"]:
            group = _concept(labels, "collection-group", r["group"])
            if group not in site["accepts"]:
                site["accepts"].append(group)
        if r["source"] not in site["sources"]:
            site["sources"].append(r["source"])
    for site in sites.values():
        site["accepts"].sort(key=lambda c: c["value"])
    return sorted(sites.values(), key=lambda s: (fold(s["name"]), s["iri"]))


def _chain(labels: dict, stages: list[str]) -> list[dict[str, object]]:
    """The top-level stages in material-flow order; ``active`` where the actor works at the
    stage or one of its sub-stages (named in ``via``)."""
    top = sorted(((row["position"], notation, row["label"]) for (scheme, notation), row in labels.items()
                  if scheme == "stage" and row["top"] and row["position"] is not None))
    chain = []
    for position, notation, label in top:
        via = [str(labels[("stage", s)]["label"]) for s in stages
               if s != notation and labels.get(("stage", s), {}).get("broader") == notation]
        chain.append({"position": position, "value": notation, "label": label,
                      "active": notation in stages or bool(via), "via": via})
    return chain


def _concept(labels: dict, scheme: str, notation: str) -> dict[str, object]:
    row = labels.get((scheme, notation), {})
    concept = {"value": notation, "label": row.get("label", notation)}
    if scheme == "material":
        concept["crm_strategic"] = bool(row.get("strategic"))
        concept["crm_critical"] = bool(row.get("critical"))
    return concept


def label_of(labels: dict, scheme: str, notation: str | None) -> str | None:
    if notation is None:
        return None
    return str(labels.get((scheme, notation), {}).get("label", notation))


def _order(labels: dict, scheme: str, notation: str) -> tuple:
    row = labels.get((scheme, notation), {})
    position = row.get("position")
    return (position if position is not None else 10**6, fold(str(row.get("label", notation))), notation)


def fold(text: str | None) -> str:
    """Case- and accent-insensitive form for search and sorting ("Göttingen" ~ "gottingen").

    >>> fold("Göttingen Straße")
    'gottingen strasse'
    """
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _search(index: ActorIndex, q: str) -> np.ndarray | None:
    """The positions (in ``index``'s records) of the actors the full-text search
    (:mod:`graph.search`) finds, best first; None without a search. An actor's exact id
    is found too, first."""
    if not q.strip():
        return None
    ids = index.facets.ids if index.facets is not None else [r["id"] for r in index.records]
    found = index.search.positions(q, ids) if index.search is not None else np.zeros(0, dtype=np.int64)
    slug = q.strip()
    if slug in ids:
        position = ids.index(slug)
        if position not in found:
            found = np.concatenate(([position], found)).astype(np.int64)
    return found


def _values(record: dict, facet: str) -> list[str]:
    value = record[facet]
    if isinstance(value, list):
        return value
    return [value if value is not None else NONE]


def _facet_counts(facet: str, counts: dict[str, int], choices: dict[str, str], selected: tuple[str, ...],
                  order: dict[str, tuple], hierarchy: Hierarchy | None = None) -> list[dict[str, object]]:
    """The facet's rows; ``counts`` already include narrower concepts (:func:`facet_index`)."""
    hierarchy = hierarchy or Hierarchy()
    scheme = HIERARCHICAL_FACETS.get(facet)
    values = set(counts) | set(selected)
    rows = [{"value": v, "label": choices.get(v, v) if v != NONE else None, "count": counts.get(v, 0),
             "selected": v in selected, "depth": 0} for v in values]
    if scheme:
        by_value = {r["value"]: r for r in rows}
        if facet == "stage":
            def key(v):
                return order.get(v, (10**6, v))
        else:
            def key(v):
                return (-counts.get(v, 0), fold(str(by_value[v]["label"] or "")), v)
        out = []
        for value, depth in hierarchy.tree(scheme, by_value, key=key):
            by_value[value]["depth"] = depth
            out.append(by_value[value])
        return out
    if facet == "confidence":
        order = list(EVIDENCE)
        rows.sort(key=lambda r: order.index(r["value"]) if r["value"] in order else len(order))
    elif facet == "stage":
        rows.sort(key=lambda r: order.get(r["value"], (10**6, r["value"])))
    else:
        rows.sort(key=lambda r: (r["value"] == NONE, -int(r["count"]), fold(str(r["label"] or "")), r["value"]))
    return rows


def _sort_key(sort: str, *, folding=None):
    fold_ = folding or fold
    confidence_rank = {level: i for i, level in enumerate(EVIDENCE)}
    keys = {
        "name": lambda r: fold(r["name"]),
        "kind": lambda r: fold_(r["kind_label"]),
        "district": lambda r: (r["district"] is None, fold_(r["district_label"])),
        "confidence": lambda r: confidence_rank.get(r["confidence"], 9),
        "relations": lambda r: r["relations"],
    }
    if sort not in keys:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    return keys[sort]


def _list_row(record: dict) -> dict[str, object]:
    row = {c: record.get(c) for c in LIST_COLUMNS}
    for column, facet in (("stages", "stage"), ("materials", "material"), ("categories", "category"),
                          ("competencies", "competency")):
        row[column] = "; ".join(record[facet])
    return row
