"""The one formatter: expected strings written by hand from the CLDR rules.

CLDR (de): decimal sign ",", group sign ".", percent pattern "#,##0 %" with a no-break
space (U+00A0), medium date "dd.MM.y", plural "one" only for the integer 1.
CLDR (en_GB): decimal ".", group ",", percent "#,##0%", medium date "d MMM y", plural
"one" only for the integer 1.
"""

from __future__ import annotations

import datetime as dt

import pytest

from graph.words import format as fmt

NBSP = "\u00a0"
ACTOR = {"de": {"one": "Akteur", "other": "Akteure"}, "en": {"one": "actor", "other": "actors"}}


@pytest.mark.parametrize(
    ("value", "de", "en"),
    [(0, "0", "0"), (1, "1", "1"), (2, "2", "2"), (1234.5, "1.234,5", "1,234.5"), (134672, "134.672", "134,672")],
)
def test_number(value, de, en):
    assert fmt.number(value, "de") == de
    assert fmt.number(value, "en") == en


def test_number_with_fixed_digits_rounds_half_even():
    # CLDR's default rounding is half-even, on the decimal value: 2.25 → 2.2, 2.35 → 2.4,
    # 1234.5 → 1234 with no decimals, 1235.5 → 1236; 1234.5 with two decimals → 1234.50
    assert fmt.number(2.25, "de", 1) == "2,2"
    assert fmt.number(2.35, "en", 1) == "2.4"
    assert fmt.number(1234.5, "de", 2) == "1.234,50"
    assert fmt.number(1234.5, "en", 0) == "1,234"
    assert fmt.number(1235.5, "en", 0) == "1,236"
    assert fmt.number(None, "de") == "–"


def test_integer():
    assert fmt.integer(1234.5, "de") == "1.234"  # half-even
    assert fmt.integer(200000, "en") == "200,000"


@pytest.mark.parametrize(
    ("share", "de", "en"),
    [(0, f"0,0{NBSP}%", "0.0%"), (1, f"100,0{NBSP}%", "100.0%"), (0.2568, f"25,7{NBSP}%", "25.7%"),
     (12.345, f"1.234,5{NBSP}%", "1,234.5%")],
)
def test_percent(share, de, en):
    assert fmt.percent(share, "de") == de
    assert fmt.percent(share, "en") == en


def test_percent_digits():
    assert fmt.percent(0.5, "de", 0) == f"50{NBSP}%"
    assert fmt.percent(0.5, "en", 2) == "50.00%"


def test_date():
    assert fmt.date("2026-11-25", "de") == "25.11.2026"
    assert fmt.date("2026-11-25", "en") == "25 Nov 2026"
    assert fmt.date(dt.date(2022, 1, 2), "de") == "02.01.2022"
    assert fmt.date(dt.date(2022, 1, 2), "en") == "2 Jan 2022"
    # a month alone: CLDR skeleton yMMM ("MMM y"); German abbreviates with a point
    assert fmt.date("2026-11", "de") == "Nov. 2026"
    assert fmt.date("2026-11", "en") == "Nov 2026"
    assert fmt.date("2026", "en") == "2026"
    assert fmt.date(None, "de") == "–"
    assert fmt.date("", "de", missing="") == ""
    assert fmt.date("unknown", "de") == "unknown"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_plural_forms(lang):
    assert [fmt.plural_form(n, lang) for n in (0, 1, 2, 1234.5)] == ["other", "one", "other", "other"]


def test_count():
    assert [fmt.count(n, ACTOR["de"], "de") for n in (0, 1, 2, 1234.5)] == [
        "0 Akteure", "1 Akteur", "2 Akteure", "1.234,5 Akteure"]
    assert [fmt.count(n, ACTOR["en"], "en") for n in (0, 1, 2, 1234.5)] == [
        "0 actors", "1 actor", "2 actors", "1,234.5 actors"]


def test_pick_special_zero():
    forms = {"=0": "kein Akteur", "one": "ein Akteur", "other": "Akteure"}
    assert [fmt.pick(forms, n, "de") for n in (0, 1, 2)] == ["kein Akteur", "ein Akteur", "Akteure"]


def test_join():
    assert fmt.join(["A", "B", "C"], "de") == "A, B und C"
    assert fmt.join(["A", "B", "C"], "en") == "A, B and C"
    assert fmt.join(["A"], "en") == "A"
    assert fmt.join([], "en") == ""
    assert fmt.join(["A", "B", "C", "D"], "de", limit=2) == "A, B und 2 weitere"
    assert fmt.join(["A", "B", "C"], "en", limit=1) == "A and 2 more"
    assert fmt.join(["A", "B", "C"], "de", limit=2) == "A, B und C", "one more is named, not counted"
