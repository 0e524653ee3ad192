"""Bad input gets a clear error naming file, row and field, and the store stays as it was.

All inputs are copies of the synthetic tests/data/valid with one thing broken.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import hypothesis
import pytest
from hypothesis import strategies as st

from graph.build import ingest, records
from graph.errors import ImportFailed
from graph.settings import Settings
from tests.helpers import dump, rows, set_cell, write_rows


def errors_of(settings: Settings) -> list:
    with pytest.raises(ImportFailed) as caught:
        ingest.build(settings)
    return [p for p in caught.value.problems if p.severity == "error"]


@pytest.fixture
def built(settings: Settings) -> set[str]:
    """Build the valid data once; return the dump to compare against after a failure."""
    ingest.build(settings)
    return dump(settings.store_dir)


CASES = [
    pytest.param("actors", 2, "colour", "red", "colour", "unknown column", id="unknown-column"),
    pytest.param("actors", 3, "name", "", "name", "required", id="missing-required"),
    pytest.param("actors", 3, "id", "test-recycler", "id", "duplicate id 'test-recycler' (also in row 2)",
                 id="duplicate-id-in-file"),
    pytest.param("projects", 2, "id", "test-refiner", "id", "unique across tables", id="duplicate-id-across-files"),
    pytest.param("actors", 2, "district", "Goslarr", "district", "did you mean 'Goslar'", id="unknown-district"),
    pytest.param("actors", 2, "kind", "recyler", "kind", "did you mean 'recycler'", id="unknown-kind"),
    pytest.param("actors", 2, "stages", "TS-08;TS-8", "stages", "did you mean 'TS-08'", id="unknown-stage"),
    pytest.param("actors", 2, "materials", "tantalumm", "materials", "not a known material", id="unknown-material"),
    pytest.param("actors", 2, "weee_categories", "EEE-CAT-7", "weee_categories", "not a known weee category",
                 id="unknown-category"),
    pytest.param("relations", 3, "object", "test-projekt", "object", "did you mean 'test-project'",
                 id="relation-to-missing-id"),
    pytest.param("actors", 2, "sources", "https://example.org/ok htp://broken", "sources", "not an http(s) URL",
                 id="non-http-url"),
    pytest.param("actors", 2, "website", "https://exa mple.org", "website", "not a well-formed URL",
                 id="malformed-url"),
    pytest.param("actors", 3, "sources", "", "sources", "required", id="no-source"),
    pytest.param("relations", 2, "sources", "", "sources", "required", id="relation-without-source"),
    pytest.param("actors", 2, "lat", "95.2", "lat", "out of range", id="lat-out-of-range"),
    pytest.param("actors", 2, "geo_precision", "Ortsmite", "geo_precision", "did you mean 'Ortsmitte'",
                 id="unknown-precision"),
    pytest.param("actors", 2, "lat", "10.43", "lat", "look swapped", id="lat-lon-swapped"),
    pytest.param("actors", 2, "checked", "2026-02-30", "checked", "a date that exists", id="date-does-not-exist"),
    pytest.param("projects", 2, "end", "2019", "end", "lies before start", id="end-before-start"),
    pytest.param("actors", 2, "confidence", "sure", "confidence", "evidence level", id="bad-confidence"),
    pytest.param("districts", 2, "region_status", "maybe", "region_status", "not a known region status",
                 id="bad-region-status"),
    # the NUTS-3 code becomes part of an IRI: a space would break the load with no file/row/field
    pytest.param("districts", 2, "nuts3", "DE 916", "nuts3", "not a NUTS-3 code", id="bad-nuts3"),
]


@pytest.mark.parametrize(("table", "row", "field", "value", "expect_field", "message"), CASES)
def test_bad_cell_is_named_and_store_unchanged(
    settings, built, table, row, field, value, expect_field, message
):
    path = settings.data_dir / f"{table}.csv"
    if field == "lat" and value == "10.43":  # swap both coordinates of the row
        set_cell(path, row, "lon", "51.9")
    set_cell(path, row, field, value)
    found = errors_of(settings)
    assert any(p.file == str(path) and p.row == (1 if message == "unknown column" else row)
               and p.field == expect_field and message in p.message for p in found), found
    assert dump(settings.store_dir) == built


def test_precision_without_coordinates_is_named(settings, built):
    path = settings.data_dir / "collection_points.csv"
    set_cell(path, 2, "lat", "")
    set_cell(path, 2, "lon", "")
    set_cell(path, 2, "geo_precision", "town")
    found = errors_of(settings)
    assert any(p.file == str(path) and p.row == 2 and p.field == "geo_precision"
               and "needs coordinates" in p.message for p in found), found
    assert dump(settings.store_dir) == built


def test_every_problem_is_reported_at_once(settings, built):
    actors = settings.data_dir / "actors.csv"
    set_cell(actors, 2, "kind", "nonsense")
    set_cell(actors, 3, "checked", "yesterday")
    set_cell(settings.data_dir / "relations.csv", 4, "subject", "nobody")
    found = {(Path(p.file).name, p.row, p.field) for p in errors_of(settings)}
    assert {("actors.csv", 2, "kind"), ("actors.csv", 3, "checked"), ("relations.csv", 4, "subject")} <= found
    assert dump(settings.store_dir) == built


def test_semicolon_delimited_csv_is_read_with_a_warning(settings):
    ingest.build(settings)
    expected = dump(settings.store_dir)
    path = settings.data_dir / "relations.csv"
    records = rows(path)
    text = ";".join(records[0]) + "\n" + "".join(";".join(r.values()) + "\n" for r in records)
    path.write_text(text, encoding="utf-8")
    report = ingest.build(settings)
    assert any("semicolon" in w.message and w.file == str(path) for w in report.warnings)
    assert dump(settings.store_dir) == expected


def test_cp1252_csv_is_decoded_not_mojibaked(settings):
    ingest.build(settings)
    expected = dump(settings.store_dir)
    path = settings.data_dir / "actors.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    report = ingest.build(settings)
    assert any("Windows-1252" in w.message for w in report.warnings)
    after = dump(settings.store_dir)
    assert after == expected
    assert any("Über-Amt" in line for line in after)


def test_cell_with_newline_and_quotes_survives(settings):
    set_cell(settings.data_dir / "actors.csv", 2, "description_en", 'line one\nline "two" \\ end')
    ingest.build(settings)
    assert any('line one\\nline \\"two\\" \\\\ end' in line for line in dump(settings.store_dir))


# ------------------------------------------------------------------ workbooks


def _workbook_from(data_dir: Path, target: Path, *, formula_at: tuple[str, str] | None = None) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for csv_file in sorted(data_dir.glob("*.csv")):
        sheet = book.create_sheet(csv_file.stem)
        records = rows(csv_file)
        sheet.append(list(records[0]))
        for record in records:
            sheet.append(list(record.values()))
    if formula_at:
        book[formula_at[0]][formula_at[1]] = "=1+1"
    book.save(target)
    return target


def test_workbook_imports_like_the_csv_files(settings, tmp_path):
    ingest.build(settings)
    expected = dump(settings.store_dir)
    workbook = _workbook_from(settings.data_dir, tmp_path / "data.xlsx")
    other = Settings(data_dir=workbook, store_dir=tmp_path / "store2")
    ingest.build(other)
    assert dump(other.store_dir) == expected


def test_formula_cell_is_refused_with_its_place(settings, built, tmp_path):
    workbook = _workbook_from(settings.data_dir, tmp_path / "data.xlsx", formula_at=("actors", "B3"))
    found = errors_of(Settings(data_dir=workbook, store_dir=settings.store_dir))
    assert any(p.file.endswith("#actors") and p.row == 3 and p.field == "name" and "formula" in p.message
               for p in found)
    assert dump(settings.store_dir) == built


@pytest.mark.parametrize("suffix", [".xlsm", ".xls"])
def test_macro_or_old_workbooks_are_refused(settings, built, tmp_path, suffix):
    path = tmp_path / f"data{suffix}"
    path.write_bytes(b"PK\x03\x04 not really")
    found = errors_of(Settings(data_dir=path, store_dir=settings.store_dir))
    assert found[0].file == str(path) and suffix in found[0].message
    assert dump(settings.store_dir) == built


def test_huge_workbook_is_refused_before_parsing(settings, built, tmp_path):
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as handle:
        handle.truncate(51 * 2**20)  # sparse: 51 MB on paper, nothing on disk
    found = errors_of(Settings(data_dir=path, store_dir=settings.store_dir))
    assert "limit is 50 MB" in found[0].message
    assert dump(settings.store_dir) == built


def test_zip_bomb_is_refused_before_parsing(settings, built, tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 2**20))
    found = errors_of(Settings(data_dir=path, store_dir=settings.store_dir))
    assert "zip bomb" in found[0].message
    assert dump(settings.store_dir) == built


def test_missing_required_file(settings, built):
    (settings.data_dir / "actors.csv").unlink()
    found = errors_of(settings)
    assert found[0].file.endswith("actors.csv") and "missing" in found[0].message
    assert dump(settings.store_dir) == built


def test_validate_touches_no_store(settings):
    report = ingest.validate(settings)
    assert report.triples > 1000
    assert not settings.store_dir.exists()


def test_header_only_tables_are_fine(settings):
    path = settings.data_dir / "relations.csv"
    write_rows(path, [], columns=list(rows(path)[0]))
    report = ingest.build(settings)
    assert report.records["relations"] == 0


@hypothesis.settings(max_examples=400, deadline=None)
@hypothesis.given(st.from_regex(records.SIMPLE_URL, fullmatch=True))
def test_every_simple_url_passes_the_full_url_check(url):
    """The fast path of the URL check (records.SIMPLE_URL) only accepts what the full check
    (parse, re-serialise, IRI check) accepts."""
    found = []
    assert records._checked_url("sources", url, lambda *args: found.append(args)) == url
    assert found == []


@pytest.mark.parametrize("url", ["https://example", "http://exa mple.org", "http://example.org:8080/x",
                                 "http://example.org/a%zz", "http://example.org/#top", "http://example.org/?",
                                 "https://example.org/<b>", "ftp://example.org/x", "http://ex_ample.org/"])
def test_unusual_urls_take_the_full_check(url):
    assert not records.SIMPLE_URL.fullmatch(url)
