"""Blueprint: ``/changes`` — the releases (store versions) and the applied change sets with
their diffs; ``/changes/compare`` — the previous release against the current one."""

from __future__ import annotations

from flask import Blueprint, Response, g

from graph.diff import COLUMNS, summary
from graph.edit import log
from graph.errors import NotFound
from graph.tables import Table

from . import represent
from .i18n import translate
from .state import app_state, release_diff, releases

bp = Blueprint("changes", __name__)

LOG_COLUMNS = ["id", "applied", "release", "reason", "source", "author_role", "reviewer_role", "records"]


@bp.get("/changes", defaults={"fmt": "html"})
@bp.get("/changes.<any(json, csv):fmt>")
def index(fmt: str) -> Response:
    """The applied change sets, newest first, and the releases still kept."""
    entries = list(reversed(log.entries(app_state().settings)))
    rows = [{**{c: e.get(c) for c in LOG_COLUMNS if c != "records"},
             "records": "; ".join(f"{op['op']} {op['table']} {op['key']}" for op in e["ops"])} for e in entries]
    return represent.table(Table(list(LOG_COLUMNS), rows), fmt, template="changes/index.html",
                           title=translate("changes.title", g.lang),
                           description=translate("changes.description", g.lang),
                           filename="changes", links=represent.twin_links("changes.index"),
                           extra={"releases": releases()}, entries=entries)


@bp.get("/changes/compare", defaults={"fmt": "html"})
@bp.get("/changes/compare.<any(json, csv):fmt>")
def compare(fmt: str) -> Response:
    """What the current release changed against the previous one, field by field."""
    kept = releases()
    if len(kept) < 2:
        raise NotFound(translate("changes.no.previous", g.lang))
    table = release_diff()
    counts = summary(table)
    return represent.table(Table(list(COLUMNS), table.rows), fmt, template="changes/compare.html",
                           title=translate("changes.compare", g.lang),
                           description=translate("changes.counts", g.lang, **counts), filename="changes-compare",
                           links=represent.twin_links("changes.compare"),
                           extra={"previous": kept[1]["release"], "current": kept[0]["release"], "counts": counts})
