"""Full-text search over the actors: names, places, descriptions and the German and English
labels of what each actor handles and does, ranked by SQLite FTS5 (BM25).

An actor is found by the labels of its materials, competencies, stages and WEEE categories
*and of their broader concepts* (:mod:`graph.concepts`): an actor tagged "Blei-Säure-
Batterien" is found by "Batterie" and by "batteries". Each word of a query is a prefix
("Batter" finds "Batterien", "Batterierecycling"); all words must occur. Case and accents
do not matter ("gottingen" finds Göttingen).

The index lives in memory (Python's ``sqlite3``), is built from one read of the store and
depends only on the store's content, so a caller keeps it for as long as the store version.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyoxigraph

from graph.concepts import HIERARCHICAL_FACETS, Hierarchy, read_hierarchy
from graph.scans import HGNS, ORGANIZATION, RDFS, SCHEMA, SKOS, actor_facets, scan_of
from graph.sparql.catalog import run_named

#: Indexed columns with their BM25 weights: a hit in the name counts most.
COLUMNS = {"name": 10.0, "topics": 4.0, "place": 3.0, "description": 1.0}
#: At most this many words of a query are used.
MAX_TERMS = 8
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class SearchIndex:
    """An FTS5 index of the actors (``slug`` → text in :data:`COLUMNS`)."""

    connection: sqlite3.Connection
    lock: threading.Lock = field(default_factory=threading.Lock)

    def search(self, q: str, *, limit: int | None = None) -> list[str]:
        """The ids of the actors matching every word of ``q`` as a prefix, best first (ties by id)."""
        terms = _WORD.findall(q or "")[:MAX_TERMS]
        if not terms:
            return []
        match = " ".join('"' + t.replace('"', '""') + '"*' for t in terms)
        weights = ", ".join(str(w) for w in COLUMNS.values())
        sql = (f"SELECT slug FROM actors WHERE actors MATCH ? ORDER BY bm25(actors, 0, {weights}), slug"
               + (" LIMIT ?" if limit else ""))
        with self.lock:
            return [row[0] for row in self.connection.execute(sql, (match, limit) if limit else (match,))]

    # The build precomputes the index with the store version (graph/derived.py pickles it):
    # the in-memory database travels as its serialised bytes.
    def __getstate__(self) -> dict:
        with self.lock:
            return {"database": self.connection.serialize()}

    def __setstate__(self, state: dict) -> None:
        self.connection = sqlite3.connect(":memory:", check_same_thread=False)
        self.connection.deserialize(state["database"])
        self.lock = threading.Lock()


def build_index(documents: Iterable[Mapping[str, str]]) -> SearchIndex:
    """An index of ``documents``: dicts with ``slug`` and the text of each of :data:`COLUMNS`.

    >>> index = build_index([{"slug": "a", "name": "Harz-Metall", "topics": "Blei-Säure-Batterien Batterien",
    ...                       "place": "Goslar", "description": ""},
    ...                      {"slug": "b", "name": "Batterie-Forum", "topics": "", "place": "", "description": ""}])
    >>> index.search("Batterie"), index.search("blei saure"), index.search("goslar batt")
    (['b', 'a'], ['a'], ['a'])
    """
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    columns = ", ".join(COLUMNS)
    connection.execute(f"CREATE VIRTUAL TABLE actors USING fts5(slug UNINDEXED, {columns}, "
                       "tokenize = 'unicode61 remove_diacritics 2')")
    connection.executemany(f"INSERT INTO actors (slug, {columns}) VALUES (?, {', '.join('?' * len(COLUMNS))})",
                           [(d["slug"], *(d.get(c) or "" for c in COLUMNS)) for d in documents])
    connection.commit()
    return SearchIndex(connection)


def actor_documents(store: pyoxigraph.Store, hierarchy: Hierarchy | None = None) -> list[dict[str, str]]:
    """One document per actor from the store: name; city, district and state names; both
    descriptions; the de/en labels of its concepts and of their broader concepts.

    The actors' texts are read by single-pattern scans (:mod:`graph.scans`; the
    ``search_actors`` query joined them over the whole store and took a minute at 100,000
    actors); ``store`` may be a :class:`~graph.scans.StoreScan` shared with other readers."""
    scan = scan_of(store)
    hierarchy = hierarchy or read_hierarchy(scan.store)
    labels: dict[tuple[str, str], list[str]] = {}
    for row in run_named(scan.store, "search_labels").rows:
        labels.setdefault((row["scheme"], row["notation"]), []).append(row["label"])
    # Address, locality, district and state are single-valued (the shapes): the same scans
    # as the actor list's, read once.
    names, localities = scan.one(RDFS + "label"), scan.one(SCHEMA + "addressLocality")
    addresses, districts = scan.one(SCHEMA + "address"), scan.one(HGNS + "district")
    states = scan.one(HGNS + "state")
    pref = scan.many_terms(SKOS + "prefLabel")
    descriptions = scan.many_terms(SCHEMA + "description")
    docs: dict[str, dict[str, list[str]]] = {}
    for actor in scan.instances(ORGANIZATION):
        if actor not in names:
            continue
        doc = docs[actor] = {c: [] for c in COLUMNS}
        doc["name"] = [str(names[actor])]
        address = addresses.get(actor)
        place = [localities.get(address) if address is not None else None,
                 *(term.value for term in pref.get(districts.get(actor), ())),  # type: ignore[arg-type]
                 *(term.value for term in pref.get(states.get(actor), ()) if term.language == "de")]  # type: ignore[arg-type]
        for column, values in (("place", place), ("description", [
                t.value for lang in ("de", "en") for t in descriptions.get(actor, ()) if t.language == lang])):
            for value in values:
                if value and value not in doc[column]:
                    doc[column].append(str(value))
    for actor, held in actor_facets(scan).items():
        if actor not in docs:
            continue
        for facet, notations in sorted(held.items()):
            scheme = HIERARCHICAL_FACETS[facet]
            for notation in sorted(hierarchy.with_broader(scheme, notations)):
                docs[actor]["topics"].extend(labels.get((scheme, notation), [notation]))
    return [{"slug": actor.rsplit("/", 1)[-1], **{c: " ".join(v) for c, v in doc.items()}}
            for actor, doc in sorted(docs.items())]


def actor_search_index(store: pyoxigraph.Store) -> SearchIndex:
    """The search index of the store's actors."""
    return build_index(actor_documents(store))


__all__ = ["COLUMNS", "SearchIndex", "actor_documents", "actor_search_index", "build_index"]
