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
