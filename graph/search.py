"""Full-text search over the actors: names, places, descriptions and the German and English
labels of what each actor handles and does, ranked by SQLite FTS5 (BM25).

An actor is found by the labels of its materials, competencies, stages and WEEE categories
*and of their broader concepts* (:mod:`graph.concepts`): an actor tagged "Blei-Säure-
Batterien" is found by "Batterie" and by "batteries". Each word of a query is a prefix
("Batter" finds "Batterien", "Batterierecycling"); all words must occur. Case and accents
do not matter ("gottingen" finds Göttingen).

Two forms answer the same queries with the same ranking:

- :class:`SearchIndex`, the FTS5 table itself (built in memory from one read of the store;
  the reference);
- :class:`PackedSearch`, the same index as sorted terms and postings in NumPy arrays, which
  the build writes into the version's folder (:func:`write_file`) with the FTS5 database:
  opened in milliseconds at 100,000 actors (the FTS5 database as a pickle took 0.5 s to
  load and 0.1–1 s a query, ranking every match through SQLite's bm25), it ranks a query
  with a few vector operations. It computes FTS5's own BM25 formula, and the words are
  split and folded by SQLite's own tokenizer, so both forms agree; a query word that FTS5
  would read as a phrase of several tokens ("a_b") is left to the FTS5 database.

An index depends only on the store's content, so a caller keeps it for as long as the
store version.
"""

from __future__ import annotations

import bisect
import logging
import math
import os
import re
import shutil
import sqlite3
import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyoxigraph

from graph.concepts import HIERARCHICAL_FACETS, Hierarchy, read_hierarchy
from graph.scans import HGNS, ORGANIZATION, RDFS, SCHEMA, SKOS, actor_facets, scan_of
from graph.sparql.catalog import run_named

log = logging.getLogger(__name__)

#: Indexed columns with their BM25 weights: a hit in the name counts most.
COLUMNS = {"name": 10.0, "topics": 4.0, "place": 3.0, "description": 1.0}
#: At most this many words of a query are used.
MAX_TERMS = 8
#: The FTS5 database in the folder :func:`write_file` writes.
DATABASE = "fts5.sqlite"
#: How FTS5 splits and folds words (the index's and the query's).
TOKENIZE = "unicode61 remove_diacritics 2"
#: FTS5's BM25 constants (sqlite/ext/fts5/fts5_aux.c), which :class:`PackedSearch` repeats.
K1, B = 1.2, 0.75
_WORD = re.compile(r"\w+", re.UNICODE)


def _terms(q: str | None) -> list[str]:
    return _WORD.findall(q or "")[:MAX_TERMS]


def _positions(found: Sequence[str], ids: Sequence[str]) -> np.ndarray:
    where = {actor: i for i, actor in enumerate(ids)}
    return np.array([where[slug] for slug in found if slug in where], dtype=np.int64)


@dataclass
class SearchIndex:
    """An FTS5 index of the actors (``slug`` → text in :data:`COLUMNS`)."""

    connection: sqlite3.Connection
    lock: threading.Lock = field(default_factory=threading.Lock)

    def search(self, q: str, *, limit: int | None = None) -> list[str]:
        """The ids of the actors matching every word of ``q`` as a prefix, best first (ties by id)."""
        terms = _terms(q)
        if not terms:
            return []
        match = " ".join('"' + t.replace('"', '""') + '"*' for t in terms)
        weights = ", ".join(str(w) for w in COLUMNS.values())
        sql = (f"SELECT slug FROM actors WHERE actors MATCH ? ORDER BY bm25(actors, 0, {weights}), slug"
               + (" LIMIT ?" if limit else ""))
        with self.lock:
            return [row[0] for row in self.connection.execute(sql, (match, limit) if limit else (match,))]

    def positions(self, q: str, ids: Sequence[str]) -> np.ndarray:
        """Where the actors :meth:`search` finds stand in ``ids``, best first (others left out)."""
        return _positions(self.search(q), ids)

    # The index travels as the serialised bytes of its database (a pickle of an older build).
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
    connection.execute(f"CREATE VIRTUAL TABLE actors USING fts5(slug UNINDEXED, {columns}, tokenize = '{TOKENIZE}')")
    connection.executemany(f"INSERT INTO actors (slug, {columns}) VALUES (?, {', '.join('?' * len(COLUMNS))})",
                           [(d["slug"], *(d.get(c) or "" for c in COLUMNS)) for d in documents])
    connection.commit()
    return SearchIndex(connection)


def tokens(texts: Sequence[str]) -> list[list[str]]:
    """Each text split and folded into words as the index does it (by FTS5's own tokenizer).

    >>> tokens(["Göttingen, Blei-Säure", "a_b", "_"])
    [['gottingen', 'blei', 'saure'], ['a', 'b'], []]
    """
    # A throw-away table in memory: a query's few words take a fraction of a millisecond.
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{TOKENIZE}')")
        connection.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
        connection.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", enumerate(texts, 1))
        found: list[list[str]] = [[] for _ in texts]
        for term, doc in connection.execute("SELECT term, doc FROM v ORDER BY doc, offset"):
            found[doc - 1].append(term)
        return found
    finally:
        connection.close()


def _char_table(chars: Iterable[str]) -> dict[int, str]:
    """``str.translate`` table splitting and folding text as FTS5's tokenizer does, for ``chars``:
    a separator becomes a space, a word character its folded form ("Ä" → "a"; a combining
    mark may fold to nothing). FTS5's unicode61 tokenizer decides both for each code point
    alone, so asking it about each character once ("x" + c + "y") gives the whole rule."""
    chars = sorted(set(chars))
    table = {}
    for c, found in zip(chars, tokens([f"x{c}y" for c in chars]), strict=True):
        if len(found) == 1 and found[0].startswith("x") and found[0].endswith("y"):
            table[ord(c)] = found[0][1:-1]
        else:
            table[ord(c)] = " "
    return table


class PackedSearch:
    """The FTS5 index as arrays: the index's terms sorted by their UTF-8 bytes, each with
    its postings (the rows holding it and the weighted number of times it occurs there, as
    FTS5's bm25 counts them), each row's length in words, its id and the rank of its id.

    :meth:`search` answers as :meth:`SearchIndex.search` does: each word a prefix (a range of
    the sorted terms), every word in each row found, ranked by FTS5's bm25 (its formula,
    constants and order of operations, fts5_aux.c), ties by id. ``fallback``: the FTS5
    index, for a query word FTS5 would read as a phrase of several tokens.

    >>> index = build_index([{"slug": "a", "name": "Harz-Metall", "topics": "Blei-Säure-Batterien Batterien",
    ...                       "place": "Goslar", "description": ""},
    ...                      {"slug": "b", "name": "Batterie-Forum", "topics": "", "place": "", "description": ""}])
    >>> packed = PackedSearch(pack(index), index)
    >>> packed.search("Batterie"), packed.search("blei saure"), packed.search("goslar batt")
    (['b', 'a'], ['a'], ['a'])
    """

    ARRAYS = ("terms", "term_ends", "starts", "rows", "weights", "lengths", "ids", "id_ends", "id_rank")
    #: Queries whose results are kept (a list asks once for its count and once for its page).
    KEEP = 32

    def __init__(self, arrays: Mapping[str, np.ndarray], fallback: SearchIndex | None) -> None:
        arrays = {name: np.asarray(values) for name, values in arrays.items()}  # plain views of mapped files
        self.terms = arrays["terms"]  # the sorted terms' bytes, end to end
        self.term_ends = arrays["term_ends"]  # term i is terms[term_ends[i-1]:term_ends[i]]
        self.starts = arrays["starts"]  # term i's postings are rows/weights[starts[i]:starts[i+1]]
        self.rows, self.weights = arrays["rows"], arrays["weights"]
        self.lengths, self.id_rank = arrays["lengths"], arrays["id_rank"]
        self.ids, self.id_ends = arrays["ids"], arrays["id_ends"]  # row i's id, as the terms
        self.fallback = fallback
        self.n = len(self.lengths)
        # FTS5: avgdl = (double)nToken / (double)nRow
        self.avgdl = float(int(self.lengths.sum())) / float(self.n) if self.n else 1.0
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()
        self._aligned: dict[int, tuple[Sequence[str], np.ndarray | None]] = {}
        self._lock = threading.Lock()
        self._ids: list[str] | None = None

    @staticmethod
    def _at(blob: np.ndarray, ends: np.ndarray, i: int) -> bytes:
        return blob[int(ends[i - 1]) if i else 0:int(ends[i])].tobytes()

    def _prefixed(self, prefix: bytes) -> tuple[int, int]:
        """The range of terms starting with ``prefix`` (UTF-8 never holds the byte 0xFF)."""
        n = len(self.term_ends)

        def term(i: int) -> bytes:
            return self._at(self.terms, self.term_ends, i)

        lo = bisect.bisect_left(range(n), prefix, key=term)
        return lo, bisect.bisect_left(range(n), prefix + b"\xff", lo=lo, key=term)

    def hits(self, q: str) -> np.ndarray | None:
        """The rows found for ``q``, best first; None when FTS5 must answer (a phrase)."""
        terms = _terms(q)
        if not terms:
            return np.zeros(0, dtype=np.int64)
        with self._lock:
            if q in self._kept:
                self._kept.move_to_end(q)
                return self._kept[q]
        words = tokens(terms)
        if any(len(w) != 1 for w in words):
            return None
        found = np.ones(self.n, dtype=bool)
        freqs, idfs = [], []
        for [word] in words:
            lo, hi = self._prefixed(word.encode("utf-8"))
            span = slice(int(self.starts[lo]), int(self.starts[hi]))
            rows = self.rows[span]
            present = np.zeros(self.n, dtype=bool)
            present[rows] = True
            found &= present
            freqs.append(np.bincount(rows, weights=self.weights[span].astype(np.float64), minlength=self.n))
            hit = int(np.count_nonzero(present))
            idf = math.log((self.n - hit + 0.5) / (hit + 0.5))  # as fts5Bm25GetData computes it
            idfs.append(idf if idf > 0.0 else 1e-6)
        rows = np.flatnonzero(found)
        length = self.lengths[rows].astype(np.float64)
        score = np.zeros(len(rows), dtype=np.float64)
        for freq, idf in zip(freqs, idfs, strict=True):
            f = freq[rows]
            # fts5Bm25Function: the same operations in the same order, so the same doubles.
            score += idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + B * length / self.avgdl)))
        ranked = rows[np.lexsort((self.id_rank[rows], -1.0 * score))]
        with self._lock:
            self._kept[q] = ranked
            while len(self._kept) > self.KEEP:
                self._kept.popitem(last=False)
        return ranked

    def search(self, q: str, *, limit: int | None = None) -> list[str]:
        """The ids of the actors matching every word of ``q`` as a prefix, best first (ties by id)."""
        rows = self.hits(q)
        if rows is None:
            return self.fallback.search(q, limit=limit) if self.fallback is not None else []
        ids = self._id_list()
        return [ids[i] for i in rows[:limit or None]]

    def _id_list(self) -> list[str]:
        """The rows' ids as strings (decoded once, on the first :meth:`search`)."""
        if self._ids is None:
            blob, ends = self.ids.tobytes(), [0, *self.id_ends.tolist()]
            self._ids = [blob[ends[i]:ends[i + 1]].decode("utf-8") for i in range(self.n)]
        return self._ids

    def positions(self, q: str, ids: Sequence[str]) -> np.ndarray:
        """Where the actors :meth:`search` finds stand in ``ids``, best first (others left out);
        the rows themselves when ``ids`` lists the index's actors in its order."""
        rows = self.hits(q)
        if rows is None:
            return _positions(self.search(q), ids)
        with self._lock:
            aligned = self._aligned.get(id(ids))
        if aligned is None or aligned[0] is not ids:
            aligned = (ids, self._where(ids))  # the list is kept with it, so its id() is not reused
            with self._lock:
                if len(self._aligned) >= 4:  # one list per language, or a list made per call
                    self._aligned.clear()
                self._aligned[id(ids)] = aligned
        where = aligned[1]
        if where is None:
            return rows
        found = where[rows]
        return found[found >= 0]

    def _where(self, ids: Sequence[str]) -> np.ndarray | None:
        """Row → position in ``ids`` (-1: not there); None when they are the same list."""
        encoded = [actor.encode("utf-8") for actor in ids]
        if (len(encoded) == self.n and np.array_equal(np.cumsum([len(e) for e in encoded]), self.id_ends)
                and b"".join(encoded) == self.ids.tobytes()):
            return None
        index = {actor: i for i, actor in enumerate(ids)}
        return np.array([index.get(actor, -1) for actor in self._id_list()], dtype=np.int64)


def pack(index: SearchIndex) -> dict[str, np.ndarray] | None:
    """The arrays of :class:`PackedSearch` for ``index``, from its own documents; None when
    the words split here differ from FTS5's own vocabulary (checked term by term: the rows
    holding each term and its occurrences), which would make the two forms disagree.

    O(total words): about 3 s at 100,000 SYNTHETIC actors (4.7 million words)."""
    with index.lock:
        documents = index.connection.execute(
            f"SELECT rowid, slug, {', '.join(COLUMNS)} FROM actors ORDER BY rowid").fetchall()
        connection = index.connection
        connection.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.actor_terms USING fts5vocab(main, actors, row)")
        vocabulary = {term: (docs, count) for term, docs, count in
                      connection.execute("SELECT term, doc, cnt FROM temp.actor_terms")}
    texts = [row[2:] for row in documents]
    # Many texts repeat (the same concepts, places, descriptions): each is split once.
    distinct = {text or "" for row in texts for text in row}
    table = _char_table(set("".join(distinct)))
    term_of: dict[str, int] = {}
    split: dict[str, array] = {}
    for text in distinct:
        words = text.translate(table).split()  # every separator became a space
        for word in set(words).difference(term_of):  # a Python step per new word, not per word
            term_of[word] = len(term_of)
        split[text] = array("i", map(term_of.__getitem__, words))
    # Flat machine arrays, not lists: 4.7 million words at 100,000 actors.
    term_ids = array("i")
    counts = array("q")  # words per (row, column)
    for row in texts:
        for text in row:
            ids = split[text or ""]
            term_ids.extend(ids)
            counts.append(len(ids))
    n = len(documents)
    per_cell = np.frombuffer(counts, dtype=np.int64).reshape(n, len(COLUMNS)) if n else np.zeros((0, len(COLUMNS)),
                                                                                                  dtype=np.int64)
    lengths = per_cell.sum(axis=1)
    rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
    columns = np.repeat(np.tile(np.arange(len(COLUMNS)), n), per_cell.ravel())
    # One posting per (term, row): the weights of its occurrences summed, as bm25 sums them.
    keys = np.frombuffer(term_ids, dtype=np.int32).astype(np.int64) * max(n, 1) + rows
    postings, where = np.unique(keys, return_inverse=True)
    del keys, rows
    summed = np.bincount(where, weights=np.asarray(list(COLUMNS.values()), dtype=np.float64)[columns],
                         minlength=len(postings))
    occurrences = np.bincount(where, minlength=len(postings))
    by_bytes = sorted(term_of, key=lambda t: t.encode("utf-8"))
    new_id = np.empty(len(term_of), dtype=np.int64)
    new_id[[term_of[t] for t in by_bytes]] = np.arange(len(by_bytes))
    term, row = new_id[postings // max(n, 1)], postings % max(n, 1)
    order = np.lexsort((row, term))
    term, row, summed, occurrences = term[order], row[order], summed[order], occurrences[order]
    starts = np.searchsorted(term, np.arange(len(by_bytes) + 1)).astype(np.int64)
    per_term = np.bincount(term, weights=occurrences, minlength=len(by_bytes)).astype(np.int64)
    ours = dict(zip(by_bytes, zip(np.diff(starts).tolist(), per_term.tolist(), strict=True), strict=True))
    if ours != vocabulary:
        log.warning("the search index's words differ from FTS5's vocabulary; queries will use FTS5")
        return None
    slugs = [row[1] for row in documents]
    id_rank = np.empty(n, dtype=np.int64)
    id_rank[sorted(range(n), key=slugs.__getitem__)] = np.arange(n)
    # The weights of the shipped columns are whole numbers, and so are their sums: half the bytes.
    whole = bool(np.all(summed == np.round(summed))) and (len(summed) == 0 or summed.max() < 2**31)
    return {**_strings("terms", by_bytes), "starts": starts, "rows": row.astype(np.int32),
            "weights": summed.astype(np.int32) if whole else summed, "lengths": lengths.astype(np.int32),
            **_strings("ids", slugs), "id_rank": id_rank.astype(np.int32)}


def _strings(name: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Strings as their UTF-8 bytes end to end (``name``) and where each ends (``name_ends``)."""
    encoded = [t.encode("utf-8") for t in texts]
    ends = np.cumsum([len(e) for e in encoded], dtype=np.int64) if encoded else np.zeros(0, dtype=np.int64)
    return {name: np.frombuffer(b"".join(encoded), dtype=np.uint8), f"{name.removesuffix('s')}_ends": ends}


def write_file(index: SearchIndex, target: Path) -> Path:
    """Write ``index`` as a folder: its FTS5 database (``fts5.sqlite``) and the arrays of
    :class:`PackedSearch` (one ``.npy`` file each, when :func:`pack` gives them); under a
    temporary name first, so a reader never sees half of it."""
    target = Path(target)
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    arrays = pack(index)
    out = sqlite3.connect(tmp / DATABASE)
    try:
        with index.lock:
            index.connection.backup(out)
    finally:
        out.close()
    for name, values in (arrays or {}).items():
        np.save(tmp / f"{name}.npy", values, allow_pickle=False)
    shutil.rmtree(target, ignore_errors=True)
    os.replace(tmp, target)
    return target


def open_file(folder: Path) -> PackedSearch | SearchIndex:
    """The index :func:`write_file` wrote, read-only (a version's files never change): a
    :class:`PackedSearch` whose arrays are mapped from their files (pages are read as a
    query touches them), or the FTS5 index alone when the folder has no arrays."""
    folder = Path(folder).resolve()
    connection = sqlite3.connect((folder / DATABASE).as_uri() + "?mode=ro&immutable=1", uri=True,
                                 check_same_thread=False)
    index = SearchIndex(connection)
    if not all((folder / f"{name}.npy").is_file() for name in PackedSearch.ARRAYS):
        return index
    return PackedSearch({name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)
                         for name in PackedSearch.ARRAYS}, index)


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


__all__ = ["COLUMNS", "PackedSearch", "SearchIndex", "actor_documents", "actor_search_index", "build_index",
           "open_file", "pack", "tokens", "write_file"]
