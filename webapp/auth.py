"""Blueprint: ``/login`` and ``/logout`` for editors and reviewers (the public site needs neither)."""

from __future__ import annotations

from flask import Blueprint, Response, g, redirect, render_template, request, session, url_for

from graph.edit import accounts as account_store

from .accounts import current_account, protect
from .errors import respond
from .i18n import translate
from .represent import json_response
from .state import app_state

bp = Blueprint("auth", __name__)
bp.before_request(protect)


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response:
    """The sign-in form; failed attempts are limited per address and per account name."""
    target = _safe_next(request.values.get("next", ""))
    if request.method == "GET":
        return render_template("auth/login.html", title=translate("login.title", g.lang), next=target,
                               failed=False)
    name = request.form.get("name", "").strip().lower()[:64]
    password = request.form.get("password", "")[:1024]
    state = app_state()
    keys = (f"addr:{request.remote_addr}", f"name:{name}")
    wait = state.logins.retry_after(*keys)
    if wait:
        return respond(429, translate("login.throttled", g.lang, s=wait), headers={"Retry-After": str(wait)})
    role = account_store.verify(state.settings, name, password)
    if role is None:
        state.logins.failed(*keys)
        html = render_template("auth/login.html", title=translate("login.title", g.lang), next=target, failed=True,
                               name=name)
        return Response(html, status=401, mimetype="text/html")
    state.logins.succeeded(*keys)
    session.clear()  # a fresh session: no fixation
    session.permanent = True
    session.update(account=name, role=role)
    return redirect(target or url_for("edit.index"))


@bp.post("/logout")
def logout() -> Response:
    session.clear()
    return redirect(url_for("home.index"))


@bp.get("/account.json")
def whoami() -> Response:
    """The signed-in account's role (``{"role": null}`` for the public)."""
    account = current_account()
    return json_response({"role": account["role"] if account else None})


def _safe_next(target: str) -> str:
    """Only a path on this site (no scheme, no host, no ``//`` or backslash) is followed after login.

    >>> _safe_next("/edit"), _safe_next("//evil.example/"), _safe_next("https://evil.example/")
    ('/edit', '', '')
    """
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return ""
