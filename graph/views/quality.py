"""The data-quality dashboard for editors: where the data is thin, per table and district.

Every count is the number of *records* of one table (actors, collection points, projects,
relations, districts) in one district that a check flags; the same function lists those
records, so a count and the list behind its link can never disagree.

The checks (a check that cannot apply to a table is ``None``, never 0):

- ``missing_stage``: an actor without a value-chain stage;
- ``missing_district``: an actor or collection point without a district;
- ``missing_coordinates``: an actor or collection point without latitude and longitude;
- ``missing_categories``: an actor without WEEE categories, a collection point without
  accepted collection groups;
- ``single_source``: a record whose facts rest on one source URL only;
- ``low_confidence``: a record with confidence "low";
- ``not_checked``: an actor whose ``checked`` date is more than 12 months before today (or
  missing);
- ``mirror_sources``: a record with at least one source on a copy site (Wikipedia mirrors,
  document and feed copies, see ``MIRROR_HOSTS``) rather than the original;
- ``no_relation``: an actor in no row of the relations table and neither coordinator nor
  funder of a project.

The district of an actor or collection point is its own; of a relation, its subject's; of a
project, its coordinator's; a district's is itself. Records without one count under ``""``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import sys
from collections.abc import Sequence
from urllib.parse import urlsplit

import numpy as np
import pyoxigraph

from graph.build.columns import language
from graph.namespaces import HG, WGS
from graph.scans import HGNS
from graph.tables import Table

Tables = dict[str, list[dict[str, str]]]

MEASURES = ("missing_stage", "missing_district", "missing_coordinates", "missing_categories",
            "single_source", "low_confidence", "not_checked", "mirror_sources", "no_relation")

#: Which checks apply to which table, in the order the dashboard shows the tables.
APPLIES: dict[str, tuple[str, ...]] = {
    "actors": MEASURES,
    "collection_points": ("missing_district", "missing_coordinates", "missing_categories", "single_source",
                          "low_confidence", "mirror_sources"),
    "projects": ("single_source", "low_confidence", "mirror_sources"),
    "relations": ("single_source", "low_confidence", "mirror_sources"),
    "districts": ("single_source", "mirror_sources"),
}

#: Hosts that copy pages of others (Wikipedia mirrors, document and feed copies, a newspaper
#: kiosk): a fact sourced there should be sourced at the original. Subdomains count too.
MIRROR_HOSTS = frozenset({
    "askwikinow.com", "bbs.cortex-media.info", "de.frwiki.wiki", "de.other.wiki", "de.qaz.wiki", "de.wiki.li",
    "de.zxc.wiki", "deutsch.wikibrief.org", "dewiki.de", "dnhewrhegkli.shop", "docslib.org", "en.wikipedia-on-ipfs.org",
    "fdokument.com", "hmongwiki.de", "home.cydlabs.com", "piglix.com", "pressreader.com", "pwojczyn.com",
    "rssing.com", "wap.bdmobi.com", "wiki-data.de-de.nina.az", "wiki.studentb.eu", "wikipedia.jakami.de",
    "wikiwand.com", "worddisk.com", "world.wikisort.org",
})

SUMMARY_COLUMNS = ["table", "district", "district_name", "records", *MEASURES]
ROW_COLUMNS = ["table", "key", "name", "district", "district_name", "measure", "detail"]


def is_mirror(url: str) -> bool:
    """Whether ``url`` is on a copy site.

    >>> is_mirror("https://de.wiki.li/REWIMET"), is_mirror("https://sangerhausen9.rssing.com/a")
    (True, True)
    >>> is_mirror("https://de.wikipedia.org/wiki/Goslar")
    False
    """
    low = url.lower()
    if not any(m in low for m in MIRROR_HOSTS):  # a mirror's name is in its URL: most need no parsing
        return False
    return _mirror_host((urlsplit(url.strip()).hostname or "").rstrip(".").removeprefix("www."))


@functools.lru_cache(maxsize=65536)
def _mirror_host(host: str) -> bool:
    """Whether ``host`` is a copy site or below one (cached: 100,000 records share few hosts)."""
    return any(host == m or host.endswith("." + m) for m in MIRROR_HOSTS)


def a_year_before(today: dt.date) -> dt.date:
    """The same day twelve months earlier (28 February for a 29 February).

    >>> a_year_before(dt.date(2028, 2, 29))
    datetime.date(2027, 2, 28)
    """
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def findings(tables: Tables, *, today: dt.date) -> list[dict[str, str]]:
    """Every flagged record once per check that flags it.

    Rows ``{"table", "key", "name", "district", "district_name", "measure", "detail"}`` in the
    order of ``APPLIES``, then by key, then by measure order.

    Examples
    --------
    >>> tables = {"actors": [{"id": "a", "name": "A", "district": "", "lat": "", "lon": "",
    ...   "stages": "TS-01", "weee_categories": "", "sources": "https://x.org/1", "confidence": "low",
    ...   "checked": "2020-01-01"}]}
    >>> [r["measure"] for r in findings(tables, today=dt.date(2026, 12, 1))]  # doctest: +NORMALIZE_WHITESPACE
    ['missing_district', 'missing_coordinates', 'missing_categories', 'single_source', 'low_confidence',
     'not_checked', 'no_relation']
    """
    cutoff = a_year_before(today).isoformat()
    return [f for f in candidates(tables) if f["measure"] != "not_checked" or f["detail"] < cutoff]


def candidates(tables: Tables) -> list[dict[str, str]]:
    """The rows of :func:`findings` on any day: every check but ``not_checked`` as there, and a
    ``not_checked`` row for *every* actor, its ``detail`` the ``checked`` date (the check keeps
    those before a year ago: the only part that depends on the day). Same order as :func:`findings`.

    >>> [r["measure"] for r in candidates({"actors": [{"id": "a", "stages": "TS-01", "district": "x",
    ...   "lat": "1", "lon": "1", "weee_categories": "c", "sources": "", "checked": "2026-11-01"}]})]
    ['not_checked', 'no_relation']
    """
    names = {d.get("key", ""): d.get("name", "") for d in tables.get("districts", [])}
    district_of = _districts_of(tables)
    linked = _linked_actors(tables)
    out: list[dict[str, str]] = []
    for table, measures in APPLIES.items():
        for row in sorted(tables.get(table, []), key=lambda r, t=table: _key(t, r)):
            key = _key(table, row)
            district = district_of(table, row)
            for measure in measures:
                detail = _check(measure, table, row, key, linked)
                if detail is not None:
                    out.append({"table": table, "key": key, "name": _name(table, row), "district": district,
                                "district_name": names.get(district, ""), "measure": measure, "detail": detail})
    return out


def _check(measure: str, table: str, row: dict[str, str], key: str, linked: set[str]) -> str | None:
    """The detail text when ``measure`` flags the row, else None."""
    get = lambda column: (row.get(column) or "").strip()  # noqa: E731
    if measure == "missing_stage":
        return "" if not get("stages") else None
    if measure == "missing_district":
        return "" if not get("district") else None
    if measure == "missing_coordinates":
        return "" if not (get("lat") and get("lon")) else None
    if measure == "missing_categories":
        return "" if not get("weee_categories" if table == "actors" else "accepts") else None
    if measure == "single_source":
        sources = get("sources").split()
        return sources[0] if len(sources) == 1 else None
    if measure == "low_confidence":
        return "low" if get("confidence") == "low" else None
    if measure == "not_checked":  # every actor: whether it is old depends on the day (findings)
        return get("checked")
    if measure == "mirror_sources":
        mirrors = [url for url in get("sources").split() if is_mirror(url)]
        return " ".join(mirrors) if mirrors else None
    if measure == "no_relation":
        return "" if key not in linked else None
    raise ValueError(f"unknown measure {measure!r}")


def _key(table: str, row: dict[str, str]) -> str:
    if table == "districts":
        return row.get("key", "")
    if table == "relations":
        return " ".join(p for p in (row.get(c, "") for c in ("subject", "relation", "object", "start")) if p)
    return row.get("id", "")


def _name(table: str, row: dict[str, str]) -> str:
    if table == "relations":
        return f"{row.get('subject', '')} {row.get('relation', '')} {row.get('object', '')}"
    return row.get("name", "")


def _districts_of(tables: Tables):
    actor_district = {a.get("id", ""): a.get("district", "") for a in tables.get("actors", [])}
    coordinator = {p.get("id", ""): p.get("coordinator", "") for p in tables.get("projects", [])}
    for r in tables.get("relations", []):  # a coordination stated as a relation row
        if r.get("relation") == "coordinates" and not coordinator.get(r.get("object", "")):
            coordinator[r.get("object", "")] = r.get("subject", "")

    def district_of(table: str, row: dict[str, str]) -> str:
        if table in ("actors", "collection_points"):
            return row.get("district", "")
        if table == "relations":
            return actor_district.get(row.get("subject", ""), "")
        if table == "projects":
            return actor_district.get(coordinator.get(row.get("id", ""), ""), "")
        return row.get("key", "")

    return district_of


def _linked_actors(tables: Tables) -> set[str]:
    linked = {r.get(side, "") for r in tables.get("relations", []) for side in ("subject", "object")}
    linked |= {p.get(c, "") for p in tables.get("projects", []) for c in ("coordinator", "funder")}
    return linked - {""}


def summary(tables: Tables, *, today: dt.date) -> Table:
    """The counts per table and district: one row per table for all districts (``district``
    "*"), then one per district that has records of the table (``""``: none stated).

    Each measure column holds the number of flagged records, or None where the check does not
    apply to the table; ``records`` is the number of records of the table in the district.
    (:meth:`QualityFacts.summary` of :func:`prepare`.)
    """
    return prepare(tables).summary(today=today)


def flagged_rows(tables: Tables, *, today: dt.date, table: str | None = None, district: str | None = None,
                 measure: str | None = None) -> Table:
    """The records behind one count: ``table``, ``district`` ("" for none; None for all) and
    ``measure`` narrow the list. Raises ValueError naming the parameter for an unknown table or
    measure, or a measure that cannot apply to the table. (:meth:`QualityFacts.rows` of :func:`prepare`.)"""
    found = prepare(tables).rows(today=today, table=table, district=district, measure=measure)
    return Table(found.columns, list(found.rows))


def prepare(tables: Tables) -> QualityFacts:
    """What the dashboard needs on any day, from the tables once (the build writes it,
    graph/derived.py): then a day's counts and lists take a pass over arrays, not the tables.
    O(records · checks)."""
    found = candidates(tables)
    names = {d.get("key", ""): d.get("name", "") for d in tables.get("districts", [])}
    district_of = _districts_of(tables)
    records: dict[str, list[tuple[str, int]]] = {}
    for table in APPLIES:
        rows = tables.get(table, [])
        if not rows:
            continue
        per_district: dict[str, int] = {}
        for row in rows:
            d = district_of(table, row)
            per_district[d] = per_district.get(d, 0) + 1
        records[table] = [("*", len(rows)), *((d, per_district[d])
                                              for d in sorted(per_district, key=lambda d: (d == "", d)))]
    return QualityFacts(found, records, names)


class QualityFacts:
    """The flagged records of every check on any day (:func:`candidates`), packed
    (:class:`~graph.views.actors.PackedRecords`) beside arrays of their table, district,
    check, key and ``checked`` date, and the number of records per table and district.

    A day's counts (:meth:`summary`) and lists (:meth:`rows`) select from the arrays: the
    ``not_checked`` rows before that day's cutoff, all others always. The dates are compared
    as the text they are (as :func:`findings` does), through their rank among all dates.
    """

    def __init__(self, found: list[dict[str, str]], records: dict[str, list[tuple[str, int]]],
                 names: dict[str, str]) -> None:
        from graph.views.actors import PackedRecords

        self.records, self.names = records, names
        # Only what the arrays below do not hold (a third of the bytes at 100,000 actors).
        self.texts = PackedRecords([[f["key"], f["name"], f["detail"]] for f in found])  # type: ignore[misc]
        self.tables = list(APPLIES)
        self.districts = sorted({f["district"] for f in found})
        self.dates = sorted({f["detail"] for f in found if f["measure"] == "not_checked"})
        tables = {t: i for i, t in enumerate(self.tables)}
        districts = {d: i for i, d in enumerate(self.districts)}
        measures = {m: i for i, m in enumerate(MEASURES)}
        dates = {d: i for i, d in enumerate(self.dates)}
        keys: dict[str, int] = {}
        self.table = np.array([tables[f["table"]] for f in found], dtype=np.int8)
        self.district = np.array([districts[f["district"]] for f in found], dtype=np.int32)
        self.measure = np.array([measures[f["measure"]] for f in found], dtype=np.int8)
        self.key = np.array([keys.setdefault(f["key"], len(keys)) for f in found], dtype=np.int64)
        # -1: not a date check (always flagged); else the rank of the checked date.
        self.date = np.array([dates[f["detail"]] if f["measure"] == "not_checked" else -1 for f in found],
                             dtype=np.int64)
        self.earliest = self._count(np.ones(len(found), dtype=bool))

    def _flagged(self, today: dt.date) -> np.ndarray:
        """Which rows flag a record on ``today``."""
        cutoff = bisect.bisect_left(self.dates, a_year_before(today).isoformat())  # ranks below: earlier
        return (self.date < 0) | (self.date < cutoff)

    def _count(self, rows: np.ndarray) -> dict[tuple[int, int, int], np.ndarray]:
        """For the findings ``rows`` (a mask): (table, district or -1 for all, check) → the
        smallest date rank of each distinct key there, sorted (-1 for a check without date)."""
        out: dict[tuple[int, int, int], np.ndarray] = {}
        table, measure = self.table[rows].astype(np.int64), self.measure[rows].astype(np.int64)
        key, date = self.key[rows], self.date[rows]
        n_keys, n_districts = int(self.key.max(initial=0)) + 1, len(self.districts) + 1
        for district in (np.full(len(key), -1, np.int64), self.district[rows].astype(np.int64)):
            # One number per (table, district, check, key): the smallest date of each comes first.
            code = ((table * n_districts + district + 1) * len(MEASURES) + measure) * n_keys + key
            order = np.lexsort((date, code))
            first = np.ones(len(order), dtype=bool)
            first[1:] = code[order][1:] != code[order][:-1]
            group, earliest = code[order][first] // n_keys, date[order][first]
            starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]]) if len(group) else np.array([], int)
            for begin, end in zip(starts.tolist(), [*starts[1:].tolist(), len(group)], strict=True):
                rest, m = divmod(int(group[begin]), len(MEASURES))
                t, d = divmod(rest, n_districts)
                out[t, d - 1, m] = np.sort(earliest[begin:end])
        return out

    def summary(self, *, today: dt.date) -> Table:
        """:func:`summary` on ``today``: the distinct keys per table, district and check among
        the rows flagged that day. A key is flagged when its earliest date is before the
        cutoff (checks without a date: always), so a day's count is a binary search in the
        sorted earliest dates kept per table, district and check. O(groups · log keys)."""
        cutoff = bisect.bisect_left(self.dates, a_year_before(today).isoformat())
        counts = {group: int(np.searchsorted(dates, cutoff, side="left")) for group, dates in self.earliest.items()}
        where = {d: i for i, d in enumerate(self.districts)}
        rows: list[dict[str, object]] = []
        for table, per_district in self.records.items():
            t = self.tables.index(table)
            for district, count in per_district:
                d = -1 if district == "*" else where.get(district, -2)
                values = {m: (counts.get((t, d, i), 0) if m in APPLIES[table] else None)
                          for i, m in enumerate(MEASURES)}
                rows.append({"table": table, "district": district, "district_name": self.names.get(district, ""),
                             "records": count, **values})
        return Table(list(SUMMARY_COLUMNS), rows)

    def rows(self, *, today: dt.date, table: str | None = None, district: str | None = None,
             measure: str | None = None) -> Table:
        """:func:`flagged_rows` on ``today``; its rows a sequence decoded row by row when read
        (a page shows some hundreds of perhaps 100,000)."""
        if table is not None and table not in APPLIES:
            raise ValueError(f"table: unknown table {table!r}; expected one of {', '.join(APPLIES)}")
        if measure is not None and measure not in MEASURES:
            raise ValueError(f"measure: unknown check {measure!r}; expected one of {', '.join(MEASURES)}")
        if table is not None and measure is not None and measure not in APPLIES[table]:
            raise ValueError(f"measure: {measure!r} does not apply to {table}; it applies to "
                             f"{', '.join(t for t, ms in APPLIES.items() if measure in ms)}")
        kept = self._flagged(today)
        if table is not None:
            kept &= self.table == self.tables.index(table)
        if measure is not None:
            kept &= self.measure == MEASURES.index(measure)
        if district is not None:
            if district not in self.districts:
                return Table(list(ROW_COLUMNS), [])
            kept &= self.district == self.districts.index(district)
        return Table(list(ROW_COLUMNS), _Found(self, np.flatnonzero(kept)))  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.texts)

    def row(self, i: int) -> dict[str, str]:
        """Finding ``i`` as :func:`candidates` gave it."""
        key, name, detail = self.texts[i]
        district = self.districts[self.district[i]]
        return {"table": self.tables[self.table[i]], "key": key, "name": name, "district": district,
                "district_name": self.names.get(district, ""), "measure": MEASURES[self.measure[i]],
                "detail": detail}


class _Found(Sequence):
    """Some findings of a :class:`QualityFacts`, by position, decoded when read."""

    def __init__(self, facts: QualityFacts, positions: np.ndarray) -> None:
        self.facts, self.positions = facts, positions

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.facts.row(int(j)) for j in self.positions[i]]
        return self.facts.row(int(self.positions[i]))


#: The columns the checks read, per table (what :func:`read_tables` reads back).
COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("id", "name", "district", "lat", "lon", "stages", "weee_categories", "sources", "confidence",
               "checked"),
    "collection_points": ("id", "name", "district", "lat", "lon", "accepts", "sources", "confidence"),
    "projects": ("id", "name", "coordinator", "funder", "sources", "confidence"),
    "relations": ("subject", "relation", "object", "start", "sources", "confidence"),
    "districts": ("key", "name", "sources"),
}


#: The predicates :func:`read_tables` scans (a build's :class:`graph.scans.FileScan` keeps them).
SCANNED = tuple("http://purl.org/dc/terms/source http://www.w3.org/1999/02/22-rdf-syntax-ns#object "
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate "
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject "
                "http://www.w3.org/2000/01/rdf-schema#label http://www.w3.org/2003/01/geo/wgs84_pos#lat "
                "http://www.w3.org/2003/01/geo/wgs84_pos#long http://www.w3.org/2004/02/skos/core#notation "
                "http://www.w3.org/ns/org#siteOf https://schema.org/funder https://schema.org/name "
                f"https://schema.org/startDate {HGNS}acceptsGroup {HGNS}checkedOn {HGNS}confidence {HGNS}coordinates "
                f"{HGNS}district {HGNS}handlesCategory {HGNS}regionStatus {HGNS}relationType {HGNS}state "
                f"{HGNS}worksAtStage".split())


def read_tables(store, scan=None) -> Tables:
    """The tables of :data:`APPLIES` with the :data:`COLUMNS` the checks read, as
    :func:`graph.export.tables_from_store` reads them back (the same reader, the same values).

    That reader looks up each fact of each record in the store (minutes at 100,000 actors);
    this one reads each property it needs in one scan and looks the facts up in memory
    (:class:`_ScannedReader`). O(triples of those properties). ``scan``: a build's
    :class:`graph.scans.FileScan`, whose kept triples are read instead of the store's."""
    from graph.export import _ordered

    reader = _scanned_reader(store, scan)
    return {table: _ordered(list(columns), getattr(reader, table)()) for table, columns in COLUMNS.items()}


def _text(o) -> str:
    """An IRI kept as its string, or a term's value."""
    return o if type(o) is str else o.value


def _scanned_reader(store, scan=None):
    from graph.build.columns import FACTS
    from graph.export import DCT, RDF, SKOS, _slug, _TableReader
    from graph.namespaces import ORG

    #: Predicates whose subjects are asked by one object each (a class, a scheme).
    CLASS_PREDICATES = {RDF + "type", SKOS + "inScheme"}

    wanted = {table: set(columns) for table, columns in COLUMNS.items()}

    class _ScannedReader(_TableReader):
        """:class:`graph.export._TableReader` reading each property in one scan (``?s <p> ?o``,
        the store's default graph, where the build writes the data),
        kept by subject and by object, and only the columns of :data:`COLUMNS`. A scan gives a
        subject's objects in the order a lookup does (both follow the store's object order)."""

        def __init__(self, store) -> None:
            self.by_subject: dict[str, dict[str, list]] = {}
            self.by_object: dict[str, dict[str, list[str]]] = {}
            super().__init__(store)

        def _scan(self, predicate: str):
            """``(subject, object)`` of every triple of ``predicate``: the subject's IRI, the
            object's IRI as a string or the literal's term (its language is read)."""
            kept = scan.raw_pairs(predicate) if hasattr(scan, "raw_pairs") else None
            if kept is not None:  # the build's own triples: no look-up on disk, no terms made
                return kept
            # A SELECT of one pattern, not quads_for_pattern: several times faster per triple.
            rows = self.store.query(f"SELECT ?s ?o WHERE {{ ?s {pyoxigraph.NamedNode(predicate)} ?o }}")
            return ((s.value, o.value if type(o) is pyoxigraph.NamedNode else o) for s, o in rows)

        def values(self, subject: str, predicate: str) -> list:
            """The objects as :meth:`_scan` gives them, in the store's order."""
            predicate = str(predicate)  # rdflib terms hash apart from their text
            if predicate not in self.by_subject:
                found: dict[str, list] = {}
                for s, o in self._scan(predicate):
                    found.setdefault(sys.intern(s), []).append(o)
                self.by_subject[predicate] = found
            return self.by_subject[predicate].get(subject, [])

        def objects(self, subject: str, predicate: str) -> list:
            return [pyoxigraph.NamedNode(o) if type(o) is str else o for o in self.values(subject, predicate)]

        # The export's cell readers on the raw values (a term per object made 4 million terms).
        def one(self, subject: str, predicate: str, lang: str | None = None) -> str:
            for o in self.values(subject, predicate):
                if type(o) is str:
                    if lang is None:
                        return o
                elif lang is None or o.language == lang:
                    return o.value
            return ""

        def code(self, subject: str, predicate: str) -> str:
            values = self.values(subject, predicate)
            return self.notation.get(_text(values[0]), _slug(_text(values[0]))) if values else ""

        def terms(self, iris: list) -> str:
            return "; ".join(sorted(self.notation.get(v, _slug(v)) for v in map(_text, iris)))

        def sources(self, subject: str) -> str:
            return " ".join(sorted(map(_text, self.values(subject, DCT + "source"))))

        def subjects(self, predicate: str, obj: str) -> list[str]:
            predicate, obj = str(predicate), str(obj)
            if predicate in CLASS_PREDICATES:  # few values, each asked once: only its members
                text = f"SELECT ?s WHERE {{ ?s {pyoxigraph.NamedNode(predicate)} {pyoxigraph.NamedNode(obj)} }}"
                return sorted(s[0].value for s in self.store.query(text))
            if predicate not in self.by_object:
                found: dict[str, list[str]] = {}
                for s, o in self._scan(predicate):
                    if type(o) is str:
                        found.setdefault(o, []).append(sys.intern(s))
                self.by_object[predicate] = found
            return sorted(self.by_object[predicate].get(obj, ()))

        def actors(self) -> list[dict[str, str]]:  # as the export's, without the kind the checks do not read
            return [{"id": _slug(a), **self.place(a), **self.facts(a, "actors"), "sources": self.sources(a)}
                    for a in self.subjects(RDF + "type", str(ORG.Organization))]

        def facts(self, subject: str, table: str) -> dict[str, str]:
            return {fact.column: self.terms(self.values(subject, fact.predicate)) if fact.kind == "concepts"
                    else self.one(subject, fact.predicate, language(fact))
                    for fact in FACTS[table] if fact.column in wanted[table]}

        def place(self, subject: str) -> dict[str, str]:
            return {"district": self.code(subject, HG.district), "lat": self.one(subject, WGS.lat),
                    "lon": self.one(subject, WGS.long)}

    return _ScannedReader(store)
