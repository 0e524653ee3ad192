"""graph.scans: the whole-store reads by single-pattern scans give what the named SPARQL
queries they replace give. SYNTHETIC test data only (bench/synthetic_data.py)."""

from __future__ import annotations

from collections import Counter, defaultdict

import pyoxigraph
import pytest

from bench.synthetic_data import write
from graph.build import ingest
from graph.concepts import read_hierarchy
from graph.network import collaboration_graph, relation_rows
from graph.scans import StoreScan, actor_facets
from graph.search import actor_documents
from graph.settings import Settings
from graph.sparql.catalog import run_named
from graph.store import open_read_only
from graph.views import actors as actor_views

EX = "http://example.org/"


def _store(*triples: tuple[str, str, object]) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    for s, p, o in triples:
        obj = o if isinstance(o, pyoxigraph.Literal) else pyoxigraph.NamedNode(EX + o)
        store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(EX + s), pyoxigraph.NamedNode(EX + p), obj))
    return store


def test_one_takes_the_smallest_value_and_many_keeps_each_once():
    # a has two values of p ("b" < "c" as IRIs): one() takes the smallest whatever the order read.
    store = _store(("a", "p", "c"), ("a", "p", "b"), ("x", "p", "c"), ("a", "q", pyoxigraph.Literal("7")))
    scan = StoreScan(store)
    assert scan.one(EX + "p") == {EX + "a": EX + "b", EX + "x": EX + "c"}
    assert sorted(scan.many(EX + "p")[EX + "a"]) == [EX + "b", EX + "c"]
    assert scan.one(EX + "q") == {EX + "a": "7"}
    assert scan.one(EX + "missing") == {}


def test_a_scan_is_read_once_and_forgotten_on_request():
    store = _store(("a", "p", "b"))
    scan = StoreScan(store)
    assert scan.pairs(EX + "p") == [(EX + "a", EX + "b")]
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(EX + "c"), pyoxigraph.NamedNode(EX + "p"),
                              pyoxigraph.NamedNode(EX + "d")))
    assert len(scan.pairs(EX + "p")) == 1, "kept from the first read"
    scan.forget()
    assert len(scan.pairs(EX + "p")) == 2


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory):
    """80 SYNTHETIC actors with relations, projects and collection points, built as usual."""
    folder = tmp_path_factory.mktemp("synthetic")
    ingest.build(Settings(data_dir=write(80, folder / "data"), store_dir=folder / "store"))
    return open_read_only(folder / "store")


def _bag(rows, columns):
    return Counter(tuple(row[c] for c in columns) for row in rows)


def test_relation_rows_are_the_rows_of_the_network_relations_query(synthetic_store):
    columns = ("relation", "type", "subject", "object", "object_is_actor", "start", "end", "confidence", "source")
    expected = run_named(synthetic_store, "network_relations").rows
    assert len(expected) > 100
    assert _bag(relation_rows(synthetic_store), columns) == _bag(expected, columns)


def test_graph_nodes_hold_what_the_network_actors_query_says(synthetic_store):
    G = collaboration_graph(synthetic_store)
    facts, values = {}, defaultdict(lambda: defaultdict(set))
    for row in run_named(synthetic_store, "network_actors").rows:
        if row["facet"]:
            values[row["actor"]][row["facet"]].add(row["value"])
        else:
            facts[row["actor"]] = {k: row[k] for k in ("label", "kind", "district", "state", "region_status",
                                                       "confidence", "lat", "lon")}
    assert set(G) == set(facts) and len(facts) == 80
    for actor, attrs in G.nodes(data=True):
        assert {k: attrs[k] for k in facts[actor]} == facts[actor]
        for facet in ("stages", "materials", "categories", "competencies"):
            assert attrs[facet] == sorted(values[actor][facet])


def test_actor_records_hold_what_the_list_queries_say(synthetic_store):
    labels = actor_views.concept_labels(synthetic_store, lang="en")
    records = actor_views.actor_records(synthetic_store, lang="en", labels=labels)
    listed = {row["actor"]: row for row in run_named(synthetic_store, "actor_list").rows}
    counts = {row["actor"]: row for row in run_named(synthetic_store, "actor_counts").rows}
    values = defaultdict(lambda: defaultdict(set))
    for row in run_named(synthetic_store, "actor_facets").rows:
        values[row["actor"]][row["facet"]].add(row["value"])
    assert [r["iri"] for r in records] == sorted(listed)
    assert sum(r["relations"] for r in records) > 0
    for record in records:
        row = listed[record["iri"]]
        assert {k: record[k] for k in ("name", "kind", "district", "state", "city", "confidence", "lat", "lon",
                                       "precision")} == {k: row[k] for k in ("name", "kind", "district", "state",
                                                                             "city", "confidence", "lat", "lon",
                                                                             "precision")}
        assert record["relations"] == int(counts.get(record["iri"], {}).get("relations") or 0)
        assert record["sources"] == int(counts.get(record["iri"], {}).get("sources") or 0)
        for facet in ("stage", "material", "category", "competency"):
            assert set(record[facet]) == values[record["iri"]][facet]
        assert record["kind_label"] == labels[("kind", record["kind"])]["label"]


def test_search_documents_hold_the_texts_of_the_search_query(synthetic_store):
    docs = {d["slug"]: d for d in actor_documents(synthetic_store)}
    place, description = defaultdict(set), defaultdict(set)
    for row in run_named(synthetic_store, "search_actors").rows:
        slug = row["actor"].rsplit("/", 1)[-1]
        place[slug].update(v for v in (row["city"], row["district"], row["state"]) if v)
        description[slug].update(v for v in (row["description_de"], row["description_en"]) if v)
    assert sorted(docs) == sorted(place)
    for slug, doc in docs.items():
        assert sorted(doc["place"].split()) == sorted(" ".join(place[slug]).split())
        assert sorted(doc["description"].split()) == sorted(" ".join(description[slug]).split())


def test_both_languages_at_once_equal_one_language_at_a_time(synthetic_store):
    both = actor_views.actor_indexes(synthetic_store, langs=("de", "en"))
    for lang in ("de", "en"):
        alone = actor_views.actor_index(synthetic_store, lang=lang)
        assert both[lang].records == alone.records and both[lang].choices == alone.choices
        assert both[lang].facets.orders.keys() == alone.facets.orders.keys()
        assert all((both[lang].facets.orders[k] == alone.facets.orders[k]).all() for k in alone.facets.orders)
        assert both[lang].search.search("synthetic") == alone.search.search("synthetic")
    # The facet columns hold notations, the same in both languages: built once, shared.
    assert both["de"].facets.masks is both["en"].facets.masks


def test_actor_facets_are_read_once_per_scan(synthetic_store):
    scan = StoreScan(synthetic_store)
    assert actor_facets(scan) is actor_facets(scan)
    hierarchy = read_hierarchy(synthetic_store)
    assert actor_documents(scan, hierarchy) == actor_documents(synthetic_store, hierarchy)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_overview_counts_from_scans_equal_the_aggregating_queries(synthetic_store, lang):
    from graph.views.region import counted, overview

    tables = counted(StoreScan(synthetic_store), lang=lang)
    expected = {"totals": run_named(synthetic_store, "totals"),
                "by_kind": run_named(synthetic_store, "actors_by_kind", lang=lang),
                "by_district": run_named(synthetic_store, "actors_by_district"),
                "by_state": run_named(synthetic_store, "actors_by_state", lang=lang)}
    for name, table in expected.items():
        assert tables[name].columns == table.columns, name
        assert tables[name].rows == table.rows, name
    assert tables["totals"].rows[0]["actors"] == 80
    assert overview(synthetic_store, lang=lang, scan=StoreScan(synthetic_store)) == overview(synthetic_store,
                                                                                             lang=lang)


def test_overview_counts_on_the_test_data_with_states(settings):
    # tests/data/valid gives its actors states (the synthetic data does not): by_state is
    # compared with the query there, in both languages.
    from graph.views.region import counted

    ingest.build(settings)
    store = open_read_only(settings.store_dir)
    for lang in ("de", "en"):
        expected = run_named(store, "actors_by_state", lang=lang)
        assert any(row["state"] for row in expected.rows)
        assert counted(StoreScan(store), lang=lang)["by_state"].rows == expected.rows


@pytest.mark.parametrize("funding", ["column", "relation", "both"])
def test_funder_rows_are_the_rows_of_the_funders_query(funding):
    from graph.network import funder_rows
    from tests.graph.test_funding import AS_COLUMN, AS_RELATION, store_with

    # "both": the relation row and the column name the same funder; the relation's evidence wins.
    text = {"column": AS_COLUMN, "relation": AS_RELATION, "both": AS_RELATION + AS_COLUMN}[funding]
    store = store_with(text)
    columns = ("actor", "project", "confidence", "source", "start")
    expected = run_named(store, "network_project_funders").rows
    assert len(expected) == 1
    assert _bag(funder_rows(store), columns) == _bag(expected, columns)
    source = expected[0]["source"]
    assert source == ("https://example.org/x" if funding == "column" else "https://example.org/r3")
