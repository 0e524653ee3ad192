"""``harzgraph diff`` on two folders whose differences were made by hand (SYNTHETIC data)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build.ingest import build
from graph.cli import main
from graph.diff import diff, summary
from graph.export import tables_from_store, write_workbook
from graph.settings import Settings
from tests.conftest import VALID
from tests.helpers import rows, write_rows


@pytest.fixture
def two_folders(tmp_path: Path) -> tuple[Path, Path]:
    """OLD is the synthetic test data; NEW differs from it in exactly these ways:

    - actors/test-recycler: name changed, materials "metals" added;
    - actors/test-cluster: removed (with its relation test-recycler member_of test-cluster);
    - actors/test-new: added;
    - relations: the cooperates_with row's confidence low → medium;
    - actors/test-refiner: only the spelling of an unchanged list differs (not a change).
    """
    old = tmp_path / "old"
    new = tmp_path / "new"
    shutil.copytree(VALID, old)
    shutil.copytree(VALID, new)
    actors = rows(new / "actors.csv")
    columns = list(actors[0])
    by_id = {a["id"]: a for a in actors}
    by_id["test-recycler"]["name"] = "SYNTHETIC Renamed Recycler GmbH"
    by_id["test-recycler"]["materials"] = "metals"
    by_id["test-refiner"]["stages"] = " TS-MR ; "
    actors = [a for a in actors if a["id"] != "test-cluster"]
    actors.append({**dict.fromkeys(columns, ""), "id": "test-new", "name": "SYNTHETIC New Actor",
                   "kind": "recycler", "confidence": "low", "sources": "https://example.org/new",
                   "checked": "2026-11-30"})
    write_rows(new / "actors.csv", actors, columns)
    relations = rows(new / "relations.csv")
    kept = [r for r in relations if r["object"] != "test-cluster"]
    for r in kept:
        if r["relation"] == "cooperates_with":
            r["confidence"] = "medium"
    write_rows(new / "relations.csv", kept, list(relations[0]))
    return old, new


def _changes(table) -> set[tuple[str, str, str, str]]:
    return {(r["table"], r["key"], r["change"], r["field"]) for r in table.rows}


def test_diff_of_two_folders_names_each_hand_made_change(two_folders):
    old, new = two_folders
    table = diff(old, new)
    found = _changes(table)
    assert ("actors", "test-recycler", "changed", "name") in found
    assert ("actors", "test-recycler", "changed", "materials") in found
    assert ("actors", "test-new", "added", "name") in found
    assert ("actors", "test-cluster", "removed", "name") in found
    assert ("relations", "test-recycler member_of test-cluster 2011", "removed", "relation") in found
    assert ("relations", "test-recycler cooperates_with test-refiner", "changed", "confidence") in found
    assert not any(key == "test-refiner" for _t, key, _c, _f in found), "spacing in a list is no change"
    # the two changed fields of test-recycler and one changed relation field: nothing else changed
    assert {f for t, k, c, f in found if c == "changed"} == {"name", "materials", "confidence"}
    row = next(r for r in table.rows if r["key"] == "test-recycler" and r["field"] == "name")
    assert (row["old"], row["new"]) == ("SYNTHETIC Test Recycler GmbH", "SYNTHETIC Renamed Recycler GmbH")
    # records, not fields: test-recycler and the relation changed; one actor added; one actor
    # and one relation removed
    assert summary(table) == {"added": 1, "removed": 2, "changed": 2}


def test_same_folder_has_no_differences(two_folders):
    old, _new = two_folders
    assert diff(old, old).rows == []


def test_cli_formats_and_workbook_and_store(two_folders, tmp_path):
    old, new = two_folders
    runner = CliRunner()
    as_json = runner.invoke(main, ["diff", str(old), str(new), "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    body = json.loads(as_json.stdout)
    assert body["columns"] == ["table", "key", "change", "field", "old", "new"]
    assert {"table": "actors", "key": "test-recycler", "change": "changed", "field": "materials",
            "old": "", "new": "metals"} in body["rows"]
    as_csv = runner.invoke(main, ["diff", str(old), str(new), "--format", "csv"])
    assert as_csv.stdout.splitlines()[0] == "table,key,change,field,old,new"
    as_text = runner.invoke(main, ["diff", str(old), str(new)])
    assert "SYNTHETIC Renamed Recycler GmbH" in as_text.stdout
    assert "1 added, 2 removed, 2 changed" in as_text.stderr

    # a workbook on one side: the same differences as from the folder
    built = Settings(data_dir=new, store_dir=tmp_path / "store")
    build(built)
    import pyoxigraph

    from graph import store as store_mod

    book = write_workbook(tables_from_store(pyoxigraph.Store.read_only(str(store_mod.current_path(built.store_dir)))),
                          tmp_path / "new.xlsx")
    assert ("actors", "test-recycler", "changed", "name") in _changes(diff(old, book))
    # two store versions: build OLD after NEW, then compare previous with current
    build(Settings(data_dir=old, store_dir=built.store_dir))
    between = diff(built.store_dir / "previous", built.store_dir)
    assert ("actors", "test-recycler", "changed", "name") in _changes(between)
    assert ("actors", "test-new", "removed", "name") in _changes(between)


def test_missing_path_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["diff", str(tmp_path / "nope"), str(VALID)])
    assert result.exit_code != 0
    assert "no such folder or file" in str(result.exception) + result.output
