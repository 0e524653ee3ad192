"""SHACL shapes: for each shape one conforming and one violating example (synthetic), and
the compiled SPARQL checks agree with pyshacl, the reference implementation."""

from __future__ import annotations

import pyoxigraph
import pytest
import rdflib

from graph.build.ingest import vocabulary_quads
from graph.build.shacl import compile_shapes, run_checks
from graph.settings import Settings

PREFIXES = """
@prefix hg: <https://w3id.org/harzgraph/ns#> .
@prefix actor: <https://w3id.org/harzgraph/id/actor/> .
@prefix project: <https://w3id.org/harzgraph/id/project/> .
@prefix site: <https://w3id.org/harzgraph/id/site/> .
@prefix rel: <https://w3id.org/harzgraph/id/relation/> .
@prefix kind: <https://w3id.org/harzgraph/id/concept/kind/> .
@prefix stage: <https://w3id.org/harzgraph/id/concept/stage/> .
@prefix sg: <https://w3id.org/harzgraph/id/concept/collection-group/> .
@prefix state: <https://w3id.org/harzgraph/id/concept/state/> .
@prefix reltype: <https://w3id.org/harzgraph/id/concept/relation-type/> .
@prefix regionstatus: <https://w3id.org/harzgraph/id/concept/region-status/> .
@prefix geoprecision: <https://w3id.org/harzgraph/id/concept/geo-precision/> .
@prefix scheme: <https://w3id.org/harzgraph/id/scheme/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

ACTOR = """actor:x a org:Organization ; rdfs:label "SYNTHETIC X" ; schema:name "SYNTHETIC X" ;
    hg:kind kind:recycler ; hg:confidence "high" ; hg:checkedOn "2026-11-25"^^xsd:date ;
    dcterms:source <https://example.org/s> ; hg:worksAtStage stage:TS-08 ;
    wgs:lat "51.9"^^xsd:decimal ; wgs:long "10.4"^^xsd:decimal ; hg:state state:03 ."""
PROJECT = """project:p a schema:ResearchProject ; rdfs:label "SYNTHETIC P" ; hg:confidence "high" ;
    dcterms:source <https://example.org/s> ."""
RELATION = """actor:y a org:Organization ; rdfs:label "SYNTHETIC Y" ; schema:name "SYNTHETIC Y" ;
    hg:kind kind:research ; hg:confidence "low" ; hg:checkedOn "2026-11-25"^^xsd:date ;
    dcterms:source <https://example.org/s> .
actor:x hg:cooperatesWith actor:y .
rel:r a hg:Relationship ; rdf:subject actor:x ; rdf:predicate hg:cooperatesWith ; rdf:object actor:y ;
    hg:relationType reltype:cooperates_with ; hg:confidence "medium" ; dcterms:source <https://example.org/s> ."""
FIGURE = """<https://w3id.org/harzgraph/id/figure/f> a <http://purl.org/linked-data/cube#Observation> ;
    <http://purl.org/linked-data/cube#dataSet> <https://w3id.org/harzgraph/id/dataset/collection-figures> ;
    <http://purl.org/linked-data/sdmx/2009/dimension#refArea> state:15 ;
    <http://purl.org/linked-data/sdmx/2009/dimension#refPeriod> "2021"^^xsd:gYear ;
    hg:basis <https://w3id.org/harzgraph/id/concept/collection-basis/oere> ;
    hg:deviceScope <https://w3id.org/harzgraph/id/concept/device-scope/all> ;
    <http://purl.org/linked-data/sdmx/2009/measure#obsValue> "7.3"^^xsd:decimal ;
    <http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure>
        <https://w3id.org/harzgraph/id/concept/quantity-unit/kg-per-inhabitant> ;
    dcterms:source <https://example.org/s> ; hg:confidence "high" ."""
LEVER = """<https://w3id.org/harzgraph/id/lever/l> a hg:CollectionLever ; hg:effectLow "1.0"^^xsd:decimal ;
    hg:effectHigh "2.0"^^xsd:decimal ; hg:leverCount <https://w3id.org/harzgraph/id/concept/lever-count/event> ;
    hg:effectUnit <https://w3id.org/harzgraph/id/concept/quantity-unit/t> ; hg:confidence "low" ;
    dcterms:source <https://example.org/s> ."""
SITE = """site:c a schema:RecyclingCenter ; rdfs:label "SYNTHETIC C" ; org:siteOf actor:x ;
    hg:acceptsGroup sg:SG5 ; hg:confidence "high" ; dcterms:source <https://example.org/s> ."""
DISTRICT = """<https://w3id.org/harzgraph/id/concept/district/99999> a skos:Concept, schema:AdministrativeArea ;
    skos:inScheme scheme:district ; skos:notation "99999" ; skos:prefLabel "Testkreis"@de, "Test district"@en ;
    hg:population 1000 ; hg:regionStatus regionstatus:candidate .
scheme:district a skos:ConceptScheme ."""

CASES = [
    pytest.param(ACTOR, [], id="actor-conforms"),
    pytest.param(ACTOR.replace('dcterms:source <https://example.org/s> ;', ''),
                 [("actor/x", "sources")], id="actor-without-source"),
    pytest.param(ACTOR.replace('hg:worksAtStage stage:TS-08', 'hg:worksAtStage kind:recycler'),
                 [("actor/x", "stages")], id="actor-stage-from-wrong-scheme"),
    pytest.param(ACTOR.replace('"51.9"', '"95.0"'), [("actor/x", "lat")], id="actor-lat-out-of-range"),
    pytest.param(ACTOR.replace('wgs:long "10.4"^^xsd:decimal ;', ''), [("actor/x", "lat")], id="actor-lat-without-lon"),
    pytest.param(ACTOR.replace('"high"', '"sure"'), [("actor/x", "confidence")], id="actor-bad-confidence"),
    pytest.param(ACTOR + ' actor:x rdfs:label "Second name" .', [("actor/x", "name")], id="actor-two-names"),
    pytest.param(ACTOR + " actor:x hg:geoPrecision geoprecision:town .", [], id="actor-town-precision-conforms"),
    pytest.param(ACTOR + " actor:x hg:geoPrecision kind:recycler .", [("actor/x", "geo_precision")],
                 id="actor-precision-from-wrong-scheme"),
    pytest.param(ACTOR.replace('wgs:lat "51.9"^^xsd:decimal ; wgs:long "10.4"^^xsd:decimal ;', '')
                 + " actor:x hg:geoPrecision geoprecision:town .", [("actor/x", "geo_precision")],
                 id="actor-precision-without-coordinates"),
    pytest.param(ACTOR + " actor:x hg:geoPrecision geoprecision:town, geoprecision:district .",
                 [("actor/x", "geo_precision")], id="actor-two-precisions"),
    pytest.param(PROJECT, [], id="project-conforms"),
    pytest.param(PROJECT.replace('rdfs:label "SYNTHETIC P" ;', ''), [("project/p", "name")], id="project-no-name"),
    pytest.param(ACTOR + RELATION, [], id="relation-conforms"),
    pytest.param(ACTOR + RELATION.replace("actor:x hg:cooperatesWith actor:y .", ""),
                 [("relation/r", "relation")], id="relation-without-direct-triple"),
    pytest.param(ACTOR + RELATION.replace("rdf:object actor:y", "rdf:object <https://example.org/nothing>")
                 .replace("actor:x hg:cooperatesWith actor:y", "actor:x hg:cooperatesWith <https://example.org/nothing>"),
                 [("relation/r", "object")], id="relation-to-unknown-thing"),
    pytest.param(ACTOR + SITE, [], id="site-conforms"),
    pytest.param(ACTOR + SITE.replace("sg:SG5", "stage:TS-01"), [("site/c", "accepts")], id="site-accepts-non-group"),
    pytest.param(FIGURE, [], id="figure-conforms"),
    pytest.param(FIGURE.replace("dcterms:source <https://example.org/s> ;", ""), [("figure/f", "sources")],
                 id="figure-without-source"),
    pytest.param(FIGURE.replace('"2021"^^xsd:gYear', '"2021"'), [("figure/f", "year")], id="figure-year-not-gyear"),
    pytest.param(LEVER, [], id="lever-conforms"),
    pytest.param(LEVER.replace('hg:effectLow "1.0"', 'hg:effectLow "-1.0"'), [("lever/l", "low")],
                 id="lever-negative-effect"),
    pytest.param(ACTOR + SITE + ' site:c wgs:lat "51.5"^^xsd:decimal ; wgs:long "11.3"^^xsd:decimal ; '
                 "hg:geoPrecision geoprecision:district .", [], id="site-district-precision-conforms"),
    pytest.param(ACTOR + SITE + " site:c hg:geoPrecision geoprecision:town .", [("site/c", "geo_precision")],
                 id="site-precision-without-coordinates"),
    pytest.param(DISTRICT, [], id="district-conforms"),
    pytest.param(DISTRICT.replace('"99999"', '"9x"'), [("district/99999", "key")], id="district-bad-key"),
    pytest.param(DISTRICT.replace(', "Test district"@en', ', "Zweiter Name"@de'),
                 [("district/99999", "name")], id="concept-without-english-label"),
]


@pytest.fixture(scope="module")
def checks():
    return compile_shapes(Settings().ontology_dir / "shapes.ttl")


@pytest.fixture(scope="module")
def vocab():
    return vocabulary_quads(Settings())


def _compiled(turtle: str, vocab, checks) -> set[tuple[str, str]]:
    store = pyoxigraph.Store()
    store.bulk_extend(vocab)
    store.load(PREFIXES + turtle, format=pyoxigraph.RdfFormat.TURTLE)
    return {(v.focus.split("/id/", 1)[-1].replace("concept/", ""), v.field) for v in run_checks(store, checks)}


def _pyshacl(turtle: str, vocab) -> set[str]:
    import pyshacl

    store = pyoxigraph.Store()
    store.bulk_extend(vocab)
    store.load(PREFIXES + turtle, format=pyoxigraph.RdfFormat.TURTLE)
    text = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    data = rdflib.Graph().parse(data=text, format="nt")
    shapes = rdflib.Graph().parse(Settings().ontology_dir / "shapes.ttl")
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, advanced=True)
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    return {str(o).split("/id/", 1)[-1].replace("concept/", "") for o in report.objects(None, SH.focusNode)}


@pytest.mark.parametrize(("turtle", "expected"), CASES)
def test_compiled_shapes(turtle, expected, vocab, checks):
    assert _compiled(turtle, vocab, checks) == set(expected)


@pytest.mark.parametrize(("turtle", "expected"), CASES)
def test_pyshacl_agrees_on_focus_nodes(turtle, expected, vocab):
    assert _pyshacl(turtle, vocab) == {focus for focus, _field in expected}


def test_unsupported_constraint_is_refused(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
    <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;
        sh:property [ sh:path <urn:p> ; sh:qualifiedMinCount 1 ] .""")
    with pytest.raises(ValueError, match="unsupported SHACL constraints"):
        compile_shapes(shapes)
