"""Change sets on a private copy of the SYNTHETIC test data: the checks a proposal gets, apply
with PROV, conflicts, restore after a failed build, and kill -9 during an apply."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.build import ingest
from graph.build.ingest import build
from graph.edit import changesets as cs_mod
from graph.edit import log
from graph.errors import ImportFailed, Problem
from graph.store import current_path
from tests.conftest import REPO
from tests.helpers import dump

SOURCE = "https://example.org/new-source"


@pytest.fixture
def built(settings):
    build(settings)
    return settings


def propose(settings, op="edit", table="actors", key="test-recycler", fields=None, source=SOURCE, reason="test"):
    op = cs_mod.new_op(settings, op, table, key, fields if fields is not None else {"materials": "metals;weee"})
    return cs_mod.propose(settings, op, author="someone", role="editor", reason=reason, source=source)


def data_bytes(settings) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(Path(settings.data_dir).iterdir())}


def test_a_changed_fact_needs_a_source(built):
    cs, problems = propose(built, source="")
    assert cs is None
    assert [p["field"] for p in problems] == ["source"]
    assert cs_mod.all_changesets(built) == [], "nothing is kept"


def test_problems_of_the_build_checks_name_the_field(built):
    cs, problems = propose(built, fields={"materials": "metals;no-such-material", "lat": "123.4"})
    assert cs is None
    assert {p["field"] for p in problems} == {"materials", "lat"}
    assert any("no-such-material" in p["message"] for p in problems)


def test_retire_needs_a_reason_and_a_dangling_reference_is_reported(built):
    _cs, problems = propose(built, op="retire", key="test-cluster", fields={}, reason="")
    assert [p["field"] for p in problems] == ["reason"]
    _cs, problems = propose(built, op="retire", key="test-cluster", fields={}, reason="dissolved")
    # relations.csv still refers to the retired actor: a problem of the change as a whole
    assert problems and all(p["field"] is None for p in problems)
    assert any(p["message"].startswith("relations.csv, row") for p in problems)


def test_apply_writes_data_builds_and_records_prov(built):
    before = current_path(built.store_dir)
    cs, problems = propose(built)
    assert problems == [] and cs["status"] == "pending"
    assert [(r["field"], r["new"]) for r in cs_mod.review_rows(cs)] == [
        ("materials", "metals; weee"),
        ("sources", f"{SOURCE} https://example.org/source-1 https://example.org/source-2")]
    done = cs_mod.apply(built, cs["id"], role="reviewer", comment="fine")
    assert done["status"] == "applied"
    assert current_path(built.store_dir) != before, "a new release was published"
    row = cs_mod.find(built, "actors", "test-recycler")
    assert row["materials"] == "metals;weee" and SOURCE in row["sources"].split()
    quads = "\n".join(dump(built.store_dir))
    activity = f"<{log.change_iri(cs['id'])}>"
    prov = "http://www.w3.org/ns/prov#"
    assert f"{activity} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{prov}Activity>" in quads
    assert f"{activity} <{prov}generated> <https://w3id.org/harzgraph/id/actor/test-recycler>" in quads
    assert f"{activity} <{prov}used> <https://w3id.org/harzgraph/id/actor/test-recycler>" in quads
    assert f"{activity} <{prov}wasAssociatedWith> <https://w3id.org/harzgraph/id/agent/reviewer>" in quads
    assert "someone" not in quads, "the account's role is recorded, never its name"
    entry = log.entries(built)[-1]
    assert entry["id"] == cs["id"] and entry["author_role"] == "editor" and "someone" not in json.dumps(entry)
    # a later ordinary build keeps the history
    build(built)
    assert activity in "\n".join(dump(built.store_dir))


def test_state_lives_beside_the_store_not_in_data(built):
    before = set(os.listdir(built.data_dir))
    cs, _ = propose(built)
    cs_mod.apply(built, cs["id"], role="reviewer")
    assert set(os.listdir(built.data_dir)) == before, "no new file in data/"
    assert built.edits_path == Path(built.store_dir).parent / "edits"
    assert (built.edits_path / "changelog.json").exists()


def test_second_proposal_on_the_same_record_gets_a_conflict(built):
    first, _ = propose(built, fields={"materials": "metals"})
    second, _ = propose(built, fields={"materials": "weee"})
    cs_mod.apply(built, first["id"], role="reviewer")
    after_first = data_bytes(built)
    clash = cs_mod.apply(built, second["id"], role="reviewer")
    assert clash["status"] == "conflict"
    assert data_bytes(built) == after_first, "never silently overwritten"
    (c,) = clash["conflicts"]
    assert (c["proposed_against"]["materials"], c["now"]["materials"], c["proposed"]["materials"]) == \
        ("", "metals", "weee")


def test_failed_build_restores_data_and_publishes_nothing(built, monkeypatch):
    original = data_bytes(built)
    version = current_path(built.store_dir)
    cs, _ = propose(built)

    def fails_after_swap(settings, **kwargs):
        def swap_then_fail():
            kwargs["before_swap"]()
            assert data_bytes(built) != original, "the new files were in data/ at this point"
            raise OSError("disk full (simulated)")
        return ingest.build(settings, changes=kwargs["changes"], before_swap=swap_then_fail)

    with pytest.raises(OSError):
        cs_mod.apply(built, cs["id"], role="reviewer", build=fails_after_swap)
    assert data_bytes(built) == original
    assert current_path(built.store_dir) == version
    assert cs_mod.load(built, cs["id"])["status"] == "pending"

    def shacl_fails(*_args, **_kwargs):
        raise ImportFailed([Problem("actors.csv", 2, "materials", "simulated SHACL violation")])

    monkeypatch.setattr(ingest, "check_shapes", shacl_fails)
    with pytest.raises(ImportFailed):
        cs_mod.apply(built, cs["id"], role="reviewer")
    assert data_bytes(built) == original and current_path(built.store_dir) == version
    assert log.entries(built) == []


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("moment", ["journal", "data", "published", "random"])
def test_kill_during_apply_leaves_data_and_store_both_old_or_both_new(built, moment):
    actors = Path(built.data_dir) / "actors.csv"
    old = _sha(actors)
    cs, _ = propose(built)
    child = subprocess.Popen([sys.executable, "-m", "tests.graph.edit_child", str(built.data_dir),
                              str(built.store_dir), cs["id"]], cwd=REPO)
    journal = built.edits_path / "journal.json"
    deadline = time.monotonic() + 60
    delay = {"random": 0.5 + (os.getpid() % 20) / 10}.get(moment, 0)
    start = time.monotonic()
    version = current_path(built.store_dir)
    while child.poll() is None and time.monotonic() < deadline:
        if (moment == "journal" and journal.exists()) or (moment == "data" and _sha(actors) != old) \
                or (moment == "published" and current_path(built.store_dir) != version) \
                or (moment == "random" and time.monotonic() - start > delay):
            break
        time.sleep(0.002)
    child.send_signal(signal.SIGKILL)
    child.wait()
    outcome = cs_mod.recover(built)  # what the viewer and every apply do first
    print(f"kill at {moment}: recover -> {outcome}")
    has_activity = any(log.change_iri(cs["id"]) in line for line in dump(built.store_dir))
    data_new = _sha(actors) != old
    assert has_activity == data_new, f"data new: {data_new}, store new: {has_activity}"
    assert not journal.exists()
    assert not list(Path(built.data_dir).glob(".*")), "no temporary file left in data/"
    status = cs_mod.load(built, cs["id"])["status"]
    assert status == ("applied" if data_new else "pending")


@pytest.mark.parametrize("table", ["../users", "districts", "actors.csv", "/etc/passwd"])
def test_an_edit_never_names_a_file_outside_the_editable_tables(built, table):
    with pytest.raises(cs_mod.EditError):
        cs_mod.new_op(built, "add", table, None, {"id": "x"})


def test_add_a_record(built):
    fields = {"id": "test-added", "name": "SYNTHETIC Added e.V.", "kind": "association_cluster",
              "confidence": "medium", "checked": "2026-11-30"}
    cs, problems = propose(built, op="add", key=None, fields=fields, source="")
    assert cs is None and [p["field"] for p in problems] == ["source"]
    cs, problems = propose(built, op="add", key=None, fields=fields)
    assert problems == []
    cs_mod.apply(built, cs["id"], role="reviewer")
    assert cs_mod.find(built, "actors", "test-added")["sources"] == SOURCE
    again, problems = propose(built, op="add", key=None, fields=fields)
    assert again is None and problems[0]["field"] == "id" and "exists already" in problems[0]["message"]


def test_cli_build_first_finishes_an_apply_cut_short(built):
    from click.testing import CliRunner

    from graph.cli import main

    cs, _ = propose(built)
    original = (Path(built.data_dir) / "actors.csv").read_bytes()
    # the state of a kill just after the new file was renamed into data/ and before the swap
    cs_mod.write_json(built.edits_path / "journal.json", {
        "id": cs["id"], "entry": {}, "files": {"actors.csv": {"old": _sha(Path(built.data_dir) / "actors.csv"),
                                                              "new": "0" * 64}}})
    (built.edits_path / "work" / cs["id"] / "old").mkdir(parents=True)
    (built.edits_path / "work" / cs["id"] / "old" / "actors.csv").write_bytes(original)
    (Path(built.data_dir) / "actors.csv").write_bytes(original.replace(b"SYNTHETIC Test Recycler", b"HALF DONE"))
    result = CliRunner().invoke(main, ["build", "--data", str(built.data_dir), "--store", str(built.store_dir)])
    assert result.exit_code == 0, result.output
    assert (Path(built.data_dir) / "actors.csv").read_bytes() == original, "rolled back before building"
    assert not (built.edits_path / "journal.json").exists()


def test_a_relation_edited_in_its_type_gets_its_new_iri_and_field_problems(built):
    key = "test-recycler cooperates_with test-refiner"
    op = cs_mod.new_op(built, "edit", "relations", key, {"relation": "no-such-type"})
    _cs, problems = cs_mod.propose(built, op, author="x", role="editor", reason="r", source=SOURCE)
    assert problems and problems[0]["field"] == "relation", "the problem stands beside the changed field"
    op = cs_mod.new_op(built, "edit", "relations", key, {"relation": "supplies"})
    cs, problems = cs_mod.propose(built, op, author="x", role="editor", reason="r", source=SOURCE)
    assert problems == []
    cs_mod.apply(built, cs["id"], role="reviewer")
    quads = "\n".join(dump(built.store_dir))
    activity = f"<{log.change_iri(cs['id'])}>"
    base = "https://w3id.org/harzgraph/id/relation/"
    assert f"{activity} <http://www.w3.org/ns/prov#used> <{base}test-recycler.cooperates_with.test-refiner>" in quads
    assert f"{activity} <http://www.w3.org/ns/prov#generated> <{base}test-recycler.supplies.test-refiner>" in quads
