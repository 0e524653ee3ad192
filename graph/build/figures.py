"""Checks of the collection tables (``collection_figures``, ``collection_levers``) that a
cell-by-cell check cannot make: a reference area, a year not in the future, a unit that
fits its quantity and basis, one observation per cube cell, a lever's low ≤ high.

Each problem names file, row and field, as every other check does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from graph.build.vocabulary import Vocabulary
from graph.errors import Problem
from graph.namespaces import GERMANY, concept_iri

#: What a cell may say for Germany as a whole.
GERMANY_NAMES = ("de", "deutschland", "germany")
#: The first year a figure may have (the first German WEEE rules date from the 1990s).
FIRST_YEAR = 1990
#: The largest plausible amount per inhabitant: Germany puts about 30 kg of equipment per
#: inhabitant on the market each year (collection-figures.md §3.1), so 100 kg is a typo.
MAX_KG_PER_INHABITANT = 100.0

BASIS = {n: concept_iri("collection-basis", n) for n in
         ("oere", "all-channels", "first-treatment", "generated", "put-on-market")}
UNIT = {n: concept_iri("quantity-unit", n) for n in ("t", "kg", "kg-per-inhabitant", "percent")}
#: Bases that are amounts collected: only these can make a collection rate (unit %).
COLLECTED = (BASIS["oere"], BASIS["all-channels"], BASIS["first-treatment"])

Report = Callable[..., None]


def parse_area(name: str, text: str, vocab: Vocabulary, problem: Report) -> str | None:
    """The IRI of a district or state of the region, or of Germany (``DE``); else a problem."""
    if text.strip().casefold() in GERMANY_NAMES:
        return GERMANY
    found = vocab.resolve("district", text) or vocab.resolve("state", text)
    if found is None:
        near = vocab.suggest("district", text) + vocab.suggest("state", text)
        districts, states = ", ".join(vocab.choices("district")), ", ".join(vocab.choices("state"))
        hint = (f"; did you mean {' or '.join(repr(n) for n in near[:3])}?" if near
                else f"; use a district ({districts}), a state ({states}) or DE")
        problem(name, f"'{text}' is not a district or state of the region, nor DE (Germany){hint}")
    return found


def parse_year(name: str, text: str, problem: Report, *, today: dt.date | None = None) -> int | None:
    """A four-digit calendar year from 1990 up to this year; a year in the future is refused."""
    this_year = (today or dt.date.today()).year
    if not (len(text) == 4 and text.isdigit()):
        problem(name, f"'{text}' is not a year (four digits, e.g. 2021)")
        return None
    year = int(text)
    if year > this_year:
        problem(name, f"{year} lies in the future (this is {this_year}); a figure must have been reported")
        return None
    if year < FIRST_YEAR:
        problem(name, f"{year} lies before {FIRST_YEAR}; is that a typo?")
        return None
    return year


def check_figure(values: dict[str, object], problem: Report) -> None:
    """The unit must fit the quantity and the basis."""
    unit, basis, quantity = values.get("unit"), values.get("basis"), values.get("quantity")
    if unit is None or quantity is None:
        return
    if unit == UNIT["percent"]:
        if quantity > 100:
            problem("quantity", f"{quantity:g} % is more than 100 %; is the unit right (t, kg/inh)?")
        if basis is not None and basis not in COLLECTED:
            problem("unit", "a rate (%) needs a collected basis (oere, all-channels or first-treatment), "
                            "not generated or put-on-market amounts")
    elif unit == UNIT["kg-per-inhabitant"] and quantity > MAX_KG_PER_INHABITANT:
        problem("quantity", f"{quantity:g} kg per inhabitant is implausible (more than "
                            f"{MAX_KG_PER_INHABITANT:g}); is the unit t?")
    elif unit == UNIT["kg"]:
        problem("unit", "a figure is given in t, kg/inh or %; plain kg is for lever effects")


def check_lever(values: dict[str, object], problem: Report) -> None:
    """A lever's effect is an amount (t or kg per count) with low ≤ high."""
    low, high, unit = values.get("low"), values.get("high"), values.get("unit")
    if unit is not None and unit not in (UNIT["t"], UNIT["kg"]):
        problem("unit", "a lever's effect is an amount per count: t or kg (not a rate or a per-inhabitant "
                        "figure; use per = inhabitant for that)")
    if low is not None and high is not None and low > high:
        problem("high", f"high {high:g} is below low {low:g}")
    basis = values.get("basis")
    if basis is not None and basis not in (BASIS["oere"], BASIS["all-channels"]):
        problem("basis", "a lever adds collected amounts: basis oere or all-channels")


def observation_key(values: dict[str, object], part: str) -> tuple:
    """The cube cell of a figure: two rows may not fill the same one."""
    return (values.get("area"), part, values.get("year"), values.get("basis"), values.get("devices"),
            values.get("unit"))


def check_collection_tables(records: dict[str, list], resolved: dict, problems: list[Problem]) -> None:
    """Cross-field and cross-row checks of the two collection tables."""
    seen: dict[tuple, int] = {}
    for record in records.get("collection_figures", []):
        values = resolved.get((record.file, record.row), {})

        def problem(name: str, message: str, severity: str = "error", record=record) -> None:
            problems.append(Problem(record.file, record.row, name, message, severity))

        check_figure(values, problem)
        if all(k in values for k in ("area", "year", "basis", "devices", "unit")):
            key = observation_key(values, record.get("part"))
            if key in seen:
                problem("id", f"the same area, part, year, basis, devices and unit as row {seen[key]}: "
                              "one figure per cell (put a second source in the sources of that row)")
            else:
                seen[key] = record.row
    for record in records.get("collection_levers", []):
        values = resolved.get((record.file, record.row), {})

        def problem(name: str, message: str, severity: str = "error", record=record) -> None:
            problems.append(Problem(record.file, record.row, name, message, severity))

        check_lever(values, problem)
