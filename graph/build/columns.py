"""The one column ↔ property table of the editable tables: for every column that becomes a
single property of its record's subject, the property and the kind of value.

``graph.build.mapping`` writes these facts and ``graph.export`` reads them back into the
tables, both from this table, so that export → edit → re-import gives the same graph and the
two directions cannot drift apart. Columns with more structure (ids, kinds, places, sources,
references to other records) are mapped by hand on both sides.

Kinds: ``text`` (plain literal), ``text@de`` / ``text@en`` (language-tagged), ``when``
(xsd:gYear, gYearMonth or date by length), ``date`` (xsd:date), ``decimal``, ``integer``,
``iri`` (a URL), ``concepts`` (SKOS concepts, the cell's terms resolved to IRIs).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.namespaces import HG, PREFIXES, SCHEMA

EDITORIAL_NOTE = PREFIXES["skos"] + "editorialNote"


@dataclass(frozen=True)
class Fact:
    column: str
    predicate: str
    kind: str


def _sourced(*facts: Fact) -> tuple[Fact, ...]:
    """Every sourced record also has a confidence and an (English) editorial note."""
    return (*facts, Fact("confidence", str(HG.confidence), "text"), Fact("note", EDITORIAL_NOTE, "text@en"))


FACTS: dict[str, tuple[Fact, ...]] = {
    "actors": _sourced(
        Fact("name", str(SCHEMA.name), "text"),
        Fact("website", str(SCHEMA.url), "iri"),
        Fact("competencies", str(SCHEMA.knowsAbout), "concepts"),
        Fact("materials", str(HG.handlesMaterial), "concepts"),
        Fact("weee_categories", str(HG.handlesCategory), "concepts"),
        Fact("stages", str(HG.worksAtStage), "concepts"),
        Fact("description_de", str(SCHEMA.description), "text@de"),
        Fact("description_en", str(SCHEMA.description), "text@en"),
        Fact("capacity", str(HG.capacity), "text@en"),
        Fact("checked", str(HG.checkedOn), "date"),
    ),
    "projects": _sourced(
        Fact("name", str(SCHEMA.name), "text"),
        Fact("programme", str(HG.programme), "text"),
        Fact("start", str(SCHEMA.startDate), "when"),
        Fact("end", str(SCHEMA.endDate), "when"),
        Fact("summary_de", str(SCHEMA.description), "text@de"),
        Fact("summary_en", str(SCHEMA.description), "text@en"),
    ),
    "collection_points": _sourced(
        Fact("name", str(SCHEMA.name), "text"),
        Fact("accepts", str(HG.acceptsGroup), "concepts"),
    ),
    "relations": _sourced(
        Fact("role", str(SCHEMA.description), "text@en"),
        Fact("start", str(SCHEMA.startDate), "when"),
        Fact("end", str(SCHEMA.endDate), "when"),
    ),
    "collection_figures": _sourced(
        Fact("part", str(HG.areaPart), "text@en"),
        Fact("quantity", PREFIXES["sdmx-measure"] + "obsValue", "decimal"),
    ),
    "collection_levers": _sourced(
        Fact("name_de", PREFIXES["rdfs"] + "label", "text@de"),
        Fact("name_en", PREFIXES["rdfs"] + "label", "text@en"),
        Fact("low", str(HG.effectLow), "decimal"),
        Fact("high", str(HG.effectHigh), "decimal"),
        Fact("max_count", str(HG.maxCount), "integer"),
        Fact("assumption", str(HG.assumption), "text@en"),
    ),
    "districts": (
        Fact("nuts3", str(HG.nuts3), "text"),
        Fact("seat", str(HG.seat), "text"),
        Fact("area_km2", str(HG.areaKm2), "decimal"),
        Fact("population", str(HG.population), "integer"),
        Fact("population_date", str(HG.populationDate), "date"),
        Fact("population_source", str(HG.populationSource), "iri"),
        Fact("status_note", str(HG.regionStatusNote), "text@en"),
    ),
}


def language(fact: Fact) -> str | None:
    """The language tag of a ``text@xx`` fact, else None."""
    return fact.kind.partition("@")[2] or None


_PLACE = ("street", "postcode", "city", "district", "state", "lat", "lon", "geo_precision")
#: The columns mapped by hand on both sides (ids, kinds, places, sources, references).
STRUCTURED: dict[str, tuple[str, ...]] = {
    "actors": ("id", "kind", *_PLACE, "sources"),
    "projects": ("id", "funder", "coordinator", "sources"),
    "collection_points": ("id", "operator", *_PLACE, "sources"),
    "relations": ("subject", "relation", "object", "sources"),
    "districts": ("key", "name", "state", "region_status", "sources"),
    "collection_figures": ("id", "area", "year", "basis", "devices", "unit", "sources"),
    "collection_levers": ("id", "per", "unit", "basis", "sources"),
}
