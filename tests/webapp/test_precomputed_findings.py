"""/communities, /periphery, /chains for an area and /quality read what the build precomputed
(graph/derived.py): no collaboration graph, no tables read back, and the same rows a filter
gave when the page computed them. On the shipped data (real_settings; no SYNTHETIC records
needed, nothing is changed)."""

from __future__ import annotations

import datetime as dt

import pytest

from graph import derived
from graph.analyse import periphery
from graph.analyse.communities import community_findings
from graph.build import ingest
from graph.export import tables_from_store
from graph.store import open_read_only
from graph.views import gaps as views
from graph.views import quality
from webapp import create_app


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from graph.settings import Settings
    from tests.conftest import REPO

    store = tmp_path_factory.mktemp("findings") / "store"
    settings = Settings(data_dir=REPO / "data", store_dir=store)
    ingest.build(settings, derive=derived.write_all)
    return settings


@pytest.fixture
def client(built, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("a page computed what the build had precomputed")

    monkeypatch.setattr("webapp.gaps.collaboration", refuse)
    monkeypatch.setattr("webapp.state.data_tables", refuse)
    return create_app(built).test_client()


def _all_rows(client, url):
    body = client.get(url + ("&" if "?" in url else "?") + "_limit=10000").get_json()
    assert body["total_rows"] == len(body["rows"]), url
    return body["rows"]


FILTERS = [{}, {"district": ("03153",)}, {"state": ("15",)}, {"kind": ("recycler",)},
           {"state": ("16",), "kind": ("repair_reuse", "recycler")}, {"district": ("none",)}]


def _query(selected):
    return "&".join(f"{facet}={value}" for facet, values in selected.items() for value in values)


@pytest.mark.parametrize("selected", FILTERS, ids=_query)
def test_findings_pages_select_the_rows_the_graph_gives(built, client, selected):
    G = derived.graph(open_read_only(built.store_dir))
    groups, found = community_findings(G)
    expected = views.community_rows(G, found, groups, lang="en", selected=selected)
    assert _all_rows(client, f"/communities.json?lang=en&{_query(selected)}") == expected
    edge = periphery(G)
    expected = views.periphery_rows(G, edge, lang="de", selected=selected)
    assert _all_rows(client, f"/periphery.json?{_query(selected)}") == expected
    csv = client.get(f"/periphery.csv?{_query(selected)}").get_data(as_text=True)
    assert len(csv.strip().splitlines()) == 1 + len(expected)


def test_the_shipped_data_has_rows_to_select(built):
    G = derived.graph(open_read_only(built.store_dir))
    assert community_findings(G)[1], "the filters above would compare empty lists"
    assert len(periphery(G)) > len(views.periphery_rows(G, periphery(G), lang="de",
                                                         selected={"district": ("03153",)})) > 0


@pytest.mark.parametrize(("level", "area"), [("state", "03"), ("state", "16"), ("district", "03153"),
                                             ("district", "15087"), ("district", "16065"),
                                             ("district", "15089")])
def test_chains_of_an_area_are_read_not_computed(built, client, level, area):
    G = derived.graph(open_read_only(built.store_dir))
    for lang in ("de", "en"):
        assert _all_rows(client, f"/chains.json?{level}={area}&lang={lang}") == views.chain_rows(
            G, level=level, area=area, lang=lang)
        written = derived.load(_version(built), f"chain-gaps-{lang}-{level}-{area}")
        assert written == (True, views.chain_gaps(G, level=level, area=area, lang=lang))
    assert client.get(f"/chains?{level}={area}").status_code == 200
    assert client.get(f"/chains.csv?{level}={area}&group=crm").status_code == 200


def _version(settings):
    from graph.store import current_path

    return current_path(settings.store_dir)


def test_quality_reads_the_checks_the_build_wrote(built, client):
    today = dt.datetime.now(dt.UTC).date()
    tables = tables_from_store(open_read_only(built.store_dir))
    expected = quality.summary(tables, today=today).rows
    assert client.get("/quality.json").get_json()["rows"] == expected
    listed = client.get("/quality/rows.json?table=actors&measure=single_source&district=03153").get_json()
    assert listed["rows"] == quality.flagged_rows(tables, today=today, table="actors", measure="single_source",
                                                  district="03153").rows
    assert listed["rows"], "the shipped data has such records"
    for url in ("/quality", "/quality.csv", "/quality/rows?district=", "/quality/rows.csv?table=relations"):
        assert client.get(url).status_code == 200, url


def test_the_records_behind_a_count_come_a_page_at_a_time(client):
    """/quality/rows shows 500 records a page (webapp.quality.PAGE_SIZE); the count names all."""
    from webapp.quality import PAGE_SIZE

    total = client.get("/quality/rows.json?_limit=10000").get_json()["total_rows"]
    assert total > PAGE_SIZE, "the shipped data flags more records than one page holds"
    pages = -(-total // PAGE_SIZE)
    shown = 0
    for page in range(1, pages + 1):
        html = client.get(f"/quality/rows?_page={page}").get_data(as_text=True)
        assert f"Treffer: {total:,}".replace(",", ".") in html or f"Treffer: {total}" in html
        shown += html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr>")
    assert shown == total
    assert client.get(f"/quality/rows?_page={pages + 1}").status_code == 400
