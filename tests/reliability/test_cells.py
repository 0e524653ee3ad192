"""Every cell is checked so that the mapping and the exports can never fail on it later, and
nothing is read as something else (issue 10 defects 4 and 8, issue 9 defect 11): each bad value
is refused naming file, row and field (checked with ``validate``, which stops where ``build``
stops; that a failed build leaves the store as it was is tested in tests/graph/test_store.py)."""

from __future__ import annotations

import pytest

from graph.build import ingest
from graph.errors import ImportFailed
from tests.helpers import set_cell

CASES = [
    # issue 9, defect 11: integers were read with their separators dropped
    pytest.param("districts", 2, "population", "12.5", "not a whole number", id="int-decimal-point"),
    pytest.param("districts", 2, "population", "1,5", "not a whole number", id="int-decimal-comma"),
    pytest.param("districts", 2, "population", "1.2.3", "not a whole number", id="int-two-points"),
    # issue 10, defect 4: tracebacks on these
    pytest.param("districts", 2, "population", "1²", "not a whole number", id="int-superscript"),
    pytest.param("districts", 2, "population", "٣٤", "not a whole number", id="int-arabic-indic-digits"),
    pytest.param("districts", 2, "population", "9" * 5000, "not a whole number", id="int-5000-digits"),
    pytest.param("districts", 2, "population", "-5", "not a whole number", id="int-negative"),
    pytest.param("districts", 2, "area_km2", "1e400", "not a number", id="decimal-exponent"),
    pytest.param("districts", 2, "area_km2", "nan", "not a number", id="decimal-nan"),
    pytest.param("districts", 2, "area_km2", "1_000", "not a number", id="decimal-underscore"),
    pytest.param("actors", 2, "lat", "５１.9", "not a number", id="lat-fullwidth-digits"),
    pytest.param("actors", 2, "website", "http://[abc", "not a well-formed URL", id="url-bad-ipv6"),
    pytest.param("actors", 2, "website", "https://example.org／path", "not a well-formed URL",
                 id="url-fullwidth-slash"),
    pytest.param("actors", 2, "website", "https://example.org/%zz", "not a well-formed URL", id="url-bad-percent"),
    pytest.param("actors", 2, "website", "https://example.org:99999/", "not a well-formed URL", id="url-bad-port"),
    pytest.param("actors", 2, "website", "https://exa\u00admple.org/", "not a well-formed URL",
                 id="url-soft-hyphen-host"),
    pytest.param("actors", 2, "sources", "https://example.org/\ufffe", "U+FFFE",
                 id="url-noncharacter"),
    # issue 10, defect 8: characters XML 1.0 / XLSX cannot hold
    pytest.param("actors", 2, "name", "SYNTHETIC A\x00B", "U+0000", id="nul-in-name"),
    pytest.param("actors", 2, "description_de", "x\uffffy", "U+FFFF", id="uffff-in-description"),
    pytest.param("actors", 2, "note", "bell\x07", "U+0007", id="control-in-note"),
    pytest.param("relations", 2, "role", "a\x1bb", "U+001B", id="escape-in-role"),
]


@pytest.mark.parametrize(("table", "row", "field", "value", "expected"), CASES)
def test_bad_cell_is_refused_with_its_place(settings, table, row, field, value, expected):
    set_cell(settings.data_dir / f"{table}.csv", row, field, value)
    with pytest.raises(ImportFailed) as caught:
        ingest.validate(settings)
    errors = [p for p in caught.value.problems if p.severity == "error"]
    assert len(errors) == 1, errors
    assert errors[0].file.endswith(f"{table}.csv")
    assert (errors[0].row, errors[0].field) == (row, field)
    assert expected in errors[0].message


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("population", "134672", 134672),
    ("area_km2", "966,73", 966.73),
    ("area_km2", "966.73", 966.73),
])
def test_good_numbers_are_read_as_written(settings, field, value, expected):
    from graph.build.readers import read_data
    from graph.build.records import check_tables
    from graph.build.vocabulary import load_vocabulary

    set_cell(settings.data_dir / "districts.csv", 2, field, value)
    tables, _ = read_data(settings.data_dir)
    data = check_tables(tables, load_vocabulary(settings.ontology_dir))
    assert data.value(data.tables["districts"][0], field) == expected
