"""The web viewer: ``create_app(settings=None)`` opens the store once and registers the
blueprints, the error handlers and the security headers."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, abort, current_app, g, request, url_for

from graph.settings import Settings

from . import assets, errors, i18n, limits, params, state
from .security import SECURITY_HEADERS, embed_headers

#: Pages that ``?embed=1`` shows without the site's header and footer, for framing elsewhere.
EMBEDDABLE = {"network.index", "geo.index"}


def create_app(settings: Settings | None = None) -> Flask:
    """The Flask application for ``settings`` (default: ``Settings.from_env()``).

    Raises ``graph.errors.StoreError`` when no graph has been built at ``settings.store_dir``.
    """
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config.update(JSON_SORT_KEYS=False, MAX_CONTENT_LENGTH=1_000_000, HARZGRAPH_BASE_URL=settings.base_url)
    state.install(app, settings)  # the store, the query runner and the caches (webapp/state.py)
    app.before_request(_language)  # first: every later refusal (rate limit, 414) renders in a language
    limits.install(app, settings, state.app_state(app).runner_workers)  # SPARQL capacity, rate limit
    app.url_map.converters["slug"] = params.SlugConverter
    from . import (
        accounts,
        actors,
        auth,
        changes,
        collection,
        edit,
        gaps,
        geo,
        home,
        network,
        quality,
        resources,
        sparql,
    )

    for blueprint in (home.bp, actors.bp, network.bp, geo.bp, sparql.bp, resources.bp, gaps.bp,
                      quality.bp, auth.bp, edit.bp, changes.bp, collection.bp):
        app.register_blueprint(blueprint)
    errors.register(app)
    assets.install(app)  # compression, content-hashed static URLs and their caching
    app.before_request(_bounded_query)
    accounts.install(app, settings)  # sessions, CSRF, roles; finishes an apply cut short (webapp/accounts.py)
    app.after_request(_security_headers)
    app.after_request(_location_from_base_url)
    app.url_defaults(_keep_language)
    app.jinja_env.globals.update(t=_t, url_here=_url_here, url_toggle=_url_toggle, switch_lang=_switch_lang,
                                 known_args=_known_args)
    app.jinja_env.filters.update(num=_num, pct=_pct, isodate=_date, host=_host, runs=_runs)
    return app


def _bounded_query() -> None:
    """A page's query string is bounded (414); ``/sparql`` bounds its query itself."""
    if len(request.query_string) > params.MAX_QUERY_STRING and request.endpoint != "sparql.endpoint":
        abort(414, f"the query string is longer than {params.MAX_QUERY_STRING} bytes")


def _location_from_base_url(response):
    """Redirects point into this site as configured (``HARZGRAPH_BASE_URL``, else a path
    relative to the host the client used), never at a host taken from the request's ``Host``
    header (issue 10, defect 9)."""
    location = response.headers.get("Location")
    if location:
        parts = urlsplit(location)
        path = parts.path if parts.path.startswith("/") and not parts.path.startswith("//") else "/"
        relative = path + (f"?{parts.query}" if parts.query else "")
        base = current_app.config.get("HARZGRAPH_BASE_URL") or ""
        response.headers["Location"] = base.rstrip("/") + relative
    return response


def _language() -> None:
    g.lang = "de"
    g.lang = params.lang(request.args)
    # ?embed=1 on an embeddable page: no site header and footer, framable by the configured origins.
    g.embed = request.endpoint in EMBEDDABLE and request.args.get("embed") == "1"


def _keep_language(endpoint: str, values: dict) -> None:
    """Links keep ``?lang=en`` (German, the default, needs no parameter)."""
    if endpoint != "static" and getattr(g, "lang", "de") != "de":
        values.setdefault("lang", g.lang)


def _security_headers(response):
    headers = SECURITY_HEADERS
    if getattr(g, "embed", False):
        headers = embed_headers(state.current_settings().frame_ancestors)
    for name, value in headers.items():
        if value is None:
            response.headers.pop(name, None)
        else:
            response.headers.setdefault(name, value)
    return response


def _known_args():
    """This request's query parameters that some page reads (for hidden form fields)."""
    return params.known_args(request.args)


def _t(key: str, **values: object) -> str:
    return i18n.translate(key, g.lang, **values)


def _num(value: object, digits: int | None = None) -> str:
    return i18n.number(value, g.lang, digits)


def _pct(share: object, digits: int = 0) -> str:
    return i18n.percent(share, g.lang, digits)


def _date(value: object) -> str:
    return i18n.date(value, g.lang)


def _runs(rows: list[dict], key: str) -> list[dict]:
    """Consecutive rows with the same ``key`` as ``{key: value, "rows": [...]}``, order kept."""
    groups: list[dict] = []
    for row in rows:
        if not groups or groups[-1][key] != row[key]:
            groups.append({key: row[key], "rows": []})
        groups[-1]["rows"].append(row)
    return groups


def _host(url: object) -> str:
    """The host of a URL without ``www.``, as short link text for a source."""
    host = urlsplit(str(url)).hostname or str(url)
    return host.removeprefix("www.")


def _url_here(**changes: object) -> str:
    """This page's URL with some query parameters changed (None removes one)."""
    return _link(params.with_args(request.args, **changes))


def _url_toggle(name: str, value: str) -> str:
    """This page's URL with ``value`` added to or removed from the repeated parameter ``name``."""
    return _link(params.toggled(request.args, name, value))


def _link(query: dict[str, list[str]]) -> str:
    """This page's URL with ``query``; a query parameter named like a part of the path
    (``/actors/<actor>?actor=…``) is dropped, the path wins."""
    view_args = request.view_args or {}
    return url_for(request.endpoint, **view_args, **{k: v for k, v in query.items() if k not in view_args})


def _switch_lang() -> str:
    """This page in the other language."""
    other = "en" if g.lang == "de" else None
    if request.endpoint is None:  # an unknown address: offer the overview instead
        return url_for("home.index", lang=other) if other else "/"
    query = params.with_args(request.args, lang=other)
    g.lang, current = "de", g.lang  # so url_defaults does not add the current language back
    try:
        return _link(query)
    finally:
        g.lang = current
