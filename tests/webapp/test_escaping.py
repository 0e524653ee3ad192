"""Hostile names show as text everywhere: HTML pages, JSON twins, the network's data, CSV cells."""

from __future__ import annotations

import json

import pytest

from tests.webapp.conftest import FORMULA, IMG, SCRIPT_ROLE, csv_rows

ESCAPED_IMG = "&lt;img src=x onerror=document.title=&#39;X&#39;&gt;"
PAGES_WITH_NAMES = ["/", "/actors", "/actors?q=img", "/actors/hostile-img", "/actors/test-recycler",
                    "/actors/hostile-formula", "/network", "/network?focus=hostile-img&_sel=hostile-img",
                    "/network?from=hostile-img&to=test-refiner", "/map", "/actors?lang=en"]


@pytest.mark.parametrize("path", PAGES_WITH_NAMES)
def test_html_never_contains_the_raw_tags(client, path):
    html = client.get(path).get_data(as_text=True)
    assert IMG not in html
    assert SCRIPT_ROLE not in html
    assert "<img" not in html, "our templates have no <img>; any would be injected"


@pytest.mark.parametrize("path", ["/actors/hostile-img", "/actors/test-recycler", "/actors", "/map"])
def test_html_shows_the_name_as_text(client, path):
    assert ESCAPED_IMG in client.get(path).get_data(as_text=True)


@pytest.mark.parametrize("path", ["/actors.json", "/actors/hostile-img.json", "/actors/test-recycler.json",
                                  "/network.json", "/map.json", "/index.json"])
def test_json_keeps_names_intact_but_never_as_markup(client, path):
    response = client.get(path)
    assert response.mimetype == "application/json"
    text = response.get_data(as_text=True)
    assert "<" not in text and ">" not in text, "< and > are written as \\u003c and \\u003e"
    json.loads(text)


def test_json_names_round_trip(client):
    names = {row["id"]: row["name"] for row in client.get("/actors.json").get_json()["rows"]}
    assert names["hostile-img"] == IMG and names["hostile-formula"] == FORMULA
    edges = client.get("/network.json?focus=hostile-img").get_json()["edges"]
    assert edges and all(IMG not in " ".join(e["via"]) for e in edges)


@pytest.mark.parametrize("path", ["/actors.csv", "/actors/hostile-formula.csv", "/network.csv"])
def test_csv_cells_that_would_be_formulas_are_neutralised(client, path):
    cells = [cell for row in csv_rows(client.get(path).get_data(as_text=True)) for cell in row]
    assert "'" + FORMULA in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
