"""The collection model and its scenarios, checked with arithmetic done by hand.

The figures below are the sourced ones of data/collection_figures.csv and
data/collection_levers.csv (copied by hand, with their sources in the data file), so that the
expected values can be written out from ../shared/domain/collection-figures.md:

- Landkreis Harz: 208,804 inhabitants (31 Dec 2023); about 2,300 t WEEE collected by enwi
  AöR in 2021 (örE);
- WEEE generated in Germany: 20.0 kg per inhabitant (GEM 2020, 2019) and 23.2 kg (StEP, 2012);
- Sachsen-Anhalt örE 7.3 kg per inhabitant (2023); Thüringen 8 kg (2021);
- depot containers 1.07–1.57 t per container and year; retailer take-back 0.84–2.41 kg per
  inhabitant.
"""

from __future__ import annotations

import pytest

from graph.analyse import scenario as model

STATES = {"03": "Niedersachsen", "15": "Sachsen-Anhalt", "16": "Thüringen"}


def fig(id, area, year, basis, quantity, unit, devices="all", part=None):
    return {"id": id, "area": area, "part": part, "year": year, "basis": basis, "devices": devices,
            "quantity": quantity, "unit": unit, "sources": [f"https://example.org/{id}"], "confidence": "high",
            "note": None}


FIGURES = [
    fig("harz-2021", "15085", 2021, "oere", 2300.0, "t"),
    fig("gen-2019", "DE", 2019, "generated", 20.0, "kg/inh"),
    fig("gen-2012", "DE", 2012, "generated", 23.2, "kg/inh"),
    fig("st-2023", "15", 2023, "oere", 7.3, "kg/inh"),
    fig("th-2021", "16", 2021, "oere", 8.0, "kg/inh"),
    fig("kyf-2022", "16065", 2022, "oere", 9.2, "kg/inh"),
    fig("kyf-2023-small", "16065", 2023, "oere", 230.0, "t", devices="small"),
    fig("gö-part", "03159", 2012, "oere", 551.0, "t", part="Altkreis without the city"),
    fig("ni-eba", "03", 2022, "first-treatment", 82200.0, "t"),
]
HARZ = {"key": "15085", "name": "Harz", "state": "15", "population": 208_804, "population_date": "2023-12-31",
        "population_source": "https://example.org/pop", "region_status": "confirmed"}
MSH = {**HARZ, "key": "15087", "name": "Mansfeld-Südharz", "population": 132_317}
GOSLAR = {**HARZ, "key": "03153", "name": "Goslar", "state": "03", "population": 134_672}
GOETTINGEN = {**HARZ, "key": "03159", "name": "Göttingen", "state": "03", "population": 323_661}
KYF = {**HARZ, "key": "16065", "name": "Kyffhäuserkreis", "state": "16", "population": 73_216}
LEVERS = [
    {"id": "container", "per": "container", "unit": "t", "low": 1.07, "high": 1.57, "max_count": 1000,
     "sources": ["https://example.org/container"], "assumption": "as in the trials"},
    {"id": "retail-takeback", "per": "inhabitant", "unit": "kg", "low": 0.84, "high": 2.41, "max_count": 1,
     "sources": ["https://example.org/retail"], "assumption": "national average"},
    {"id": "campaign", "per": "person", "unit": "kg", "low": 0.28, "high": 0.68, "max_count": None,
     "sources": ["https://example.org/ovgu"], "assumption": "like the study"},
]


def test_harz_model_by_hand():
    [row] = model.district_model([HARZ], FIGURES, STATES)
    # generated: 20.0 kg × 208,804 / 1000 = 4,176.08 t; 23.2 kg × 208,804 / 1000 = 4,844.2528 t
    assert row["generated"]["low_t"] == pytest.approx(4176.08)
    assert row["generated"]["high_t"] == pytest.approx(4844.2528)
    assert (row["generated"]["low_year"], row["generated"]["high_year"]) == (2019, 2012)
    # collected: the district's own örE figure, 2,300 t in 2021, measured
    assert row["collected"]["status"] == "measured"
    assert (row["collected"]["low"], row["collected"]["high"], row["collected"]["year"]) == (2300.0, 2300.0, 2021)
    o = row["outlook"]
    # target 85 %: 0.85 × 4,176.08 = 3,549.668 t; 0.85 × 4,844.2528 = 4,117.61488 t
    assert o["target_low"] == pytest.approx(3549.668)
    assert o["target_high"] == pytest.approx(4117.61488)
    # rate: 2,300 / 4,844.2528 = 0.47479 (low); 2,300 / 4,176.08 = 0.55075 (high)
    assert o["rate_low"] == pytest.approx(0.474790, abs=1e-6)
    assert o["rate_high"] == pytest.approx(0.550756, abs=1e-6)
    # gap: 3,549.668 − 2,300 = 1,249.668 t; 4,117.61488 − 2,300 = 1,817.61488 t
    assert o["gap_low"] == pytest.approx(1249.668)
    assert o["gap_high"] == pytest.approx(1817.61488)
    # distance: 85 − 55.0756 = 29.9244 pp; 85 − 47.4790 = 37.5210 pp
    assert o["distance_low"] == pytest.approx(29.9244, abs=1e-4)
    assert o["distance_high"] == pytest.approx(37.5210, abs=1e-4)


def test_without_own_figure_the_state_figure_is_an_estimate():
    [row] = model.district_model([MSH], FIGURES, STATES)
    # 7.3 kg × 132,317 / 1000 = 965.9141 t, from the state's 2023 figure
    assert row["collected"]["status"] == "estimated"
    assert row["collected"]["low"] == pytest.approx(965.9141)
    assert row["collected"]["high"] == pytest.approx(965.9141)
    assert row["collected"]["figures"] == ["st-2023"]


def test_without_district_or_state_figure_the_other_states_range_is_assumed():
    goslar, goettingen = model.district_model([GOSLAR, GOETTINGEN], FIGURES, STATES)
    # Lower Saxony has only first-treatment intake (never used); the other states give 7.3 and 8 kg:
    # 7.3 × 134,672 / 1000 = 983.1056 t; 8 × 134,672 / 1000 = 1,077.376 t
    assert goslar["collected"]["status"] == "assumed"
    assert goslar["collected"]["low"] == pytest.approx(983.1056)
    assert goslar["collected"]["high"] == pytest.approx(1077.376)
    # Göttingen's figure of part of the district is context only, never its figure
    assert goettingen["collected"]["status"] == "assumed"
    assert [f["id"] for f in goettingen["context"]] == ["gö-part"]


def test_per_inhabitant_district_figure_and_small_devices_are_kept_apart():
    [row] = model.district_model([KYF], FIGURES, STATES)
    # 9.2 kg × 73,216 / 1000 = 673.5872 t (2022); the newer 230 t are small devices only
    assert row["collected"]["status"] == "measured"
    assert row["collected"]["low"] == pytest.approx(673.5872)
    assert row["collected"]["year"] == 2022
    assert [f["id"] for f in row["context"]] == ["kyf-2023-small"]


def test_latest_own_figure_wins():
    newer = fig("harz-2023", "15085", 2023, "oere", 2500.0, "t")
    [row] = model.district_model([HARZ], [*FIGURES, newer], STATES)
    assert (row["collected"]["low"], row["collected"]["year"]) == (2500.0, 2023)


def test_adding_containers_moves_the_range_by_the_sourced_effect():
    [row] = model.district_model([HARZ], FIGURES, STATES)
    before = model.scenario(row, LEVERS, {})
    after = model.scenario(row, LEVERS, {"container": 10})
    # 10 containers × 1.07 t = 10.7 t (low), × 1.57 t = 15.7 t (high)
    assert after["collected_low"] - before["collected_low"] == pytest.approx(10.7)
    assert after["collected_high"] - before["collected_high"] == pytest.approx(15.7)
    # rate: (2,300 + 10.7) / 4,844.2528 = 0.476999; (2,300 + 15.7) / 4,176.08 = 0.554515
    assert after["outlook"]["rate_low"] == pytest.approx(0.476999, abs=1e-6)
    assert after["outlook"]["rate_high"] == pytest.approx(0.554515, abs=1e-6)
    # gap: 3,549.668 − 2,315.7 = 1,233.968 t; 4,117.61488 − 2,310.7 = 1,806.91488 t
    assert after["outlook"]["gap_low"] == pytest.approx(1233.968)
    assert after["outlook"]["gap_high"] == pytest.approx(1806.91488)
    assert after["levers"][0]["sources"] == ["https://example.org/container"]


def test_levers_add_up_and_per_inhabitant_levers_scale_with_population():
    [row] = model.district_model([HARZ], FIGURES, STATES)
    result = model.scenario(row, LEVERS, {"container": 2, "retail-takeback": 1, "campaign": 1000})
    # 2 × 1.07 + 0.84 kg × 208,804 / 1000 + 1000 × 0.28 kg / 1000 = 2.14 + 175.39536 + 0.28 = 177.81536 t
    assert result["added_low"] == pytest.approx(177.81536)
    # 2 × 1.57 + 2.41 × 208.804 + 0.68 = 3.14 + 503.21764 + 0.68 = 507.03764 t
    assert result["added_high"] == pytest.approx(507.03764)


def test_bad_levers_are_refused():
    [row] = model.district_model([HARZ], FIGURES, STATES)
    with pytest.raises(model.LeverError, match="unknown lever 'depot'.*container"):
        model.parse_levers(["depot=3"], LEVERS)
    for count in ("2.5", "²", "-1", "1e3", "9999999999"):
        with pytest.raises(model.LeverError, match="not a whole number"):
            model.parse_levers([f"container={count}"], LEVERS)
    with pytest.raises(model.LeverError, match="NAME=COUNT"):
        model.parse_levers(["container"], LEVERS)
    with pytest.raises(model.LeverError, match="outside 0…1"):
        model.scenario(row, LEVERS, {"retail-takeback": 2})
    with pytest.raises(model.LeverError, match="outside 0…208804"):
        model.scenario(row, LEVERS, {"campaign": 300_000})
    assert model.parse_levers(["container=2", "container=3"], LEVERS) == {"container": 5}


def test_gap_is_zero_once_the_target_is_reached():
    o = model.outlook(3000.0, 3000.0, 2000.0, 2000.0)
    assert (o["gap_low"], o["gap_high"], o["distance_low"], o["distance_high"]) == (0.0, 0.0, 0.0, 0.0)


def test_no_population_no_model():
    [row] = model.district_model([{**HARZ, "key": "15089", "population": None}], FIGURES, STATES)
    assert row["generated"] is None and row["outlook"] is None
