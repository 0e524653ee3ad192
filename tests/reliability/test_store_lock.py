"""One build at a time per store, and nothing a killed build leaves behind stays (issue 10,
defect 9: two builds at once were not locked; ``.current.tmp-<pid>`` links were never removed)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import replace

import pytest

from graph import store as store_mod
from graph.build import ingest
from graph.errors import StoreError
from tests.helpers import dump, set_cell

_BUILD = """
import sys
from pathlib import Path
from graph.build import ingest
from graph.settings import Settings
ingest.build(Settings(data_dir=Path(sys.argv[1]), store_dir=Path(sys.argv[2])))
"""


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_second_build_is_refused_while_one_holds_the_lock(settings):
    ingest.build(settings)
    before = dump(settings.store_dir)
    with store_mod.build_lock(settings.store_dir):
        with pytest.raises(StoreError, match=f"another build \\(process {os.getpid()}\\)"):
            ingest.build(replace(settings, build_wait_s=0))
    assert dump(settings.store_dir) == before


def test_a_second_build_waits_for_the_first(settings):
    ingest.build(settings)
    released = []

    def hold():
        with store_mod.build_lock(settings.store_dir):
            time.sleep(0.5)
            released.append(time.monotonic())

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.1)
    ingest.build(replace(settings, build_wait_s=30))
    finished = time.monotonic()
    holder.join()
    assert released and finished >= released[0]


def test_two_builds_at_once_both_complete_one_after_the_other(settings, tmp_path):
    """Two processes build different data into one store: each finishes, the store holds
    one of the two graphs whole, and the other is kept as 'previous'."""
    other = tmp_path / "other"
    import shutil

    shutil.copytree(settings.data_dir, other)
    set_cell(other / "actors.csv", 2, "name", "SYNTHETIC Other Name GmbH")
    ingest.build(settings)
    processes = [subprocess.Popen([sys.executable, "-c", _BUILD, str(d), str(settings.store_dir)])
                 for d in (settings.data_dir, other)]
    assert [p.wait(timeout=300) for p in processes] == [0, 0]
    versions = sorted(p.name for p in (settings.store_dir / "versions").iterdir())
    assert len(versions) == 2
    assert store_mod.previous_path(settings.store_dir) is not None
    assert not list(settings.store_dir.glob("building-*"))


def test_links_left_by_a_killed_build_are_removed(settings):
    ingest.build(settings)
    dead = _dead_pid()
    for name in ("current", "previous"):
        os.symlink("versions/nowhere", settings.store_dir / f".{name}.tmp-{dead}")
    alive = settings.store_dir / f".current.tmp-{os.getppid()}"  # a live process: not ours to remove
    os.symlink("versions/nowhere", alive)
    ingest.build(settings)
    left = sorted(p.name for p in settings.store_dir.iterdir() if ".tmp-" in p.name)
    assert left == [alive.name]


def test_a_read_only_store_folder_is_a_clear_error(settings, tmp_path):
    if os.geteuid() == 0:
        target = tmp_path / "file-not-folder"  # root writes anywhere; a file in the way fails for root too
        target.write_text("x")
        store = target / "store"
    else:
        store = tmp_path / "ro"
        store.mkdir()
        store.chmod(0o500)
    with pytest.raises(StoreError, match="cannot write to the store folder"):
        ingest.build(replace(settings, store_dir=store))
