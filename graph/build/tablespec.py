"""The tables a person edits in ``data/``: their columns, which are required, and their types."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column: its name, whether a value is required, and how the value is read.

    ``kind`` is one of: text, slug, url, urls, date, fulldate, year, area, lat, lon, int, decimal, nuts3,
    confidence, list:<scheme>, term:<scheme>, ref:<table>[|<table>], relation.
    """

    name: str
    kind: str = "text"
    required: bool = False


@dataclass(frozen=True)
class TableSpec:
    name: str  # file stem and sheet name
    columns: tuple[Column, ...]
    key: str | None = "id"
    required_file: bool = True

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


CONFIDENCE = ("high", "medium", "low")

DISTRICTS = TableSpec("districts", (
    Column("key", "districtkey", True), Column("name", "text", True),
    Column("state", "term:state", True), Column("nuts3", "nuts3"), Column("seat"),
    Column("area_km2", "decimal"), Column("population", "int"),
    Column("population_date", "fulldate"), Column("population_source", "url"),
    Column("region_status", "term:region-status", True), Column("status_note"),
    Column("sources", "urls", True),
), key="key")

ACTORS = TableSpec("actors", (
    Column("id", "slug", True), Column("name", "text", True), Column("kind", "term:kind", True),
    Column("city"), Column("postcode", "postcode"), Column("district", "term:district"),
    Column("state", "term:state"), Column("lat", "lat"), Column("lon", "lon"),
    Column("geo_precision", "term:geo-precision"), Column("website", "url"), Column("competencies", "list:competency"),
    Column("materials", "list:material"), Column("weee_categories", "list:weee-category"),
    Column("stages", "list:stage"), Column("description_de"), Column("description_en"),
    Column("capacity"), Column("confidence", "confidence", True),
    Column("sources", "urls", True), Column("checked", "fulldate", True), Column("note"),
))

PROJECTS = TableSpec("projects", (
    Column("id", "slug", True), Column("name", "text", True), Column("programme"),
    Column("funder", "ref:actors"), Column("start", "date"), Column("end", "date"),
    Column("coordinator", "ref:actors"), Column("summary_de"), Column("summary_en"),
    Column("confidence", "confidence", True), Column("sources", "urls", True), Column("note"),
), required_file=False)

RELATIONS = TableSpec("relations", (
    Column("subject", "ref:actors", True), Column("relation", "term:relation-type", True),
    Column("object", "ref:actors|projects", True), Column("role"), Column("start", "date"),
    Column("end", "date"), Column("confidence", "confidence", True),
    Column("sources", "urls", True), Column("note"),
), key=None, required_file=False)

COLLECTION_POINTS = TableSpec("collection_points", (
    Column("id", "slug", True), Column("name", "text", True),
    Column("operator", "ref:actors", True), Column("street"), Column("postcode", "postcode"),
    Column("city"), Column("district", "term:district"), Column("state", "term:state"),
    Column("accepts", "list:collection-group"), Column("lat", "lat"), Column("lon", "lon"),
    Column("geo_precision", "term:geo-precision"),
    Column("confidence", "confidence", True), Column("sources", "urls", True), Column("note"),
), required_file=False)

#: WEEE quantities with their basis, kept apart: see docs/COLLECTION.md. ``area`` is a
#: district or state of the region (name or key) or DE; ``year`` may not lie in the future.
COLLECTION_FIGURES = TableSpec("collection_figures", (
    Column("id", "slug", True), Column("area", "area", True), Column("part"),
    Column("year", "year", True), Column("basis", "term:collection-basis", True),
    Column("devices", "term:device-scope", True), Column("quantity", "decimal", True),
    Column("unit", "term:quantity-unit", True), Column("sources", "urls", True),
    Column("confidence", "confidence", True), Column("note"),
), required_file=False)

#: The levers of the collection scenarios: the effect of one count (a container, an event,
#: a household or person reached, or the whole population for ``inhabitant``) as a low–high range.
COLLECTION_LEVERS = TableSpec("collection_levers", (
    Column("id", "slug", True), Column("name_de", "text", True), Column("name_en", "text", True),
    Column("per", "term:lever-count", True), Column("unit", "term:quantity-unit", True),
    Column("low", "decimal", True), Column("high", "decimal", True),
    Column("basis", "term:collection-basis", True), Column("max_count", "int"),
    Column("sources", "urls", True), Column("confidence", "confidence", True),
    Column("assumption"), Column("note"),
), required_file=False)

#: In reading order: districts first (actors refer to them), relations last.
TABLES: tuple[TableSpec, ...] = (DISTRICTS, ACTORS, PROJECTS, COLLECTION_POINTS, RELATIONS,
                                 COLLECTION_FIGURES, COLLECTION_LEVERS)
TABLE_BY_NAME = {t.name: t for t in TABLES}
