"""Records → triples, with established vocabularies; one function per record kind.

Triples are written as N-Triples lines: Oxigraph bulk-loads them directly, and building
strings is about ten times faster than building term objects (measured in bench/build.py),
which matters at 100k actors. Every record's subject is remembered with the file and row it
came from (``origins``), so that a SHACL violation can name file, row and field, and every
line is also filed under its batch for the SHACL checks (:mod:`graph.build.batches`). The
namespace terms are resolved to strings once (``_Terms``), not looked up per triple.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from graph.build.batches import KIND_PREDICATES, Batches, batch_count
from graph.build.columns import FACTS
from graph.build.readers import Origin, Record
from graph.build.records import CheckedData
from graph.build.vocabulary import Vocabulary
from graph.namespaces import (
    GEO,
    HG,
    ID,
    ORG,
    PREFIXES,
    SCHEMA,
    WGS,
    actor_iri,
    concept_iri,
    project_iri,
    scheme_iri,
    site_iri,
)


class _Terms:
    """A namespace whose terms are resolved to plain strings once, on first use: an rdflib
    namespace look-up costs tens of microseconds, and a build at 100,000 actors makes
    millions of them (bench/scale.py)."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        value = str(getattr(self._namespace, name))  # an unknown term of a closed namespace raises here
        setattr(self, name, value)
        return value


HG, ORG, SCHEMA, WGS, GEO = (_Terms(namespace) for namespace in (HG, ORG, SCHEMA, WGS, GEO))

RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
XSD = PREFIXES["xsd"]
SKOS = PREFIXES["skos"]
PROV = PREFIXES["prov"]
DCT = PREFIXES["dcterms"]
DCAT = PREFIXES["dcat"]
FOAF_HOMEPAGE = "http://xmlns.com/foaf/0.1/homepage"
SF_POINT = "http://www.opengis.net/ont/sf#Point"
DATASET_IRI = ID + "dataset"
RELATION_BASE = ID + "relation/"

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def iri(value: str) -> str:
    return f"<{value}>"


def literal(value: object, *, lang: str | None = None, datatype: str | None = None) -> str:
    """An N-Triples literal; text is escaped, so any name is safe to write."""
    text = str(value).translate(_ESCAPES)
    if lang:
        return f'"{text}"@{lang}'
    if datatype:
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


def date_literal(text: str) -> str:
    datatype = {4: "gYear", 7: "gYearMonth"}.get(len(text), "date")
    return literal(text, datatype=XSD + datatype)


def decimal_literal(value: float) -> str:
    return literal(repr(float(value)) if "e" not in repr(float(value)) else f"{value:f}", datatype=XSD + "decimal")


class Mapped:
    """The triples of a whole build, spooled to a temporary file, and where each subject
    came from. Spooling keeps memory flat: at 100k actors the N-Triples text is ~800 MB.

    Every triple is also filed under its batch for the SHACL checks (:mod:`graph.build.batches`):
    ``begin(subject, record)`` starts a record, so that the triples it writes under other
    subjects are also given to the checks of its own batch.
    """

    def __init__(self, batch_count: int = 1, folder: Path | None = None):
        """``folder``: where to spool (None: the system's temporary folder)."""
        self.origins: dict[str, Origin] = {}  # the file and row, not the cells: 100k records' cells are ~0.5 GB
        self.count = 0
        self._buffer: list[str] = []
        self._spool: IO[bytes] = tempfile.NamedTemporaryFile(prefix="harzgraph-", suffix=".nt", dir=folder)  # noqa: SIM115
        try:
            self.batches = Batches(batch_count, folder)
        except BaseException:
            self._spool.close()
            raise
        self._subject: str | None = None
        self._batch = 0
        self._home: int | None = None

    def begin(self, subject: str | None, record: Record | None = None) -> None:
        """Start the triples of one record, whose main subject is ``subject`` (N-Triples form);
        None: what follows belongs to no record."""
        if record is not None:
            self.origins[subject[1:-1]] = Origin(record.file, record.row)
        self._home = None if subject is None else self.batches.owner(subject[1:-1])
        self._subject, self._batch = subject, self._home or 0

    def add(self, s: str, p: str, o: str) -> None:
        # The hot path of a build (5 million calls at 100k actors): Batches.add written out.
        line = f"{s} {p} {o} .\n"
        self._buffer.append(line)
        batches = self.batches
        if s is not self._subject:  # the record's subject is the same string object: no hashing
            self._subject, self._batch = s, batches.owner(s[1:-1])
        batch, home = self._batch, self._home
        batches.buffers[batch].append(line)
        if o[0] == "<":
            batches.refs[batch].add(o)
        if home is not None and home != batch:
            batches.add_context(home, line, o)
        if p == _TYPE or p == _IN_SCHEME:
            batches.note_kind(batch, line, s, p, o)
        if len(self._buffer) >= 100_000:
            self._flush()
            batches.flush()

    def _flush(self) -> None:
        self._spool.write("".join(self._buffer).encode("utf-8"))
        self.count += len(self._buffer)
        self._buffer.clear()

    def finish(self) -> Path:
        """Write out what is buffered; the path of the complete N-Triples file (read by
        ``Store.bulk_load``)."""
        self._flush()
        self._spool.flush()
        self.batches.finish()
        return Path(self._spool.name)

    def save(self, path: Path) -> None:
        shutil.copyfile(self.finish(), path)

    def close(self) -> None:
        self._spool.close()
        self.batches.close()


_TYPE, _IN_SCHEME = KIND_PREDICATES


def map_all(data: CheckedData, vocab: Vocabulary, folder: Path | None = None) -> Mapped:
    """Map every checked record; the caller has made sure ``data`` has no errors.
    ``folder``: where to spool the triples (None: the system's temporary folder)."""
    out = Mapped(batch_count(sum(len(records) for records in data.tables.values())), folder)
    try:
        _map_records(out, data, vocab)
    except BaseException:
        out.close()
        raise
    return out


def _map_records(out: Mapped, data: CheckedData, vocab: Vocabulary) -> None:
    states_of_district = {concept_iri("district", r.get("key")): data.value(r, "state")
                          for r in data.tables.get("districts", [])}
    map_district_scheme(out)
    for record in data.tables.get("districts", []):
        map_district(out, record, data.resolved[(record.file, record.row)])
    for record in data.tables.get("actors", []):
        map_actor(out, record, data.resolved[(record.file, record.row)], vocab, states_of_district)
    for record in data.tables.get("projects", []):
        map_project(out, record, data.resolved[(record.file, record.row)])
    for record in data.tables.get("collection_points", []):
        map_site(out, record, data.resolved[(record.file, record.row)], states_of_district)
    for record in data.tables.get("relations", []):
        map_relation(out, record, data.resolved[(record.file, record.row)], vocab)
    _map_collection(out, data)
    checked = [v["checked"] for (f, _r), v in data.resolved.items() if "checked" in v]
    map_dataset(out, max(checked) if checked else None)
    out.begin(None)


def _map_collection(out: Mapped, data: CheckedData) -> None:
    """The collection figures (an RDF Data Cube) and the scenario levers: graph/build/cube.py."""
    from graph.build import cube

    helpers = {"literal": literal, "iri": iri, "facts": _facts}
    figures = data.tables.get("collection_figures", [])
    if figures:
        cube.map_collection_dataset(out, literal, iri)
    for record in figures:
        cube.map_figure(out, record, data.resolved[(record.file, record.row)], **helpers)
    for record in data.tables.get("collection_levers", []):
        cube.map_lever(out, record, data.resolved[(record.file, record.row)], **helpers)


def _sources(out: Mapped, subject: str, urls: Iterable[str]) -> None:
    for url in urls:
        out.add(subject, iri(DCT + "source"), iri(url))
        out.add(subject, iri(PROV + "wasDerivedFrom"), iri(url))


def _facts(out: Mapped, subject: str, table: str, values: dict[str, object]) -> None:
    """The record's single-property columns, from the one round-trip table (graph.build.columns),
    and its sources."""
    for fact in FACTS[table]:
        if fact.column not in values:
            continue
        value = values[fact.column]
        if fact.kind == "concepts":
            for concept in value:
                out.add(subject, iri(fact.predicate), iri(concept))
        else:
            out.add(subject, iri(fact.predicate), _LITERALS[fact.kind](value, fact))
    _sources(out, subject, values.get("sources", []))


_LITERALS = {
    "text": lambda v, f: literal(v),
    "text@de": lambda v, f: literal(v, lang="de"),
    "text@en": lambda v, f: literal(v, lang="en"),
    "when": lambda v, f: date_literal(v),
    "date": lambda v, f: literal(v, datatype=XSD + "date"),
    "decimal": lambda v, f: decimal_literal(v),
    "integer": lambda v, f: literal(v, datatype=XSD + "integer"),
    "iri": lambda v, f: iri(v),
}


def _place(out: Mapped, subject: str, values: dict[str, object], states_of_district: dict) -> None:
    """Address, district, state and coordinates of an actor or a site."""
    address = [(SCHEMA.streetAddress, values.get("street")), (SCHEMA.postalCode, values.get("postcode")),
               (SCHEMA.addressLocality, values.get("city"))]
    if any(v for _p, v in address):
        node = iri(subject[1:-1] + "#address")
        out.add(subject, iri(SCHEMA.address), node)
        out.add(node, iri(RDF + "type"), iri(SCHEMA.PostalAddress))
        for prop, value in address:
            if value:
                out.add(node, iri(prop), literal(value))
    district = values.get("district")
    state = values.get("state") or states_of_district.get(district)
    if district:
        out.add(subject, iri(HG.district), iri(district))
    if state:
        out.add(subject, iri(HG.state), iri(state))
    if "lat" in values and "lon" in values:
        lat, lon = values["lat"], values["lon"]
        out.add(subject, iri(WGS.lat), decimal_literal(lat))
        out.add(subject, iri(WGS.long), decimal_literal(lon))
        geometry = iri(subject[1:-1] + "#geometry")
        out.add(subject, iri(GEO.hasGeometry), geometry)
        out.add(geometry, iri(RDF + "type"), iri(SF_POINT))
        out.add(geometry, iri(GEO.asWKT), literal(f"POINT({lon:g} {lat:g})", datatype=str(GEO.wktLiteral)))
        if "geo_precision" in values:
            out.add(subject, iri(HG.geoPrecision), iri(values["geo_precision"]))


def map_actor(out: Mapped, record: Record, values: dict, vocab: Vocabulary,
              states_of_district: dict) -> None:
    """An organisation: typed org:Organization and schema:Organization, with its facts."""
    subject = iri(actor_iri(values["id"]))
    out.begin(subject, record)
    kind = values["kind"]
    for cls in (ORG.Organization, SCHEMA.Organization,
                vocab.annotations.get(kind, {}).get("orgClass", str(ORG.FormalOrganization))):
        out.add(subject, iri(RDF + "type"), iri(cls))
    out.add(subject, iri(RDFS + "label"), literal(values["name"]))
    out.add(subject, iri(HG.kind), iri(kind))
    out.add(subject, iri(ORG.classification), iri(kind))
    _place(out, subject, values, states_of_district)
    if "website" in values:
        out.add(subject, iri(FOAF_HOMEPAGE), iri(values["website"]))
    _facts(out, subject, "actors", values)


def map_project(out: Mapped, record: Record, values: dict) -> None:
    subject = iri(project_iri(values["id"]))
    out.begin(subject, record)
    out.add(subject, iri(RDF + "type"), iri(SCHEMA.ResearchProject))
    out.add(subject, iri(RDF + "type"), iri(PROV + "Activity"))
    out.add(subject, iri(RDFS + "label"), literal(values["name"]))
    if "funder" in values:
        out.add(subject, iri(SCHEMA.funder), iri(actor_iri(values["funder"][1])))
    if "coordinator" in values:
        out.add(iri(actor_iri(values["coordinator"][1])), iri(HG.coordinates), subject)
    _facts(out, subject, "projects", values)


def map_site(out: Mapped, record: Record, values: dict, states_of_district: dict) -> None:
    """A recycling centre or other WEEE take-back point, as a site of its operator."""
    subject = iri(site_iri(values["id"]))
    out.begin(subject, record)
    out.add(subject, iri(RDF + "type"), iri(ORG.Site))
    out.add(subject, iri(RDF + "type"), iri(SCHEMA.RecyclingCenter))
    out.add(subject, iri(RDFS + "label"), literal(values["name"]))
    operator = iri(actor_iri(values["operator"][1]))
    out.add(subject, iri(ORG.siteOf), operator)
    out.add(operator, iri(ORG.hasSite), subject)
    _place(out, subject, values, states_of_district)
    _facts(out, subject, "collection_points", values)


def relation_iri(values: dict) -> str:
    """Stable IRI of a relation row: subject, relation type, object (and start)."""
    relation = values["relation"].rsplit("/", 1)[1]
    parts = [values["subject"][1], relation, values["object"][1]]
    if "start" in values:
        parts.append(values["start"])
    return RELATION_BASE + ".".join(parts)


#: Extra triples asserted beside the direct property, for consumers of ORG and schema.org.
_ALSO = {
    "member_of": [(SCHEMA.memberOf, False)],
    "founding_member_of": [(ORG.memberOf, False), (SCHEMA.memberOf, False)],
    "subsidiary_of": [(SCHEMA.parentOrganization, False)],
    "funds": [(SCHEMA.funder, True)],
}


def map_relation(out: Mapped, record: Record, values: dict, vocab: Vocabulary) -> None:
    """A relation row: the direct triple(s) plus a reified hg:Relationship with its evidence."""
    _, subject_id = values["subject"]
    object_table, object_id = values["object"]
    s = iri(actor_iri(subject_id))
    o = iri(actor_iri(object_id) if object_table == "actors" else project_iri(object_id))
    relation_type = values["relation"]
    notation = vocab.notation.get(relation_type, "")
    annotations = vocab.annotations.get(relation_type, {})
    direct = annotations.get("directProperty", str(ORG.linkedTo))
    node = iri(relation_iri(values))
    out.begin(node, record)
    out.add(s, iri(direct), o)
    if annotations.get("symmetric") == "true":
        out.add(o, iri(direct), s)
    for prop, inverse in _ALSO.get(notation, []):
        out.add(o, iri(prop), s) if inverse else out.add(s, iri(prop), o)
    for cls in (HG.Relationship, RDF + "Statement"):
        out.add(node, iri(RDF + "type"), iri(cls))
    out.add(node, iri(RDF + "subject"), s)
    out.add(node, iri(RDF + "predicate"), iri(direct))
    out.add(node, iri(RDF + "object"), o)
    out.add(node, iri(HG.relationType), iri(relation_type))
    _facts(out, node, "relations", values)


def map_district_scheme(out: Mapped) -> None:
    scheme = iri(scheme_iri("district"))
    out.begin(scheme)
    out.add(scheme, iri(RDF + "type"), iri(SKOS + "ConceptScheme"))
    out.add(scheme, iri(SKOS + "prefLabel"), literal("Landkreise der Innovationsregion Harz", lang="de"))
    out.add(scheme, iri(SKOS + "prefLabel"), literal("Districts of the Harz innovation region", lang="en"))


def map_district(out: Mapped, record: Record, values: dict) -> None:
    """A district as a SKOS concept and schema:AdministrativeArea, with its region status."""
    subject = iri(concept_iri("district", values["key"]))
    out.begin(subject, record)
    for cls in (SKOS + "Concept", SCHEMA.AdministrativeArea):
        out.add(subject, iri(RDF + "type"), iri(cls))
    out.add(subject, iri(SKOS + "inScheme"), iri(scheme_iri("district")))
    out.add(subject, iri(SKOS + "topConceptOf"), iri(scheme_iri("district")))
    out.add(subject, iri(SKOS + "notation"), literal(values["key"]))
    for lang in ("de", "en"):
        out.add(subject, iri(SKOS + "prefLabel"), literal(values["name"], lang=lang))
    out.add(subject, iri(RDFS + "label"), literal(values["name"]))
    out.add(subject, iri(HG.state), iri(values["state"]))
    out.add(subject, iri(SCHEMA.containedInPlace), iri(values["state"]))
    if "nuts3" in values:
        out.add(subject, iri(SKOS + "exactMatch"), iri(PREFIXES["nuts"] + values["nuts3"]))
    out.add(subject, iri(HG.regionStatus), iri(values["region_status"]))
    _facts(out, subject, "districts", values)


def map_dataset(out: Mapped, modified: str | None) -> None:
    subject = iri(DATASET_IRI)
    out.begin(subject)
    out.add(subject, iri(RDF + "type"), iri(DCAT + "Dataset"))
    for lang, title in (("de", "harzgraph – Akteure der Kreislaufwirtschaft in der Innovationsregion Harz"),
                        ("en", "harzgraph – circular-economy actors of the Harz innovation region")):
        out.add(subject, iri(DCT + "title"), literal(title, lang=lang))
    if modified:
        out.add(subject, iri(DCT + "modified"), literal(modified, datatype=XSD + "date"))
