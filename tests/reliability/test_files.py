"""One rule for reading files (issue 10, defects 2, 3 and 4): only regular files inside the data
folder, size checked before reading, strict UTF-8 (Windows-1252 only when the whole file is),
and every refusal a problem naming the file (and row and field where there is one), never a
traceback, a hang or a silently missing table."""

from __future__ import annotations

import os
import threading
import zipfile

import pytest

from graph.build import ingest
from graph.errors import ImportFailed
from graph.settings import Settings


def errors_of(settings: Settings) -> list:
    with pytest.raises(ImportFailed) as caught:
        ingest.validate(settings)
    return [p for p in caught.value.problems if p.severity == "error"]


def test_one_bad_byte_in_a_utf8_file_is_an_error_at_its_cell(settings):
    """The file holds UTF-8 umlauts: one stray byte must not turn it all into mojibake."""
    path = settings.data_dir / "actors.csv"
    raw = path.read_bytes()
    assert "Über".encode() in raw
    lines = raw.split(b"\n")
    lines[2] = lines[2].replace(b"Refiner", b"Ref\xffiner", 1)  # row 3, field 'name'
    path.write_bytes(b"\n".join(lines))
    found = errors_of(settings)
    assert len(found) == 1
    assert (found[0].row, found[0].field) == (3, "name")
    assert "not valid UTF-8" in found[0].message and f"byte {raw.index(b'Refiner') + 3}" in found[0].message


def test_a_whole_windows_1252_file_is_read_with_a_warning(settings):
    path = settings.data_dir / "actors.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    report = ingest.validate(settings)
    assert any("Windows-1252" in w.message for w in report.warnings)


@pytest.mark.parametrize("target", ["nowhere.csv", "loop"])
def test_a_dangling_or_looping_symlink_is_an_error_not_an_absent_table(settings, target):
    path = settings.data_dir / "relations.csv"
    path.unlink()
    if target == "loop":
        os.symlink("loop-b", settings.data_dir / "loop-a")
        os.symlink("loop-a", settings.data_dir / "loop-b")
        target = "loop-a"
    os.symlink(target, path)
    found = errors_of(settings)
    assert [p.file for p in found] == [str(path)]
    assert "symlink" in found[0].message or "cannot be followed" in found[0].message


def test_a_symlink_leaving_the_data_folder_is_refused(settings):
    path = settings.data_dir / "projects.csv"
    path.unlink()
    os.symlink("/dev/zero", path)
    found = errors_of(settings)
    assert [p.file for p in found] == [str(path)]
    assert "outside the data folder" in found[0].message


def test_a_symlink_inside_the_data_folder_is_followed(settings):
    path = settings.data_dir / "projects.csv"
    path.rename(settings.data_dir / "projects-master.csv.txt")
    os.symlink("projects-master.csv.txt", path)
    assert ingest.validate(settings).records["projects"] == 1


def test_a_fifo_is_refused_without_hanging(settings):
    path = settings.data_dir / "relations.csv"
    path.unlink()
    os.mkfifo(path)
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(errors_of(settings)), daemon=True)
    worker.start()
    worker.join(timeout=60)
    if worker.is_alive():  # unblock the reader so the test process can end
        with open(path, "wb"):
            pass
        pytest.fail("reading a FIFO hung the build")
    assert "not a regular file" in outcome[0][0].message


def test_a_folder_named_like_a_table_is_refused(settings):
    path = settings.data_dir / "actors.csv"
    path.unlink()
    path.mkdir()
    found = errors_of(settings)
    assert found[0].file == str(path) and "is a folder" in found[0].message


def test_a_file_over_the_limit_is_refused_before_reading(settings, monkeypatch):
    from graph.build import readers

    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 100)
    found = errors_of(settings)
    assert any(p.file.endswith("actors.csv") and "limit" in p.message for p in found)


def test_a_missing_workbook_is_a_clear_error(settings, tmp_path):
    found = errors_of(Settings(data_dir=tmp_path / "nothing.xlsx", store_dir=settings.store_dir))
    assert "no such data folder or workbook" in found[0].message


@pytest.mark.parametrize("content", [
    b"<?xml version='1.0'?><Types><broken",
    b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
    b"<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]><Types>&c;</Types>",
], ids=["corrupt", "entities"])
def test_a_damaged_workbook_is_a_clear_error(settings, tmp_path, content):
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", content)
        archive.writestr("xl/workbook.xml", content)
    found = errors_of(Settings(data_dir=path, store_dir=settings.store_dir))
    assert found[0].file == str(path) and "workbook" in found[0].message


def test_a_quote_in_the_wrong_place_is_an_error_not_a_stray_character(settings):
    """Found by the campaign: ``""X",`` was read as the value ``X"``."""
    path = settings.data_dir / "actors.csv"
    text = path.read_text(encoding="utf-8")
    assert ",SYNTHETIC Test Refiner AG," in text
    path.write_text(text.replace(",SYNTHETIC Test Refiner AG,", ',""SYNTHETIC Test Refiner AG",'), encoding="utf-8")
    found = errors_of(settings)
    assert len(found) == 1 and found[0].file == str(path) and found[0].row == 3
    assert "cannot parse CSV" in found[0].message
