"""graph.derived: the build precomputes what the pages read, in the version's folder, and the
viewer reads it from there instead of computing it. SYNTHETIC test data only."""

from __future__ import annotations

import functools

import pytest

from graph import derived
from graph.build import ingest
from graph.store import current_path, open_read_only
from graph.views import network as netview
from graph.views.region import overview
from webapp import create_app


@pytest.fixture
def built(settings):
    # The briefing too, which the build writes only for large graphs (BRIEFING_MIN_ACTORS).
    ingest.build(settings, derive=functools.partial(derived.write_all, briefing=True))
    return settings


def test_build_writes_the_page_data_into_the_version(built):
    version = current_path(built.store_dir)
    written = {p.stem for p in (version / derived.FOLDER).iterdir()}
    for key in ("collaboration-graph", "network-layout", "network-rank", "actor-index-de", "actor-index-en",
                "suggestions-de", "overview-en", "network-default-de", "pair-options-en", "project-names",
                "map-de-actors", "map-en-collection_points_per_100k"):
        assert key in written
    found, G = derived.load(version, "collaboration-graph")
    assert found and G.number_of_nodes() == 4
    # The file holds what computing it afresh gives.
    store = open_read_only(built.store_dir)
    assert derived.load(version, "overview-en")[1]["totals"] == overview(store, lang="en")["totals"]
    assert derived.load(version, "network-rank")[1] == netview.degree_rank(G)


def test_a_store_without_page_data_is_computed_as_before(settings):
    ingest.build(settings)
    assert not (current_path(settings.store_dir) / derived.FOLDER).exists()
    client = create_app(settings).test_client()
    assert client.get("/network.json").status_code == 200


def test_the_viewer_reads_the_files_and_computes_nothing(built, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("a page computed a value the build had precomputed")

    for name in ("graph", "layout", "actor_index", "suggestions", "suggestions_by_actor", "pair_options"):
        monkeypatch.setattr(derived, name, refuse)
    monkeypatch.setattr("graph.views.region.overview", refuse)
    monkeypatch.setattr("webapp.home.overview", refuse)
    monkeypatch.setattr("graph.views.map.region_map", refuse)
    monkeypatch.setattr("graph.report.briefing.briefing_context", refuse)
    client = create_app(built).test_client()
    for url in ("/index.json", "/actors.json", "/actors/test-recycler.json", "/network.json", "/gaps.json",
                "/index.json?lang=en", "/network.json?lang=en", "/gaps.json?lang=en", "/map.json",
                "/map.json?_measure=actors_per_100k&lang=en", "/report/briefing.html", "/report.json?lang=en",
                "/report/figures/borders.svg"):
        assert client.get(url).status_code == 200, url
    # A filtered view is computed per request, from the precomputed graph and layout.
    assert client.get("/network.json?kind=recycler").status_code == 200


def test_loading_a_key_the_build_did_not_write(tmp_path):
    assert derived.load(tmp_path, "nothing") == (False, None)
    assert derived.load("https://example.org/graph/x", "overview-de") == (False, None)
    derived.save(tmp_path, "answer", {"n": 42})
    assert derived.load(tmp_path, "answer") == (True, {"n": 42})


def test_the_shared_computations_give_what_each_one_alone_gives(settings):
    """write_all ranks the partner pairs once, builds both actor indexes together and every
    map of a language in one go; each value equals the one computed alone."""
    from graph.views import gaps
    from graph.views import map as region_map

    ingest.build(settings)
    store = open_read_only(settings.store_dir)
    G = derived.graph(store)
    ranked = gaps.ranked_pairs(G)
    assert ranked, "the test data has a pair to suggest"
    for lang in ("de", "en"):
        assert derived.suggestions(G, lang, ranked) == gaps.partner_suggestions(G, lang=lang)
    features = (region_map.read_features(derived.BOUNDARIES / "districts.geojson"),
                region_map.read_features(derived.BOUNDARIES / "states.geojson"))
    maps = region_map.region_maps(store, *features, lang="en")
    assert sorted(maps) == sorted(region_map.MEASURES)
    for measure in region_map.MEASURES:
        assert maps[measure] == region_map.region_map(store, *features, measure=measure, lang="en")
    with pytest.raises(ValueError, match="measure must be one of"):
        region_map.region_maps(store, *features, measures=("nonsense",))


def test_reading_the_build_s_own_triples_gives_what_reading_the_store_gives(settings, tmp_path):
    """The build's derive step reads the N-Triples it has just loaded (graph.scans.FileScan)
    instead of the store: every value it writes is the one the store gives."""
    import pickle

    import pyoxigraph

    from graph.build.ingest import vocabulary_quads

    report = ingest.BuildReport()
    mapped = ingest.prepare(settings, report)
    try:
        ntriples = mapped.finish()
        store = pyoxigraph.Store()
        ingest.load_into(store, ntriples, settings)
        from_store, from_files = tmp_path / "store", tmp_path / "files"
        from_store.mkdir(), from_files.mkdir()
        derived.write_all(store, from_store)
        read_from_store = []

        class Watched:  # the store, noting every whole-predicate scan asked of it
            def query(self, text, **options):
                if text.startswith("SELECT ?s ?o WHERE"):
                    read_from_store.append(text)
                return store.query(text, **options)

            def __getattr__(self, name):
                return getattr(store, name)

        derived.write_all(Watched(), from_files, sources=[ntriples, vocabulary_quads(settings)])
        assert read_from_store == []  # every scan came from the files
    finally:
        mapped.close()
    keys = sorted(p.stem for p in (from_store / derived.FOLDER).glob("*.pickle"))
    assert len(keys) > 40 and keys == sorted(p.stem for p in (from_files / derived.FOLDER).glob("*.pickle"))
    assert "report-context-de" not in keys  # 4 actors: below BRIEFING_MIN_ACTORS, the viewer prepares it
    differ = [key for key in keys if (from_store / derived.FOLDER / f"{key}.pickle").read_bytes()
              != (from_files / derived.FOLDER / f"{key}.pickle").read_bytes()]
    if differ:  # equal values may pickle differently (a set's order); compare them then
        for key in differ:
            a, b = derived.load(from_store, key)[1], derived.load(from_files, key)[1]
            assert pickle.dumps(a) == pickle.dumps(b) or a == b, key


def test_the_build_s_briefing_is_the_one_computed_afresh(built):
    """The region's briefing the build writes (from the analyses it has already run) renders
    the document graph.report builds from the store alone, in both languages."""
    from graph.report.briefing import build_report, render_report

    version, store = current_path(built.store_dir), open_read_only(built.store_dir)
    for lang in ("de", "en"):
        found, context = derived.load(version, f"report-context-{lang}")
        assert found
        assert render_report(context) == build_report(store, lang=lang)


def test_the_search_and_collection_are_read_from_the_build(built, settings, monkeypatch, tmp_path):
    """/actors?q= opens the search folder the build wrote (the packed index); /collection reads
    the store's part of its model and the coverage from the build: neither the collaboration
    graph, nor the actor index, nor the collection points' query is computed. The answers are
    those of a viewer that computes everything (the same data built without page data)."""
    from graph import search
    from graph.settings import Settings

    version = current_path(built.store_dir)
    assert isinstance(search.open_file(version / derived.FOLDER / "actor-search"), search.PackedSearch)
    plain = Settings(data_dir=settings.data_dir, store_dir=tmp_path / "plain")
    ingest.build(plain)
    urls = ("/actors.json?q=recycler", "/actors.json?q=synthetic&_sort=-relevance", "/actors.json?q=test-authority",
            "/collection.json", "/collection.json?lang=en", "/collection.csv")
    expected = {url: create_app(plain).test_client().get(url).get_data() for url in urls}

    def refuse(*_args, **_kwargs):
        raise AssertionError("a page computed a value the build had precomputed")

    for name in ("graph", "actor_index"):
        monkeypatch.setattr(derived, name, refuse)
    monkeypatch.setattr("webapp.collection.collection_points", refuse)
    monkeypatch.setattr("graph.views.collection.collection_points", refuse)
    client = create_app(built).test_client()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.get_data() == expected[url], url


def test_the_networks_columns_from_the_actor_list_are_those_of_the_graph(built):
    """The build takes the actor list's facet columns for the network's (graph/views/network.py
    network_columns(like=…)): the same actors, values and narrower-concept rule as the graph's."""
    from graph.views import network as network_views

    version = current_path(built.store_dir)
    _found, written = derived.load(version, "network-columns")
    _found, G = derived.load(version, "collaboration-graph")
    _found, index = derived.load(version, "actor-list-en")
    own = network_views.network_columns(G)
    for facet, values in own.facets.items():
        assert sorted(written.facets[facet]) == sorted(values), facet
        for value, column in values.items():
            assert written.facets[facet][value].tolist() == column.tolist(), (facet, value)
    assert {t: m.tolist() for t, m in written.ties.items()} == {t: m.tolist() for t, m in own.ties.items()}
    assert written.degree.tolist() == own.degree.tolist() and written.rank.tolist() == own.rank.tolist()
    # A list of the actors in another order is not taken (its columns reversed would mark
    # the wrong actors: the recycler is the third of four, reversed the second).
    from dataclasses import replace

    assert own.facets["kind"]["recycler"].tolist() == [False, False, True, False]
    stranger = replace(index.facets, ids=index.facets.ids[::-1],
                       masks={f: {v: m[::-1] for v, m in values.items()} for f, values in index.facets.masks.items()})
    assert network_views.network_columns(G, like=stranger).facets["kind"]["recycler"].tolist() == \
        [False, False, True, False]
