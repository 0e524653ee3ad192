"""Editing over HTTP: the refusals (no login, wrong role, no CSRF token, throttled logins, a
conflict), cookie flags, escaping, and the round trip propose → review → apply → /changes.

Each module gets its own copy of the SYNTHETIC test data and its own store."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from graph.build.ingest import build
from graph.edit.accounts import add_user
from graph.settings import Settings
from tests.conftest import VALID

EDITOR = ("ed", "editor-password-1")
REVIEWER = ("rev", "reviewer-password-1")
FORM = "/edit/actors/record?key=test-recycler"


@pytest.fixture(scope="module")
def edit_settings(tmp_path_factory) -> Settings:
    root = tmp_path_factory.mktemp("editing")
    shutil.copytree(VALID, root / "data")
    settings = Settings(data_dir=root / "data", store_dir=root / "store")
    build(settings)
    add_user(settings, *EDITOR[:1], "editor", EDITOR[1])
    add_user(settings, *REVIEWER[:1], "reviewer", REVIEWER[1])
    return settings


@pytest.fixture(scope="module")
def edit_app(edit_settings):
    from webapp import create_app

    return create_app(edit_settings)


def data_bytes(settings) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(Path(settings.data_dir).iterdir())}


def token(client, path: str = "/login") -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def login(client, account) -> None:
    response = client.post("/login", data={"name": account[0], "password": account[1], "csrf_token": token(client)})
    assert response.status_code == 302, response.get_data(as_text=True)


def propose(client, fields, source="https://example.org/web-source", reason="web test"):
    data = {"csrf_token": token(client, FORM), "op": "edit", "source": source, "reason": reason,
            **{f"f.{k}": v for k, v in fields.items()}}
    return client.post(FORM, data=data)


def test_public_site_needs_no_login_and_sets_no_cookie(edit_app):
    client = edit_app.test_client()
    for path in ("/", "/actors", "/actors/test-recycler", "/quality", "/changes"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Set-Cookie" not in response.headers, path
    assert client.get("/edit").status_code == 302 and "/login" in client.get("/edit").headers["Location"]


def test_writes_without_login_are_refused_and_data_unchanged(edit_app, edit_settings):
    before = data_bytes(edit_settings)
    client = edit_app.test_client()
    csrf = token(client)
    for path in (FORM, "/edit/actors/new", "/edit/changesets/cs-20260101T000000-00000000/apply"):
        response = client.post(path, data={"csrf_token": csrf, "f.materials": "metals",
                                           "source": "https://example.org/x"})
        assert response.status_code == 401, path
    assert data_bytes(edit_settings) == before


def test_post_without_csrf_token_is_refused(edit_app, edit_settings):
    before = data_bytes(edit_settings)
    client = edit_app.test_client()
    login(client, EDITOR)
    response = client.post(FORM, data={"op": "edit", "f.materials": "metals", "source": "https://example.org/x"})
    assert response.status_code == 400
    assert client.post("/login", data={"name": EDITOR[0], "password": EDITOR[1]}).status_code == 400
    assert data_bytes(edit_settings) == before
    assert not list((edit_settings.edits_path / "changesets").glob("*.json"))


def test_editor_cannot_review(edit_app, edit_settings):
    client = edit_app.test_client()
    login(client, EDITOR)
    location = propose(client, {"materials": "metals"}).headers["Location"]
    before = data_bytes(edit_settings)
    csrf = token(client, location)
    assert 'id="apply"' not in client.get(location).get_data(as_text=True)
    assert client.post(location + "/apply", data={"csrf_token": csrf}).status_code == 403
    assert client.post(location + "/reject", data={"csrf_token": csrf}).status_code == 403
    assert data_bytes(edit_settings) == before
    reviewer = edit_app.test_client()
    login(reviewer, REVIEWER)
    assert reviewer.post(location + "/reject", data={"csrf_token": token(reviewer, location),
                                                     "comment": "not now"}).status_code == 303
    assert "abgelehnt" in reviewer.get(location).get_data(as_text=True)


def test_missing_source_is_shown_next_to_the_field(edit_app):
    client = edit_app.test_client()
    login(client, EDITOR)
    response = propose(client, {"materials": "metals"}, source="")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    field = html[html.index('id="f-source"'):]
    assert field.index('id="problem-source"') < field.index("</p>"), "the problem stands beside its field"


def test_login_attempts_are_limited(edit_app):
    client = edit_app.test_client()
    csrf = token(client)
    for _ in range(5):
        assert client.post("/login", data={"name": "rev", "password": "wrong-password",
                                           "csrf_token": csrf}).status_code == 401
    throttled = client.post("/login", data={"name": "rev", "password": REVIEWER[1], "csrf_token": csrf})
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) > 0
    edit_app.extensions["harzgraph"].logins.succeeded("addr:127.0.0.1", "name:rev")  # for the other tests


def test_session_cookie_flags(edit_app):
    plain = edit_app.test_client()
    plain.post("/login", data={"name": EDITOR[0], "password": EDITOR[1], "csrf_token": token(plain)})
    cookie = plain.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Strict" and not cookie.secure
    https = edit_app.test_client()
    csrf = token(https, "https://localhost/login")
    https.post("https://localhost/login", data={"name": EDITOR[0], "password": EDITOR[1], "csrf_token": csrf})
    assert https.get_cookie("session", domain="localhost").secure, "Secure behind HTTPS"


def test_login_never_redirects_off_site(edit_app):
    client = edit_app.test_client()
    response = client.post("/login", data={"name": EDITOR[0], "password": EDITOR[1], "csrf_token": token(client),
                                           "next": "//evil.example/"})
    assert response.headers["Location"] == "/edit"


def test_hostile_text_is_stored_as_text_and_escaped(edit_app, edit_settings):
    client = edit_app.test_client()
    login(client, EDITOR)
    script = "<script>alert(1)</script>"
    response = propose(client, {"description_en": script, "capacity": "=1+1"}, reason="=HYPERLINK(\"x\")")
    assert response.status_code == 303
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert script not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_conflict_and_round_trip(edit_app, edit_settings):
    editor = edit_app.test_client()
    login(editor, EDITOR)
    first = propose(editor, {"materials": "metals"}).headers["Location"]
    second = propose(editor, {"materials": "weee"}).headers["Location"]
    reviewer = edit_app.test_client()
    login(reviewer, REVIEWER)
    assert reviewer.post(first + "/apply", data={"csrf_token": token(reviewer, first)}).status_code == 303
    after_first = data_bytes(edit_settings)
    assert reviewer.post(second + "/apply", data={"csrf_token": token(reviewer, second)}).status_code == 303
    assert data_bytes(edit_settings) == after_first, "the second proposal overwrote nothing"
    html = reviewer.get(second).get_data(as_text=True)
    assert "Konflikt" in html
    conflict = html[html.index('class="conflict"'):]
    assert re.search(r"<th scope=\"row\">materials</th><td></td><td>metals</td><td>weee</td>", conflict)
    # the public side: the new value with its source, the change in /changes and its CSV
    public = edit_app.test_client()
    facts = public.get("/actors/test-recycler.json").get_json()["rows"]
    metals = next(f for f in facts if f["value"] == "metals")
    assert "https://example.org/web-source" in metals["sources"]
    changes = public.get("/changes.json").get_json()
    assert changes["rows"][0]["id"] == first.rsplit("/", 1)[1]
    assert changes["rows"][0]["author_role"] == "editor" and "ed" not in changes["rows"][0].values()
    compare = public.get("/changes/compare.json").get_json()
    assert {"table": "actors", "key": "test-recycler", "change": "changed", "field": "materials", "old": "",
            "new": "metals"} in compare["rows"]


def test_profile_links_every_editable_record_for_signed_in_staff(edit_app):
    client = edit_app.test_client()
    public = client.get("/actors/test-recycler").get_data(as_text=True)
    assert "/edit/" not in public
    login(client, EDITOR)
    html = client.get("/actors/test-recycler").get_data(as_text=True)
    links = set(re.findall(r'href="(/edit/[^"]+)"', html))
    assert "/edit/actors/record?key=test-recycler" in links
    relation_links = [link for link in links if link.startswith("/edit/relations/record?key=")]
    assert relation_links
    for link in links:  # every link opens a form for an existing record
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link


def test_unknown_table_is_not_found(edit_app):
    client = edit_app.test_client()
    login(client, EDITOR)
    for path in ("/edit/districts/new", "/edit/..%2Fusers/new", "/edit/actors/record?key=no-such-actor"):
        assert client.get(path).status_code == 404, path
