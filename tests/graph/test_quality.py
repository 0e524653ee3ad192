"""The quality checks on tables small enough to count by eye (SYNTHETIC records)."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.views.quality import flagged_rows, summary

TODAY = dt.date(2026, 12, 1)


def actor(id_: str, **values: str) -> dict[str, str]:
    base = {"id": id_, "name": f"SYNTHETIC {id_}", "district": "03153", "lat": "51.9", "lon": "10.4",
            "stages": "TS-01", "weee_categories": "EEE-CAT-1", "confidence": "high",
            "sources": "https://a.example/1 https://b.example/2", "checked": "2026-06-01"}
    return {**base, **values}


TABLES = {
    "districts": [{"key": "03153", "name": "Goslar", "sources": "https://de.wiki.li/Goslar https://x.example/g"}],
    "actors": [
        actor("a"),                                                     # flawless, linked by r1
        actor("b", stages="", lat="", checked="2025-12-01"),            # no stage, no coordinates; 2025-12-01 is
                                                                        # exactly 12 months before: still checked
        actor("c", district="", sources="https://de.zxc.wiki/C", checked="2025-11-30", confidence="low"),
        actor("d", weee_categories="", checked=""),                     # no categories, never checked
    ],
    "projects": [{"id": "p", "name": "SYNTHETIC P", "coordinator": "d", "funder": "", "confidence": "low",
                  "sources": "https://a.example/p"}],
    "relations": [{"subject": "a", "relation": "cooperates_with", "object": "b", "start": "", "confidence": "high",
                   "sources": "https://a.example/r"}],
    "collection_points": [{"id": "cp", "name": "SYNTHETIC CP", "district": "", "lat": "", "lon": "",
                           "accepts": "", "confidence": "medium", "sources": "https://a.example/c https://b.example/c"}],
}


def test_counts_per_table_and_district():
    rows = {(r["table"], r["district"]): r for r in summary(TABLES, today=TODAY).rows}
    all_actors = rows[("actors", "*")]
    assert all_actors["records"] == 4
    assert all_actors["missing_stage"] == 1            # b
    assert all_actors["missing_district"] == 1         # c
    assert all_actors["missing_coordinates"] == 1      # b (lat empty)
    assert all_actors["missing_categories"] == 1       # d
    assert all_actors["single_source"] == 1            # c
    assert all_actors["low_confidence"] == 1           # c
    assert all_actors["not_checked"] == 2              # c (one day past 12 months), d (never)
    assert all_actors["mirror_sources"] == 1           # c (de.zxc.wiki)
    assert all_actors["no_relation"] == 1              # c: a and b are in r1, d coordinates p
    goslar = rows[("actors", "03153")]
    assert goslar["records"] == 3 and goslar["not_checked"] == 1 and goslar["missing_district"] == 0
    assert rows[("actors", "")]["records"] == 1        # c has no district
    # projects lie in their coordinator's district; relations in their subject's
    assert rows[("projects", "03153")]["single_source"] == 1 and rows[("projects", "03153")]["low_confidence"] == 1
    assert rows[("relations", "03153")]["single_source"] == 1
    assert rows[("projects", "*")]["missing_stage"] is None, "a check that cannot apply is None, not 0"
    cp = rows[("collection_points", "")]
    assert (cp["missing_district"], cp["missing_coordinates"], cp["missing_categories"], cp["single_source"]) == \
        (1, 1, 1, 0)
    assert rows[("districts", "03153")]["mirror_sources"] == 1


def test_rows_behind_a_count_are_the_counted_records():
    listed = flagged_rows(TABLES, today=TODAY, table="actors", measure="not_checked")
    assert [(r["key"], r["detail"]) for r in listed.rows] == [("c", "2025-11-30"), ("d", "")]
    in_goslar = flagged_rows(TABLES, today=TODAY, table="actors", district="03153", measure="not_checked")
    assert [r["key"] for r in in_goslar.rows] == ["d"]
    no_district = flagged_rows(TABLES, today=TODAY, table="actors", district="", measure="mirror_sources")
    assert [(r["key"], r["detail"]) for r in no_district.rows] == [("c", "https://de.zxc.wiki/C")]


@pytest.mark.parametrize(("kwargs", "word"), [
    ({"table": "nope"}, "table"), ({"measure": "nope"}, "measure"),
    ({"table": "relations", "measure": "missing_stage"}, "does not apply"),
])
def test_filters_that_cannot_apply_are_refused(kwargs, word):
    with pytest.raises(ValueError, match=word):
        flagged_rows(TABLES, today=TODAY, **kwargs)


def test_the_day_moves_only_the_not_checked_counts():
    """The build keeps the checks of any day (prepare); a day's counts select from them. b was
    checked on 2025-12-01: on 2026-12-01 that is exactly a year ago (still checked), on
    2026-12-02 it is more (not checked): 2 actors then 3, Goslar 1 (d) then 2 (b, d)."""
    from graph.views.quality import prepare

    facts = prepare(TABLES)
    for today, everywhere, goslar in ((TODAY, 2, 1), (dt.date(2026, 12, 2), 3, 2)):
        rows = {(r["table"], r["district"]): r for r in facts.summary(today=today).rows}
        assert rows[("actors", "*")]["not_checked"] == everywhere
        assert rows[("actors", "03153")]["not_checked"] == goslar
        assert rows[("actors", "*")]["missing_stage"] == 1, "the other checks do not depend on the day"
    listed = facts.rows(today=dt.date(2026, 12, 2), table="actors", measure="not_checked")
    assert [r["key"] for r in listed.rows] == ["b", "c", "d"]


def test_a_record_listed_twice_counts_once():
    """Two rows with the same id (the same actor twice) are one record with gaps: 1, not 2."""
    twice = {**TABLES, "actors": [actor("x", stages=""), actor("x", stages="")]}
    rows = {(r["table"], r["district"]): r for r in summary(twice, today=TODAY).rows}
    assert rows[("actors", "*")]["missing_stage"] == 1 and rows[("actors", "*")]["records"] == 2
    assert len(flagged_rows(twice, today=TODAY, table="actors", measure="missing_stage").rows) == 2


def test_the_tables_read_by_scans_are_those_read_back_record_by_record(settings):
    """read_tables (one scan per property, what the build uses) gives the checks' columns as
    graph.export.tables_from_store gives them."""
    from graph.build import ingest
    from graph.export import tables_from_store
    from graph.store import open_read_only
    from graph.views.quality import COLUMNS, read_tables

    ingest.build(settings)
    store = open_read_only(settings.store_dir)
    full, fast = tables_from_store(store), read_tables(store)
    assert set(fast) == set(COLUMNS)
    for table, columns in COLUMNS.items():
        assert full[table], f"the test data has {table}"
        assert fast[table] == [{c: row[c] for c in columns} for row in full[table]], table


def _counted_by_hand(tables, today):
    """The dashboard's counts by their definition: the distinct keys among findings() per
    table, district ("*": all) and check."""
    from graph.views.quality import findings

    flagged = findings(tables, today=today)
    out = {}
    for f in flagged:
        for district in ("*", f["district"]):
            out.setdefault((f["table"], district, f["measure"]), set()).add(f["key"])
    return {k: len(v) for k, v in out.items()}


@pytest.mark.parametrize(("today", "old"), [(dt.date(2026, 12, 1), 0), (dt.date(2027, 11, 30), 141),
                                           (dt.date(2029, 1, 1), 160)])
def test_the_shipped_data_counted_from_arrays_as_by_definition(real_settings, today, old):
    """The summary (from QualityFacts' arrays) of the shipped tables on three days equals the
    count by definition; every record count is the table's rows in that district. The 160
    actors were checked from 2026-11-25 to 2026-12-02: none is old on 2026-12-01, the ones
    checked before 2026-11-30 (141 rows of data/actors.csv) are on 2027-11-30, all in 2029."""
    from graph.build import ingest
    from graph.store import open_read_only
    from graph.views.quality import APPLIES, read_tables

    ingest.build(real_settings)
    tables = read_tables(open_read_only(real_settings.store_dir))
    expected = _counted_by_hand(tables, today)
    rows = summary(tables, today=today).rows
    assert rows[0]["table"] == "actors" and rows[0]["district"] == "*" and rows[0]["not_checked"] == old
    for row in rows:
        for measure in APPLIES[row["table"]]:
            assert row[measure] == expected.get((row["table"], row["district"], measure), 0), (row, measure)
    assert sum(r["records"] for r in rows if r["district"] != "*") == sum(len(tables[t]) for t in APPLIES)
