"""The words (de/en) of the briefing's section on training (graph/report/training.py)."""

from __future__ import annotations

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
