"""The store swaps in a new version atomically, keeps the previous one, and survives kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph import store as store_mod
from graph.build import ingest
from graph.errors import ImportFailed, StoreError
from graph.settings import Settings
from tests.helpers import dump, set_cell


def test_no_store_yet_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="harzgraph build"):
        store_mod.open_read_only(tmp_path / "nothing")


def test_second_build_becomes_current_and_first_is_kept_as_previous(settings):
    first = ingest.build(settings).version
    set_cell(settings.data_dir / "actors.csv", 2, "name", "SYNTHETIC Renamed GmbH")
    second = ingest.build(settings).version
    assert store_mod.current_path(settings.store_dir) == second
    assert store_mod.previous_path(settings.store_dir) == first
    assert any("Renamed" in line for line in dump(settings.store_dir))


def test_only_the_newest_versions_are_kept(settings):
    versions = [ingest.build(settings).version for _ in range(4)]
    kept = sorted(p.name for p in (settings.store_dir / "versions").iterdir())
    assert kept == sorted(v.name for v in versions[-2:])


def test_failed_build_leaves_no_trace(settings):
    ingest.build(settings)
    before = dump(settings.store_dir)
    listing = sorted(os.listdir(settings.store_dir))
    set_cell(settings.data_dir / "actors.csv", 2, "kind", "nonsense")
    with pytest.raises(ImportFailed):
        ingest.build(settings)
    assert dump(settings.store_dir) == before
    assert sorted(os.listdir(settings.store_dir)) == listing


def test_shacl_failure_after_loading_removes_the_new_version(settings, monkeypatch):
    """A violation found only by SHACL (after the new version was written) is rolled back."""
    ingest.build(settings)
    before = dump(settings.store_dir)
    listing = sorted(os.listdir(settings.store_dir))
    from graph.build import mapping

    original = mapping.Mapped.add

    def drop_label(self, s, p, o):  # simulate a mapping bug: labels never written
        if not p.endswith("rdf-schema#label>"):
            original(self, s, p, o)

    monkeypatch.setattr(mapping.Mapped, "add", drop_label)
    with pytest.raises(ImportFailed) as caught:
        ingest.build(settings)
    assert any(p.field == "name" and p.row == 2 and p.file.endswith("actors.csv") for p in caught.value.problems)
    assert dump(settings.store_dir) == before
    assert sorted(os.listdir(settings.store_dir)) == listing


_BUILD = """
import sys
from pathlib import Path
from graph.build import ingest
from graph.settings import Settings
ingest.build(Settings(data_dir=Path(sys.argv[1]), store_dir=Path(sys.argv[2])))
"""


def test_kill_9_at_any_moment_leaves_old_or_new_graph(settings, tmp_path):
    """Kill a build at 12 moments spread over its run: the store always opens and holds
    exactly the old or the new graph."""
    ingest.build(settings)
    old = dump(settings.store_dir)
    set_cell(settings.data_dir / "actors.csv", 2, "name", "SYNTHETIC New Name GmbH")
    new_settings = Settings(data_dir=settings.data_dir, store_dir=tmp_path / "reference")
    ingest.build(new_settings)
    new = dump(new_settings.store_dir)
    assert old != new

    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _BUILD, str(settings.data_dir), str(tmp_path / "timing")], check=True)
    duration = time.perf_counter() - started
    outcomes = set()
    system_tmp = tmp_path / "system-tmp"  # the killed builds' TMPDIR: they must leave nothing there
    system_tmp.mkdir()
    for i in range(12):
        process = subprocess.Popen([sys.executable, "-c", _BUILD, str(settings.data_dir), str(settings.store_dir)],
                                   env={**os.environ, "TMPDIR": str(system_tmp)})
        time.sleep(duration * i / 11)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = dump(settings.store_dir)
        assert now in (old, new)
        outcomes.add("new" if now == new else "old")
        if now == new:  # reset to the old graph for the next round
            set_cell(settings.data_dir / "actors.csv", 2, "name", "SYNTHETIC Test Recycler GmbH")
            ingest.build(settings)
            set_cell(settings.data_dir / "actors.csv", 2, "name", "SYNTHETIC New Name GmbH")
            assert dump(settings.store_dir) == old
    assert "old" in outcomes  # early kills must have left the old graph
    leftovers = [p for p in Path(settings.store_dir).glob("building-*")]
    # A killed build's spooled triples and SHACL batches are in the store folder (building-…-scratch),
    # never in the system's temporary folder, where nothing would remove them.
    assert not list(system_tmp.iterdir())
    ingest.build(settings)  # the next build cleans up after killed ones
    assert not [p for p in leftovers if p.exists()]
    assert not list(Path(settings.store_dir).glob("building-*"))  # nor leaves any of its own
