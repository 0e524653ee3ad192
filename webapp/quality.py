"""Blueprint: ``/quality`` (where the data is thin, per table and district) and
``/quality/rows`` (the records behind one count). Both with JSON and CSV twins."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, g, request

from graph.views import quality

from . import params, represent
from .i18n import translate
from .state import cached, prepare_wait_s, prepared, quality_facts

bp = Blueprint("quality", __name__)

#: Records on one page of /quality/rows (its JSON twin pages with _offset/_limit, its CSV has all).
PAGE_SIZE = 500


@bp.get("/quality", defaults={"fmt": "html"})
@bp.get("/quality.<any(json, csv):fmt>")
def index(fmt: str) -> Response:
    """The counts per table and district; every count links to its records."""
    today = _today()
    if not _facts_ready():
        return represent.preparing(fmt, translate("view.preparing", g.lang), translate("quality.title", g.lang))
    # A pass over the build's arrays (graph.views.quality.QualityFacts), once per version and day.
    table = cached(f"quality-summary-{today.isoformat()}", lambda: quality_facts().summary(today=today))
    return represent.table(table, fmt, template="quality/index.html", title=translate("quality.title", g.lang),
                           description=translate("quality.description", g.lang), filename="quality",
                           links=represent.twin_links("quality.index"),
                           extra={"measures": list(quality.MEASURES), "applies": quality.APPLIES})


@bp.get("/quality/rows", defaults={"fmt": "html"})
@bp.get("/quality/rows.<any(json, csv):fmt>")
def rows(fmt: str) -> Response:
    """``/quality/rows?table=actors&district=03153&measure=single_source``: the flagged records."""
    table = params.one_of(request.args, "table", list(quality.APPLIES), "") or None
    measure = params.one_of(request.args, "measure", list(quality.MEASURES), "") or None
    district = request.args.get("district")
    district = None if district in (None, "*") else district
    if table and measure and measure not in quality.APPLIES[table]:
        raise params.BadParameter("measure", measure, [m for m in quality.APPLIES[table]],
                                  reason=f"does not apply to {table}")
    if not _facts_ready():
        return represent.preparing(fmt, translate("view.preparing", g.lang),
                                   translate("quality.rows.title", g.lang))
    facts = quality_facts()
    found = facts.rows(today=_today(), table=table, district=district, measure=measure)
    words = [translate(f"quality.table.{table}", g.lang) if table else translate("all", g.lang),
             translate(f"quality.m.{measure}", g.lang) if measure else "",
             translate("quality.district", g.lang, name=_district_name(facts, district))
             if district is not None else ""]
    # The page shows PAGE_SIZE records at a time (at 100,000 actors a check can flag as many).
    pages = max(1, -(-len(found.rows) // PAGE_SIZE))
    page = params.integer(request.args, "_page", 1, 1, pages)
    return represent.table(found, fmt, template="quality/rows.html", title=translate("quality.rows.title", g.lang),
                           description=" · ".join(w for w in words if w), filename="quality-rows",
                           links=represent.twin_links("quality.rows"), page=page, pages=pages,
                           page_size=PAGE_SIZE)


def _facts_ready() -> bool:
    """Whether the checks of every record are at hand: written by the build, or computed from
    the tables read back from the store (more than a minute at 100,000 actors: in the
    background, webapp.state.prepared)."""
    ready, _ = prepared("quality-facts", quality_facts, prepare_wait_s())
    return ready


def _district_name(facts, key: str) -> str:
    if key == "":
        return translate("none", g.lang)
    return facts.names.get(key, key)


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()
