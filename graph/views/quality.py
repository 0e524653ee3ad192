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

import datetime as dt
from urllib.parse import urlsplit

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
    host = (urlsplit(url.strip()).hostname or "").rstrip(".").removeprefix("www.")
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
    names = {d.get("key", ""): d.get("name", "") for d in tables.get("districts", [])}
    district_of = _districts_of(tables)
    linked = _linked_actors(tables)
    cutoff = a_year_before(today).isoformat()
    out: list[dict[str, str]] = []
    for table, measures in APPLIES.items():
        for row in sorted(tables.get(table, []), key=lambda r, t=table: _key(t, r)):
            key = _key(table, row)
            district = district_of(table, row)
            for measure in measures:
                detail = _check(measure, table, row, key, linked, cutoff)
                if detail is not None:
                    out.append({"table": table, "key": key, "name": _name(table, row), "district": district,
                                "district_name": names.get(district, ""), "measure": measure, "detail": detail})
    return out


def _check(measure: str, table: str, row: dict[str, str], key: str, linked: set[str], cutoff: str) -> str | None:
    """The detail text when ``measure`` flags the row, else None."""
    get = lambda column: (row.get(column) or "").strip()  # noqa: E731
    sources = get("sources").split()
    if measure == "missing_stage":
        return "" if not get("stages") else None
    if measure == "missing_district":
        return "" if not get("district") else None
    if measure == "missing_coordinates":
        return "" if not (get("lat") and get("lon")) else None
    if measure == "missing_categories":
        return "" if not get("weee_categories" if table == "actors" else "accepts") else None
    if measure == "single_source":
        return sources[0] if len(sources) == 1 else None
    if measure == "low_confidence":
        return "low" if get("confidence") == "low" else None
    if measure == "not_checked":
        return get("checked") if get("checked") < cutoff else None
    if measure == "mirror_sources":
        mirrors = [url for url in sources if is_mirror(url)]
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
    """
    flagged = findings(tables, today=today)
    names = {d.get("key", ""): d.get("name", "") for d in tables.get("districts", [])}
    district_of = _districts_of(tables)
    rows: list[dict[str, object]] = []
    for table, measures in APPLIES.items():
        records = tables.get(table, [])
        if not records:
            continue
        per_district: dict[str, int] = {}
        for row in records:
            d = district_of(table, row)
            per_district[d] = per_district.get(d, 0) + 1
        for district in ["*", *sorted(per_district, key=lambda d: (d == "", d))]:
            mine = [f for f in flagged if f["table"] == table and district in ("*", f["district"])]
            counts = {m: (len({f["key"] for f in mine if f["measure"] == m}) if m in measures else None)
                      for m in MEASURES}
            rows.append({"table": table, "district": district, "district_name": names.get(district, ""),
                         "records": len(records) if district == "*" else per_district[district], **counts})
    return Table(list(SUMMARY_COLUMNS), rows)


def flagged_rows(tables: Tables, *, today: dt.date, table: str | None = None, district: str | None = None,
                 measure: str | None = None) -> Table:
    """The records behind one count: ``table``, ``district`` ("" for none; None for all) and
    ``measure`` narrow the list. Raises ValueError naming the parameter for an unknown table or
    measure, or a measure that cannot apply to the table."""
    if table is not None and table not in APPLIES:
        raise ValueError(f"table: unknown table {table!r}; expected one of {', '.join(APPLIES)}")
    if measure is not None and measure not in MEASURES:
        raise ValueError(f"measure: unknown check {measure!r}; expected one of {', '.join(MEASURES)}")
    if table is not None and measure is not None and measure not in APPLIES[table]:
        raise ValueError(f"measure: {measure!r} does not apply to {table}; it applies to "
                         f"{', '.join(t for t, ms in APPLIES.items() if measure in ms)}")
    rows = [f for f in findings(tables, today=today)
            if (table is None or f["table"] == table) and (measure is None or f["measure"] == measure)
            and (district is None or f["district"] == district)]
    return Table(list(ROW_COLUMNS), rows)
