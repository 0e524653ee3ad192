"""``/network`` and ``/network.json``: nodes, edges, filters, focus, path, escaping."""

from __future__ import annotations

import json
import re

from tests.webapp.conftest import FORMULA, IMG, SCRIPT_ROLE, csv_rows

NODES_HEADER = ("type,id,label,kind,kind_label,state,state_label,district,district_label,confidence,degree,"
                "betweenness,community,x,y,match,on_path,focus,from,to,relations,relation_labels,years,via,weight,"
                "sources")


def data_block(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html, re.S)
    assert match, "the page carries its data in a JSON block"
    return json.loads(match.group(1))


def test_network_json_has_nodes_edges_and_positions(client):
    body = client.get("/network.json").get_json()
    assert {"ok", "title", "description", "columns", "rows", "count", "links", "nodes", "edges", "legend"} <= set(body)
    assert body["count"] == len(body["nodes"]) == 6
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in body["nodes"])
    pairs = {(e["from"], e["to"]) for e in body["edges"]}
    # Synthetic data: recycler–cluster (member), recycler–refiner (cooperates, joint project),
    # hostile-img–recycler (cooperates), hostile-formula–cluster (member), and recycler–hostile-formula
    # (shared network: both members of the cluster).
    assert pairs == {("test-cluster", "test-recycler"), ("test-recycler", "test-refiner"),
                     ("hostile-img", "test-recycler"), ("hostile-formula", "test-cluster"),
                     ("hostile-formula", "test-recycler")}
    assert all(e["from"] < e["to"] for e in body["edges"])
    edge = next(e for e in body["edges"] if (e["from"], e["to"]) == ("test-recycler", "test-refiner"))
    assert edge["relations"] == ["cooperates_with", "joint_project"]
    assert edge["primary"] == "cooperates_with"
    assert edge["via"] == ["SYNTHETIC Test Project"]
    assert "https://example.org/source-9" in edge["sources"]
    kinds = {row["key"] for row in body["legend"]["nodes"]}
    assert kinds == {"recycler", "refiner_smelter", "association_cluster", "waste_authority", "repair_reuse"}


def test_network_page_draws_from_its_json_block(client):
    response = client.get("/network?_color=state")
    html = response.get_data(as_text=True)
    data = data_block(html)
    assert data["color_by"] == "state"
    assert [n["id"] for n in data["nodes"]] == [n["id"] for n in client.get("/network.json").get_json()["nodes"]]
    assert re.search(r'<script src="/static/vendor/vis-network/vis-network\.min\.[0-9a-f]{12}\.js"></script>', html)
    assert response.headers["Link"].startswith('</network.json?_color=state>; rel="alternate"')


def test_filter_by_state_and_relation(client):
    body = client.get("/network.json?state=03").get_json()
    assert {n["id"] for n in body["nodes"]} == {"test-recycler", "hostile-img"}
    body = client.get("/network.json?relation=member_of").get_json()
    # Only member ties, and only the actors that have one.
    assert {(e["from"], e["to"]) for e in body["edges"]} == {("test-cluster", "test-recycler"),
                                                             ("hostile-formula", "test-cluster")}
    assert {n["id"] for n in body["nodes"]} == {"test-cluster", "test-recycler", "hostile-formula"}


def test_focus_on_a_neighbourhood(client):
    one = client.get("/network.json?focus=test-refiner&hops=1").get_json()
    assert {n["id"] for n in one["nodes"]} == {"test-refiner", "test-recycler"}
    assert [n["id"] for n in one["nodes"] if n["focus"]] == ["test-refiner"]
    two = client.get("/network.json?focus=test-refiner&hops=2").get_json()
    assert {n["id"] for n in two["nodes"]} == {"test-refiner", "test-recycler", "test-cluster", "hostile-img",
                                               "hostile-formula"}


def test_shortest_path(client):
    body = client.get("/network.json?from=hostile-img&to=test-refiner").get_json()
    assert body["path"] == ["hostile-img", "test-recycler", "test-refiner"]
    assert {(e["from"], e["to"]) for e in body["edges"] if e["on_path"]} == {
        ("hostile-img", "test-recycler"), ("test-recycler", "test-refiner")}


def test_no_path_is_said_in_words(client):
    html = client.get("/network?from=test-authority&to=test-refiner").get_data(as_text=True)
    assert "Zwischen diesen beiden Akteuren gibt es in dieser Ansicht keinen Weg." in html
    assert data_block(html)["path"] is None


def test_search_marks_matches(client):
    body = client.get("/network.json?q=synthetic%20test").get_json()
    assert body["matches"] == ["test-cluster", "test-recycler", "test-refiner"]


def test_network_csv(client):
    text = client.get("/network.csv").get_data(as_text=True)
    assert text.splitlines()[0] == NODES_HEADER
    rows = csv_rows(text)
    labels = {row[1]: row[2] for row in rows[1:] if row[0] == "node"}
    assert labels["hostile-formula"] == "'" + FORMULA
    assert labels["hostile-img"] == IMG, "CSV is not HTML: the name is kept as it is"
    header = rows[0]
    edges = [dict(zip(header, row, strict=True)) for row in rows[1:] if row[0] == "edge"]
    recycler = [e for e in edges if {e["from"], e["to"]} == {"test-recycler", "test-refiner"}]
    assert len(recycler) == 1, "one edge per pair"
    assert "https://example.org/source-9" in recycler[0]["sources"].split("; "), "edges carry their sources"
    assert {row[header.index("match")] for row in rows[1:] if row[0] == "node"} == {"false"}, "no Python False"


def test_hostile_names_never_become_markup(client):
    html = client.get("/network?q=img").get_data(as_text=True)
    assert IMG not in html and SCRIPT_ROLE not in html
    block = re.search(r'id="network-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block, "tojson escapes < and > inside the data block"
    data = json.loads(block)
    assert IMG in [n["label"] for n in data["nodes"]], "the name arrives intact, as text"
    body = client.get("/network.json").get_data(as_text=True)
    assert "<img" not in body and "\\u003cimg" in body


def test_a_filtered_view_asked_again_is_not_computed_again(client, monkeypatch):
    from graph.views import network as netview
    from webapp.network import VIEWS_KEPT

    calls = []
    real = netview.network_view

    def counting(*args, **kwargs):
        calls.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(netview, "network_view", counting)
    first = client.get("/network.json?state=03&q=kept-view").get_json()
    again = client.get("/network.json?state=03&q=kept-view&_sel=test-recycler").get_json()
    assert len(calls) == 1 and again["nodes"] == first["nodes"] and again["edges"] == first["edges"]
    assert {n["id"] for n in first["nodes"]} == {"test-recycler", "hostile-img"}
    # VIEWS_KEPT other views later, the first is the oldest and computed again.
    for n in range(VIEWS_KEPT):
        client.get(f"/network.json?q=other-view-{n}")
    assert len(calls) == 1 + VIEWS_KEPT
    assert client.get("/network.json?state=03&q=kept-view").get_json()["nodes"] == first["nodes"]
    assert len(calls) == 2 + VIEWS_KEPT


def test_a_filtered_page_rendered_again_keeps_its_own_selection(client):
    first = data_block(client.get("/network?state=03&_sel=test-recycler").get_data(as_text=True))
    other = data_block(client.get("/network?state=03&_sel=hostile-img").get_data(as_text=True))
    again = data_block(client.get("/network?state=03&_sel=test-recycler").get_data(as_text=True))
    assert (first["selected"], other["selected"], again["selected"]) == ("test-recycler", "hostile-img",
                                                                       "test-recycler")
    assert again == first
