"""The example queries of docs/DATA-MODEL.md run on the shipped data and give sensible answers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph import store as store_mod
from graph.build import ingest
from graph.namespaces import sparql_prologue

DOC = Path(__file__).resolve().parents[2] / "docs" / "DATA-MODEL.md"
EXAMPLES = re.findall(r"```sparql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def real_store(tmp_path_factory):
    from graph.settings import Settings

    repo = Path(__file__).resolve().parents[2]
    settings = Settings(data_dir=repo / "data", store_dir=tmp_path_factory.mktemp("store"))
    ingest.build(settings)
    return store_mod.open_read_only(settings.store_dir)


def test_the_doc_has_examples():
    assert len(EXAMPLES) == 5


@pytest.mark.parametrize("query", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_example_returns_rows(real_store, query):
    rows = list(real_store.query(sparql_prologue() + query))
    assert rows, query


def test_goslar_has_the_most_actors(real_store):
    first = next(iter(real_store.query(sparql_prologue() + EXAMPLES[0])))
    assert first["district"].value == "Goslar" and first["status"].value == "confirmed"


def test_stages_come_in_flow_order(real_store):
    positions = [int(r["position"].value) for r in real_store.query(sparql_prologue() + EXAMPLES[2])]
    assert positions == sorted(positions) and positions[0] == 1
