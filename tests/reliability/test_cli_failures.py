"""The command never shows a traceback: every failure is one clear line and exit status 2 (data
problems: their list and exit 1). Issue 10, defect 4: a full disk, a read-only store, a missing
.xlsx path and a broken TMPDIR gave tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from graph.build import ingest


def harzgraph(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import shutil

    from graph.settings import Settings
    from tests.conftest import VALID

    root = tmp_path_factory.mktemp("cli")
    shutil.copytree(VALID, root / "data")
    settings = Settings(data_dir=root / "data", store_dir=root / "store")
    ingest.build(settings)
    return settings


def assert_clean_failure(result: subprocess.CompletedProcess, code: int, *words: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for word in words:
        assert word in result.stderr


def test_full_disk_on_export(built):
    result = harzgraph("export", "--store", str(built.store_dir), "--format", "ttl", "--out", "/dev/full")
    assert_clean_failure(result, 2, "no space left on the disk")


def test_store_folder_that_cannot_be_written(built, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = harzgraph("build", "--data", str(built.data_dir), "--store", str(blocker / "store"))
    assert_clean_failure(result, 2, "cannot write to the store folder")


def test_missing_workbook(built, tmp_path):
    result = harzgraph("build", "--data", str(tmp_path / "missing.xlsx"), "--store", str(tmp_path / "store"))
    assert_clean_failure(result, 1, "missing.xlsx", "no such data folder or workbook")


def test_tmpdir_that_is_not_a_folder(built, tmp_path):
    result = harzgraph("build", "--data", str(built.data_dir), "--store", str(tmp_path / "store"),
                       env={"TMPDIR": "/dev/full/none"})
    assert result.returncode in (0, 2), result.stderr  # Python falls back to /tmp when TMPDIR is unusable
    assert "Traceback" not in result.stderr


def test_report_to_an_unwritable_place(built):
    result = harzgraph("report", "--store", str(built.store_dir), "--out", "/proc/harzgraph-report.html")
    assert_clean_failure(result, 2, "/proc/harzgraph-report.html")


def test_an_internal_error_is_one_line_not_a_traceback(built, monkeypatch, capsys):
    """Any unexpected exception inside a command: one line naming it, exit 2."""
    from click.testing import CliRunner

    from graph import cli

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr("graph.stats.stats", broken)
    result = CliRunner().invoke(cli.main, ["stats", "--store", str(built.store_dir)])
    assert result.exit_code == 2
    assert "internal error (KeyError: 'boom')" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_full_tmpdir_during_a_build(built, tmp_path, monkeypatch):
    """The build spools its triples to TMPDIR; a full one is one line and exit 2, and the
    store keeps its graph."""
    import errno
    import tempfile

    from click.testing import CliRunner

    from graph import cli
    from tests.helpers import dump

    before = dump(built.store_dir)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", tempfile.gettempdir())

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full)
    result = CliRunner().invoke(cli.main, ["build", "--data", str(built.data_dir), "--store", str(built.store_dir)])
    assert result.exit_code == 2
    assert "no space left on the disk" in result.output and "Traceback" not in result.output
    assert dump(built.store_dir) == before
