"""The briefing's section on training: which competencies of the chain no education actor teaches.

:func:`training_section` turns the rows of :func:`graph.analyse.training.training_gaps`
(region and districts) into one table row per area: the competencies the chain needs that
no education or training actor there is recorded with, split by whether the stage that
needs them is held in the area, and the education actors that do hold a needed
competency. Each row cites the sources of the area's education actors: what the data know
they teach is the evidence for the offers and for their absence. The wording lives here
(de/en) until the briefing's texts move to one words module.
"""

from __future__ import annotations

from typing import Any

from graph.analyse._common import join

TEXT = {
    "de": {
        "h_training": "Qualifizierung für die Wertschöpfungskette",
        "intro": "Jede Stufe der Kette braucht bestimmte Kompetenzen (etwa die Erstbehandlung die Kompetenz "
        "„Erstbehandlung von Elektroaltgeräten“). Als Bildungsangebot gilt ein Bildungs- oder Ausbildungsakteur "
        "(Art „Bildung“, begleitende Stufe „Bildung und Qualifizierung“ oder Kompetenz „Bildung“), der "
        "mit der Kompetenz verzeichnet ist; eine Kursliste ist das nicht. Welche Kompetenz eine Stufe braucht, "
        "ist eine redaktionelle Zuordnung aus den Definitionen der Stufen, keine Angabe einer Quelle.",
        "summary": "In der Region ist für {n} von {k} Kompetenzen der Kette kein Bildungsangebot bekannt: {names}.",
        "summary_0": "In der Region ist für jede der {k} Kompetenzen der Kette ein Bildungsangebot bekannt.",
        "col_area": "Gebiet",
        "col_held": "Ohne Bildungsangebot, Stufe vorhanden",
        "col_absent": "Ohne Bildungsangebot, Stufe fehlt",
        "col_offers": "Bildungsangebote",
        "region": "Region (alle Landkreise)",
        "thin_absence": "beruht auf dem Fehlen von Angaben: nicht bekannt heißt nicht nicht vorhanden",
        "thin_candidate": "Zugehörigkeit des Landkreises zur Region ist nicht geklärt",
        "thin_no_educator": "kein Bildungsakteur in den Daten",
        "others": "Ohne Kompetenz der Kette verzeichnet: {names}",
    },
    "en": {
        "h_training": "Training for the value chain",
        "intro": "Each stage of the chain needs certain competencies (first treatment, for instance, needs "
        "“WEEE first treatment”). An education offer is an education or training actor (kind “education”, "
        "supporting stage “education and training” or competency “education”) recorded with the competency; "
        "that is not a list of courses. Which competency a stage needs is an editorial reading of the stage "
        "definitions, not a statement of any source.",
        "summary": "In the region, no education offer is known for {n} of the chain's {k} competencies: {names}.",
        "summary_0": "In the region, an education offer is known for each of the chain's {k} competencies.",
        "col_area": "Area",
        "col_held": "No education offer, stage held",
        "col_absent": "No education offer, stage missing",
        "col_offers": "Education offers",
        "region": "Region (all districts)",
        "thin_absence": "rests on the absence of records: not known does not mean not there",
        "thin_candidate": "the district's membership of the region is not settled",
        "thin_no_educator": "no education actor in the data",
        "others": "Recorded with no competency of the chain: {names}",
    },
}


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
    lacking = [report.label(r["competency"]) for r in region if not r["trainers"]]
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
        f"{report.label(r['competency'])}: {join([report.name(v) for v in r['trainer_iris']], lang)}" for r in offered
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
        "held": join([report.label(r["competency"]) for r in held], lang) or "–",
        "absent": join([report.label(r["competency"]) for r in absent], lang) or "–",
        "offers": offers,
        "others": join([report.name(v) for v in others], lang),
        **report.cite.refs(urls),
        "thin": thin,
    }
