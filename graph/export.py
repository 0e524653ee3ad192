"""Write the graph out: as RDF (Turtle, N-Quads, JSON-LD), as the editable tables again
(CSV files or one XLSX workbook — export, edit, re-import gives the same graph), or as a
network file for Gephi and friends (GraphML, GEXF)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

import pyoxigraph

from graph.build.columns import FACTS, language
from graph.build.mapping import RELATION_BASE
from graph.build.tablespec import TABLES
from graph.build.vocabulary import vocabulary_from_store
from graph.namespaces import COLLECTION_DATASET, GERMANY, HG, ID, ORG, PREFIXES, SCHEMA, WGS

RDF_FORMATS = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}
TABLE_FORMATS = ("xlsx", "csv")
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = (*RDF_FORMATS, *TABLE_FORMATS, *NETWORK_FORMATS)

RDF = PREFIXES["rdf"]
DCT = PREFIXES["dcterms"]
SKOS = PREFIXES["skos"]


def export_rdf(store: pyoxigraph.Store, fmt: str) -> bytes:
    """The whole default graph (data and vocabularies) in one RDF syntax."""
    prefixes = PREFIXES if fmt == "ttl" else None
    kwargs = {"prefixes": prefixes} if prefixes else {}
    return store.dump(format=RDF_FORMATS[fmt], from_graph=pyoxigraph.DefaultGraph(), **kwargs)


class _Graph:
    """Tiny read helper over the store for rebuilding the tables."""

    def __init__(self, store: pyoxigraph.Store):
        self.store = store

    def objects(self, subject: str, predicate: str) -> list:
        return [q.object for q in self.store.quads_for_pattern(
            pyoxigraph.NamedNode(subject), pyoxigraph.NamedNode(predicate), None)]

    def one(self, subject: str, predicate: str, lang: str | None = None) -> str:
        values = [o for o in self.objects(subject, predicate)
                  if lang is None or getattr(o, "language", None) == lang]
        return values[0].value if values else ""

    def subjects(self, predicate: str, obj: str) -> list[str]:
        return sorted(q.subject.value for q in self.store.quads_for_pattern(
            None, pyoxigraph.NamedNode(predicate), pyoxigraph.NamedNode(obj)))


def tables_from_store(store: pyoxigraph.Store) -> dict[str, list[dict[str, str]]]:
    """Rebuild the rows of every ``data/`` table from the graph."""
    g = _Graph(store)
    notation = vocabulary_from_store(store).notation

    def note(iris: list) -> str:
        return "; ".join(sorted(notation.get(o.value, o.value.rsplit("/", 1)[-1]) for o in iris))

    def code(subject: str, predicate: str) -> str:
        values = g.objects(subject, predicate)
        return notation.get(values[0].value, values[0].value.rsplit("/", 1)[-1]) if values else ""

    def facts(subject: str, table: str) -> dict[str, str]:
        """The single-property columns, read back with the table mapping wrote them from."""
        row = {}
        for fact in FACTS[table]:
            if fact.kind == "concepts":
                row[fact.column] = note(g.objects(subject, fact.predicate))
            else:
                row[fact.column] = g.one(subject, fact.predicate, language(fact))
        return row

    def sources(subject: str) -> str:
        return " ".join(sorted(o.value for o in g.objects(subject, DCT + "source")))

    def slug(iri: str) -> str:
        return iri.rsplit("/", 1)[-1]

    def place(subject: str) -> dict[str, str]:
        address = subject + "#address"
        return {
            "street": g.one(address, SCHEMA.streetAddress), "postcode": g.one(address, SCHEMA.postalCode),
            "city": g.one(address, SCHEMA.addressLocality), "district": code(subject, HG.district),
            "state": code(subject, HG.state), "lat": g.one(subject, WGS.lat), "lon": g.one(subject, WGS.long),
        }

    relation_nodes = g.subjects(RDF + "type", HG.Relationship)
    reified = {(g.one(r, RDF + "subject"), g.one(r, RDF + "predicate"), g.one(r, RDF + "object"))
               for r in relation_nodes}

    tables: dict[str, list[dict[str, str]]] = defaultdict(list)
    for d in g.subjects(SKOS + "inScheme", ID + "scheme/district"):
        tables["districts"].append({
            "key": g.one(d, SKOS + "notation"), "name": g.one(d, PREFIXES["rdfs"] + "label"),
            "state": code(d, HG.state), "region_status": code(d, HG.regionStatus), **facts(d, "districts"),
            "sources": sources(d)})
    for a in g.subjects(RDF + "type", str(ORG.Organization)):
        where = place(a)
        tables["actors"].append({
            "id": slug(a), "kind": code(a, HG.kind),
            "city": where["city"], "postcode": where["postcode"], "district": where["district"],
            "state": where["state"], "lat": where["lat"], "lon": where["lon"],
            **facts(a, "actors"), "sources": sources(a)})
    for p in g.subjects(RDF + "type", SCHEMA.ResearchProject):
        funders = [o.value for o in g.objects(p, SCHEMA.funder)
                   if (o.value, str(HG.funds), p) not in reified]
        coordinators = [s for s in g.subjects(HG.coordinates, p)
                        if (s, str(HG.coordinates), p) not in reified]
        tables["projects"].append({
            "id": slug(p), "funder": slug(funders[0]) if funders else "",
            "coordinator": slug(coordinators[0]) if coordinators else "",
            **facts(p, "projects"), "sources": sources(p)})
    for s in g.subjects(RDF + "type", SCHEMA.RecyclingCenter):
        tables["collection_points"].append({
            "id": slug(s), "operator": slug(g.one(s, ORG.siteOf)), **place(s),
            **facts(s, "collection_points"), "sources": sources(s)})
    for r in relation_nodes:
        if not r.startswith(RELATION_BASE):
            continue
        tables["relations"].append({
            "subject": slug(g.one(r, RDF + "subject")), "relation": code(r, HG.relationType),
            "object": slug(g.one(r, RDF + "object")), **facts(r, "relations"), "sources": sources(r)})
    _collection_tables(g, tables, code, facts, sources, slug)
    return {spec.name: _ordered(spec.column_names, tables.get(spec.name, [])) for spec in TABLES}


def _collection_tables(g: _Graph, tables: dict, code, facts, sources, slug) -> None:
    """The rows of collection_figures (qb:Observation) and collection_levers again."""
    qb, sdmx = PREFIXES["qb"], PREFIXES["sdmx-dimension"]
    for o in g.subjects(qb + "dataSet", COLLECTION_DATASET):
        area = g.one(o, sdmx + "refArea")
        tables["collection_figures"].append({
            "id": slug(o), "area": "DE" if area == GERMANY else code(o, sdmx + "refArea"),
            "year": g.one(o, sdmx + "refPeriod"), "basis": code(o, HG.basis),
            "devices": code(o, HG.deviceScope), "unit": code(o, PREFIXES["sdmx-attribute"] + "unitMeasure"),
            **facts(o, "collection_figures"), "sources": sources(o)})
    for lever in g.subjects(RDF + "type", HG.CollectionLever):
        tables["collection_levers"].append({
            "id": slug(lever), "per": code(lever, HG.leverCount), "unit": code(lever, HG.effectUnit),
            "basis": code(lever, HG.basis), **facts(lever, "collection_levers"), "sources": sources(lever)})


def _ordered(columns: list[str], rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{c: row.get(c, "") for c in columns} for row in rows]


def write_csv_folder(tables: dict[str, list[dict[str, str]]], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in TABLES:
        path = folder / f"{spec.name}.csv"
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=spec.column_names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(tables[spec.name])
        path.write_text(buffer.getvalue(), encoding="utf-8")
        written.append(path)
    return written


def write_workbook(tables: dict[str, list[dict[str, str]]], path: Path) -> Path:
    """One sheet per table, every cell as text (so ids like 03153 keep their zero)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for spec in TABLES:
        sheet = book.create_sheet(spec.name)
        sheet.append(spec.column_names)
        for row in tables[spec.name]:
            sheet.append([row[c] for c in spec.column_names])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                cell.data_type = "s"
        sheet.freeze_panes = "A2"
    book.save(path)
    return path
