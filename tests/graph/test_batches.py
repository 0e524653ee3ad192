"""SHACL in batches (graph/build/batches.py): with one record per batch, the checks find
exactly what they find on the whole graph in one store, also when the evidence of a
violation (or of its absence) lies in another batch than the focus node."""

from __future__ import annotations

import pyoxigraph
import pytest

from graph.build import batches, ingest, mapping
from graph.build.shacl import compile_shapes, run_checks
from graph.errors import ImportFailed
from graph.namespaces import ID

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
PARTNER_IN = "<https://w3id.org/harzgraph/ns#partnerIn>"
CLUSTER, AUTHORITY, REFINER, RECYCLER = (f"<{ID}actor/test-{name}>" for name in
                                         ("cluster", "authority", "refiner", "recycler"))
DISTRICT_SCHEME = f"<{ID}scheme/district>"
MEMBER_OF = f"{ID}relation/test-recycler.member_of.test-cluster.2011"
COOPERATES = f"{ID}relation/test-recycler.cooperates_with.test-refiner"
SITE = f"{ID}site/cp-test"
DISTRICTS = ["03153", "03159", "15085", "15087", "15089", "16062", "16065"]


def _short(iri: str) -> str:
    return iri.split("/id/", 1)[-1].replace("concept/", "")


def _prepare(settings, monkeypatch, *, bugs: bool) -> mapping.Mapped:
    """Map tests/data/valid with one record per batch; ``bugs`` simulates mapping errors
    that only SHACL can see, each with its evidence under another subject:

    - the actors test-cluster and test-authority lose every rdf:type, so the relation
      pointing at test-cluster and the site operated by test-authority point at no actor;
    - the relation test-refiner partner_in test-project also writes a second label under
      test-refiner (so that actor has two names, one written by another record);
    - the district scheme loses its type skos:ConceptScheme, which every district's
      skos:inScheme must have (sh:class).
    """
    monkeypatch.setattr(batches, "RECORDS_PER_BATCH", 1)
    if bugs:
        original = mapping.Mapped.add

        def add(self, s, p, o):
            if p == RDF_TYPE and s in (CLUSTER, AUTHORITY, DISTRICT_SCHEME):
                if s != DISTRICT_SCHEME or o == "<http://www.w3.org/2004/02/skos/core#ConceptScheme>":
                    return
            original(self, s, p, o)
            if p == PARTNER_IN:
                original(self, s, LABEL, '"SYNTHETIC second name"')

        monkeypatch.setattr(mapping.Mapped, "add", add)
    return ingest.prepare(settings, ingest.BuildReport())


def _whole_graph(mapped: mapping.Mapped, settings) -> tuple[set[tuple[str, str | None]], int]:
    """The reference: every triple and the vocabularies in one store, checked at once."""
    store = pyoxigraph.Store()
    ingest.load_into(store, mapped.finish(), settings)
    checks = compile_shapes(settings.ontology_dir / "shapes.ttl")
    return {(_short(v.focus), v.field) for v in run_checks(store, checks)}, len(store)


def _batched(mapped: mapping.Mapped, settings) -> tuple[set[tuple[str, str | None]], int]:
    checks = compile_shapes(settings.ontology_dir / "shapes.ttl")
    found, triples = batches.check(mapped.batches, ingest.vocabulary_quads(settings), checks)
    return {(_short(v.focus), v.field) for v in found}, triples


def _owner(mapped: mapping.Mapped, iri: str) -> int:
    return mapped.batches.owner(iri.strip("<>"))


def test_valid_data_in_one_record_batches_has_no_violation(settings, monkeypatch):
    mapped = _prepare(settings, monkeypatch, bugs=False)
    try:
        # 7 districts, 4 actors, 1 project, 1 site, 3 relations: one batch per record
        assert mapped.batches.n == 16
        # the evidence that must be found in other batches really lies elsewhere: the
        # relation's direct triple lives under its subject actor, the site's operator and the
        # relation's object are typed in their own batches
        assert _owner(mapped, COOPERATES) != _owner(mapped, RECYCLER)
        assert _owner(mapped, MEMBER_OF) != _owner(mapped, CLUSTER)
        assert _owner(mapped, SITE) != _owner(mapped, AUTHORITY)
        whole, whole_triples = _whole_graph(mapped, settings)
        found, triples = _batched(mapped, settings)
    finally:
        mapped.close()
    assert whole == set()
    assert found == set()
    assert triples == whole_triples  # the batches partition the graph: every triple counted once


def test_violations_with_evidence_in_other_batches_are_found(settings, monkeypatch):
    mapped = _prepare(settings, monkeypatch, bugs=True)
    try:
        assert mapped.batches.n == 16
        partner = f"{ID}relation/test-refiner.partner_in.test-project.2020"
        assert _owner(mapped, partner) != _owner(mapped, REFINER)  # the second label comes from another batch
        assert len({_owner(mapped, f"{ID}concept/district/{key}") for key in DISTRICTS}
                   - {_owner(mapped, DISTRICT_SCHEME)}) >= 5
        whole, _ = _whole_graph(mapped, settings)
        found, _ = _batched(mapped, settings)
    finally:
        mapped.close()
    expected = {
        ("relation/test-recycler.member_of.test-cluster.2011", "object"),  # object is no actor
        ("site/cp-test", "operator"),  # sh:class org:Organization of org:siteOf
        ("actor/test-refiner", "name"),  # two rdfs:label values (maxCount 1)
        *((f"district/{key}", "scheme") for key in DISTRICTS),  # sh:class skos:ConceptScheme
    }
    assert whole == expected
    assert found == expected


def test_batched_violation_names_file_row_and_field(settings, monkeypatch):
    monkeypatch.setattr(batches, "RECORDS_PER_BATCH", 1)
    original = mapping.Mapped.add

    def add(self, s, p, o):  # the cluster is no longer typed as an organisation
        if not (p == RDF_TYPE and s == CLUSTER):
            original(self, s, p, o)

    monkeypatch.setattr(mapping.Mapped, "add", add)
    with pytest.raises(ImportFailed) as caught:
        ingest.validate(settings)
    located = {(p.file.rsplit("/", 1)[-1], p.row, p.field) for p in caught.value.problems}
    assert located == {("relations.csv", 2, "object")}  # row 2: test-recycler member_of test-cluster


def test_batches_are_checked_once(settings, monkeypatch):
    """The check drops the index it used (for the memory of the load that follows): a second
    check would see no neighbour types and report violations that are not there, so it is refused."""
    mapped = _prepare(settings, monkeypatch, bugs=False)
    try:
        assert _batched(mapped, settings) == (set(), _whole_graph(mapped, settings)[1])
        with pytest.raises(RuntimeError, match="checked already"):
            _batched(mapped, settings)
    finally:
        mapped.close()
