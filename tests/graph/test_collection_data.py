"""The collection tables: bad rows give file:row:field problems and leave the store as it was;
the figures are an RDF Data Cube in which every observation keeps its source; the example
query joins figures and districts; the CLI refuses bad levers with exit 2.

Figures and levers here are the SYNTHETIC ones of tests/data/collection, added to a copy of
tests/data/valid.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import cli
from graph.build import ingest
from graph.errors import ImportFailed
from graph.namespaces import sparql_prologue
from graph.settings import Settings
from graph.sparql.examples import example
from graph.store import open_read_only
from tests.conftest import TESTS, VALID
from tests.helpers import dump, set_cell

FIGURES, LEVERS = "collection_figures.csv", "collection_levers.csv"
NEXT_YEAR = str(dt.date.today().year + 1)
COLLECTION = TESTS / "data" / "collection"


def with_collection(data: Path) -> Path:
    """Copy the SYNTHETIC collection tables into a data folder."""
    for name in (FIGURES, LEVERS):
        shutil.copy(COLLECTION / name, data / name)
    return data


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    return Settings(data_dir=with_collection(data), store_dir=tmp_path / "store")


def problems_of(settings):
    with pytest.raises(ImportFailed) as caught:
        ingest.validate(settings)
    return [(p.file.rsplit("/", 1)[-1], p.row, p.field, p.message) for p in caught.value.problems
            if p.severity == "error"]


@pytest.mark.parametrize(("table", "row", "field", "value", "words"), [
    # (the unit is set, the quantity that does not fit it is named)
    (FIGURES, 2, "basis", "collected-somehow", "not a known collection basis"),
    (FIGURES, 2, "unit", "kg/inh", "1000 kg per inhabitant is implausible"),
    (FIGURES, 5, "quantity", "140", "more than 100 %"),  # with unit % below
    (FIGURES, 2, "year", NEXT_YEAR, "lies in the future"),
    (FIGURES, 2, "year", "21", "is not a year"),
    (FIGURES, 2, "area", "Wolfenbüttel", "not a district or state of the region"),
    (FIGURES, 2, "quantity", "-5", "out of range"),
    (FIGURES, 2, "devices", "medium", "not a known device scope"),
    (LEVERS, 2, "high", "0.5", "below low"),
    (LEVERS, 2, "unit", "%", "amount per count"),
    (LEVERS, 2, "per", "truck", "not a known lever count"),
])
def test_bad_cell_names_file_row_and_field(settings, table, row, field, value, words):
    set_cell(settings.data_dir / table, row, field, value)
    if field == "quantity" and value == "140":
        set_cell(settings.data_dir / table, row, "unit", "%")
    named = "quantity" if field == "unit" and table == FIGURES else field
    found = problems_of(settings)
    assert any(f == table and r == row and fld == named and words in message
               for f, r, fld, message in found), found


def test_rate_needs_a_collected_basis(settings):
    set_cell(settings.data_dir / FIGURES, 6, "quantity", "40")
    set_cell(settings.data_dir / FIGURES, 6, "unit", "%")  # row 6: basis generated
    assert any(r == 6 and fld == "unit" and "collected basis" in m for _f, r, fld, m in problems_of(settings))


def test_two_rows_for_one_cube_cell_are_refused(settings):
    set_cell(settings.data_dir / FIGURES, 3, "year", "2020")  # row 3 becomes Goslar 2020 like row 2
    found = problems_of(settings)
    assert any(f == FIGURES and r == 3 and fld == "id" and "row 2" in m for f, r, fld, m in found), found


def test_failed_import_leaves_the_store_as_it_was(settings):
    ingest.build(settings)
    before = dump(settings.store_dir)
    set_cell(settings.data_dir / FIGURES, 2, "year", NEXT_YEAR)
    with pytest.raises(ImportFailed):
        ingest.build(settings)
    assert dump(settings.store_dir) == before


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("collection")
    shutil.copytree(VALID, root / "data")
    settings = Settings(data_dir=with_collection(root / "data"), store_dir=root / "store")
    ingest.build(settings)
    return settings


def test_figures_are_a_data_cube_and_every_observation_keeps_its_source(built):
    store = open_read_only(built.store_dir)
    ask = sparql_prologue() + """
    SELECT (COUNT(DISTINCT ?obs) AS ?n) (COUNT(DISTINCT ?unsourced) AS ?without) WHERE {
      ?obs a qb:Observation ; qb:dataSet ?ds .
      ?ds a qb:DataSet ; qb:structure ?dsd .
      ?dsd a qb:DataStructureDefinition ; qb:component/qb:measure sdmx-measure:obsValue .
      OPTIONAL { ?obs a qb:Observation FILTER NOT EXISTS { ?obs dcterms:source ?s } BIND(?obs AS ?unsourced) }
    }"""
    [row] = list(store.query(ask))
    assert (int(row["n"].value), int(row["without"].value)) == (6, 0)


def test_example_query_joins_figures_and_districts(built):
    store = open_read_only(built.store_dir)
    rows = list(store.query(example("collection_per_inhabitant").text))
    got = {(r["district"].value, r["year"].value, float(r["kg_per_inhabitant"].value)) for r in rows}
    # SYNTHETIC Goslar: 1,000 t / 134,672 inhabitants = 7.43 kg; 900 t = 6.68 kg; the part is left out
    assert got == {("Goslar", "2020", 7.4), ("Goslar", "2019", 6.7)}
    assert all(r["sources"].value.startswith("https://example.org/") for r in rows)


def test_cli_scenario_outputs_and_refusals(built):
    runner = CliRunner()
    base = ["scenario", "--store", str(built.store_dir)]
    out = runner.invoke(cli.main, [*base, "--district", "Goslar", "--lever", "syn-container=3", "--format", "json"])
    assert out.exit_code == 0, out.output
    [goslar] = json.loads(out.output)["districts"]
    # SYNTHETIC: 1,000 t measured (2020) + 3 containers × 1–2 t = 1,003–1,006 t
    assert (goslar["scenario_collected"]["low"], goslar["scenario_collected"]["high"]) == (1003, 1006)
    csv_out = runner.invoke(cli.main, [*base, "--format", "csv"])
    assert csv_out.exit_code == 0 and csv_out.output.startswith("district,name,state,region_status,population_low")
    for args, words in ((["--lever", "nope=1"], "unknown lever 'nope'"),
                        (["--lever", "syn-container=x"], "whole number"),
                        (["--lever", "syn-retail=2"], "outside 0…1"),
                        (["--district", "Atlantis"], "unknown district")):
        process = subprocess.run([sys.executable, "-c", "from graph.cli import run; run()", *base, *args],
                                 capture_output=True, text=True)
        assert process.returncode == 2, process.stderr
        assert words in process.stderr and "Traceback" not in process.stderr


def test_briefing_has_the_collection_target_from_the_same_function(built):
    from graph.report.briefing import build_report

    html = build_report(open_read_only(built.store_dir), lang="de")
    part = html[html.index('id="collection-target"'):]
    part = part[:part.index("</table>")]
    # SYNTHETIC Goslar: 1,000 t measured (2020); generated 20–22 kg × 134,672 / 1000 = 2,693–2,963 t
    assert "1.000<br><span class=\"small nowrap\">gemessen, 2020" in part
    assert "2.693–2.963" in part
    # Harz has no own figure: the SYNTHETIC Sachsen-Anhalt 7 kg × 208,804 / 1000 = 1,462 t, estimated
    assert "1.462<br><span class=\"small nowrap\">geschätzt, 2021" in part
