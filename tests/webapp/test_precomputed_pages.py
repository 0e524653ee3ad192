"""Pages at 100,000 actors read what the build precomputed (graph/derived.py): the pages that
most visitors open first never load the collaboration graph (a pickle of ~100 MB at that
size, seconds to read). SYNTHETIC test data only."""

from __future__ import annotations

import pytest

from graph import derived
from graph.build import ingest
from webapp import create_app


@pytest.fixture
def built(settings):
    ingest.build(settings, derive=derived.write_all)
    return settings


def test_the_default_network_view_loads_no_collaboration_graph(built, monkeypatch):
    def refuse():
        raise AssertionError("the default network view loaded the collaboration graph")

    for name in ("collaboration", "collaboration_compact", "network_columns", "network_layout"):
        monkeypatch.setattr(f"webapp.network.{name}", refuse)
    client = create_app(built).test_client()
    for url in ("/network", "/network.json", "/network?lang=en", "/network.json?_color=community"):
        response = client.get(url)
        assert response.status_code == 200, url
    nodes = client.get("/network.json").get_json()["rows"]
    # The precomputed measures reach the nodes: 4 actors, each in a numbered community.
    assert len(nodes) == 4 and all(isinstance(node["community"], int) for node in nodes)


def test_the_gap_pages_without_filters_load_no_collaboration_graph(built, monkeypatch):
    def refuse():
        raise AssertionError("a gap page without filters loaded the collaboration graph")

    monkeypatch.setattr("webapp.gaps.collaboration", refuse)
    client = create_app(built).test_client()
    for url in ("/gaps", "/chains", "/borders", "/brokers", "/gaps.json?lang=en", "/chains.json?lang=en",
                "/borders.json", "/brokers.json"):
        assert client.get(url).status_code == 200, url


def test_filtered_brokers_select_the_precomputed_rows_without_the_graph(built, monkeypatch):
    def refuse():
        raise AssertionError("a filtered /brokers loaded the collaboration graph")

    client = create_app(built).test_client()
    everyone = client.get("/brokers.json").get_json()["rows"]
    monkeypatch.setattr("webapp.gaps.collaboration", refuse)
    fresh = create_app(built).test_client()
    recyclers = fresh.get("/brokers.json?kind=recycler").get_json()["rows"]
    # The filtered list is the whole list's rows of that kind, ranks kept.
    assert recyclers and recyclers == [row for row in everyone if row["id"] in {r["id"] for r in recyclers}]
    assert len(recyclers) < len(everyone)
    assert fresh.get("/brokers?state=16&kind=recycler").status_code == 200


def test_the_actor_list_reads_the_packed_index_and_the_search_only_for_a_search(built, monkeypatch):
    loaded: list[str] = []
    real_load = derived.load

    def recording(version, key):
        loaded.append(key)
        return real_load(version, key)

    monkeypatch.setattr(derived, "load", recording)
    client = create_app(built).test_client()
    assert client.get("/actors").status_code == 200
    assert "actor-list-de" in loaded and "actor-index-de" not in loaded and "actor-search" not in loaded
    assert client.get("/actors?q=recycl").status_code == 200
    # The search is the build's folder (graph/search.py), the same in both languages.
    assert "actor-search" in loaded and "actor-index-de" not in loaded and "actor-search-de" not in loaded


def test_the_packed_actor_list_gives_the_same_pages(built):
    from dataclasses import replace

    from graph.store import open_read_only
    from graph.views import actors as actor_views

    store = open_read_only(built.store_dir)
    index = actor_views.actor_index(store, lang="en")
    packed = replace(actor_views.packed_index(index), search=index.search)
    for criteria in (actor_views.ActorFilter(), actor_views.ActorFilter({"kind": ("recycler",)}),
                     actor_views.ActorFilter(sort="relations", descending=True),
                     actor_views.ActorFilter(q="recycl", sort="relevance"),
                     actor_views.ActorFilter(q="test-recycler")):
        full = actor_views.list_actors(store, criteria, lang="en", index=index)
        light = actor_views.list_actors(store, criteria, lang="en", index=packed)
        assert full.table.rows and light.table.rows == full.table.rows, criteria
        assert light.facets == full.facets and light.matched == full.matched


def test_the_suggestions_of_one_actor_load_no_collaboration_graph(built, monkeypatch):
    def refuse():
        raise AssertionError("the suggestions of one actor loaded the collaboration graph")

    client = create_app(built).test_client()
    expected = client.get("/gaps.json?actor=test-recycler").get_json()
    monkeypatch.setattr("webapp.gaps.collaboration", refuse)
    fresh = create_app(built).test_client()
    found = fresh.get("/gaps.json?actor=test-recycler")
    assert found.status_code == 200 and found.get_json()["rows"] == expected["rows"]
    name = client.get("/actors/test-recycler.json").get_json()["actor"]["name"]
    assert name and name in found.get_json()["description"]
    assert fresh.get("/gaps?actor=no-such-actor").status_code == 400


def test_the_network_and_the_brokers_page_show_the_same_betweenness(built):
    client = create_app(built).test_client()
    brokers = {row["id"]: row["betweenness"] for row in client.get("/brokers.json").get_json()["rows"]}
    nodes = {node["id"]: node["betweenness"] for node in client.get("/network.json").get_json()["nodes"]}
    assert nodes and nodes == {actor: brokers[actor] for actor in nodes}
    assert any(value > 0 for value in nodes.values())  # someone stands between two others
    # A filtered view reads them from the arrays of network-node-values: the same numbers.
    whole = {node["id"]: node for node in client.get("/network.json").get_json()["nodes"]}
    for url in ("/network.json?kind=recycler", "/network.json?focus=test-recycler"):
        shown = client.get(url).get_json()["nodes"]
        assert shown and all(node["betweenness"] == brokers[node["id"]] for node in shown), url
        assert all(node["community"] == whole[node["id"]]["community"] for node in shown), url
