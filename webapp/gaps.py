"""Blueprint: the gap pages — ``/gaps`` (partner suggestions), ``/chains`` (value-chain
matrix), ``/borders`` (state and district matrices), ``/brokers`` and ``/report`` (the briefing)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from flask import Blueprint, Response, abort, g, render_template, request, url_for

from graph import analyse, derived
from graph.analyse.communities import community_findings
from graph.analyse.partners import rank_partnerships
from graph.namespaces import actor_iri
from graph.tables import Table
from graph.views import figures as figviews
from graph.views import gaps as gapviews
from graph.views.actors import actor_id

from . import params, represent
from .i18n import number, translate
from .security import CSP
from .state import (
    actor_name,
    cached,
    collaboration,
    collaboration_meta,
    current_store,
    facet_choices,
    partner_index,
    prepare_wait_s,
    prepared,
    suggestions,
    suggestions_ready,
)

bp = Blueprint("gaps", __name__)

PAGE_SIZE = 50
SCORE = re.compile(r"(0|1)?([.,]\d{1,4})?")
SCORE_STEPS = ("0.3", "0.4", "0.5", "0.6")
CHAIN_GROUPS = ("category", "crm", "material")
#: The weak points /brokers lists (the most dependants first; a filter shows others).
CUTS_SHOWN = 200
#: The briefing is one self-contained document: its CSS sits in <style> and it has no script.
#: It may be framed by our own page and nothing else; the sandbox keeps it from running anything.
PREPARING_CSP = ("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
                 "frame-ancestors 'self'")
REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; "
              "form-action 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox")


@bp.get("/gaps", defaults={"fmt": "html"})
@bp.get("/gaps.<any(json, csv):fmt>")
def partners(fmt: str) -> Response:
    """Partner suggestions, ``/gaps?state=16&material=copper&min_score=0.4&actor=<id>``."""
    choices = facet_choices()
    criteria = _pair_filter(choices)
    if not suggestions_ready(criteria, prepare_wait_s()):
        return represent.preparing(fmt, translate("gaps.preparing", g.lang), translate("gaps.title", g.lang))
    # A place or kind is checked in the partner index (arrays), not in the collaboration graph.
    ranked = suggestions(criteria)
    rows = gapviews.filter_suggestions(partner_index() if criteria.places() else None, ranked, criteria)
    sampled = bool(getattr(ranked, "sampled", False))
    page, pages = _page_of(rows)
    # The page and its JSON twin hold one page of rows (bounded at any size); the CSV all kept rows.
    shown = rows if fmt == "csv" else rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    return represent.table(Table(list(gapviews.SUGGESTION_COLUMNS), shown), fmt, template="gaps/partners.html",
                           title=translate("gaps.title", g.lang),
                           description=_describe_pairs(criteria, rows, choices, sampled),
                           filename="partner-suggestions", links=represent.twin_links("gaps.partners"),
                           extra={"weights": gapviews.score_weights(), "total": len(suggestions()),
                                  "matched": len(rows), "page": page, "pages": pages, "page_size": PAGE_SIZE,
                                  "sampled": sampled},
                           criteria=criteria, options=_pair_options(choices), score_steps=SCORE_STEPS,
                           actor_name=actor_name(actor_id(criteria.actor)) if criteria.actor else None)


@bp.get("/chains", defaults={"fmt": "html"})
@bp.get("/chains.<any(json, csv):fmt>")
def chains(fmt: str) -> Response:
    """The material/category × stage matrix, ``/chains?state=16`` or ``?district=03153``, ``?group=crm``."""
    level, area = _area(facet_choices())
    lang = g.lang
    if area is not None:  # the region's matrix is precomputed by the build; an area's is not
        waiting = _not_ready(f"chain-parts-{lang}-{level}-{area}", lambda: _chain_parts(level, area, lang), fmt,
                             "chains.title")
        if waiting is not None:
            return waiting
    view = _chain_view()
    return represent.table(Table(list(gapviews.CHAIN_COLUMNS), view["rows"]), fmt, template="gaps/chains.html",
                           title=translate("chains.title", g.lang), description=view["description"],
                           filename="value-chain", links=represent.twin_links("gaps.chains"),
                           extra={"level": view["level"], "area": view["area"]}, grid=view["grid"],
                           choices=view["choices"], groups=view["groups"], area_label=view["area_label"],
                           gap_kinds=view["gap_kinds"], cell_url=_cell_url(view["level"], view["area"]),
                           figure_urls=represent.figure_links("gaps.chains_figure"))


@bp.get("/chains.<any(png, svg):fmt>")
def chains_figure(fmt: str) -> Response:
    """The heatmap of ``/chains`` (the same query string) as a PNG or SVG file."""
    view, lang = _chain_view(), g.lang
    key = f"chains-figure-{fmt}-{lang}-{view['level']}-{view['area']}-{','.join(view['groups'])}"
    data = cached(key, lambda: figviews.file_of(figviews.chain_figure(view["rows"], view["grid"], lang=lang), fmt,
                                                title=view["description"]))
    return represent.figure(data, fmt, "value-chain")


def _chain_parts(level: str, area: str | None, lang: str) -> tuple[list[dict], dict, Any]:
    """The cells, grid and gap kinds of one area's matrix, once per version (no request needed)."""
    rows = cached(f"chains-{lang}-{level}-{area}",
                  lambda: gapviews.chain_rows(collaboration(), level=level, area=area, lang=lang))
    grid = cached(f"chain-grid-{lang}-{level}-{area}",  # its sets of actors grow with the graph: once
                  lambda: gapviews.chain_grid(collaboration_meta(), rows, lang=lang))
    gap_kinds = cached(f"chain-gaps-{lang}-{level}-{area}",
                       lambda: gapviews.chain_gaps(collaboration(), level=level, area=area, lang=lang))
    return rows, grid, gap_kinds


def _not_ready(key: str, compute, fmt: str, title_key: str) -> Response | None:
    """None when ``compute`` (a view's rows, once per version) is ready within the wait;
    else the "being prepared" answer while it goes on in the background."""
    ready, _ = prepared(key, compute, prepare_wait_s())
    if ready:
        return None
    return represent.preparing(fmt, translate("view.preparing", g.lang), translate(title_key, g.lang))


def _chain_view() -> dict[str, Any]:
    """What ``/chains`` and its figure show: the cells (``rows``), the ``grid``, the area and groups."""
    choices = facet_choices()
    level, area = _area(choices)
    groups = params.facet_values(request.args, "group", {k: translate(f"chains.group.{k}", g.lang)
                                                         for k in CHAIN_GROUPS})
    # The region's matrix is precomputed by the build (graph/derived.py); an area's is computed
    # once per version. Labels come from the graph's attributes alone (collaboration_meta).
    lang = g.lang
    rows, grid, gap_kinds = _chain_parts(level, area, lang)
    if groups:
        grid = {**grid, "groups": [group for group in grid["groups"] if group["group"] in groups]}
        kept = {entry["item"] for group in grid["groups"] for entry in group["entries"]}
        rows = [row for row in rows if row["item"] in kept]
    area_label = choices[level][area] if area else translate("chains.region", lang)
    return {"rows": rows, "grid": grid, "gap_kinds": gap_kinds, "level": level, "area": area, "groups": groups,
            "choices": choices, "area_label": area_label,
            "description": translate("chains.describe", lang, area=area_label)}


@bp.get("/borders", defaults={"fmt": "html"})
@bp.get("/borders.<any(json, csv):fmt>")
def borders(fmt: str) -> Response:
    """Ties between and within states and districts, observed against expected, ``/borders?level=state``."""
    levels = _levels()
    rows = [row for row in _border_rows() if row["level"] in levels]
    matrices = {level: gapviews.border_matrix(rows, level) for level in gapviews.LEVELS if level in levels}
    figure_urls = {level: represent.figure_links("gaps.borders_figure", level=level) for level in matrices}
    return represent.table(Table(list(gapviews.BORDER_COLUMNS), rows), fmt, template="gaps/borders.html",
                           title=translate("borders.title", g.lang), description=translate("borders.describe", g.lang),
                           filename="borders", links=represent.twin_links("gaps.borders"), matrices=matrices,
                           figure_urls=figure_urls)


@bp.get("/borders.<any(png, svg):fmt>")
def borders_figure(fmt: str) -> Response:
    """One matrix of ``/borders`` as a PNG or SVG file: ``level=state`` (the default) or ``district``."""
    level, lang = _levels()[0], g.lang
    title = f"{translate('borders.title', lang)}: {translate('borders.' + level, lang)}"
    data = cached(f"borders-figure-{fmt}-{lang}-{level}",
                  lambda: figviews.file_of(figviews.border_figure(_border_rows(), level, lang=lang), fmt, title=title))
    return represent.figure(data, fmt, f"borders-{level}")


def _levels() -> tuple[str, ...]:
    """``level``: the levels asked for, in their order (both when none is)."""
    return params.facet_values(request.args, "level", {k: k for k in gapviews.LEVELS}) or gapviews.LEVELS


def _border_rows() -> list[dict]:
    """The rows of /borders, precomputed by the build (graph/derived.py)."""
    lang = g.lang
    return cached(f"borders-{lang}", lambda: gapviews.border_rows(collaboration(), lang=lang))


@bp.get("/brokers", defaults={"fmt": "html"})
@bp.get("/brokers.<any(json, csv):fmt>")
def brokers(fmt: str) -> Response:
    """Brokers and fragility, ``/brokers?state=16&kind=recycler``."""
    choices, selected = _area_and_kind()
    lang = g.lang
    # Every actor's row is precomputed by the build (graph/derived.py, packed: a page decodes
    # the rows it shows); a filter selects rows by the notations kept beside them.
    rows = cached(f"broker-rows-{lang}", lambda: gapviews.broker_rows(collaboration(), _found_brokers(), lang=lang))
    if any(selected.values()):
        columns = cached("broker-columns", lambda: gapviews.broker_columns(_found_brokers()))
        rows = gapviews.select_brokers(rows, columns, selected)
        cuts = gapviews.selected_cuts(rows, columns)
    else:
        cuts = cached(f"broker-cuts-{lang}", lambda: gapviews.broker_cuts(rows))
    page, pages = _page_of(rows)
    description = translate("brokers.describe", g.lang, n=len(rows)) + _facet_words(selected, choices)
    return represent.table(Table(list(gapviews.BROKER_COLUMNS), rows), fmt, template="gaps/brokers.html",
                           title=translate("brokers.title", g.lang), description=description, filename="brokers",
                           links=represent.twin_links("gaps.brokers"), selected=selected, choices=choices,
                           page=page, pages=pages, page_size=PAGE_SIZE, cuts=cuts, cuts_shown=CUTS_SHOWN)


def _found_brokers() -> list[dict]:
    """:func:`graph.analyse.brokers` of the whole graph, for a store whose build did not write
    the brokers' rows (graph/derived.py writes them)."""
    return cached("brokers", lambda: analyse.brokers(collaboration()))


@bp.get("/communities", defaults={"fmt": "html"})
@bp.get("/communities.<any(json, csv):fmt>")
def communities(fmt: str) -> Response:
    """Groups of actors that do not talk to each other, ``/communities?district=03153``."""
    lang = g.lang

    def compute() -> gapviews.PlacedRows:  # what the build writes (graph/derived.py)
        G = collaboration()
        groups, found = community_findings(G)
        return gapviews.community_table(G, found, groups, lang=lang)

    return _prepared_findings(fmt, "communities", gapviews.COMMUNITY_COLUMNS, f"community-table-{lang}", compute)


@bp.get("/periphery", defaults={"fmt": "html"})
@bp.get("/periphery.<any(json, csv):fmt>")
def periphery(fmt: str) -> Response:
    """Actors at the edge of the network, ``/periphery?state=15``."""
    lang = g.lang

    def compute() -> gapviews.PlacedRows:  # what the build writes (graph/derived.py)
        G = collaboration()
        return gapviews.periphery_table(G, analyse.periphery(G), lang=lang)

    return _prepared_findings(fmt, "periphery", gapviews.PERIPHERY_COLUMNS, f"periphery-table-{lang}", compute)


def _prepared_findings(fmt: str, name: str, columns, key: str, compute) -> Response:
    """A findings page (``communities``, ``periphery``): the rows of every actor, ``compute``
    (precomputed by the build; else once per version and language, "being prepared" while
    computed in the background), of which the state, district and kind filters select some."""
    choices, selected = _area_and_kind()
    waiting = _not_ready(key, compute, fmt, f"{name}.title")
    if waiting is not None:
        return waiting
    rows = cached(key, compute).select(selected)  # ready: this version's cache holds it
    description = translate(f"{name}.describe", g.lang, n=len(rows)) + _facet_words(selected, choices)
    return _findings_page(fmt, rows, columns, name, description, selected, choices)


def _area_and_kind() -> tuple[dict, dict[str, tuple[str, ...]]]:
    """The facet choices, and the ``state``, ``district`` and ``kind`` the query string selects."""
    choices = facet_choices()
    return choices, {f: params.facet_values(request.args, f, choices[f]) for f in ("state", "district", "kind")}


def _page_of(rows: list) -> tuple[int, int]:
    """The ``_page`` asked for (a 400 beyond the last) and the number of pages of ``rows``."""
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    return params.integer(request.args, "_page", 1, 1, pages), pages


def _findings_page(fmt: str, rows: Sequence[dict], columns: list[str], name: str, description: str,
                   selected: dict, choices: dict) -> Response:
    page, pages = _page_of(rows)
    return represent.table(Table(list(columns), rows), fmt, template="gaps/findings.html",
                           title=translate(f"{name}.title", g.lang), description=description, filename=name,
                           links=represent.twin_links(f"gaps.{name}"), selected=selected, choices=choices,
                           page=page, pages=pages, page_size=PAGE_SIZE, name=name)


@bp.get("/report")
def report() -> Response:
    """The briefing for decision makers, ``/report``: the document framed, with a download link.

    The page itself answers at once; the framed document is prepared in the background
    (started here, so that it is ready sooner) and says so while it is."""
    _briefing(g.lang, wait_s=0)
    args = {k: v for k, v in request.args.items() if k in ("district", "state", "material", "competency", "lang")}
    figure_urls = {name: {fmt: url_for("gaps.report_figure", name=name, fmt=fmt, **args) for fmt in ("png", "svg")}
                   for name in ("borders", "chain", "collection")}
    response = Response(render_template("gaps/report.html", title=translate("report.title", g.lang),
                                        links=_report_links(), args=args, choices=facet_choices(),
                                        figure_urls=figure_urls))
    response.headers["Link"] = represent.link_header(_report_links(), "html")
    # Our usual policy, plus our own frame for the document.
    response.headers["Content-Security-Policy"] = CSP + "; frame-src 'self'"
    return response


@bp.get("/report/briefing.html")
def report_document() -> Response:
    """The briefing itself, as built by ``graph.report``; ``?download=1`` saves it as a file.
    While it is being prepared: 202 with a short note that reloads itself."""
    ready, html = _briefing(g.lang)
    if not ready:
        return _preparing("html")
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = REPORT_CSP
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    if request.args.get("download"):
        name = f"harzgraph-{translate('report.file', g.lang)}.html"
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/report/figures/<any(borders, chain, collection):name>.<any(png, svg):fmt>")
def report_figure(name: str, fmt: str) -> Response:
    """One figure of the briefing (the same ``district``, ``state``, ``material``,
    ``competency`` as ``/report``) as a PNG or SVG file."""
    from graph.report.briefing import figures_of

    ready, context = _briefing_context(g.lang)
    if not ready:
        return _preparing("text")
    data = cached(f"report-figure-{name}-{fmt}-{_briefing_key(g.lang)}", lambda: figures_of(context)[name](fmt))
    return represent.figure(data, fmt, f"briefing-{name}")


@bp.get("/report.<any(json, csv):fmt>")
def report_findings(fmt: str) -> Response:
    """The briefing's findings with their sources, as JSON or CSV (the twins of ``/report``)."""
    from graph.report.briefing import findings_of

    ready, context = _briefing_context(g.lang)
    if not ready:
        return _preparing("json" if fmt == "json" else "text")
    table = Table(["number", "finding", "text", "section", "sources", "more_sources", "thin"], findings_of(context))
    return represent.table(table, fmt, template="gaps/report.html", title=translate("report.title", g.lang),
                           description=translate("report.title", g.lang), links=_report_links(),
                           filename="harzgraph-briefing")


def _report_links() -> dict[str, str]:
    return {"html": url_for("gaps.report"), "json": url_for("gaps.report_findings", fmt="json"),
            "csv": url_for("gaps.report_findings", fmt="csv")}


def _briefing(lang: str, wait_s: float | None = None) -> tuple[bool, str | None]:
    """The report's HTML in ``lang``: ``(True, html)``, or ``(False, None)`` while its
    context is being prepared (:func:`_briefing_context`)."""
    from graph.report.briefing import render_report

    ready, context = _briefing_context(lang, wait_s)
    if not ready:
        return False, None
    return True, cached(f"report-document-{_briefing_key(lang)}", lambda: render_report(context))


def _briefing_key(lang: str) -> str:
    """The key of the briefing in ``lang`` about the request's selection; without one, the key
    the build writes the region's briefing under (graph/derived.py)."""
    selection = _selection()
    return f"{lang}" if selection.is_empty() else f"{lang}-{_selection_key(selection)}"


def _briefing_context(lang: str, wait_s: float | None = None) -> tuple[bool, dict | None]:
    """What the briefing in ``lang`` about the request's selection shows (its document, findings
    and figures are all read from it): the build's for the whole region, else computed once
    per version and selection in the background (:func:`webapp.state.prepared`) from the
    build's analyses of the whole graph. 404 where graph.report is not installed."""
    try:
        from graph.report.briefing import briefing_context  # written beside this module; imported when asked for
    except ImportError:
        abort(404)
    store, selection = current_store(), _selection()

    def compute() -> dict:
        G = collaboration()
        groups, gaps = cached("community-findings", lambda: community_findings(G))
        found = {"brokers": cached("brokers", lambda: analyse.brokers(G)), "communities": groups,
                 "community_gaps": gaps,
                 # what the build has read or ranked already (at 100,000 actors: a minute and more)
                 "partners": rank_partnerships(partner_index(), lambda _actors: G, top=50,
                                               topic=selection.topic() or None, area=selection.area() or None).rows,
                 "actor_sources": cached("actor-sources", lambda: derived.actor_sources(store)),
                 "points": cached("collection-points", lambda: derived.placed_points(store))}
        return briefing_context(store, lang=lang, selection=selection, G=G, found=found)

    return prepared(f"report-context-{_briefing_key(lang)}", compute, prepare_wait_s() if wait_s is None else wait_s)


def _preparing(kind: str) -> Response:
    """202 "being prepared" for the briefing (:func:`webapp.represent.preparing`); its framed
    document (``html``) is a bare note that reloads itself, under the document's own policy."""
    note = translate("report.preparing", g.lang)
    if kind != "html":
        return represent.preparing("json" if kind == "json" else "text", note, translate("report.title", g.lang))
    body = render_template("gaps/report_preparing.html", note=note, seconds=represent.RETRY_AFTER_S)
    response = Response(body, status=202, mimetype="text/html")
    # Not sandboxed (a sandboxed document ignores its refresh when opened on its own).
    response.headers["Content-Security-Policy"] = PREPARING_CSP
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Retry-After"] = str(represent.RETRY_AFTER_S)
    response.headers["Cache-Control"] = "no-store"
    return response


def _selection():
    """What the briefing is about, from ``district``, ``state``, ``material``, ``competency``
    (one value each; a 400 naming a bad one)."""
    from graph.report.briefing import Selection

    choices = facet_choices()
    chosen = {f: params.facet_values(request.args, f, {k: v for k, v in choices[f].items() if k != "none"})
              for f in ("district", "state", "material", "competency")}
    for name, values in chosen.items():
        if len(values) > 1:
            raise params.BadParameter(name, ",".join(values), reason=f"one {name} at a time")
    return Selection(**{f: (v[0] if v else None) for f, v in chosen.items()})


def _selection_key(selection) -> str:
    return f"{selection.district}-{selection.state}-{selection.material}-{selection.competency}"


def _cell_url(level: str, area: str | None):
    """A function giving the actor list behind one cell: the item, every stage notation at the
    cell's position, and the area (for the region: its districts, as the matrix counts only
    actors seated in one)."""
    districts = sorted(collaboration_meta().graph.get("districts") or ())
    where = {level: area} if area else {"district": districts}

    def cell_url(item: dict[str, Any], stage: dict[str, Any]) -> str:
        key = "category" if item["item_type"] == "category" else "material"
        return url_for("actors.index", **{key: item["item"], "stage": stage["notations"], **where})

    return cell_url


def _pair_filter(choices: dict[str, dict[str, str]]) -> gapviews.PairFilter:
    """The suggestions' filter from the query string (a 400 naming a bad parameter)."""
    selected = {f: params.facet_values(request.args, f, choices[f]) for f in gapviews.PAIR_FACETS}
    actor = params.slug(request.args, "actor")
    if actor and actor_name(actor) is None:
        raise params.BadParameter("actor", actor, reason="no actor has this id")
    leave_out = params.facet_values(request.args, "leave_out", {"public": "public"})
    include = params.facet_values(request.args, "include", {"funders": "funders"})
    return gapviews.PairFilter({f: v for f, v in selected.items() if v}, min_score=_min_score(),
                               actor=actor_iri(actor) if actor else None, without_public=bool(leave_out),
                               funders=bool(include))


def _min_score() -> float:
    """``min_score``: a number from 0 to 1 (``0.4`` or ``0,4``)."""
    value = (request.args.get("min_score") or "").strip()
    if not value:
        return 0.0
    if not SCORE.fullmatch(value) or float(value.replace(",", ".")) > 1:
        raise params.BadParameter("min_score", value[:40], reason="a number from 0 to 1, such as 0.4")
    return float(value.replace(",", "."))


def _pair_options(choices: dict[str, dict[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """``(notation, label)`` each filter offers: the values of actors in some suggestion."""
    lang = g.lang
    return cached(f"pair-options-{lang}", lambda: derived.pair_options(collaboration(), suggestions(), choices))


def _describe_pairs(criteria: gapviews.PairFilter, rows: list[dict], choices: dict[str, dict[str, str]],
                    sampled: bool = False) -> str:
    """The list in words: "12 Vorschläge für Akteure mit Bundesland: Thüringen, Stärke ab 0,4"
    (and, on a very large graph, that they are the best of a sample)."""
    lang = g.lang
    text = translate("gaps.describe", lang, n=len(rows))
    if criteria.actor:
        text += ", " + translate("gaps.describe.actor", lang, name=actor_name(actor_id(criteria.actor)))
    text += _facet_words(criteria.selected, choices)
    if criteria.without_public:
        text += ", " + translate("gaps.describe.without_public", lang)
    if criteria.funders:
        text += ", " + translate("gaps.describe.funders", lang)
    if criteria.min_score:
        text += ", " + translate("gaps.describe.score", lang, score=_decimal(criteria.min_score))
    text += ", " + translate("gaps.describe.order", lang)
    return text + (", " + translate("gaps.describe.sampled", lang) if sampled else "")


def _facet_words(selected: dict[str, tuple[str, ...]], choices: dict[str, dict[str, str]]) -> str:
    lang = g.lang
    parts = [f"{translate('facet.' + f, lang)}: "
             + f" {translate('or', lang)} ".join(translate("none", lang) if v == "none" else choices[f].get(v, v)
                                                  for v in values)
             for f, values in selected.items() if values]
    return f" {translate('gaps.describe.with', lang)} " + "; ".join(parts) if parts else ""


def _decimal(value: float) -> str:
    return number(value, g.lang)


def _area(choices: dict[str, dict[str, str]]) -> tuple[str, str | None]:
    """``state=`` or ``district=`` (one value, not both), or the whole region."""
    state = params.facet_values(request.args, "state", {k: v for k, v in choices["state"].items() if k != "none"})
    district = params.facet_values(request.args, "district",
                                   {k: v for k, v in choices["district"].items() if k != "none"})
    if state and district:
        raise params.BadParameter("district", district[0], reason="choose a state or a district, not both")
    for name, chosen in (("state", state), ("district", district)):
        if len(chosen) > 1:
            raise params.BadParameter(name, ",".join(chosen), reason=f"one {name} at a time")
        if chosen:
            return name, chosen[0]
    return "region", None
