"""The whole editing round in headless Chromium (SYNTHETIC data): an editor signs in and edits an
actor's materials, sees the problem when the source is missing, adds it; a reviewer applies the
change; the public profile shows the new value with its source, /changes shows the diff, and
SPARQL finds the change's prov:Activity."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.build.ingest import build
from graph.edit.accounts import add_user
from graph.settings import Settings
from tests.conftest import VALID
from tests.helpers import live_server, requires_browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SOURCE = "https://example.org/materials-source"

pytestmark = requires_browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    from webapp import create_app

    root = tmp_path_factory.mktemp("browser-editing")
    shutil.copytree(VALID, root / "data")
    settings = Settings(data_dir=root / "data", store_dir=root / "store")
    build(settings)
    add_user(settings, "ed", "editor", "editor-password-1")
    add_user(settings, "rev", "reviewer", "reviewer-password-1")
    with live_server(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="module")
def browser(base_url):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def sign_in(page, base_url, name, password):
    page.goto(f"{base_url}/login")
    page.fill("#login-name", name)
    page.fill("#login-password", password)
    with page.expect_navigation():
        page.click("form.login button[type=submit]")


def test_edit_review_apply_publish(browser, base_url):
    errors: list[str] = []
    editor = browser.new_page()
    editor.on("pageerror", lambda error: errors.append(str(error)))
    # the form with problems answers 422 (which the console reports); anything else is an error
    editor.on("console", lambda m: errors.append(m.text) if m.type == "error" and "422" not in m.text else None)
    sign_in(editor, base_url, "ed", "editor-password-1")
    editor.goto(f"{base_url}/actors/test-recycler")
    with editor.expect_navigation():
        editor.click("#edit-actor")
    editor.fill("#f-materials", "metals;weee")
    with editor.expect_navigation():
        editor.click("#edit-form button[type=submit]")
    problem = editor.locator("#problem-source")
    assert problem.is_visible() and "source URL" in problem.inner_text()
    assert editor.locator("#f-materials").input_value() == "metals;weee", "the entry is kept"
    editor.fill("#f-source", SOURCE)
    editor.fill("#f-reason", "materials named in the source")
    with editor.expect_navigation():
        editor.click("#edit-form button[type=submit]")
    assert editor.locator("#cs-status").inner_text() == "wartet auf Prüfung"
    change_url = editor.url
    change_id = change_url.rsplit("/", 1)[1]
    assert editor.locator("#apply").count() == 0, "an editor cannot apply"

    reviewer = browser.new_page()
    sign_in(reviewer, base_url, "rev", "reviewer-password-1")
    reviewer.goto(change_url)
    diff = reviewer.locator("table.diff")
    assert "metals; weee" in diff.inner_text()
    assert reviewer.locator(f"table.diff a[href='{SOURCE}']").count() == 1, "the reviewer sees the source"
    reviewer.fill("#comment", "checked against the source")
    with reviewer.expect_navigation():
        reviewer.click("#apply")
    assert reviewer.locator("#cs-status").inner_text() == "übernommen"

    public = browser.new_page()  # no session
    public.goto(f"{base_url}/actors/test-recycler")
    assert public.locator("#edit-actor").count() == 0
    page_text = public.locator("main").inner_text()
    assert "Metalle" in page_text
    assert public.locator(f"a[href='{SOURCE}']").count() >= 1, "the new value is shown with its source"

    public.goto(f"{base_url}/changes")
    entry = public.locator(f"section#{change_id}")
    assert "metals; weee" in entry.locator("table.diff").inner_text()
    with public.expect_navigation():
        public.click("#compare")
    assert "metals; weee" in public.locator("table.diff").inner_text()

    query = ("PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?change ?record WHERE { "
             "?change a prov:Activity ; prov:generated ?record }")
    answer = public.request.get(f"{base_url}/sparql", params={"query": query},
                                headers={"Accept": "application/sparql-results+json"})
    assert answer.ok
    bindings = answer.json()["results"]["bindings"]
    assert [(b["change"]["value"].rsplit("/", 1)[1], b["record"]["value"].rsplit("/", 1)[1]) for b in bindings] \
        == [(change_id, "test-recycler")]
    assert errors == []
