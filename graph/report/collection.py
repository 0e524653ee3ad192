"""The briefing's part on collection targets: the same model and function as ``/collection``
and ``harzgraph scenario`` (:func:`graph.views.collection.collection_view`), without levers."""

from __future__ import annotations

from typing import Any

import pyoxigraph

from graph.views.collection import collection_view, default_features, span, status_label
from graph.words.collection import BRIEFING

WORDS = BRIEFING  # graph/words/collection.py


def collection_target(store: pyoxigraph.Store, cite: Any, lang: str,
                      inputs: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """Rows for the briefing's table, with citations drawn from the briefing's ``cite``
    (``refs(urls)`` → ``{"refs", "more"}``); None when the store has no collection figures.
    ``inputs``: :func:`graph.views.collection.collection_inputs` of ``store``, when at hand."""
    view = collection_view(store, lang=lang, features=default_features(), inputs=inputs)
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
