"""The harzgraph command as a user meets it: exit codes, messages, environment overrides."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from graph.cli import main
from tests.helpers import set_cell


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
