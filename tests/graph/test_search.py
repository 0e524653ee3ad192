"""Full-text search over names, places, descriptions and concept labels (synthetic data)."""

from __future__ import annotations

from graph import store as store_mod
from graph.build.ingest import build
from graph.search import actor_search_index, build_index


def test_search_finds_actors_by_the_labels_of_what_they_do(settings):
    build(settings)
    index = actor_search_index(store_mod.open_read_only(settings.store_dir))
    # The recycler works at TS-08: "Manuelle Demontage" / "Manual dismantling".
    assert index.search("Demontage") == ["test-recycler"]
    assert index.search("manual dismant") == ["test-recycler"]
    # Places and names; accents do not matter.
    assert "test-recycler" in index.search("goslar")
    assert index.search("uber-amt") == ["test-authority"]
    assert index.search("") == [] and index.search('"') == []


def test_a_hit_in_the_name_ranks_above_a_hit_in_the_description():
    index = build_index([
        {"slug": "a", "name": "Alpha", "topics": "", "place": "", "description": "Batterie"},
        {"slug": "b", "name": "Batterie Beta", "topics": "", "place": "", "description": ""},
        {"slug": "c", "name": "Gamma", "topics": "Batterien", "place": "", "description": ""},
    ])
    assert index.search("Batterie") == ["b", "c", "a"]
