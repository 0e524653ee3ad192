"""The briefing's section on training: which competencies of the chain no education actor teaches.

:func:`training_section` turns the rows of :func:`graph.analyse.training.training_gaps`
(region and districts) into one table row per area: the competencies the chain needs that
no education or training actor there is recorded with, split by whether the stage that
needs them is held in the area, and the education actors that do hold a needed
competency. Each row cites the sources of the area's education actors: what the data know
they teach is the evidence for the offers and for their absence. Its words: graph/words/training.py.
"""

from __future__ import annotations

from typing import Any

from graph.analyse._names import join
from graph.words.training import TEXT


def training_section(report: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The section's text and one row per area (region first, then the districts).

    ``report`` is the briefing's report object (its graph ``G``, ``lang``, ``label``,
    ``name``, ``actor_urls`` and citations ``cite``); ``rows`` are the region and district
    rows of :func:`~graph.analyse.training.training_gaps`.
    """
    t, lang, G = TEXT[report.lang], report.lang, report.G
    areas: dict[tuple[str, str | None], list[dict]] = {}
    for row in rows:
        if row["level"] in ("region", "district"):
            areas.setdefault((row["level"], row["area"]), []).append(row)
    districts = G.graph.get("districts") or {}

    def candidate(key: str | None) -> bool:
        return (districts.get(key or "") or {}).get("region_status") == "candidate"

    def order(item: tuple[tuple[str, str | None], list[dict]]) -> tuple:
        (level, key), _ = item
        return (level != "region", candidate(key), report.district(key) if key else "")

    out = []
    for (level, key), area_rows in sorted(areas.items(), key=order):
        out.append(_area_row(report, t, lang, level, key, area_rows, candidate(key)))
    region = areas.get(("region", None), [])
    lacking = [report.label(r["competency"], "competency") for r in region if not r["trainers"]]
    summary = (
        t["summary"].format(n=len(lacking), k=len(region), names=join(lacking, lang))
        if lacking
        else t["summary_0"].format(k=len(region))
    )
    return {"t": t, "intro": t["intro"], "summary": summary if region else "", "rows": out}


def _area_row(report, t, lang, level, key, rows, is_candidate) -> dict[str, Any]:
    held = [r for r in rows if not r["trainers"] and r["stages_present"]]
    absent = [r for r in rows if not r["trainers"] and not r["stages_present"]]
    offered = [r for r in rows if r["trainers"]]
    offers = [
        f"{report.label(r['competency'], 'competency')}: {join([report.name(v) for v in r['trainer_iris']], lang)}"
        for r in offered
    ]
    # What the data know each education actor of the area teaches is the evidence, both for
    # the offers and for their absence; which stages the area holds, section 4 shows.
    educators = rows[0]["educator_iris"] if rows else []
    others = [v for v in educators if not any(v in r["trainer_iris"] for r in rows)]
    urls = report.actor_urls(educators)
    thin = []
    if held or absent:
        thin.append(t["thin_absence"])
    if not educators:
        thin.append(t["thin_no_educator"])
    if is_candidate:
        thin.append(t["thin_candidate"])
    return {
        "area": t["region"] if level == "region" else report.district(key),
        "candidate": is_candidate,
        "held": join([report.label(r["competency"], "competency") for r in held], lang) or "–",
        "absent": join([report.label(r["competency"], "competency") for r in absent], lang) or "–",
        "offers": offers,
        "others": join([report.name(v) for v in others], lang),
        **report.cite.refs(urls),
        "thin": thin,
    }
