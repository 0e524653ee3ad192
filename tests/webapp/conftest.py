"""A store built once from the synthetic test data plus two hostile actors, and the app on it.

SYNTHETIC test data, not real organisations. The hostile names check escaping: one would
run script in a page that forgot to escape it, the other a formula in a spreadsheet.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from graph.build.ingest import build
from graph.settings import Settings
from tests.conftest import VALID
from tests.helpers import rows, write_rows

IMG = "<img src=x onerror=document.title='X'>"
FORMULA = '=HYPERLINK("x")'
SCRIPT_ROLE = "<script>alert(1)</script>"


def add_hostile_rows(data: Path) -> None:
    """Append the two hostile actors and a relation whose role is a script tag."""
    actors = rows(data / "actors.csv")
    columns = list(actors[0])
    blank = dict.fromkeys(columns, "")
    actors.append({**blank, "id": "hostile-img", "name": IMG, "kind": "recycler", "city": "Goslar",
                   "district": "Goslar", "lat": "51.91", "lon": "10.42", "stages": "TS-08", "confidence": "low",
                   "description_de": IMG, "sources": "https://example.org/hostile-1", "checked": "2026-11-25",
                   "note": IMG})
    actors.append({**blank, "id": "hostile-formula", "name": FORMULA, "kind": "repair_reuse", "city": "-2+3",
                   "district": "Harz", "confidence": "medium", "sources": "https://example.org/hostile-2",
                   "checked": "2026-11-25"})
    write_rows(data / "actors.csv", actors, columns)
    relations = rows(data / "relations.csv")
    relations.append({**dict.fromkeys(relations[0], ""), "subject": "hostile-img", "relation": "cooperates_with",
                      "object": "test-recycler", "role": SCRIPT_ROLE, "start": "2020", "confidence": "low",
                      "sources": "https://example.org/hostile-3"})
    relations.append({**dict.fromkeys(relations[0], ""), "subject": "hostile-formula", "relation": "member_of",
                      "object": "test-cluster", "confidence": "high", "sources": "https://example.org/hostile-4"})
    write_rows(data / "relations.csv", relations, list(relations[0]))


@pytest.fixture(scope="session")
def web_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a store built from tests/data/valid plus the hostile rows."""
    root = tmp_path_factory.mktemp("webapp")
    data = root / "data"
    shutil.copytree(VALID, data)
    add_hostile_rows(data)
    settings = Settings(data_dir=data, store_dir=root / "store")
    build(settings)
    return settings


@pytest.fixture(scope="session")
def app(web_settings: Settings):
    from webapp import create_app

    app = create_app(web_settings)
    # The briefing answers "being prepared" (202) after 2 s by default; on a busy CI machine the
    # first one can take longer, and these tests read the document itself.
    app.config["HARZGRAPH_PREPARE_WAIT_S"] = 300
    return app


@pytest.fixture
def client(app):
    return app.test_client()


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(text.splitlines()))


@pytest.fixture(scope="module")
def base_url(app):
    """The app served by waitress on a free loopback port for the browser tests."""
    from tests.helpers import live_server

    with live_server(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"]
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def browser_page(base_url, browser):
    """A 1400 px page that records every request and every console or page error."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    seen = {"requests": [], "errors": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("console", lambda message: seen["errors"].append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    yield page, seen
    page.close()
