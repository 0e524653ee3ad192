"""Full-text search over names, places, descriptions and concept labels (synthetic data)."""

from __future__ import annotations

from graph import store as store_mod
from graph.build.ingest import build
from graph.search import PackedSearch, SearchIndex, actor_search_index, build_index, open_file, pack, write_file


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


# -- the packed form (graph/search.py PackedSearch): the same answers as FTS5 -------------------

def _doc(slug: str, name: str = "", topics: str = "", place: str = "", description: str = "") -> dict[str, str]:
    return {"slug": slug, "name": name, "topics": topics, "place": place, "description": description}


def _both(documents: list[dict[str, str]], folder) -> tuple[SearchIndex, PackedSearch]:
    index = build_index(documents)
    packed = open_file(write_file(index, folder / "actor-search"))
    assert isinstance(packed, PackedSearch)
    return index, packed


def test_bm25_weighs_how_often_against_how_long(tmp_path):
    """FTS5's bm25 as the packed index computes it, by hand. k1 = 1.2, b = 0.75; the name
    weighs 10. Three rows, "kupfer" in two: idf = log((3 - 2 + 0.5) / (2 + 0.5)) < 0, so FTS5
    takes 1e-6 (the same factor for both rows). Score = f·2.2 / (f + 1.2·(0.25 + 0.75·D/avgdl)).

    a "Kupfer" (D=1), b "Kupfer Kupfer Alt" (D=3), c "Zinn": avgdl = 5/3;
      a: f=10: 22 / (10 + 1.2·(0.25 + 0.45)) = 22 / 10.84 = 2.0295
      b: f=20: 44 / (20 + 1.2·(0.25 + 1.35)) = 44 / 21.92 = 2.0073  → a first.
    With b "Kupfer Kupfer" (D=2): avgdl = 4/3;
      a: 22 / (10 + 1.2·(0.25 + 0.5625)) = 22 / 10.975 = 2.0046
      b: 44 / (20 + 1.2·(0.25 + 1.125)) = 44 / 21.65 = 2.0323   → b first.
    """
    for b_name, expected in (("Kupfer Kupfer Alt", ["a", "b"]), ("Kupfer Kupfer", ["b", "a"])):
        index, packed = _both([_doc("a", "Kupfer"), _doc("b", b_name), _doc("c", "Zinn")], tmp_path / b_name)
        assert index.search("kupfer") == expected
        assert packed.search("kupfer") == expected


def test_packed_and_fts5_agree_on_words_prefixes_accents_and_ties(tmp_path):
    documents = [
        _doc("harz-metall", "SYNTHETIC Harz-Metall GmbH", "Blei-Säure-Batterien Batterien Kupfer",
             "Goslar Niedersachsen"),
        _doc("b-forum", "SYNTHETIC Batterie-Forum", "", "Göttingen", "Wärmeüberträger, Straße 5"),
        _doc("c-tie", "SYNTHETIC Kupferhütte", "", "Goslar"),
        _doc("a-tie", "SYNTHETIC Kupferhütte", "", "Goslar"),  # the same text: ranked by id
        _doc("ubeR", "SYNTHETIC Über-Amt", "Großgeräte ﬁlter", "Sangerhausen", "foo bar baz_qux"),
        _doc("x", "SYNTHETIC bar foo", "", "", "e\u0301tude ĲSSEL İstanbul ǅemal"),
    ]
    index, packed = _both(documents, tmp_path)
    queries = ["Batterie", "batt", "blei saure", "goslar batt", "gottingen", "GÖTTINGEN", "wärme", "warme",
               "strasse", "straße", "stra", "kupfer", "kupferh", "synthetic", "s", "über", "uber-amt", "grossgerate",
               "großgeräte", "filter", "ﬁl", "5", "foo_bar", "bar_foo", "baz_qux", "_", "étude", "etude",
               "ijssel", "istanbul", "ǆemal", "nothing", "kupfer goslar synthetic", "", '"']
    for q in queries:
        assert packed.search(q) == index.search(q), q
    assert packed.search("kupferhütte") == ["a-tie", "c-tie"]  # equal scores: by id
    assert packed.search("foo_bar") == ["ubeR"]  # a phrase: "foo" then "bar", as FTS5 reads it


def test_the_packed_index_answers_synthetic_queries_as_fts5(tmp_path):
    """SYNTHETIC rows of random words (letters with and without accents, digits, hyphens):
    every prefix of every word, and pairs of them, rank alike."""
    import random

    rng = random.Random(15)
    letters = "aäbcdeéfghijklmnoöpqrsßtuüvwxyz0123"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 7))) for _ in range(60)]

    def text(n: int) -> str:
        return " ".join(rng.choice(words) + rng.choice(["", "-", ", ", "."]) for _ in range(n))

    documents = [_doc(f"r{i:03}", text(3), text(8), text(2), text(rng.randint(0, 20))) for i in range(150)]
    index, packed = _both(documents, tmp_path)
    queries = sorted({w[:k] for w in words for k in range(1, len(w) + 1)})
    queries += [f"{rng.choice(words)} {rng.choice(words)[:2]}" for _ in range(100)]
    for q in queries:
        assert packed.search(q) == index.search(q), q
        assert packed.search(q, limit=3) == index.search(q, limit=3), q


def test_without_its_arrays_the_file_answers_from_fts5(tmp_path, monkeypatch):
    """When the words split here would differ from FTS5's (here: a table that folds nothing),
    :func:`pack` refuses, the folder holds the FTS5 database alone, and it still answers."""
    import graph.search as search

    documents = [_doc("a", "Wärme"), _doc("b", "Warm")]
    monkeypatch.setattr(search, "_char_table", lambda chars: {ord(c): c for c in chars})
    assert pack(build_index(documents)) is None
    opened = open_file(write_file(build_index(documents), tmp_path / "actor-search"))
    assert isinstance(opened, SearchIndex)
    assert opened.search("warm") == ["a", "b"]  # "Wärme" folds to "warme": one word each, the same score; by id


def test_a_list_by_relevance_follows_the_search_with_an_exact_id_first(settings, tmp_path):
    """/actors?q=: the list keeps the search's order (reversed when descending), an actor's
    exact id first; the packed index gives the same list and counts as the FTS5 one."""
    from dataclasses import replace

    from graph.views.actors import ActorFilter, actor_index, list_actors

    build(settings)
    store = store_mod.open_read_only(settings.store_dir)
    index = actor_index(store)
    packed = replace(index, search=open_file(write_file(index.search, tmp_path / "actor-search")))
    assert isinstance(packed.search, PackedSearch)
    for q in ("synthetic", "test", "goslar", "test-authority", "nothing at all"):
        found = index.search.search(q)
        expected = found if q not in {r["id"] for r in index.records} else [q] + [a for a in found if a != q]
        for form in (index, packed):
            up = list_actors(store, ActorFilter(q=q, sort="relevance"), index=form)
            down = list_actors(store, ActorFilter(q=q, sort="relevance", descending=True), index=form)
            assert [row["id"] for row in up.table.rows] == expected, q
            assert [row["id"] for row in down.table.rows] == expected[::-1], q
            assert up.matched == len(expected)
            assert up.facets == list_actors(store, ActorFilter(q=q, sort="relevance"), index=index).facets
    assert index.search.search("synthetic") and "test-authority" not in index.search.search("test-authority")
