"""Write the graph out: as RDF (Turtle, N-Quads, JSON-LD), as the editable tables again
(CSV files or one XLSX workbook — export, edit, re-import gives the same graph), or as a
network file for Gephi and friends (GraphML, GEXF)."""

from __future__ import annotations

import csv
import io
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


class _TableReader:
    """Reads the rows of the editable tables back from the store (the inverse of
    graph.build.mapping; single-property columns from the shared table in graph.build.columns)."""

    def __init__(self, store: pyoxigraph.Store):
        self.store = store
        self.notation = vocabulary_from_store(store).notation
        self.relation_nodes = self.subjects(RDF + "type", HG.Relationship)
        self.reified = {(self.one(r, RDF + "subject"), self.one(r, RDF + "predicate"), self.one(r, RDF + "object"))
                        for r in self.relation_nodes}

    # -- reading the store
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

    # -- cells
    def terms(self, iris: list) -> str:
        return "; ".join(sorted(self.notation.get(o.value, _slug(o.value)) for o in iris))

    def code(self, subject: str, predicate: str) -> str:
        values = self.objects(subject, predicate)
        return self.notation.get(values[0].value, _slug(values[0].value)) if values else ""

    def facts(self, subject: str, table: str) -> dict[str, str]:
        """The single-property columns, read back with the table mapping wrote them from."""
        return {fact.column: self.terms(self.objects(subject, fact.predicate)) if fact.kind == "concepts"
                else self.one(subject, fact.predicate, language(fact)) for fact in FACTS[table]}

    def sources(self, subject: str) -> str:
        return " ".join(sorted(o.value for o in self.objects(subject, DCT + "source")))

    def place(self, subject: str) -> dict[str, str]:
        address = subject + "#address"
        return {
            "street": self.one(address, SCHEMA.streetAddress), "postcode": self.one(address, SCHEMA.postalCode),
            "city": self.one(address, SCHEMA.addressLocality), "district": self.code(subject, HG.district),
            "state": self.code(subject, HG.state), "lat": self.one(subject, WGS.lat),
            "lon": self.one(subject, WGS.long), "geo_precision": self.code(subject, HG.geoPrecision),
        }

    def unreified(self, candidates: list[str], predicate: str, project: str) -> str:
        """The first candidate whose ``(candidate, predicate, project)`` no relation row states:
        the one that came from a column of projects.csv."""
        return next((_slug(c) for c in candidates if (c, predicate, project) not in self.reified), "")

    # -- rows, one method a table
    def districts(self) -> list[dict[str, str]]:
        return [{"key": self.one(d, SKOS + "notation"), "name": self.one(d, PREFIXES["rdfs"] + "label"),
                 "state": self.code(d, HG.state), "region_status": self.code(d, HG.regionStatus),
                 **self.facts(d, "districts"), "sources": self.sources(d)}
                for d in self.subjects(SKOS + "inScheme", ID + "scheme/district")]

    def actors(self) -> list[dict[str, str]]:
        return [{"id": _slug(a), "kind": self.code(a, HG.kind), **self.place(a), **self.facts(a, "actors"),
                 "sources": self.sources(a)} for a in self.subjects(RDF + "type", str(ORG.Organization))]

    def projects(self) -> list[dict[str, str]]:
        return [{"id": _slug(p),
                 "funder": self.unreified([o.value for o in self.objects(p, SCHEMA.funder)], str(HG.funds), p),
                 "coordinator": self.unreified(self.subjects(HG.coordinates, p), str(HG.coordinates), p),
                 **self.facts(p, "projects"), "sources": self.sources(p)}
                for p in self.subjects(RDF + "type", SCHEMA.ResearchProject)]

    def collection_points(self) -> list[dict[str, str]]:
        return [{"id": _slug(s), "operator": _slug(self.one(s, ORG.siteOf)), **self.place(s),
                 **self.facts(s, "collection_points"), "sources": self.sources(s)}
                for s in self.subjects(RDF + "type", SCHEMA.RecyclingCenter)]

    def relations(self) -> list[dict[str, str]]:
        return [{"subject": _slug(self.one(r, RDF + "subject")), "relation": self.code(r, HG.relationType),
                 "object": _slug(self.one(r, RDF + "object")), **self.facts(r, "relations"),
                 "sources": self.sources(r)}
                for r in self.relation_nodes if r.startswith(RELATION_BASE)]

    def collection_figures(self) -> list[dict[str, str]]:
        """The qb:Observations of the collection-figures data set (Germany's NUTS IRI as DE)."""
        dim, attr = PREFIXES["sdmx-dimension"], PREFIXES["sdmx-attribute"]
        def area(o: str) -> str:
            return "DE" if self.one(o, dim + "refArea") == GERMANY else self.code(o, dim + "refArea")

        return [{"id": _slug(o), "area": area(o),
                 "year": self.one(o, dim + "refPeriod"), "basis": self.code(o, HG.basis),
                 "devices": self.code(o, HG.deviceScope), "unit": self.code(o, attr + "unitMeasure"),
                 **self.facts(o, "collection_figures"), "sources": self.sources(o)}
                for o in self.subjects(PREFIXES["qb"] + "dataSet", COLLECTION_DATASET)]

    def collection_levers(self) -> list[dict[str, str]]:
        return [{"id": _slug(lever), "per": self.code(lever, HG.leverCount), "unit": self.code(lever, HG.effectUnit),
                 "basis": self.code(lever, HG.basis), **self.facts(lever, "collection_levers"),
                 "sources": self.sources(lever)}
                for lever in self.subjects(RDF + "type", HG.CollectionLever)]


def _slug(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def tables_from_store(store: pyoxigraph.Store) -> dict[str, list[dict[str, str]]]:
    """Rebuild the rows of every ``data/`` table from the graph."""
    reader = _TableReader(store)
    return {spec.name: _ordered(spec.column_names, getattr(reader, spec.name)()) for spec in TABLES}


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
