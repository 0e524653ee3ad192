"""Blueprint: proposing changes (editors) and reviewing them (reviewers), under ``/edit``.

Only signed-in accounts reach these pages; every POST carries a CSRF token. The work is done
by ``graph.edit.changesets``: this module only turns forms into its calls and its results
into pages.
"""

from __future__ import annotations

from flask import Blueprint, Response, g, redirect, render_template, request, url_for

from graph.build.tablespec import TABLE_BY_NAME
from graph.edit import changesets
from graph.errors import ImportFailed, NotFound

from .accounts import current_account, protect, require
from .i18n import translate
from .state import app_state

bp = Blueprint("edit", __name__, url_prefix="/edit")
bp.before_request(protect)

LONG_TEXT = ("description_de", "description_en", "summary_de", "summary_en", "note")


@bp.get("")
@require("editor")
def index() -> Response:
    """Pending change sets (to review), conflicts, and the latest of every status."""
    settings = app_state().settings
    return render_template("edit/index.html", title=translate("edit.title", g.lang),
                           pending=changesets.all_changesets(settings, "pending"),
                           conflict=changesets.all_changesets(settings, "conflict"),
                           done=[c for c in changesets.all_changesets(settings)
                                 if c["status"] in ("applied", "rejected")][:20],
                           tables=changesets.EDITABLE)


@bp.route("/<table>/new", methods=["GET", "POST"], defaults={"op": "add"})
@bp.route("/<table>/record", methods=["GET", "POST"], defaults={"op": "edit"})
@require("editor")
def form(table: str, op: str) -> Response:
    """The form to edit, add or retire one record; on POST, the proposal and its problems."""
    if table not in changesets.EDITABLE:
        raise NotFound(f"no editable table {table!r}")
    settings = app_state().settings
    key = request.args.get("key", "")
    if request.method == "POST":
        op = request.form.get("op", op) if op == "edit" else "add"
        if op not in ("edit", "retire", "add"):
            op = "edit"
    current = None if op == "add" else changesets.find(settings, table, key)
    if op != "add" and current is None:
        raise NotFound(f"no record {key!r} in {table}")
    values = dict(current or {})
    problems: list[dict] = []
    if request.method == "POST":
        fields = {c: request.form.get(f"f.{c}", "") for c in TABLE_BY_NAME[table].column_names
                  if f"f.{c}" in request.form}
        values.update(fields)
        proposal = changesets.new_op(settings, op, table, key or None, fields)
        account = current_account()
        cs, problems = changesets.propose(settings, proposal, author=account["name"], role=account["role"],
                                          reason=request.form.get("reason", "").strip()[:2000],
                                          source=request.form.get("source", "").strip()[:2000])
        if cs is not None:
            return redirect(url_for("edit.changeset", change_id=cs["id"]), code=303)
    page = render_template("edit/form.html", title=translate(f"edit.op.{op}", g.lang), table=table, key=key,
                           op=op, columns=TABLE_BY_NAME[table].columns, values=values, long_text=LONG_TEXT,
                           problems=problems, by_field=_by_field(problems),
                           source=request.form.get("source", ""), reason=request.form.get("reason", ""))
    return Response(page, status=422 if problems else 200, mimetype="text/html")


def _by_field(problems: list[dict]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for p in problems:
        found.setdefault(p["field"] or "", []).append(p["message"])
    return found


@bp.get("/changesets/<change_id>")
@require("editor")
def changeset(change_id: str) -> Response:
    """One change set: field by field, with its sources, its status, and (for reviewers) the decision."""
    cs = changesets.load(app_state().settings, change_id)
    return render_template("edit/changeset.html", title=translate("edit.changeset", g.lang, id=cs["id"]), cs=cs,
                           rows=changesets.review_rows(cs), error=None)


@bp.post("/changesets/<change_id>/apply")
@require("reviewer")
def apply(change_id: str) -> Response:
    """Apply: data/ rewritten, a build, the new version published — or nothing changed."""
    settings = app_state().settings
    comment = request.form.get("comment", "").strip()[:2000]
    try:
        changesets.apply(settings, change_id, role=current_account()["role"], comment=comment)
    except ImportFailed as exc:
        cs = changesets.load(settings, change_id)
        problems = [str(p).split("/data/")[-1] for p in exc.problems if p.severity == "error"]
        page = render_template("edit/changeset.html", title=translate("edit.changeset", g.lang, id=cs["id"]),
                               cs=cs, rows=changesets.review_rows(cs), error=problems)
        return Response(page, status=409, mimetype="text/html")
    return redirect(url_for("edit.changeset", change_id=change_id), code=303)


@bp.post("/changesets/<change_id>/reject")
@require("reviewer")
def reject(change_id: str) -> Response:
    changesets.reject(app_state().settings, change_id, role=current_account()["role"],
                      comment=request.form.get("comment", "").strip()[:2000])
    return redirect(url_for("edit.changeset", change_id=change_id), code=303)
