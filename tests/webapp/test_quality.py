"""/quality: every number links to exactly the records it counts; JSON and CSV twins; refusals."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.webapp.conftest import FORMULA, IMG, csv_rows


def test_every_count_links_to_its_records(client):
    page = client.get("/quality")
    assert page.status_code == 200
    summary = client.get("/quality.json").get_json()
    assert summary["ok"] and summary["columns"][:4] == ["table", "district", "district_name", "records"]
    checked = 0
    for row in summary["rows"]:
        for measure in summary["measures"]:
            count = row[measure]
            if not count:
                continue
            query = {"table": row["table"], "district": row["district"], "measure": measure}
            listed = client.get("/quality/rows.json", query_string=query).get_json()
            assert len({r["key"] for r in listed["rows"]}) == count, (row["table"], row["district"], measure)
            checked += 1
    assert checked > 5
    html = page.get_data(as_text=True)
    link = next(part for part in html.split('href="')[1:] if part.startswith("/quality/rows?"))
    assert set(parse_qs(urlsplit(link.split('"')[0].replace("&amp;", "&")).query)) >= {"table", "measure"}


def test_hostile_names_are_escaped_and_csv_is_formula_safe(client):
    html = client.get("/quality/rows?table=actors").get_data(as_text=True)
    assert IMG not in html and "&lt;img src=x" in html
    rows = csv_rows(client.get("/quality/rows.csv?table=actors").get_data(as_text=True))
    names = [r[2] for r in rows[1:]]
    assert "'" + FORMULA in names and FORMULA not in names
    assert client.get("/quality.csv").headers["Content-Type"].startswith("text/csv")


def test_filters_that_cannot_apply_are_refused(client):
    assert client.get("/quality/rows?table=relations&measure=missing_stage").status_code == 400
    assert client.get("/quality/rows.json?measure=nope").get_json()["ok"] is False
    assert client.get("/quality/rows?table=nope").status_code == 400
