"""Our own terms as a closed namespace, and the one prefix table for Turtle and SPARQL."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import ClosedNamespace

BASE = "https://w3id.org/harzgraph/"
ID = BASE + "id/"

#: Our own terms. A misspelt term raises AttributeError at once (closed namespace).
HG = ClosedNamespace(
    BASE + "ns#",
    [
        # classes
        "Relationship", "Material", "Competency",
        # actor facts
        "kind", "district", "state", "worksAtStage", "handlesMaterial", "handlesCategory",
        "confidence", "checkedOn", "capacity", "geoPrecision",
        # relations between actors and projects
        "foundingMemberOf", "partnerIn", "coordinates", "cooperatesWith", "supplies",
        "funds", "hostedBy", "relationType",
        # projects
        "programme",
        # collection points
        "acceptsGroup",
        # districts and states
        "nuts1", "nuts3", "regionStatus", "regionStatusNote", "population",
        "populationDate", "populationSource", "areaKm2", "seat",
        # collection figures (an RDF Data Cube) and the levers of the collection scenarios
        "basis", "deviceScope", "areaPart", "collectionFiguresStructure", "CollectionLever",
        "leverCount", "effectLow", "effectHigh", "effectUnit", "maxCount", "assumption",
        # vocabulary annotations
        "orgClass", "directProperty", "symmetric", "crmStrategic", "crmCritical",
        "bulkFraction",
    ],
)

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
WGS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")  # http, not rdflib's https WGS
GEO = Namespace("http://www.opengis.net/ont/geosparql#")

#: Every prefix used in Turtle output and offered to SPARQL queries, in one place.
PREFIXES: dict[str, str] = {
    "hg": BASE + "ns#",
    "actor": ID + "actor/",
    "project": ID + "project/",
    "site": ID + "site/",
    "rel": ID + "relation/",
    "scheme": ID + "scheme/",
    "kind": ID + "concept/kind/",
    "stage": ID + "concept/stage/",
    "cat": ID + "concept/weee-category/",
    "sg": ID + "concept/collection-group/",
    "material": ID + "concept/material/",
    "competency": ID + "concept/competency/",
    "reltype": ID + "concept/relation-type/",
    "state": ID + "concept/state/",
    "district": ID + "concept/district/",
    "rstrategy": ID + "concept/r-strategy/",
    "regionstatus": ID + "concept/region-status/",
    "figure": ID + "figure/",
    "lever": ID + "lever/",
    "basis": ID + "concept/collection-basis/",
    "qb": "http://purl.org/linked-data/cube#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "geoprecision": ID + "concept/geo-precision/",
    "org": str(ORG),
    "schema": str(SCHEMA),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "wgs": str(WGS),
    "geo": str(GEO),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "nuts": "http://data.europa.eu/nuts/code/",
    "nace2": "http://data.europa.eu/ux2/nace2/",
    "ceonactor": "http://w3id.org/CEON/ontology/actor/",
}

def sparql_prologue() -> str:
    """The PREFIX lines of :data:`PREFIXES`, for queries kept in ``queries/*.rq``."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def actor_iri(actor_id: str) -> str:
    return f"{ID}actor/{actor_id}"


def project_iri(project_id: str) -> str:
    return f"{ID}project/{project_id}"


def site_iri(site_id: str) -> str:
    return f"{ID}site/{site_id}"


def figure_iri(figure_id: str) -> str:
    return f"{ID}figure/{figure_id}"


def lever_iri(lever_id: str) -> str:
    return f"{ID}lever/{lever_id}"


#: The RDF Data Cube data set holding every row of data/collection_figures.csv.
COLLECTION_DATASET = ID + "dataset/collection-figures"
#: Germany as a reference area (NUTS level 0).
GERMANY = "http://data.europa.eu/nuts/code/DE"


def scheme_iri(scheme: str) -> str:
    return f"{ID}scheme/{scheme}"


def concept_iri(scheme: str, notation: str) -> str:
    return f"{ID}concept/{scheme}/{notation}"
