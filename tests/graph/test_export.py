"""Export: RDF syntaxes parse back to the same graph; the tables round-trip (export, re-import,
same graph) as XLSX and CSV; network files open in NetworkX."""

from __future__ import annotations

import networkx as nx
import pyoxigraph
import pytest
from click.testing import CliRunner

from graph import store as store_mod
from graph.build import ingest
from graph.cli import main
from graph.export import export_rdf, tables_from_store, write_csv_folder, write_workbook
from graph.settings import Settings
from tests.helpers import dump


@pytest.fixture(params=["synthetic", "shipped"])
def built_settings(request, settings, real_settings):
    chosen = settings if request.param == "synthetic" else real_settings
    if request.param == "shipped" and not (chosen.data_dir / "actors.csv").exists():
        pytest.skip("shipped data not present")
    ingest.build(chosen)
    return chosen


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_tables_round_trip_to_the_same_graph(built_settings, tmp_path, fmt):
    tables = tables_from_store(store_mod.open_read_only(built_settings.store_dir))
    target = (write_workbook(tables, tmp_path / "export.xlsx") if fmt == "xlsx"
              else write_csv_folder(tables, tmp_path / "export")[0].parent)
    again = Settings(data_dir=target, store_dir=tmp_path / "again")
    ingest.build(again)
    assert dump(again.store_dir) == dump(built_settings.store_dir)


@pytest.mark.parametrize("fmt", ["ttl", "nq", "jsonld"])
def test_rdf_exports_parse_back_to_the_same_triples(settings, fmt):
    ingest.build(settings)
    store = store_mod.open_read_only(settings.store_dir)
    data = export_rdf(store, fmt)
    parsed = pyoxigraph.Store()
    parsed.load(data, format={"ttl": pyoxigraph.RdfFormat.TURTLE, "nq": pyoxigraph.RdfFormat.N_QUADS,
                              "jsonld": pyoxigraph.RdfFormat.JSON_LD}[fmt])
    assert len(parsed) == len(store)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_files_via_cli(settings, tmp_path, fmt):
    ingest.build(settings)
    out = tmp_path / f"net.{fmt}"
    args = ["export", "--store", str(settings.store_dir), "--format", fmt, "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    G = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(out)
    # 4 synthetic actors; ties: recycler–cluster (member_of), recycler–refiner (cooperates_with
    # and joint_project: the recycler coordinates the project the refiner is partner in).
    assert G.number_of_nodes() == 4
    assert G.number_of_edges() == 2
    recycler, refiner = (f"https://w3id.org/harzgraph/id/actor/test-{n}" for n in ("recycler", "refiner"))
    assert G.edges[recycler, refiner]["relations"] == "cooperates_with; joint_project"


def test_every_column_is_mapped_once_by_the_round_trip_table_or_by_hand():
    """A new column must be added to graph.build.columns (FACTS, or STRUCTURED when it needs
    code on both sides): otherwise export would silently drop it."""
    from graph.build.columns import FACTS, STRUCTURED
    from graph.build.tablespec import TABLES

    for spec in TABLES:
        facts = [f.column for f in FACTS[spec.name]]
        by_hand = [c for c in STRUCTURED[spec.name] if c in spec.column_names]
        assert sorted(facts + by_hand) == sorted(set(facts + by_hand)), spec.name  # none twice
        assert set(spec.column_names) <= set(facts) | set(by_hand), spec.name
        assert set(facts) <= set(spec.column_names), spec.name
