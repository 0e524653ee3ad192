"""The harzgraph command as a user meets it: exit codes, messages, environment overrides."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from graph.cli import main
from tests.helpers import dump, set_cell


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_build_then_stats_json(settings):
    built = invoke("build", "--data", str(settings.data_dir), "--store", str(settings.store_dir))
    assert built.exit_code == 0, built.output
    assert "4 actors" in built.output
    result = invoke("stats", "--store", str(settings.store_dir), "--format", "json")
    totals = json.loads(result.output)["totals"][0]
    # tests/data/valid: 4 actors, 3 relations, 1 project, 1 collection point, 0 actors without source
    assert (totals["actors"], totals["relations"], totals["projects"], totals["collection_points"],
            totals["actors_without_source"]) == (4, 3, 1, 1, 0)


def test_environment_variables_choose_data_and_store(settings):
    env = {"HARZGRAPH_DATA": str(settings.data_dir), "HARZGRAPH_STORE": str(settings.store_dir)}
    assert invoke("build", env=env).exit_code == 0
    assert (settings.store_dir / "current").is_symlink()


def test_failed_build_exits_1_and_lists_every_problem(settings):
    set_cell(settings.data_dir / "actors.csv", 2, "kind", "recyclr")
    set_cell(settings.data_dir / "actors.csv", 3, "lat", "500")
    result = invoke("build", "--data", str(settings.data_dir), "--store", str(settings.store_dir))
    assert result.exit_code == 1
    assert "row 2, field 'kind': 'recyclr' is not a known kind; did you mean 'recycler'?" in result.output
    assert "row 3, field 'lat'" in result.output
    assert not settings.store_dir.exists() or not (settings.store_dir / "current").exists()


def test_validate_ok(settings):
    result = invoke("validate", "--data", str(settings.data_dir))
    assert result.exit_code == 0 and result.output.startswith("OK: 16 records")


def test_missing_store_is_one_clear_line_not_a_traceback(tmp_path):
    process = subprocess.run([sys.executable, "-c", "from graph.cli import run; run()", "stats",
                              "--store", str(tmp_path / "none")], capture_output=True, text=True)
    assert process.returncode == 2
    assert process.stderr.strip().startswith("error:") and "harzgraph build" in process.stderr
    assert "Traceback" not in process.stderr


def _built(settings):
    assert invoke("build", "--data", str(settings.data_dir), "--store", str(settings.store_dir)).exit_code == 0


def test_gaps_borders_counts_the_synthetic_ties(settings):
    """Synthetic graph: recycler (Niedersachsen) – cluster (Sachsen-Anhalt) by membership,
    recycler – refiner (Thüringen) by cooperation and a joint project. So one tie crosses
    03–15, one crosses 03–16, none crosses 15–16."""
    _built(settings)
    result = invoke("gaps", "borders", "--store", str(settings.store_dir), "--format", "json")
    assert result.exit_code == 0, result.output
    observed = {(r["a"], r["b"]): r["observed"] for r in json.loads(result.output)["rows"] if r["scope"] == "between"}
    assert observed == {("03", "15"): 1, ("03", "16"): 1, ("15", "16"): 0}


def test_gaps_filter_by_state_name(settings):
    _built(settings)
    result = invoke("gaps", "brokers", "--store", str(settings.store_dir), "--state", "Thüringen", "--format", "csv")
    lines = result.output.strip().splitlines()
    assert result.exit_code == 0 and len(lines) == 2 and "SYNTHETIC Test Refiner AG" in lines[1]


def test_gaps_training_for_one_district(settings):
    """Synthetic data: in Goslar only the Test Recycler, at manual dismantling (TS-08), with
    no competency recorded; no actor is an education actor. The vocabulary links 8 chain
    stages to 2 + 2 + 1 + 1 + 1 + 1 + 1 + 2 = 11 competencies (ontology/vocab/stages.ttl)."""
    _built(settings)
    result = invoke("gaps", "training", "--store", str(settings.store_dir), "--district", "Goslar",
                    "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    assert len(rows) == 11 and {r["area"] for r in rows} == {"03153"}
    assert {r["competency"] for r in rows if r["stages_present"]} == {"dismantling"}
    assert all(r["holders"] == 0 and r["trainers"] == 0 for r in rows)
    states = invoke("gaps", "training", "--store", str(settings.store_dir), "--state", "Thüringen", "--format", "json")
    assert states.exit_code == 0, states.output
    # Thüringen itself and its districts Nordhausen and Kyffhäuserkreis, 11 rows each.
    assert len(json.loads(states.output)["rows"]) == 3 * 11


def test_gaps_unknown_material_suggests(settings):
    _built(settings)
    process = subprocess.run([sys.executable, "-c", "from graph.cli import run; run()", "gaps", "materials",
                              "--store", str(settings.store_dir), "--material", "tantalumm"],
                             capture_output=True, text=True)
    assert process.returncode == 2 and "did you mean 'tantalum'" in process.stderr


def test_query_command_csv(settings):
    _built(settings)
    query = "SELECT ?name WHERE { ?a a org:Organization ; rdfs:label ?name } ORDER BY ?name"
    result = invoke("query", "--store", str(settings.store_dir), "--format", "csv", query)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "name"
    assert len(result.output.splitlines()) == 5


UPDATES = {
    "INSERT DATA": "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE DATA": "DELETE DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE": "DELETE WHERE { ?s ?p ?o }",
    "INSERT/WHERE": "INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "LOAD": "LOAD <http://example.org/x>",
    "CLEAR": "CLEAR ALL",
    "CREATE": "CREATE GRAPH <urn:g>",
    "DROP": "DROP ALL",
    "COPY": "COPY DEFAULT TO <urn:g>",
    "MOVE": "MOVE DEFAULT TO <urn:g>",
    "ADD": "ADD DEFAULT TO <urn:g>",
}


def test_query_command_refuses_each_update_operation_and_changes_nothing(settings):
    _built(settings)
    before = dump(settings.store_dir)
    for name, update in UPDATES.items():
        process = subprocess.run([sys.executable, "-m", "graph.cli", "query", "--store", str(settings.store_dir),
                                  update], capture_output=True, text=True)
        assert process.returncode == 2, name
        assert "update" in process.stderr.lower() and "Traceback" not in process.stderr, (name, process.stderr)
    assert dump(settings.store_dir) == before


def test_report_command_writes_one_html_file(settings, tmp_path):
    _built(settings)
    out = tmp_path / "bericht.html"
    result = invoke("report", "--store", str(settings.store_dir), "--out", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>") and "<svg" in html and "<script" not in html


def test_partners_keep_the_pairs_with_an_actor_in_the_district(settings):
    """Defect 5: partner rows have no district column, so --district matched nothing. The only
    untied pair of the synthetic graph is cluster (Harz) – refiner (Nordhausen), through the
    recycler: it is kept for Nordhausen and for Harz, and not for Goslar (the recycler is tied
    to both already)."""
    _built(settings)
    for district, expected in (("Nordhausen", 1), ("Harz", 1), ("Goslar", 0)):
        result = invoke("gaps", "partners", "--store", str(settings.store_dir), "--district", district,
                        "--format", "json")
        assert result.exit_code == 0, result.output
        rows = json.loads(result.output)["rows"]
        assert len(rows) == expected, district
        if rows:
            assert {rows[0]["label_a"], rows[0]["label_b"]} == {"SYNTHETIC Test Cluster e.V.",
                                                                 "SYNTHETIC Test Refiner AG"}


def test_a_filter_that_cannot_apply_is_refused_by_name(settings):
    _built(settings)
    process = subprocess.run([sys.executable, "-c", "from graph.cli import run; run()", "gaps", "borders",
                              "--store", str(settings.store_dir), "--material", "copper"],
                             capture_output=True, text=True)
    assert process.returncode == 2
    assert process.stderr.startswith("error: --material cannot apply to 'borders'")


def test_materials_and_communities_take_an_area(settings):
    """materials --state: the CRM table of that state's actors only (the synthetic actors hold
    no CRM material, so every row counts 0 actors); communities --district: the pairs of
    groups with an actor there."""
    _built(settings)
    result = invoke("gaps", "materials", "--store", str(settings.store_dir), "--state", "16", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    assert rows and all(r["actors"] == 0 for r in rows)
    result = invoke("gaps", "communities", "--store", str(settings.store_dir), "--district", "Goslar")
    assert result.exit_code == 0, result.output


def test_gaps_take_a_competency(settings):
    """The synthetic actors have no competency: brokers about research keep nobody; chains refuse it."""
    _built(settings)
    result = invoke("gaps", "brokers", "--store", str(settings.store_dir), "--competency", "research",
                    "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rows"] == []
    process = subprocess.run([sys.executable, "-c", "from graph.cli import run; run()", "gaps", "chains",
                              "--store", str(settings.store_dir), "--competency", "research"],
                             capture_output=True, text=True)
    assert process.returncode == 2 and "--competency cannot apply to 'chains'" in process.stderr


def test_partners_take_a_kind_as_on_the_gaps_page(settings):
    """The only untied pair of the synthetic graph is cluster – refiner (both tied to the
    recycler): --kind refiner_smelter keeps it (the refiner is one of the two), --kind recycler
    keeps nothing (the recycler is in no suggested pair), and with --district Harz the refiner
    (Nordhausen) is of the kind but not in the place, so nothing is kept either."""
    _built(settings)

    def pairs(*options: str) -> list[set[str]]:
        result = invoke("gaps", "partners", "--store", str(settings.store_dir), *options, "--format", "json")
        assert result.exit_code == 0, result.output
        return [{row["label_a"], row["label_b"]} for row in json.loads(result.output)["rows"]]

    assert pairs("--kind", "refiner_smelter") == [{"SYNTHETIC Test Cluster e.V.", "SYNTHETIC Test Refiner AG"}]
    assert pairs("--kind", "recycler") == []
    assert pairs("--kind", "refiner_smelter", "--district", "Harz") == []
    assert len(pairs("--kind", "refiner_smelter", "--district", "Nordhausen")) == 1


def test_partner_options_are_refused_by_other_analyses(settings):
    _built(settings)
    for option in (["--kind", "recycler"], ["--without-public"], ["--with-funders"]):
        process = subprocess.run([sys.executable, "-c", "from graph.cli import run; run()", "gaps", "brokers",
                                  "--store", str(settings.store_dir), *option], capture_output=True, text=True)
        assert process.returncode == 2, option
        assert f"{option[0]} cannot apply to 'brokers'" in process.stderr and "Traceback" not in process.stderr
    unknown = subprocess.run([sys.executable, "-c", "from graph.cli import run; run()", "gaps", "partners",
                              "--store", str(settings.store_dir), "--kind", "recyclr"], capture_output=True, text=True)
    assert unknown.returncode == 2 and "did you mean 'recycler'" in unknown.stderr
