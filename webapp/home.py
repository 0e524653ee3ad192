"""Blueprint: ``/`` — what the graph holds, how fresh it is, and how to start."""

from __future__ import annotations

from flask import Blueprint, Response, g

from graph.views.region import overview

from . import represent
from .i18n import translate
from .state import cached, current_store

bp = Blueprint("home", __name__)


@bp.get("/", defaults={"fmt": "html"})
@bp.get("/index.<any(json, csv):fmt>")
def index(fmt: str) -> Response:
    """The overview page, ``/``; its table is the region's districts."""
    lang = g.lang
    summary = dict(cached(f"overview-{lang}", lambda: overview(current_store(), lang=lang)))
    table = summary.pop("districts")
    extra = {"totals": summary["totals"], "dataset": summary["dataset"],
             "without_district": summary["without_district"],
             "by_kind": summary["by_kind"].rows, "by_state": summary["by_state"].rows}
    return represent.table(table, fmt, template="home/index.html", title=translate("home.title", g.lang),
                           description=translate("home.districts", g.lang), filename="districts",
                           links=represent.twin_links("home.index"), extra=extra)
