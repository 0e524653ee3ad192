"""graph.derived: the build precomputes what the pages read, in the version's folder, and the
viewer reads it from there instead of computing it. SYNTHETIC test data only."""

from __future__ import annotations

import pytest

from graph import derived
from graph.build import ingest
from graph.store import current_path, open_read_only
from graph.views import network as netview
from graph.views.region import overview
from webapp import create_app


@pytest.fixture
def built(settings):
    ingest.build(settings, derive=derived.write_all)
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
    client = create_app(built).test_client()
    for url in ("/index.json", "/actors.json", "/actors/test-recycler.json", "/network.json", "/gaps.json",
                "/index.json?lang=en", "/network.json?lang=en", "/gaps.json?lang=en", "/map.json",
                "/map.json?_measure=actors_per_100k&lang=en"):
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
