"""Collection scenarios: how far each district is from the collection target, and what levers
would close the gap. Plain functions on plain dicts (no store, no words); docs/COLLECTION.md
explains the same formulas for readers.

The model, formula by formula (P = the district's population, with its date and source):

1. **WEEE generated** (tonnes per year, a range)::

       g_low  = G_min × P / 1000        g_high = G_max × P / 1000

   G_min and G_max are the smallest and the largest national estimate of WEEE generated
   per inhabitant (kg) in the figures (area DE, basis ``generated``, unit kg/inh), each
   with its year and source. Status: *estimated* (a national figure applied to the district).

2. **Collected** (tonnes per year, a range; basis örE, all devices), the first that exists:

   a. *measured*: the district's own figure for the whole district (no ``part``), the most
      recent year; in t as given (c = q), or in kg/inh as ``c = q × P / 1000``;
   b. *estimated*: the district's state's örE figure per inhabitant, the most recent year:
      ``c = k_state × P / 1000``;
   c. *assumed*: no figure for the district or its state: the range of the other states'
      örE figures per inhabitant, ``c_low = k_min × P / 1000``, ``c_high = k_max × P / 1000``.

   Figures of part of a district, of small devices only, or on another basis are shown as
   context and never used as the district's figure.

3. **Target** — the definition used is **85 % of WEEE generated** (WEEE Directive Art. 7(1),
   § 10 ElektroG offer it beside 65 % of the average put on the market in the three
   previous years). The put-on-market definition is not used because put-on-market
   amounts exist only for Germany as a whole and not for three consecutive years before
   any district figure (2020 is missing)::

       t_low = 0.85 × g_low             t_high = 0.85 × g_high

4. **Rate** (share of WEEE generated that is collected)::

       r_low = c_low / g_high           r_high = c_high / g_low

5. **Gap** (tonnes more a year to reach the target; 0 once reached) and **distance**
   (percentage points to 85 %)::

       gap_low  = max(0, t_low − c_high)     gap_high = max(0, t_high − c_low)
       dist_low = max(0, 85 − 100 × r_high)  dist_high = max(0, 85 − 100 × r_low)

6. **Scenario**: each lever L has an effect per count, e_low…e_high (sources in
   ``data/collection_levers.csv``), in t or kg per container, event, household or person
   reached; for ``per = inhabitant`` the count is 0 or 1 and the effect is per inhabitant::

       a_low  = Σ n_L × e_low_L  × f_L      a_high = Σ n_L × e_high_L × f_L
       f_L    = 1 (t) or 1/1000 (kg), times P when per = inhabitant

   and the scenario's collected amount is ``c_low + a_low … c_high + a_high``; rate, gap
   and distance follow from it by 4 and 5. Levers add up: no saturation, no interaction —
   an assumption listed with every result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graph.errors import QueryError

#: The collection target as a share of WEEE generated (WEEE Directive Art. 7(1), § 10 ElektroG).
TARGET_SHARE = 0.85
TARGET_DEFINITION = "85% of WEEE generated"
#: Status of a value: measured (a source gives it for the district), estimated (derived
#: from a sourced figure for a larger area), assumed (no source for it; an assumption).
MEASURED, ESTIMATED, ASSUMED = "measured", "estimated", "assumed"


#: A count: ASCII digits only (``str.isdigit`` would let "²" through to ``int``), at most 9.
WHOLE = re.compile(r"[0-9]{1,9}")


class LeverError(QueryError):
    """A lever name or count that cannot be used (CLI exit 2, HTTP 400)."""


# --- the figures -------------------------------------------------------------------------


def _whole(figure: Mapping[str, Any]) -> bool:
    return not figure.get("part") and figure.get("devices") == "all"


def generated_per_inhabitant(figures: Iterable[Mapping[str, Any]]) -> dict[str, Any] | None:
    """The range of national estimates of WEEE generated per inhabitant (formula 1).

    >>> generated_per_inhabitant([
    ...     {"id": "a", "area": "DE", "basis": "generated", "unit": "kg/inh", "devices": "all",
    ...      "quantity": 21.6, "year": 2014, "sources": ["https://x.example/a"]},
    ...     {"id": "b", "area": "DE", "basis": "generated", "unit": "kg/inh", "devices": "all",
    ...      "quantity": 20.0, "year": 2019, "sources": ["https://x.example/b"]}])["low"]
    20.0
    """
    found = [f for f in figures if f.get("area") == "DE" and f.get("basis") == "generated"
             and f.get("unit") == "kg/inh" and _whole(f)]
    if not found:
        return None
    low = min(found, key=lambda f: (f["quantity"], -f["year"]))
    high = max(found, key=lambda f: (f["quantity"], f["year"]))
    return {"low": float(low["quantity"]), "high": float(high["quantity"]),
            "low_year": low["year"], "high_year": high["year"],
            "figures": sorted(f["id"] for f in found), "sources": _sources(found)}


def _sources(figures: Iterable[Mapping[str, Any]]) -> list[str]:
    return sorted({url for f in figures for url in f.get("sources") or ()})


def _latest(figures: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The most recent figure; in the same year a tonnage before a per-inhabitant figure."""
    ranked = sorted(figures, key=lambda f: (f["year"], f["unit"] == "t"), reverse=True)
    return ranked[0] if ranked else None


def _oere(figure: Mapping[str, Any], area: str, units: Sequence[str]) -> bool:
    return (figure.get("area") == area and figure.get("basis") == "oere" and _whole(figure)
            and figure.get("unit") in units)


def collected(district: Mapping[str, Any], figures: Sequence[Mapping[str, Any]],
              states: Mapping[str, str]) -> dict[str, Any] | None:
    """The district's collected amount in t per year as a range with its status (formula 2).

    ``states`` maps every state key of the region to its name (for the assumption's words).
    None when the population is unknown and no tonnage is given.
    """
    population = district.get("population")
    own = _latest(f for f in figures if _oere(f, district["key"], ("t", "kg/inh")))
    if own is not None and (own["unit"] == "t" or population):
        tonnes = float(own["quantity"]) if own["unit"] == "t" else own["quantity"] * population / 1000
        return {"status": MEASURED, "low": tonnes, "high": tonnes, "year": own["year"],
                "figures": [own["id"]], "sources": _sources([own]), "confidence": own.get("confidence"),
                "per": "t" if own["unit"] == "t" else "kg/inh", "quantity": float(own["quantity"]),
                "assumption": None}
    if not population:
        return None
    state = _latest(f for f in figures if _oere(f, district.get("state"), ("kg/inh",)))
    if state is not None:
        tonnes = state["quantity"] * population / 1000
        return {"status": ESTIMATED, "low": tonnes, "high": tonnes, "year": state["year"],
                "figures": [state["id"]], "sources": _sources([state]), "confidence": state.get("confidence"),
                "per": "kg/inh", "quantity": float(state["quantity"]), "area": state["area"],
                "assumption": None}
    others = [latest for key in sorted(states) if key != district.get("state")
              for latest in [_latest(f for f in figures if _oere(f, key, ("kg/inh",)))] if latest]
    if not others:
        return None
    low = min(others, key=lambda f: f["quantity"])
    high = max(others, key=lambda f: f["quantity"])
    return {"status": ASSUMED, "low": low["quantity"] * population / 1000,
            "high": high["quantity"] * population / 1000, "year": max(f["year"] for f in others),
            "figures": sorted(f["id"] for f in others), "sources": _sources(others), "confidence": "low",
            "per": "kg/inh", "quantity": None, "range_kg": (float(low["quantity"]), float(high["quantity"])),
            "assumption": {"state": district.get("state"),
                           "others": [(f["area"], float(f["quantity"]), f["year"]) for f in others]}}


# --- the model ---------------------------------------------------------------------------


def outlook(c_low: float, c_high: float, g_low: float, g_high: float) -> dict[str, float]:
    """Target, rate, gap and distance for a collected and a generated range (formulas 3–5).

    >>> o = outlook(1000.0, 1000.0, 2000.0, 2500.0)
    >>> o["target_low"], o["target_high"], o["rate_low"], o["rate_high"], o["gap_low"], o["gap_high"]
    (1700.0, 2125.0, 0.4, 0.5, 700.0, 1125.0)
    >>> o["distance_low"], o["distance_high"]
    (35.0, 45.0)
    """
    t_low, t_high = TARGET_SHARE * g_low, TARGET_SHARE * g_high
    r_low, r_high = c_low / g_high, c_high / g_low
    return {"target_low": t_low, "target_high": t_high, "rate_low": r_low, "rate_high": r_high,
            "gap_low": max(0.0, t_low - c_high), "gap_high": max(0.0, t_high - c_low),
            "distance_low": max(0.0, 100 * TARGET_SHARE - 100 * r_high),
            "distance_high": max(0.0, 100 * TARGET_SHARE - 100 * r_low)}


def district_model(districts: Sequence[Mapping[str, Any]], figures: Sequence[Mapping[str, Any]],
                   states: Mapping[str, str]) -> list[dict[str, Any]]:
    """Generated, collected, target, rate and gap per district (formulas 1–5).

    Parameters
    ----------
    districts : dicts with ``key``, ``name``, ``state``, ``population``, ``population_date``,
        ``population_source``, ``region_status``.
    figures : the collection figures as dicts: ``id``, ``area`` (district key, state key or
        ``DE``), ``part``, ``year``, ``basis``, ``devices``, ``quantity``, ``unit``
        (``t``, ``kg/inh``, ``%``), ``sources``, ``confidence``, ``note``.
    states : state key → name, for every state of the region.

    Returns
    -------
    list of dict
        One row per district (in the given order): the district's fields, ``generated``
        (see :func:`generated_per_inhabitant`) with ``low_t``/``high_t``, ``collected`` (see
        :func:`collected`; None without a figure), the :func:`outlook` values (None
        without a collected or generated amount), and ``context``: the district's other
        figures (part of the district, small devices only, older years), never used above.
    """
    generated = generated_per_inhabitant(figures)
    rows = []
    for district in districts:
        population = district.get("population")
        row: dict[str, Any] = {k: district.get(k) for k in ("key", "name", "state", "population", "population_date",
                                                          "population_source", "region_status")}
        row["generated"] = None
        if generated and population:
            row["generated"] = {**generated, "low_t": generated["low"] * population / 1000,
                                "high_t": generated["high"] * population / 1000}
        row["collected"] = collected(district, figures, states)
        row["outlook"] = None
        if row["generated"] and row["collected"]:
            row["outlook"] = outlook(row["collected"]["low"], row["collected"]["high"],
                                     row["generated"]["low_t"], row["generated"]["high_t"])
        used = set(row["collected"]["figures"]) if row["collected"] else set()
        row["context"] = sorted((f for f in figures if f.get("area") == district["key"] and f["id"] not in used),
                                key=lambda f: (-f["year"], f["id"]))
        rows.append(row)
    return rows


# --- scenarios ---------------------------------------------------------------------------


def parse_levers(pairs: Iterable[str], levers: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """``["container=10", "drive-through=4"]`` → ``{"container": 10, "drive-through": 4}``.

    Raises
    ------
    LeverError
        for a pair without ``=``, an unknown lever (naming the known ones) or a count that
        is not a whole number.
    """
    known = {lever["id"] for lever in levers}
    counts: dict[str, int] = {}
    for pair in pairs:
        name, sep, count = pair.partition("=")
        name = name.strip()
        if not sep:
            raise LeverError(f"lever '{pair}': write NAME=COUNT, e.g. container=10")
        if name not in known:
            raise LeverError(f"unknown lever '{name}'; known levers: {', '.join(sorted(known))}")
        if not WHOLE.fullmatch(count.strip()):
            raise LeverError(f"lever '{name}': the count '{count}' is not a whole number of 0 or more")
        counts[name] = counts.get(name, 0) + int(count)
    return counts


def max_count(lever: Mapping[str, Any], population: int | None) -> int | None:
    """The largest count that makes sense: the table's ``max_count``; for households and
    persons reached, at most the population; 1 for a per-inhabitant lever."""
    limits = [lever.get("max_count")]
    if lever.get("per") == "inhabitant":
        limits.append(1)
    if lever.get("per") in ("household", "person") and population:
        limits.append(population)
    limits = [x for x in limits if x is not None]
    return min(limits) if limits else None


def lever_effect(lever: Mapping[str, Any], count: int, population: int | None) -> tuple[float, float]:
    """The tonnes per year ``count`` of ``lever`` add, low and high (formula 6).

    >>> lever_effect({"per": "container", "unit": "t", "low": 1.07, "high": 1.57}, 10, 50_000)
    (10.7, 15.7)
    >>> lever_effect({"per": "inhabitant", "unit": "kg", "low": 0.84, "high": 2.41}, 1, 100_000)
    (84.0, 241.0)
    """
    factor = 1.0 if lever["unit"] == "t" else 1 / 1000
    if lever["per"] == "inhabitant":
        factor *= population or 0
    return (round(count * lever["low"] * factor, 6), round(count * lever["high"] * factor, 6))


def scenario(row: Mapping[str, Any], levers: Sequence[Mapping[str, Any]], counts: Mapping[str, int]) -> dict[str, Any]:
    """A district's collected amount, rate and gap with lever counts added (formula 6).

    Raises
    ------
    LeverError
        for an unknown lever or a count above what makes sense for the district.
    """
    by_id = {lever["id"]: lever for lever in levers}
    population = row.get("population")
    added_low = added_high = 0.0
    used = []
    for name, count in counts.items():
        if name not in by_id:
            raise LeverError(f"unknown lever '{name}'; known levers: {', '.join(sorted(by_id))}")
        lever = by_id[name]
        limit = max_count(lever, population)
        if count < 0 or (limit is not None and count > limit):
            raise LeverError(f"lever '{name}': count {count} for {row.get('name')} is outside 0…{limit}")
        if count == 0:
            continue
        low, high = lever_effect(lever, count, population)
        added_low += low
        added_high += high
        used.append({"lever": name, "count": count, "low_t": low, "high_t": high,
                     "sources": list(lever.get("sources") or ()), "assumption": lever.get("assumption")})
    result: dict[str, Any] = {"levers": used, "added_low": added_low, "added_high": added_high,
                              "collected_low": None, "collected_high": None, "outlook": None}
    if row.get("collected"):
        c_low, c_high = row["collected"]["low"] + added_low, row["collected"]["high"] + added_high
        result.update(collected_low=c_low, collected_high=c_high)
        if row.get("generated"):
            result["outlook"] = outlook(c_low, c_high, row["generated"]["low_t"], row["generated"]["high_t"])
    return result


#: The assumptions every scenario rests on (keys; the words are in the views).
MODEL_ASSUMPTIONS = ("national_generation", "target_definition", "oere_only", "additive", "per_year")
