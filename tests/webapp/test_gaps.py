"""The gap pages: ``/gaps``, ``/chains``, ``/borders``, ``/brokers``, ``/report`` and the
suggestions overlay of ``/network``, on the SYNTHETIC graph of the conftest.

The graph (tests/data/valid plus the two hostile actors; NI = 03, ST = 15, TH = 16)::

    hostile-img (Goslar, NI) ── test-recycler (Goslar, NI) ── test-refiner (Nordhausen, TH)
                                   │        ╲
                       member of   │         ╲ shared network (both members of the cluster)
                                   │          ╲
                      test-cluster (Harz, ST) ── hostile-formula (Harz, ST)

    test-authority (Mansfeld-Südharz, ST): no tie.

Five ties, m = 5. Degrees: recycler 4, cluster 2, formula 2, refiner 1, img 1.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.webapp.conftest import FORMULA, IMG, csv_rows
from tests.webapp.test_app import refs

ESCAPED_IMG = "&lt;img src=x onerror=document.title=&#39;X&#39;&gt;"
PAGES = ["/gaps", "/chains", "/borders", "/brokers"]
HEADERS = {
    "/gaps.csv": "rank,score,id_a,name_a,kind_a,district_a,state_a,id_b,name_b,kind_b,district_b,state_b,topic,"
                 "value_chain,proximity,competence,border,shared_items,common_partners,reasons",
    "/chains.csv": "item,item_type,item_label,crm,area,area_label,stage,stage_label,position,actors,status,actor_ids",
    "/borders.csv": "level,a,a_label,b,b_label,scope,actors_a,actors_b,observed,expected,ratio,reasons",
    "/brokers.csv": "rank,id,name,kind,district,state,degree,betweenness,constraint,effective_size,efficiency,splits,"
                    "cut_off_count,cut_off,bridges,reasons",
}
JSON_KEYS = {"ok", "title", "description", "columns", "rows", "count", "links"}


# --- every page --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [*PAGES, "/gaps?lang=en", "/chains?state=03", "/chains?district=03153",
                                  "/borders?level=district", "/brokers?kind=recycler", "/gaps?state=16&min_score=0.2"])
def test_pages_answer_with_html_and_run_no_inline_code(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    found = refs(response.get_data(as_text=True))
    assert all(url.startswith("/") and not url.startswith("//") for url in found.loaded)
    assert found.inline_scripts == [] and found.styles == []


@pytest.mark.parametrize("path", PAGES)
def test_json_twins_have_the_documented_keys(client, path):
    body = client.get(path + ".json").get_json()
    assert JSON_KEYS <= set(body)
    assert body["ok"] is True and body["count"] == len(body["rows"])
    assert all(set(body["columns"]) <= set(row) for row in body["rows"])


@pytest.mark.parametrize("path, header", HEADERS.items())
def test_csv_header_lines(client, path, header):
    response = client.get(path)
    assert response.mimetype == "text/csv"
    assert response.get_data(as_text=True).splitlines()[0] == header
    assert "attachment" in response.headers["Content-Disposition"]


@pytest.mark.parametrize("path, twin", [
    ("/gaps?state=16&min_score=0.2", "/gaps.json?state=16&min_score=0.2"),
    ("/chains?district=03153&group=category", "/chains.json?district=03153&group=category"),
    ("/borders?level=state", "/borders.json?level=state"),
    ("/brokers?kind=recycler", "/brokers.json?kind=recycler"),
])
def test_link_header_keeps_the_filters(client, path, twin):
    link = client.get(path).headers["Link"]
    assert link.startswith(f'<{twin}>; rel="alternate"; type="application/json"')
    assert f'<{twin.replace(".json", ".csv")}>; rel="alternate"; type="text/csv"' in link


@pytest.mark.parametrize("path, parameter", [
    pytest.param("/gaps?min_score=abc", "min_score", id="score-not-a-number"),
    pytest.param("/gaps?min_score=1.5", "min_score", id="score-above-one"),
    pytest.param("/gaps?state=Bayern", "state", id="unknown-state"),
    pytest.param("/gaps?actor=nobody-here", "actor", id="unknown-actor"),
    pytest.param("/gaps?_page=99", "_page", id="page-past-the-end"),
    pytest.param("/chains?state=03&district=03153", "district", id="state-and-district"),
    pytest.param("/chains?state=03&state=16", "state", id="two-states"),
    pytest.param("/chains?group=metals", "group", id="unknown-group"),
    pytest.param("/borders?level=county", "level", id="unknown-level"),
    pytest.param("/brokers?kind=wizard", "kind", id="unknown-kind"),
    pytest.param("/network?_suggest=yes", "_suggest", id="suggest-not-0-or-1"),
])
def test_bad_parameters_give_400_naming_them(client, path, parameter):
    html = client.get(path)
    assert html.status_code == 400
    assert f"„{parameter}“" in html.get_data(as_text=True)
    base, _, query = path.partition("?")
    body = client.get(f"{base}.json?{query}")
    assert body.status_code == 400
    assert body.get_json()["errors"][0]["parameter"] == parameter


# --- partner suggestions -----------------------------------------------------------------------


def test_suggestions_hand_checked(client):
    """Candidates are the pairs two steps apart through a partner with 2 to 100 partners:
    only the recycler (4 partners) joins untied pairs — cluster–formula are tied already,
    and the cluster and the formula actor (2 partners each) only join tied pairs. No actor
    has items at neighbouring stages, and none has competencies.

    Each of the 5 pairs has one common partner of degree 4: Adamic–Adar s = 1/ln 4 = 0.7213,
    proximity s/(1+s) = 0.4191; all five cross a state border, but the border counts only as
    far as a value chain carries it (border 1 × value chain 0 = 0). Score 0.25 · 0.4191 =
    0.1048 for all: they share rank 1, and the IRIs order them."""
    body = client.get("/gaps.json").get_json()
    assert [(r["id_a"], r["id_b"]) for r in body["rows"]] == [
        ("hostile-formula", "hostile-img"), ("hostile-formula", "test-refiner"), ("hostile-img", "test-cluster"),
        ("hostile-img", "test-refiner"), ("test-cluster", "test-refiner")]
    assert [r["rank"] for r in body["rows"]] == [1, 1, 1, 1, 1]
    first = body["rows"][0]
    assert first["score"] == pytest.approx(0.1048)
    assert first["proximity"] == pytest.approx(0.4191, abs=1e-4)
    assert (first["value_chain"], first["competence"], first["border"]) == (0.0, 0.0, 0.0)
    assert [p["part"] for p in first["parts"]] == ["proximity"]
    assert first["common_partners"] == ["SYNTHETIC Test Recycler GmbH"]
    [partner] = first["partners"]
    # formula–recycler: both members of the cluster (the two membership rows are its sources);
    # img–recycler: the hostile cooperation row.
    assert partner["id"] == "test-recycler"
    assert partner["relations_a"] == ["gemeinsames Netzwerk"]
    assert partner["sources_a"] == ["https://example.org/hostile-4", "https://example.org/source-7"]
    assert (partner["relations_b"], partner["sources_b"]) == (["kooperiert mit"], ["https://example.org/hostile-3"])
    assert first["reasons"].endswith("könnten zusammenarbeiten: ein gemeinsamer Partner könnte sie einander "
                                     "vorstellen: SYNTHETIC Test Recycler GmbH")
    assert body["weights"] == {"value_chain": 0.5, "proximity": 0.25, "competence": 0.1, "border": 0.15}


@pytest.mark.parametrize("query, pairs", [
    pytest.param("state=16", {("hostile-formula", "test-refiner"), ("hostile-img", "test-refiner"),
                              ("test-cluster", "test-refiner")}, id="one-actor-in-thuringia"),
    pytest.param("state=Thüringen", {("hostile-formula", "test-refiner"), ("hostile-img", "test-refiner"),
                                     ("test-cluster", "test-refiner")}, id="state-by-label"),
    pytest.param("kind=recycler&state=03", {("hostile-formula", "hostile-img"), ("hostile-img", "test-cluster"),
                                            ("hostile-img", "test-refiner")}, id="a-recycler-in-lower-saxony"),
    pytest.param("kind=recycler&state=16", set(), id="no-recycler-in-thuringia"),
    # A stage is a topic: pairs with an actor at it (the authority at TS-01 is neither two
    # steps away nor at a stage next to TS-08 or TS-MR: no candidate).
    pytest.param("stage=TS-08", {("hostile-formula", "hostile-img"), ("hostile-img", "test-cluster"),
                                 ("hostile-img", "test-refiner")}, id="manual-dismantling"),
    pytest.param("stage=TS-MR", {("hostile-formula", "test-refiner"), ("hostile-img", "test-refiner"),
                                 ("test-cluster", "test-refiner")}, id="refining-group-stage"),
    pytest.param("actor=test-cluster", {("hostile-img", "test-cluster"), ("test-cluster", "test-refiner")},
                 id="one-actor"),
    pytest.param("min_score=0.1", None, id="all-above-0.1"),
    pytest.param("min_score=0,11", set(), id="none-above-0.11"),
])
def test_suggestion_filters(client, query, pairs):
    body = client.get(f"/gaps.json?{query}").get_json()
    found = {(r["id_a"], r["id_b"]) for r in body["rows"]}
    assert found == (pairs if pairs is not None else {(r["id_a"], r["id_b"]) for r in
                                                      client.get("/gaps.json").get_json()["rows"]})


@pytest.fixture(scope="module")
def derived_settings(web_settings, tmp_path_factory):
    """The conftest's graph built again with the page data the build precomputes (graph/derived.py)."""
    import dataclasses

    from graph import derived
    from graph.build import ingest

    settings = dataclasses.replace(web_settings, store_dir=tmp_path_factory.mktemp("gaps-derived") / "store")
    ingest.build(settings, derive=derived.write_all)
    return settings


def test_filtered_suggestions_never_load_the_collaboration_graph(derived_settings, monkeypatch):
    """A topic, a place or a kind is ranked and checked from the build's partner index and
    packed graph (webapp.state.partner_index, collaboration_compact), in the request itself:
    the whole collaboration graph, seconds to load at 100,000 actors, is never read. Pairs as
    in the filter test."""
    from webapp import create_app, state
    from webapp import gaps as gap_pages

    def refuse():
        raise AssertionError("the collaboration graph was loaded")

    monkeypatch.setattr(state, "collaboration", refuse)
    monkeypatch.setattr(gap_pages, "collaboration", refuse)
    app = create_app(derived_settings)
    # From the build's index a ranking is bounded: computed in the request, never "being prepared".
    app.config["HARZGRAPH_PREPARE_WAIT_S"] = 0.0
    client = app.test_client()
    for query, pairs in [
            ("kind=recycler&state=03", {("hostile-formula", "hostile-img"), ("hostile-img", "test-cluster"),
                                        ("hostile-img", "test-refiner")}),
            ("stage=TS-MR&state=16", {("hostile-formula", "test-refiner"), ("hostile-img", "test-refiner"),
                                      ("test-cluster", "test-refiner")}),
            ("stage=TS-08&leave_out=public", {("hostile-formula", "hostile-img"), ("hostile-img", "test-cluster"),
                                              ("hostile-img", "test-refiner")}),
            ("kind=recycler&state=16", set())]:
        response = client.get(f"/gaps.json?{query}")
        assert response.status_code == 200, query
        body = response.get_json()
        assert {(r["id_a"], r["id_b"]) for r in body["rows"]} == pairs, query
        assert body["sampled"] is False
    assert client.get("/gaps.csv?stage=TS-08").get_data(as_text=True).count("\n") == 1 + 3
    # Only funders or public bodies: beside the build's list, all five pairs (no funder, no public body here).
    everyone = [(r["id_a"], r["id_b"], r["rank"]) for r in client.get("/gaps.json").get_json()["rows"]]
    for query in ("leave_out=public", "include=funders"):
        rows = client.get(f"/gaps.json?{query}").get_json()["rows"]
        assert [(r["id_a"], r["id_b"], r["rank"]) for r in rows] == everyone, query


def test_a_list_from_a_sample_says_so_in_both_languages(web_settings, monkeypatch):
    """At 100,000 actors the candidate pairs are sampled (graph.analyse.partners.rank_partnerships):
    the page, its JSON twin and the English page say that the list is the best of a sample. Here
    an index whose (item, stage) links count as sampled stands in for such a graph."""
    import dataclasses

    from webapp import create_app, state

    real = state.partner_index
    monkeypatch.setattr(state, "partner_index", lambda: dataclasses.replace(real(), chain_sampled=True))
    client = create_app(web_settings).test_client()
    html = client.get("/gaps?state=16").get_data(as_text=True)
    assert "die stärksten zuerst, die besten aus einer Stichprobe der möglichen Paare" in html
    assert "the best of a sample of the possible pairs" in client.get("/gaps?state=16&lang=en").get_data(as_text=True)
    assert client.get("/gaps.json?state=16").get_json()["sampled"] is True
    # The list the build ranked (complete on this graph) says nothing of a sample.
    assert "Stichprobe" not in client.get("/gaps").get_data(as_text=True)
    assert client.get("/gaps.json").get_json()["sampled"] is False


def test_suggestions_page_says_what_it_shows_and_links_each_pair(client):
    html = client.get("/gaps?state=16").get_data(as_text=True)
    assert "3 Vorschläge für Akteure mit Bundesland: Thüringen, die stärksten zuerst" in html
    assert 'href="/actors/test-refiner"' in html and 'href="/actors/test-cluster"' in html
    assert 'href="/network?_suggest=1&amp;from=test-cluster&amp;to=test-refiner"' in html
    assert 'href="https://example.org/source-9"' in html, "the sources of the ties to the common partner"
    assert "Hypothese" in html
    english = client.get("/gaps?state=16&lang=en").get_data(as_text=True)
    assert "3 suggestions for actors with State: Thuringia, strongest first" in english
    assert "one common partner could introduce them: SYNTHETIC Test Recycler GmbH" in english


def test_hostile_names_on_the_gap_pages(client):
    for path in ["/gaps", "/gaps?actor=hostile-img", "/brokers", "/network?_suggest=1"]:
        html = client.get(path).get_data(as_text=True)
        assert IMG not in html and "<img" not in html
    assert ESCAPED_IMG in client.get("/gaps").get_data(as_text=True)
    assert ESCAPED_IMG in client.get("/brokers").get_data(as_text=True)
    for path in ["/gaps.json", "/brokers.json", "/network.json?_suggest=1"]:
        text = client.get(path).get_data(as_text=True)
        assert "<" not in text and ">" not in text
    names = {row["id_a"]: row["name_a"] for row in client.get("/gaps.json").get_json()["rows"]}
    assert names["hostile-img"] == IMG and names["hostile-formula"] == FORMULA


@pytest.mark.parametrize("path", ["/gaps.csv", "/brokers.csv"])
def test_csv_neutralises_formulas(client, path):
    cells = [cell for row in csv_rows(client.get(path).get_data(as_text=True)) for cell in row]
    assert "'" + FORMULA in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


# --- network overlay ---------------------------------------------------------------------------


def network_data(html: str) -> dict:
    return json.loads(re.search(r'id="network-data">(.*?)</script>', html, re.S).group(1))


def test_network_overlays_suggestions_only_when_asked(client):
    assert client.get("/network.json").get_json()["suggestions"] == []
    body = client.get("/network.json?_suggest=1").get_json()
    assert [(s["from"], s["to"], s["rank"]) for s in body["suggestions"]] == [
        ("hostile-formula", "hostile-img", 1), ("hostile-formula", "test-refiner", 1),
        ("hostile-img", "test-cluster", 1), ("hostile-img", "test-refiner", 1), ("test-cluster", "test-refiner", 1)]
    html = client.get("/network?_suggest=1").get_data(as_text=True)
    assert 'name="_suggest" value="1" checked' in html
    assert "vorgeschlagene Partnerschaft (Hypothese)" in html
    data = network_data(html)
    assert data["text"]["network.suggest.tooltip"].startswith("Vorschlag Nr. {rank}")
    assert len(data["suggestions"]) == 5


def test_network_overlay_of_one_pair(client):
    """From /gaps: the path refiner–recycler–cluster and the one suggestion between the two."""
    body = client.get("/network.json?_suggest=1&from=test-cluster&to=test-refiner").get_json()
    assert body["path"] == ["test-cluster", "test-recycler", "test-refiner"]
    assert body["suggestions"] == [{"from": "test-cluster", "to": "test-refiner", "rank": 1, "score": 0.1048,
                                    "reasons": body["suggestions"][0]["reasons"], "pair": True}]
    # A filtered view keeps only suggestions between the actors it shows.
    assert client.get("/network.json?_suggest=1&state=03").get_json()["suggestions"] == []


# --- value chain -------------------------------------------------------------------------------


def test_chain_matrix_hand_checked(client):
    """Only test-recycler handles an item (EEE-CAT-3) at a stage (TS-08); hostile-img and the
    authority work at stages but name no material or category."""
    body = client.get("/chains.json").get_json()
    held = [(r["item"], r["stage"], r["actors"], r["status"], r["actor_ids"]) for r in body["rows"] if r["actors"]]
    assert held == [("EEE-CAT-3", "TS-08", 1, "single", ["test-recycler"])]
    row = [r for r in body["rows"] if r["item"] == "EEE-CAT-3"]
    assert [r["stage"] for r in row] == ["TS-01", "TS-RR", "TS-05", "TS-06", "TS-07", "TS-08", "TS-09", "TS-MR",
                                         "TS-12", "TS-13"]
    assert [r["status"] for r in row].count("missing") == 9
    assert {r["status"] for r in body["rows"] if r["item"] != "EEE-CAT-3"} == {"none"}
    assert (body["level"], body["area"]) == ("region", None)


def test_chain_page_marks_missing_stages_and_links_cells_to_their_actors(client):
    html = client.get("/chains").get_data(as_text=True)
    assert html.count("<span title=\"fehlt – kein Akteur bekannt. Gebiet: ganze Region;") == 9
    assert "fehlt – kein Akteur bekannt. Gebiet: ganze Region; Material: Lampen; Stufe: " in html
    # Only the recycler (TS-08) handles the category: nobody in the region at the next stage.
    assert "Kette endet bei „Mechanische Aufbereitung“ in der ganzen Region" in html
    link = re.search(r'<a href="(/actors\?[^"]+)" title="nur 1 Akteur', html).group(1).replace("&amp;", "&")
    assert link.startswith("/actors?category=EEE-CAT-3&stage=TS-08&district=")
    listed = client.get(link.replace("/actors?", "/actors.json?")).get_json()
    assert [row["id"] for row in listed["rows"]] == ["test-recycler"], "the cell's count is its list's length"


def test_chain_of_one_area(client):
    html = client.get("/chains?state=16").get_data(as_text=True)
    assert "Kein Material ist hier bekannt." in html, "Thuringia's only actor (the refiner) names no item"
    body = client.get("/chains.json?district=Goslar").get_json()
    assert (body["level"], body["area"]) == ("district", "03153")
    assert [r["actor_ids"] for r in body["rows"] if r["actors"]] == [["test-recycler"]]
    assert client.get("/chains.json?group=crm").get_json()["rows"] == []


# --- borders -----------------------------------------------------------------------------------


def test_state_borders_hand_checked(client):
    """Ties by state: NI–ST 2 (recycler–cluster by membership, recycler–formula by the
    shared network), NI–TH 1 (recycler–refiner, cooperation), NI–NI 1 (img–recycler),
    ST–ST 1 (formula–cluster), ST–TH 0, TH–TH 0. Degree sums: NI 4 + 1 = 5, ST 2 + 2 = 4,
    TH 1; 2m = 10. Expected between A and B K_A·K_B/2m, within A K_A²/4m:
    NI–ST 5·4/10 = 2, NI–TH 5·1/10 = 0.5, ST–TH 4·1/10 = 0.4, NI–NI 25/20 = 1.25,
    ST–ST 16/20 = 0.8, TH–TH 1/20 = 0.05. Weakest first: the ratio, then the larger expectation."""
    rows = client.get("/borders.json?level=state").get_json()["rows"]
    assert [(r["a"], r["b"], r["observed"], r["expected"], r["ratio"]) for r in rows] == [
        ("15", "16", 0, 0.4, 0.0), ("16", "16", 0, 0.05, 0.0), ("03", "03", 1, 1.25, 0.8),
        ("03", "15", 2, 2.0, 1.0), ("15", "15", 1, 0.8, 1.25), ("03", "16", 1, 0.5, 2.0)]
    assert rows[0]["a_label"] == "Sachsen-Anhalt" and rows[0]["scope"] == "between"
    assert (rows[3]["actors_a"], rows[3]["actors_b"]) == (2, 3), "NI: recycler, img; ST: cluster, formula, authority"


def test_border_page_explains_the_null_model_and_draws_both_matrices(client):
    html = client.get("/borders").get_data(as_text=True)
    assert "ohne Rücksicht auf den Ort wählte (Konfigurationsmodell)" in html
    assert 'class="matrix matrix-state"' in html and 'class="matrix matrix-district"' in html
    assert 'href="/network?state=15&amp;state=16"' in html
    assert client.get("/borders.json?level=district").get_json()["rows"][0]["level"] == "district"


# --- brokers -----------------------------------------------------------------------------------


def test_brokers_hand_checked(client):
    """The recycler stands on the only path of 5 of the 10 pairs among the other five
    actors (img–cluster, img–refiner, img–formula, refiner–cluster, refiner–formula):
    betweenness 5/10 = 0.5. Without it the graph falls into {img}, {refiner} and
    {cluster, formula}: the largest stays, img and the refiner are cut off."""
    rows = client.get("/brokers.json").get_json()["rows"]
    first = rows[0]
    assert (first["id"], first["betweenness"], first["cut_off_count"]) == ("test-recycler", 0.5, 2)
    assert first["cut_off_ids"] == ["hostile-img", "test-refiner"]
    assert first["bridge_ids"] == ["hostile-img", "test-refiner"]
    assert [r["id"] for r in client.get("/brokers.json?state=16").get_json()["rows"]] == ["test-refiner"]
    html = client.get("/brokers").get_data(as_text=True)
    assert "Fiele dieser Akteur weg, verlören 2 Akteure jeden bekannten Weg zum übrigen Netz:" in html
    assert 'href="/network?focus=test-recycler&amp;hops=2"' in html


# --- report ------------------------------------------------------------------------------------


def test_report_is_framed_and_downloadable(client):
    page = client.get("/report")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<iframe class="report-frame" sandbox=' in html and 'src="/report/briefing.html"' in html
    assert "frame-src 'self'" in page.headers["Content-Security-Policy"]
    document = client.get("/report/briefing.html")
    assert document.status_code == 200 and document.mimetype == "text/html"
    assert "script-src" not in document.headers["Content-Security-Policy"], "default-src 'none' forbids scripts"
    assert "sandbox" in document.headers["Content-Security-Policy"]
    assert document.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "<script" not in document.get_data(as_text=True)
    assert IMG not in document.get_data(as_text=True)
    download = client.get("/report/briefing.html?download=1")
    assert download.headers["Content-Disposition"] == 'attachment; filename="harzgraph-kurzbericht.html"'
    assert client.get("/report/briefing.html?download=1&lang=en").headers["Content-Disposition"].endswith(
        'filename="harzgraph-briefing.html"')


def test_navigation_and_overview_lead_to_the_gap_pages(client):
    html = client.get("/").get_data(as_text=True)
    for path in ["/gaps", "/chains", "/borders", "/brokers", "/report"]:
        assert f'href="{path}"' in html
    assert '<a href="/chains" aria-current="page">' in client.get("/chains").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/communities", "/periphery"])
def test_communities_and_periphery_pages_have_json_and_csv_twins(client, path):
    html = client.get(path)
    assert html.status_code == 200
    body = client.get(path + ".json").get_json()
    assert body["ok"] is True and body["count"] == len(body["rows"])
    csv = client.get(path + ".csv")
    assert csv.mimetype == "text/csv" and csv.get_data(as_text=True).splitlines()[0].startswith(
        "community_a," if path == "/communities" else "id,name,")


def test_periphery_lists_the_actors_without_ties_and_narrows_by_district(client):
    """The synthetic authority (Mansfeld-Südharz) has no relation row: degree 0, at the edge."""
    rows = client.get("/periphery.json").get_json()["rows"]
    authority = next(r for r in rows if r["id"] == "test-authority")
    assert authority["degree"] == 0 and authority["reasons"].startswith("keine erfasste Verbindung")
    narrowed = client.get("/periphery.json?district=15087").get_json()["rows"]
    assert {r["id"] for r in narrowed} == {r["id"] for r in rows if r["district"] == "Mansfeld-Südharz"}
    assert client.get("/periphery.json?district=nowhere").status_code == 400


def test_the_briefing_takes_a_district_and_a_topic(client):
    page = client.get("/report?district=16062").get_data(as_text=True)
    assert 'src="/report/briefing.html?district=16062"' in page
    document = client.get("/report/briefing.html?district=16062").get_data(as_text=True)
    assert "Auswahl: Landkreis: Nordhausen." in document
    assert client.get("/report/briefing.html?material=unobtainium").status_code == 400


def test_a_briefing_that_takes_long_answers_being_prepared_then_the_document(web_settings, monkeypatch):
    """At 100,000 actors the briefing's analyses take minutes: the request waits at most
    HARZGRAPH_PREPARE_WAIT_S, then answers 202 with a note that reloads itself, while the
    briefing is computed once in the background; the next request after it finished gets it."""
    import threading

    from graph.report import briefing
    from webapp import create_app

    release, calls = threading.Event(), []

    def slow_context(store, *, lang="de", selection=None, G=None, found=None):
        calls.append(lang)
        release.wait(30)
        return {"lang": lang}

    monkeypatch.setattr(briefing, "briefing_context", slow_context)
    monkeypatch.setattr(briefing, "render_report", lambda context: "<!doctype html><title>ready</title>"
                        f"<p>the briefing in {context['lang']}</p>")
    app = create_app(web_settings)
    app.config["HARZGRAPH_PREPARE_WAIT_S"] = 0.05
    client = app.test_client()
    assert client.get("/report").status_code == 200  # the page itself never waits
    waiting = client.get("/report/briefing.html")
    assert waiting.status_code == 202 and waiting.headers["Retry-After"] == "5"
    note = waiting.get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="5">' in note and "wird gerade" in note
    findings = client.get("/report.json")
    assert findings.status_code == 202 and findings.get_json()["status"] == "preparing"
    assert client.get("/report/briefing.html").status_code == 202
    assert calls == ["de"]  # started once, however often it was asked for
    release.set()
    for _ in range(200):  # the background thread finishes at once after the release
        document = client.get("/report/briefing.html")
        if document.status_code == 200:
            break
        threading.Event().wait(0.05)
    assert document.status_code == 200 and "the briefing" in document.get_data(as_text=True)
    assert calls == ["de"]


def test_the_report_page_shows_the_briefing_once_it_is_ready(web_settings, browser, monkeypatch):
    """A sandboxed frame ignores its own refresh: the /report page asks again (js/report.js)
    and shows the briefing in its frame once the background computation is done."""
    import threading

    from graph.report import briefing
    from tests.helpers import live_server
    from webapp import create_app

    release = threading.Event()

    def slow_context(store, *, lang="de", selection=None, G=None, found=None):
        release.wait(30)
        return {}

    monkeypatch.setattr(briefing, "briefing_context", slow_context)
    monkeypatch.setattr(briefing, "render_report",
                        lambda context: "<!doctype html><title>ready</title><p>THE BRIEFING IS HERE</p>")
    app = create_app(web_settings)
    app.config["HARZGRAPH_PREPARE_WAIT_S"] = 0.05
    with live_server(app) as url:
        page = browser.new_page()
        page.goto(url + "/report")
        frame = page.frame_locator(".report-frame")
        assert "wird gerade" in frame.locator("body").inner_text()
        release.set()
        frame.locator("text=THE BRIEFING IS HERE").wait_for(timeout=15_000)
        page.close()


def test_a_topic_ranking_that_takes_long_answers_being_prepared(web_settings, monkeypatch):
    """At 100,000 actors a topic ranking takes many seconds: /gaps?material=… answers 202 with
    a page that reloads itself (and its JSON twin a status) while it is computed once in the
    background; then the ranked page. The unfiltered list is precomputed and never waits."""
    import threading

    from graph.views import gaps as gap_views
    from webapp import create_app

    release, calls = threading.Event(), []
    real = gap_views.partner_suggestions

    def slow_ranking(G, *, lang="de", limit=None, criteria=None):
        calls.append(criteria.key())
        release.wait(30)
        return real(G, lang=lang, criteria=criteria)

    monkeypatch.setattr(gap_views, "partner_suggestions", slow_ranking)
    app = create_app(web_settings)
    app.config["HARZGRAPH_PREPARE_WAIT_S"] = 0.05
    client = app.test_client()
    assert client.get("/gaps").status_code == 200  # precomputed: no ranking, no waiting
    waiting = client.get("/gaps?material=copper")
    assert waiting.status_code == 202 and waiting.headers["Retry-After"] == "5"
    page = waiting.get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="5">' in page and "werden gerade" in page
    assert client.get("/gaps.json?material=copper").get_json()["status"] == "preparing"
    assert len(calls) == 1  # started once, however often it was asked for
    release.set()
    for _ in range(200):
        ready = client.get("/gaps.json?material=copper")
        if ready.status_code == 200:
            break
        threading.Event().wait(0.05)
    assert ready.status_code == 200 and "rows" in ready.get_json()
    assert client.get("/gaps?material=copper").status_code == 200 and len(calls) == 1


def test_slow_views_answer_being_prepared_and_one_does_not_hold_up_another(web_settings, monkeypatch):
    """/communities (its analysis) and /quality (the tables read back from the store) take more
    than a minute at 100,000 actors when the build did not precompute them (this store was
    built without graph/derived.py). Each answers 202 with a page that reloads itself while it is
    computed in the background, then its page; while both are still running, a page the build
    precomputed answers at once."""
    import threading

    from graph import export
    from webapp import create_app
    from webapp import gaps as gap_pages

    release = threading.Event()
    real_gaps, real_tables = gap_pages.community_findings, export.tables_from_store

    def slow_gaps(G, **options):
        release.wait(30)
        return real_gaps(G, **options)

    def slow_tables(store):
        release.wait(30)
        return real_tables(store)

    monkeypatch.setattr(gap_pages, "community_findings", slow_gaps)
    monkeypatch.setattr(export, "tables_from_store", slow_tables)
    app = create_app(web_settings)
    app.config["HARZGRAPH_PREPARE_WAIT_S"] = 0.05
    client = app.test_client()
    for path, words in (("/communities", "wird gerade"), ("/quality?lang=en", "being computed")):
        waiting = client.get(path)
        assert waiting.status_code == 202, path
        assert '<meta http-equiv="refresh" content="5">' in waiting.get_data(as_text=True)
        assert words in waiting.get_data(as_text=True)
    assert client.get("/communities.json").get_json()["status"] == "preparing"
    assert client.get("/quality.csv").status_code == 202
    assert client.get("/chains").status_code == 200  # precomputed: never queued behind the two
    release.set()
    for path in ("/communities.json", "/quality.json"):
        for _ in range(200):
            answer = client.get(path)
            if answer.status_code == 200:
                break
            threading.Event().wait(0.05)
        assert answer.status_code == 200 and "rows" in answer.get_json(), path
