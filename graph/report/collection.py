"""The briefing's part on collection targets: the same model and function as ``/collection``
and ``harzgraph scenario`` (:func:`graph.views.collection.collection_view`), without levers."""

from __future__ import annotations

from typing import Any

import pyoxigraph

from graph.views.collection import collection_view, default_features, span, status_label

WORDS = {
    "de": {
        "title": "Abstand zum Sammelziel",
        "intro": "Je Landkreis die anfallende Menge an Elektroaltgeräten, die gesammelte Menge (vom örE), das Ziel "
                 "(85 % der anfallenden Menge) und die Lücke in Tonnen je Jahr, als Spannen. Jeder Wert ist als "
                 "gemessen, geschätzt oder angenommen gekennzeichnet; Szenarien mit Hebeln rechnet die Seite "
                 "„Sammlung“ und der Befehl harzgraph scenario.",
        "district": "Landkreis", "generated": "anfallend (t)", "collected": "gesammelt (t)",
        "target": "Ziel (t)", "rate": "Quote (%)", "gap": "Lücke (t)", "assumptions": "Annahmen",
        "none": "keine Einwohnerzahl",
    },
    "en": {
        "title": "Distance to the collection target",
        "intro": "Per district the WEEE generated, the amount collected (by the waste authority), the target (85% of "
                 "WEEE generated) and the gap in tonnes a year, as ranges. Each value is marked measured, estimated "
                 "or assumed; scenarios with levers are on the page \"Collection\" and in harzgraph scenario.",
        "district": "District", "generated": "generated (t)", "collected": "collected (t)",
        "target": "target (t)", "rate": "rate (%)", "gap": "gap (t)", "assumptions": "Assumptions",
        "none": "no population",
    },
}


def collection_target(store: pyoxigraph.Store, cite: Any, lang: str) -> dict[str, Any] | None:
    """Rows for the briefing's table, with citations drawn from the briefing's ``cite``
    (``refs(urls)`` → ``{"refs", "more"}``); None when the store has no collection figures."""
    view = collection_view(store, lang=lang, features=default_features())
    if not any(d.get("collected") for d in view["districts"]):
        return None
    rows = []
    for d in view["districts"]:
        def cell(name: str, digits: int = 0, d=d) -> dict[str, Any] | None:
            q = d.get(name)
            if not q:
                return None
            return {"text": span(q, lang, digits), "status": q["status"], "label": status_label(q["status"], lang),
                    **cite.refs(q.get("source") or (), limit=4)}

        rows.append({"district": d["name"], "state": d["state_name"], "candidate": d["region_status"] == "candidate",
                     "generated": cell("generated"), "collected": cell("collected"), "target": cell("target"),
                     "rate": cell("rate", 1), "gap": cell("gap"),
                     "year": (d.get("collected") or {}).get("year")})
    extra = [d["collected"]["assumption"] for d in view["districts"] if (d.get("collected") or {}).get("assumption")]
    return {"w": WORDS["en" if lang == "en" else "de"], "rows": rows,
            "assumptions": view["assumptions"] + sorted(set(extra))}
