"""The web viewer: ``create_app(settings=None)`` opens the store once and registers the
blueprints, the error handlers and the security headers."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, g, request, url_for

from graph.settings import Settings

from . import errors, i18n, params, state
from .security import SECURITY_HEADERS


def create_app(settings: Settings | None = None) -> Flask:
    """The Flask application for ``settings`` (default: ``Settings.from_env()``).

    Raises ``graph.errors.StoreError`` when no graph has been built at ``settings.store_dir``.
    """
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config.update(JSON_SORT_KEYS=False, MAX_CONTENT_LENGTH=1_000_000)
    state.install(app, settings)  # the store, the query runner and the caches (webapp/state.py)
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
    accounts.install(app, settings)  # sessions, CSRF, roles; finishes an apply cut short (webapp/accounts.py)
    app.before_request(_language)
    app.after_request(_security_headers)
    app.url_defaults(_keep_language)
    app.jinja_env.globals.update(t=_t, url_here=_url_here, url_toggle=_url_toggle, switch_lang=_switch_lang)
    app.jinja_env.filters.update(num=_num, pct=_pct, isodate=_date, host=_host, runs=_runs)
    return app


def _language() -> None:
    g.lang = "de"
    g.lang = params.lang(request.args)


def _keep_language(endpoint: str, values: dict) -> None:
    """Links keep ``?lang=en`` (German, the default, needs no parameter)."""
    if endpoint != "static" and getattr(g, "lang", "de") != "de":
        values.setdefault("lang", g.lang)


def _security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


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
    return url_for(request.endpoint, **(request.view_args or {}), **params.with_args(request.args, **changes))


def _url_toggle(name: str, value: str) -> str:
    """This page's URL with ``value`` added to or removed from the repeated parameter ``name``."""
    return url_for(request.endpoint, **(request.view_args or {}), **params.toggled(request.args, name, value))


def _switch_lang() -> str:
    """This page in the other language."""
    other = "en" if g.lang == "de" else None
    if request.endpoint is None:  # an unknown address: offer the overview instead
        return url_for("home.index", lang=other) if other else "/"
    query = params.with_args(request.args, lang=other)
    view_args = dict(request.view_args or {})
    g.lang, current = "de", g.lang  # so url_defaults does not add the current language back
    try:
        return url_for(request.endpoint, **view_args, **query)
    finally:
        g.lang = current
