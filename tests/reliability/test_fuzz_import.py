"""The import fuzzer (issue 10): damaged data files — byte flips, truncation, insertions,
encodings, special files, hostile cell values — give a clear error naming the file or exactly
the graph the files say; never a traceback, a hang or a silent change.

Seeded (``derandomize``) and bounded so that CI runs it in seconds; bench/reliability.py runs
the same oracle over thousands of inputs.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import VALID
from tests.helpers import rows, write_rows
from tests.reliability import fuzz

EXAMPLES = int(os.environ.get("HARZGRAPH_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])
EXPECTED = fuzz.baseline(VALID)
WORK = Path(tempfile.mkdtemp(prefix="harzgraph-fuzz-"))
atexit.register(shutil.rmtree, WORK, ignore_errors=True)  # module-wide (Hypothesis runs many examples per test)

files = st.sampled_from(fuzz.TABLE_FILES)
positions = st.integers(min_value=0, max_value=10_000)


def _judge(data: Path, *, preserving: bool = False) -> fuzz.Outcome:
    return fuzz.judge(data, EXPECTED, preserving=preserving)


@FUZZ
@given(name=files, position=positions, value=st.integers(0, 255))
def test_byte_flip(name, position, value):
    data = fuzz.copy_data(VALID, WORK / "flip")
    path = data / name
    path.write_bytes(fuzz.flip(path.read_bytes(), position, value))
    _judge(data)


@FUZZ
@given(name=files, position=positions)
def test_truncation(name, position):
    data = fuzz.copy_data(VALID, WORK / "truncate")
    path = data / name
    path.write_bytes(fuzz.truncate(path.read_bytes(), position))
    _judge(data)


@FUZZ
@given(name=files, position=positions, chunk=st.one_of(st.sampled_from(fuzz.INTERESTING), st.binary(max_size=8)))
def test_insertion(name, position, chunk):
    data = fuzz.copy_data(VALID, WORK / "insert")
    path = data / name
    path.write_bytes(fuzz.insert(path.read_bytes(), position, chunk))
    _judge(data)


@pytest.mark.parametrize("name", fuzz.TABLE_FILES)
@pytest.mark.parametrize("change", sorted(fuzz.PRESERVING))
def test_meaning_preserving_changes_keep_the_graph(name, change):
    data = fuzz.copy_data(VALID, WORK / f"keep-{change}-{name}")
    path = data / name
    path.write_bytes(fuzz.PRESERVING[change](path.read_bytes()))
    assert _judge(data, preserving=True).kind == "same"


@pytest.mark.parametrize("name", fuzz.TABLE_FILES)
@pytest.mark.parametrize("change", sorted(fuzz.REFUSED))
def test_unreadable_files_are_refused(name, change):
    data = fuzz.copy_data(VALID, WORK / f"refuse-{change}-{name}")
    path = data / name
    path.write_bytes(fuzz.REFUSED[change](path.read_bytes()))
    outcome = _judge(data)
    assert outcome.kind == "error" and any(p.file == str(path) for p in outcome.problems)


@pytest.mark.parametrize("name", fuzz.TABLE_FILES)
@pytest.mark.parametrize("kind", fuzz.SPECIAL)
def test_special_files_are_refused(name, kind):
    data = fuzz.copy_data(VALID, WORK / f"special-{kind}-{name}")
    fuzz.special_file(data / name, kind)
    outcome = _judge(data)
    assert outcome.kind == "error" and outcome.problems[0].file == str(data / name)


CELLS = [("actors", "name"), ("actors", "website"), ("actors", "lat"), ("actors", "sources"),
         ("actors", "materials"), ("actors", "description_de"), ("actors", "checked"),
         ("districts", "population"), ("districts", "area_km2"), ("districts", "population_source"),
         ("relations", "start"), ("relations", "role"), ("projects", "end")]
cell_text = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"https?://[a-z0-9.\[\]%:/@?#\uff0f\u00ad-]{0,30}", fullmatch=True),
    st.from_regex(r"[-+]?[0-9٠-٩²³¹.,_ eE]{0,12}", fullmatch=True),
    st.sampled_from(["12.5", "1,5", "1.2.3", "9" * 5000, "nan", "inf", "1e400", "=1+1", "http://[abc",
                     "https://example.org/%zz", "https://example.org\uff0fx", "\x00", "\uffff", "\ud800x"]),
)


@FUZZ
@given(cell=st.sampled_from(CELLS), value=cell_text, row=st.integers(0, 3))
def test_hostile_cell_values(cell, value, row):
    table, column = cell
    data = fuzz.copy_data(VALID, WORK / "cell")
    path = data / f"{table}.csv"
    records = rows(path)
    records[row % len(records)][column] = value
    try:
        write_rows(path, records, list(records[0]))
    except UnicodeEncodeError:  # a lone surrogate is no UTF-8: write its bytes as they come
        path.write_bytes(_surrogate_bytes(records))
    outcome = _judge(data)
    if outcome.kind == "error":
        assert any(p.file == str(path) for p in outcome.problems)


def _surrogate_bytes(records: list[dict[str, str]]) -> bytes:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode("utf-8", "surrogatepass")
