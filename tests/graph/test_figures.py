"""The figures as files (issue 14): PNG and SVG of the briefing's and the viewer's figures;
names from the data stay text in the SVG, escaped, never markup.

SYNTHETIC rows written here, not real areas."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from matplotlib.figure import Figure

from graph.report import figures
from graph.views import figures as figviews

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def svg_texts(data: bytes) -> list[str]:
    """The text of every <text> and <title> element of an SVG document (parsing fails on markup
    that is not well-formed)."""
    root = ET.fromstring(data)
    assert root.tag == f"{SVG}svg"
    return ["".join(node.itertext()) for node in root.iter() if node.tag in (f"{SVG}text", f"{SVG}title")]


def quantity(low: float, high: float, status: str = "measured") -> dict:
    return {"low": low, "high": high, "status": status}


def district(name: str, key: str, *, scenario: dict | None = None) -> dict:
    return {"district": key, "name": name, "generated": quantity(2000, 2400), "collected": quantity(900, 900),
            "target": quantity(1700, 2040), "scenario_collected": scenario}


def test_a_hostile_district_name_is_text_in_the_svg_and_escaped():
    fig = figviews.collection_figure([district(HOSTILE, "1"), district("A & B", "2")], lang="en")
    data = figures.figure_file(fig, "svg", title=f"Chart of {HOSTILE}")
    assert b"<script" not in data
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in data
    texts = svg_texts(data)
    assert HOSTILE in texts and "A & B" in texts, "the names read back exactly, as text"
    assert f"Chart of {HOSTILE}" in texts, "the title is escaped too"


def test_a_hostile_state_name_in_the_border_matrix_is_escaped():
    rows = [{"level": "state", "a": "01", "a_label": HOSTILE, "b": "02", "b_label": "B", "scope": "between",
             "observed": 1, "expected": 2.0, "ratio": 0.5}]
    data = figures.figure_file(figviews.border_figure(rows, "state", lang="de"), "svg")
    assert b"<script" not in data and b"&lt;script&gt;" in data
    # The matrix wraps names at 14 characters: "<script>alert(" and "1)</script>".
    assert "<script>alert(" in svg_texts(data)


def test_the_scenario_shows_only_when_levers_are_set():
    """Three legend entries for the statuses and two for generated and target: the sixth,
    "with levers", only when a district has a scenario."""
    plain = svg_texts(figures.figure_file(figviews.collection_figure([district("A", "1")], lang="en"), "svg"))
    levers = svg_texts(figures.figure_file(
        figviews.collection_figure([district("A", "1", scenario=quantity(950, 1000))], lang="en"), "svg"))
    assert "with levers (range)" in levers and "with levers (range)" not in plain


def test_png_is_a_png_and_the_same_figure_gives_the_same_bytes():
    rows = [district("A", "1")]
    first = figures.figure_file(figviews.collection_figure(rows), "png", title="t")
    assert first.startswith(PNG_MAGIC) and len(first) > 1000
    assert figures.figure_file(figviews.collection_figure(rows), "png", title="t") == first


def test_no_district_with_a_model_draws_nothing():
    assert figviews.collection_figure([{"district": "1", "name": "A", "generated": None, "collected": None}]) is None
    assert figviews.file_of(None, "svg", title="x") is None


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="fmt must be one of 'svg', 'png', not 'gif'"):
        figures.figure_file(Figure(), "gif")
