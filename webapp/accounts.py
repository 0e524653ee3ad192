"""Sessions, CSRF and roles for the editors' pages (shared by the blueprints that need them).

The public site needs no login and writes nothing. Signed-in staff carry a Flask session
cookie: HttpOnly, SameSite=Strict, and Secure whenever the request came over HTTPS (or
``SESSION_COOKIE_SECURE`` is set). Every form of the editors' pages carries a Flask-WTF CSRF
token, checked by :func:`protect` before any POST is handled.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from functools import wraps

from flask import Flask, abort, g, redirect, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFError, CSRFProtect

from graph.edit import accounts, changesets
from graph.edit.files import EditError, edits_dir, read_json, write_atomic
from graph.settings import Settings

from .errors import respond
from .state import app_state

csrf = CSRFProtect()


class _SessionInterface(SecureCookieSessionInterface):
    """The cookie is Secure on HTTPS requests even when the app is also served over HTTP."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


def install(app: Flask, settings: Settings) -> None:
    """Session key, cookie flags and CSRF protection (checked only where :func:`protect` runs,
    so the SPARQL protocol's POST stays as it is)."""
    app.config.update(
        SECRET_KEY=_secret_key(settings),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=8),
        WTF_CSRF_CHECK_DEFAULT=False,
        # The site sends Referrer-Policy: no-referrer, so Flask-WTF's HTTPS referrer check
        # would refuse every form; the token and the SameSite=Strict cookie guard instead.
        WTF_CSRF_SSL_STRICT=False,
        WTF_CSRF_TIME_LIMIT=8 * 3600,
    )
    app.session_interface = _SessionInterface()
    csrf.init_app(app)
    app.register_error_handler(CSRFError, lambda exc: respond(400, exc.description))
    app.register_error_handler(EditError, lambda exc: respond(409, str(exc)))
    app.jinja_env.globals.update(account=current_account)
    if settings.edits_path.exists():
        changesets.recover(settings)  # an apply killed half-way: data/ and store both old or both new


def _secret_key(settings: Settings) -> bytes:
    """The key that signs session cookies, kept in the editing state folder (so sessions
    survive a restart); a key for this process only when that folder cannot be written."""
    try:
        path = edits_dir(settings) / "session.key"
        key = read_json(path, None)
        if not key:
            key = secrets.token_hex(32)
            write_atomic(path, f'"{key}"'.encode())
        return bytes.fromhex(key)
    except (OSError, EditError, ValueError):
        return secrets.token_bytes(32)


def current_account() -> dict[str, str] | None:
    """``{"name", "role"}`` of the signed-in account, checked against the accounts file on
    every request (a removed account or a changed role takes effect at once)."""
    if "account" in g:
        return g.account
    name = session.get("account")
    role = accounts.role_of(app_state().settings, name) if name else None
    g.account = {"name": name, "role": role} if role and role == session.get("role") else None
    return g.account


def protect() -> None:
    """Refuse a POST without a valid CSRF token (400), before anything is read or written."""
    if request.method == "POST":
        csrf.protect()


def require(role: str) -> Callable:
    """View decorator: 401 without a session, 403 when the account's role is too low."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            account = current_account()
            if account is None:
                if request.method == "GET":
                    return redirect(url_for("auth.login", next=request.full_path))
                abort(401)
            if not accounts.allows(account["role"], role):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate
