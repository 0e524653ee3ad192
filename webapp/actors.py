"""Blueprint: ``/actors`` (faceted list) and ``/actors/<id>`` (one actor's profile)."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, Response, g, request, url_for

from graph.namespaces import actor_iri
from graph.tables import Table
from graph.views import actors

from . import params, represent
from .i18n import translate
from .state import actor_list_index, actor_search, concept_labels, current_store, suggestions_of

bp = Blueprint("actors", __name__)

PAGE_SIZE = 100
#: Most rows the CSV download of a list holds.
CSV_MAX = 10_000


@bp.get("/actors", defaults={"fmt": "html"})
@bp.get("/actors.<any(json, csv):fmt>")
def index(fmt: str) -> Response:
    """The faceted actor list, ``/actors?kind=recycler&district=goslar&_sort=-relations``."""
    index = actor_list_index()
    criteria = params.actor_filter(request.args, index.choices)
    if criteria.q:
        index = replace(index, search=actor_search())
    # One cheap pass for the number of pages, then only the page's rows are built (at 100,000
    # actors every payload stays bounded: the page and the JSON twin hold PAGE_SIZE rows, the
    # CSV download at most CSV_MAX).
    matched = actors.list_actors(current_store(), criteria, lang=g.lang, index=index, limit=0).matched
    pages = max(1, -(-matched // PAGE_SIZE))
    page = params.integer(request.args, "_page", 1, 1, pages)
    offset, limit = (0, CSV_MAX) if fmt == "csv" else ((page - 1) * PAGE_SIZE, PAGE_SIZE)
    found = actors.list_actors(current_store(), criteria, lang=g.lang, index=index, offset=offset, limit=limit)
    return represent.table(found.table, fmt, template="actors/index.html", title=translate("actors.title", g.lang),
                           description=describe(criteria, found, index.choices), filename="actors",
                           links=represent.twin_links("actors.index"),
                           extra={"facets": found.facets, "total": found.total, "matched": found.matched,
                                  "page": page, "pages": pages, "page_size": PAGE_SIZE},
                           criteria=criteria)


@bp.get("/actors/<slug:actor>", defaults={"fmt": "html"})
@bp.get("/actors/<slug:actor>.<any(json, csv):fmt>")
def profile(actor: str, fmt: str) -> Response:
    """One actor's profile, ``/actors/<id>``; its table is the actor's facts with their sources."""

    found = actors.actor_profile(current_store(), actor, lang=g.lang, labels=concept_labels())
    facts = Table(list(actors.FACT_COLUMNS), found["facts"])
    iri = actor_iri(actor)
    mine = [_partner_of(row, iri) for row in suggestions_of(iri)]
    rdf = url_for("resources.resource", path=f"actor/{actor}", lang=None)
    response = represent.table(facts, fmt, template="actors/profile.html", title=str(found["name"]),
                               description=translate("profile.facts", g.lang), filename=f"actor-{actor}",
                               links=represent.twin_links("actors.profile", actor=actor),
                               extra={"actor": found, "suggestions": mine[:SUGGESTIONS_SHOWN]},
                               suggestions_total=len(mine), rdf_url=rdf)
    # The actor's RDF (its IRI, dereferenced with Accept: text/turtle) is another representation.
    response.headers["Link"] += f', <{rdf}>; rel="alternate"; type="text/turtle"'
    return response


#: How many partner suggestions a profile shows; /gaps?actor=<id> lists them all.
SUGGESTIONS_SHOWN = 5


def _partner_of(row: dict, iri: str) -> dict:
    """One suggestion seen from one actor: the other actor, the score and the reasons."""
    side = "b" if row["iri_a"] == iri else "a"
    return {"rank": row["rank"], "score": row["score"], "partner_id": row[f"id_{side}"],
            "partner": row[f"name_{side}"], "reasons": [part["text"] for part in row["parts"]]}


def describe(criteria: actors.ActorFilter, found: actors.ActorList, choices: dict[str, dict[str, str]]) -> str:
    """The list in words: "12 Akteure mit Art: Recyclingunternehmen; Landkreis: Goslar, sortiert nach Name"."""
    lang = g.lang
    n = found.matched
    if criteria.is_empty():
        head = translate("describe.all", lang, n=n)
    else:
        parts = [f"{translate('facet.' + facet, lang)}: "
                 + f" {translate('or', lang)} ".join(
                     translate("none", lang) if v == actors.NONE else choices[facet].get(v, v) for v in values)
                 for facet, values in criteria.selected.items()]
        if criteria.q:
            parts.append(translate("describe.q", lang, q=criteria.q))
        head = f"{translate('describe.some', lang, n=n)} {translate('describe.with', lang)} " + "; ".join(parts)
    key = f"sort.-{criteria.sort}" if criteria.descending else f"sort.{criteria.sort}"
    order = translate(key, lang)
    if order == key:  # no words of its own for this descending order
        order = translate(f"sort.{criteria.sort}", lang) + " " + translate("describe.sorted.desc", lang)
    return f"{head}, {translate('describe.sorted', lang, sort=order)}"
