"""Check records against their table specs, the vocabularies and each other.

Every problem names file, row and field and, where it can, what would be right ("did you
mean …"). All problems are collected; the caller raises once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph

from graph.build import figures
from graph.build.readers import RawTable, Record
from graph.build.tablespec import CONFIDENCE, TABLE_BY_NAME, TableSpec
from graph.build.vocabulary import Vocabulary, add_districts
from graph.errors import Problem

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DISTRICT_KEY = re.compile(r"^\d{5}$")
POSTCODE = re.compile(r"^\d{5}$")
#: A NUTS-3 code (it becomes part of an IRI): country code and three letters or digits, e.g. DE916.
NUTS3 = re.compile(r"[A-Z]{2}[0-9A-Z]{3}")
# Characters that may not appear in an IRI (RFC 3987 / N-Triples IRIREF).
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`]')
#: Characters XML 1.0 cannot hold (so neither can an .xlsx file nor SPARQL XML results).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Whole numbers: ASCII digits only (no sign, no separators: "12.5", "1,5" and "1.2.3" are refused).
INTEGER = re.compile(r"[0-9]{1,15}")
#: Decimal numbers: ASCII digits, one decimal point or comma, an optional minus sign.
DECIMAL = re.compile(r"-?[0-9]{1,12}(?:[.,][0-9]{1,15})?")
#: Bounds of the integer columns (a population).
INT_BOUNDS = (0, 10**12)
#: One label of a host name: letters (any script), digits and inner hyphens.
_HOST_LABEL = re.compile(r"[^\W_](?:[\w-]{0,61}[^\W_])?")

#: Germany's bounding box: a coordinate outside it is probably a mistake here.
GERMANY_LAT = (47.2, 55.1)
GERMANY_LON = (5.8, 15.1)


@dataclass
class CheckedData:
    """Records that passed the checks, with values already parsed and resolved.

    ``resolved[(table, row)][field]`` holds the parsed value of a cell: a concept IRI,
    a list of IRIs, a float, an int, a date string or a list of URLs.
    """

    tables: dict[str, list[Record]] = field(default_factory=dict)
    resolved: dict[tuple[str, int], dict[str, object]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def value(self, record: Record, name: str) -> object:
        return self.resolved.get((record.file, record.row), {}).get(name)


def check_tables(tables: dict[str, RawTable], vocab: Vocabulary) -> CheckedData:
    """Check every table; resolve terms and references; collect every problem."""
    data = CheckedData()
    for name, table in tables.items():
        spec = TABLE_BY_NAME[name]
        data.problems += _check_header(table, spec)
        data.tables[name] = table.records
    districts = data.tables.get("districts", [])
    add_districts(vocab, [(r.get("key"), r.get("name"), r.get("state")) for r in districts])
    ids = _collect_ids(data)
    for name, records in data.tables.items():
        spec = TABLE_BY_NAME[name]
        for record in records:
            data.resolved[(record.file, record.row)] = _check_record(record, spec, vocab, ids, data.problems)
    figures.check_collection_tables(data.tables, data.resolved, data.problems)
    return data


def _check_header(table: RawTable, spec: TableSpec) -> list[Problem]:
    problems = []
    known = spec.column_names
    for name in table.header:
        if name and name not in known:
            near = difflib.get_close_matches(name, known, n=1)
            hint = f"; did you mean '{near[0]}'?" if near else f"; known columns: {', '.join(known)}"
            problems.append(Problem(table.file, 1, name, f"unknown column '{name}'{hint}"))
    for column in spec.columns:
        if column.required and column.name not in table.header:
            problems.append(Problem(table.file, 1, column.name, f"required column '{column.name}' is missing"))
    seen: set[str] = set()
    for name in table.header:
        if name in seen:
            problems.append(Problem(table.file, 1, name, f"column '{name}' appears twice"))
        seen.add(name)
    return problems


def _collect_ids(data: CheckedData) -> dict[str, dict[str, Record]]:
    """Ids per table; duplicates within a table and across tables are problems."""
    ids: dict[str, dict[str, Record]] = {}
    owner: dict[str, Record] = {}
    for name, records in data.tables.items():
        key = TABLE_BY_NAME[name].key
        if key is None:
            continue
        table_ids = ids.setdefault(name, {})
        for record in records:
            value = record.get(key)
            if not value:
                continue
            if value in table_ids:
                first = table_ids[value]
                data.problems.append(Problem(record.file, record.row, key,
                                             f"duplicate {key} '{value}' (also in row {first.row})"))
                continue
            if name != "districts" and value in owner:
                first = owner[value]
                data.problems.append(Problem(record.file, record.row, key,
                                             f"duplicate id '{value}': already used in {first.file}, "
                                             f"row {first.row}; ids must be unique across tables"))
            table_ids[value] = record
            if name != "districts":
                owner.setdefault(value, record)
    return ids


def _check_record(record: Record, spec: TableSpec, vocab: Vocabulary,
                  ids: dict[str, dict[str, Record]], problems: list[Problem]) -> dict[str, object]:
    out: dict[str, object] = {}

    def problem(name: str, message: str, severity: str = "error") -> None:
        problems.append(Problem(record.file, record.row, name, message, severity))

    refused = set()
    if NOT_XML.search("\t".join(record.values.values())):  # one search per record; the cell when found
        for name, raw in record.values.items():
            bad = NOT_XML.search(raw)
            if bad:
                problem(name, f"holds the character U+{ord(bad.group()):04X} at position {bad.start() + 1}, "
                              "which XML and spreadsheets cannot hold; delete it")
                refused.add(name)
    for column in spec.columns:
        if column.name in refused:
            continue
        text = record.get(column.name)
        if not text:
            if column.required:
                problem(column.name, f"'{column.name}' is required but empty")
            continue
        value = _parse(column.kind, column.name, text, vocab, ids, problem)
        if value is not None:
            out[column.name] = value
    _check_together(record, out, problem)
    return out


def _parse(kind: str, name: str, text: str, vocab: Vocabulary, ids, problem) -> object:
    if kind == "text":
        return text
    if kind == "slug":
        if not SLUG.match(text):
            problem(name, f"'{text}' is not a valid id: use lower-case letters, digits and single "
                          "hyphens (e.g. 'kwb-goslar')")
            return None
        return text
    if kind == "districtkey":
        if not DISTRICT_KEY.match(text):
            problem(name, f"'{text}' is not a 5-digit Kreisschlüssel (e.g. 03153)")
            return None
        return text
    if kind == "nuts3":
        if not NUTS3.fullmatch(text):
            problem(name, f"'{_short(text)}' is not a NUTS-3 code (two capital letters and three capital "
                          "letters or digits, e.g. DE916)")
            return None
        return text
    if kind == "postcode":
        if not POSTCODE.match(text):
            problem(name, f"'{text}' is not a 5-digit German postcode", "warning")
        return text
    if kind == "url":
        return _url(name, text, problem)
    if kind == "urls":
        urls = [u for u in (_url(name, part, problem) for part in text.split()) if u]
        return urls or None
    if kind == "year":
        return figures.parse_year(name, text, problem)
    if kind == "area":
        return figures.parse_area(name, text, vocab, problem)
    if kind in ("date", "fulldate"):
        return _date(name, text, problem, full=kind == "fulldate")
    if kind in ("lat", "lon"):
        return _number(name, text, problem, (-90, 90) if kind == "lat" else (-180, 180))
    if kind == "int":
        if not INTEGER.fullmatch(text):
            problem(name, f"'{_short(text)}' is not a whole number: write digits 0-9 only, without a "
                          "decimal point or thousands separators (e.g. 134672)")
            return None
        value = int(text)
        if not INT_BOUNDS[0] <= value <= INT_BOUNDS[1]:
            problem(name, f"{value} is out of range ({INT_BOUNDS[0]} … {INT_BOUNDS[1]})")
            return None
        return value
    if kind == "decimal":
        return _number(name, text, problem, (0, 1e9))
    if kind == "confidence":
        if text not in CONFIDENCE:
            problem(name, f"'{text}' is not an evidence level; use one of: {', '.join(CONFIDENCE)}")
            return None
        return text
    if kind.startswith("term:"):
        return _term(kind[5:], name, text, vocab, problem)
    if kind.startswith("list:"):
        scheme = kind[5:]
        items = [part.strip() for part in text.split(";") if part.strip()]
        found = [t for t in (_term(scheme, name, item, vocab, problem) for item in items) if t]
        return sorted(set(found)) or None
    if kind.startswith("ref:"):
        targets = kind[4:].split("|")
        for table in targets:
            if text in ids.get(table, {}):
                return (table, text)
        pool = [i for t in targets for i in ids.get(t, {})]
        near = difflib.get_close_matches(text, pool, n=1)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        problem(name, f"'{text}' is not the id of any {' or '.join(t.rstrip('s') for t in targets)}{hint}")
        return None
    raise ValueError(f"unknown column kind {kind!r}")


def _term(scheme: str, name: str, text: str, vocab: Vocabulary, problem) -> str | None:
    iri = vocab.resolve(scheme, text)
    if iri is None:
        problem(name, vocab.unknown(scheme, text))
    return iri


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} characters)"


#: The plain URLs most cells hold (ASCII host labels, no port, user, fragment or empty query;
#: only the characters RFC 3987 allows in a path and a query): every one passes the full check
#: of :func:`_url` (tests/graph/test_ingest.py checks that for generated examples), which is
#: spared for them — a tenth of the check step at 100,000 actors.
SIMPLE_URL = re.compile(
    r"https?://[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
    r"(?:/(?:[A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})*)?"
    r"(?:\?(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})+)?")


def _url(name: str, text: str, problem) -> str | None:
    """An http(s) URL that parses, re-serialises to itself and is a valid IRI; else None
    and a problem (so the N-Triples load can never fail on it later)."""
    if SIMPLE_URL.fullmatch(text):
        return text
    return _checked_url(name, text, problem)


def _checked_url(name: str, text: str, problem) -> str | None:
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 — raises ValueError on a port that is not a number in range
    except ValueError as exc:
        problem(name, f"'{_short(text)}' is not a well-formed URL ({exc})")
        return None
    if parts.scheme not in ("http", "https"):
        problem(name, f"'{_short(text)}' is not an http(s) URL")
        return None
    host = parts.hostname or ""
    if ("." not in host or not all(_HOST_LABEL.fullmatch(label) for label in host.rstrip(".").split("."))
            or _IRI_FORBIDDEN.search(text) or urlunsplit(parts) != text):
        problem(name, f"'{_short(text)}' is not a well-formed URL")
        return None
    try:
        pyoxigraph.NamedNode(text)
    except ValueError as exc:
        problem(name, f"'{_short(text)}' is not a well-formed URL ({exc})")
        return None
    return text


def _date(name: str, text: str, problem, *, full: bool) -> str | None:
    match = DATE.match(text)
    if not match or (full and not match.group(3)):
        want = "YYYY-MM-DD" if full else "YYYY, YYYY-MM or YYYY-MM-DD"
        problem(name, f"'{text}' is not a date of the form {want}")
        return None
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        problem(name, f"'{text}' is not a date that exists")
        return None
    return text


def _number(name: str, text: str, problem, bounds: tuple[float, float]) -> float | None:
    if not DECIMAL.fullmatch(text):
        problem(name, f"'{_short(text)}' is not a number: write digits 0-9 with at most one decimal point "
                      "(e.g. 51.9)")
        return None
    value = float(text.replace(",", "."))
    low, high = bounds
    if not low <= value <= high:
        problem(name, f"{value:g} is out of range ({low:g} … {high:g})")
        return None
    return value


def _check_together(record: Record, out: dict[str, object], problem) -> None:
    """Checks that involve several fields of one record."""
    has_lat, has_lon = "lat" in out, "lon" in out
    if record.get("lat") and record.get("lon") and has_lat != has_lon:
        return  # one of them is already reported as malformed
    if has_lat != has_lon:
        problem("lon" if has_lat else "lat", "lat and lon must be given together")
    if "geo_precision" in out and not (has_lat and has_lon) and not record.get("lat") and not record.get("lon"):
        problem("geo_precision", "a precision needs coordinates: fill in lat and lon, or leave geo_precision empty")
    if has_lat and has_lon:
        lat, lon = out["lat"], out["lon"]
        in_lat = GERMANY_LAT[0] <= lat <= GERMANY_LAT[1]
        in_lon = GERMANY_LON[0] <= lon <= GERMANY_LON[1]
        if not in_lat and not in_lon and GERMANY_LAT[0] <= lon <= GERMANY_LAT[1] \
                and GERMANY_LON[0] <= lat <= GERMANY_LON[1]:
            problem("lat", f"lat {lat:g} and lon {lon:g} look swapped (Germany is at lat ≈ 47–55, "
                           "lon ≈ 6–15)")
            out.pop("lat"), out.pop("lon")
        elif not (in_lat and in_lon):
            problem("lat", f"({lat:g}, {lon:g}) lies outside Germany; is that right?", "warning")
    start, end = out.get("start"), out.get("end")
    if isinstance(start, str) and isinstance(end, str) and end < start[: len(end)]:
        problem("end", f"end {end} lies before start {start}")
