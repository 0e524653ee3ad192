"""The briefing (graph/report.py): one self-contained HTML document in German and English,
with the synthetic data's numbers right, every name escaped and no link but to sources.

The synthetic data (tests/data/valid, not real organisations) as the report sees it::

    Test Recycler (Goslar, NI) ── Test Cluster (Harz, ST)
          │ joint project + cooperates_with (low confidence)
    Test Refiner (Nordhausen, TH)            Über-Amt (Mansfeld-Südharz, ST), no tie

    4 actors, 3 relations, 1 project, 1 collection point (Sangerhausen, run by the Über-Amt);
    all 4 actors sit in districts of the region. 5 districts confirmed, 2 candidates.

Worked out by hand:

- Borders (configuration model): ties R–C (NI–ST) and R–F (NI–TH), m = 2; summed degrees
  NI 2, ST 1, TH 1. Expected ST–TH = 1·1 / (2·2) = 0.25 with 0 known: the weakest border.
  NI–ST and NI–TH expect 2·1 / 4 = 0.5 each, 1 known: ratio 2.
- Brokers: of the 3 pairs among C, F and A only C–F has a path, through R:
  betweenness 1/3 = 33.3 %. Without R, C and F fall apart; the piece with the smaller IRI
  (test-cluster) is kept, so the Refiner is cut off. R is the only articulation point;
  both of its ties are bridges.
- Partners: C and F share one partner (R, 2 ties): Adamic–Adar 1/ln 2 = 1.4427, part
  1.4427 / 2.4427 = 0.5906; no stages, competencies or items in common; different states:
  border part 1. Score 0.3 · 0.5906 + 0.15 · 1 = 0.3272 → "0,33". The only suggestion.
- Collection: 1 point for 132,317 inhabitants in Mansfeld-Südharz = 0.76 per 100,000;
  Goslar, Göttingen, Harz, Nordhausen and Kyffhäuserkreis (population known) have none;
  the Über-Amt has no tie to a treatment actor, so 1 of 1 points lacks one.
- Periphery: the Über-Amt is the 1 of 4 actors without a tie.
- Critical raw materials: no synthetic actor handles one.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pyoxigraph
import pytest

from graph.build.ingest import build
from graph.report.briefing import build_report
from graph.settings import Settings
from graph.stats import stats
from graph.store import open_read_only
from tests.conftest import REPO, VALID

HOSTILE = "<script>alert(1)</script>"

HEADINGS = {
    "de": [
        "Kernaussagen",
        "Was der Graph enthält",
        "Zusammenarbeit über Landesgrenzen",
        "Wertschöpfungskette: Wer arbeitet an welcher Stufe?",
        "Vorgeschlagene Partnerschaften",
        "Vermittler und Ausfallrisiken",
        "Sammelstellen je Landkreis",
        "Qualifizierung für die Wertschöpfungskette",
        "Akteure ohne Verbindung",
        "Methode und Lesehilfe",
        "Quellen",
    ],
    "en": [
        "Key findings",
        "What the graph holds",
        "Cooperation across state borders",
        "Value chain: who works at which stage?",
        "Suggested partnerships",
        "Brokers at risk",
        "Collection points per district",
        "Training for the value chain",
        "Actors without ties",
        "Method and how to read this",
        "Sources",
    ],
}


def _store(tmp: Path, data: Path) -> pyoxigraph.Store:
    settings = Settings(data_dir=data, store_dir=tmp / "store")
    build(settings)
    return open_read_only(settings.store_dir)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> dict[str, str]:
    """The report on tests/data/valid, in both languages."""
    tmp = tmp_path_factory.mktemp("synthetic")
    data = tmp / "data"
    shutil.copytree(VALID, data)
    store = _store(tmp, data)
    return {lang: build_report(store, lang=lang) for lang in ("de", "en")}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> tuple[pyoxigraph.Store, dict[str, str]]:
    """The store built from the shipped data/ and its report in both languages."""
    store = _store(tmp_path_factory.mktemp("shipped"), REPO / "data")
    return store, {lang: build_report(store, lang=lang) for lang in ("de", "en")}


def text_of(html: str) -> str:
    """The document's visible words: no style, no figures, no tags, entities resolved."""
    import html as html_lib

    html = re.sub(r"<(style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html)))


def headings(html: str) -> list[str]:
    return [re.sub(r"^\d+\s*", "", text_of(h).strip()) for h in re.findall(r"<h2\b.*?</h2>", html, flags=re.S)]


def source_urls(store: pyoxigraph.Store) -> set[str]:
    """Every source URL the data give: of statements, and of population figures."""
    query = """SELECT DISTINCT ?s WHERE {
        { ?x <http://purl.org/dc/terms/source> ?s } UNION { ?x <https://w3id.org/harzgraph/ns#populationSource> ?s }
    }"""
    return {solution["s"].value for solution in store.query(query)}


def assert_self_contained(html: str, sources: set[str] | None = None) -> None:
    """One HTML document, no script, nothing loaded from outside; external links only to sources."""
    assert html.startswith("<!DOCTYPE html>")
    assert html.rstrip().endswith("</html>")
    assert html.count("<html") == 1 and html.count("</html>") == 1
    assert len(re.findall(r"<body\b", html)) == 1 and len(re.findall(r"<head\b", html)) == 1
    lowered = html.lower()
    for tag in ("<script", "<link", "<iframe", "<img", "<object", "<embed", "@import"):
        assert tag not in lowered, tag
    assert not re.search(r"\ssrc\s*=", html), "nothing may be loaded from a src"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html), "no CSS resource from outside"
    assert "<svg" in html
    listed = set(re.findall(r'<li value="\d+"><a href="([^"]+)"', html))
    for tag, url in re.findall(r'<(\w+)\b[^>]*?\shref="([^"]*)"', html):
        if url.startswith("#"):
            continue
        assert tag == "a" and url.startswith(("https://", "http://")), (tag, url)
        unescaped = url.replace("&amp;", "&")
        assert unescaped in {u.replace("&amp;", "&") for u in listed}, f"{url} is not in the list of sources"
        if sources is not None:
            assert unescaped in sources, f"{url} is not a source of the data"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_synthetic_report_is_one_self_contained_document(synthetic, lang):
    html = synthetic[lang]
    assert_self_contained(html)
    assert f'<html lang="{lang}">' in html
    assert headings(html) == HEADINGS[lang]
    assert html.count("<svg") == 3  # state matrix, value chain, collection


def test_synthetic_numbers_in_german(synthetic):
    text = text_of(synthetic["de"])
    assert "Datenstand: 25.11.2026" in text  # the newest `checked` date of the synthetic rows
    assert "4 Akteure, 3 belegte Beziehungen, 1 Projekt und 1 Sammelstelle" in text
    assert "4 Akteure haben ihren Sitz in einem Landkreis der Region; keiner liegt außerhalb." in text
    assert "Als Teil der Region bestätigt sind 5 Landkreise" in text
    assert "unbestätigt: Kyffhäuserkreis und Salzlandkreis" in text
    assert "der sechste ist nicht bestätigt" in text
    # Borders: ST–TH 0 known, 0.25 expected; NI–ST and NI–TH 1 known, 0.5 expected, ratio 2.
    assert "Die schwächste Landesgrenze verläuft zwischen Sachsen-Anhalt und Thüringen." in text
    assert "keine Verbindung bekannt; bei ortsunabhängiger Partnerwahl wären 0,25 zu erwarten" in text
    assert re.search(r"Niedersachsen–Sachsen-Anhalt [^0-9]*1 0,50 2,00", text)
    # Brokers: the Recycler lies on 1 of 3 shortest paths and would cut the Refiner off.
    assert "SYNTHETIC Test Recycler GmbH liegt auf 33,3 % aller kürzesten Wege" in text
    assert "Ohne diesen Akteur verlöre SYNTHETIC Test Refiner AG jeden bekannten Weg" in text
    assert "1 Akteur hält Teile des Netzes allein zusammen" in text
    assert "2 Verbindungen sind jeweils die einzige zwischen zwei Teilen" in text
    # Partners: Cluster and Refiner, 0.25 · 0.5906 = 0.15 (the border counts only as far as a
    # value chain carries it, and they share none), as a hypothesis.
    assert "Eine Partnerschaft wird als Hypothese vorgeschlagen." in text
    assert "Am stärksten (Punktzahl 0,15): SYNTHETIC Test Cluster e.V. und SYNTHETIC Test Refiner AG könnten" in text
    assert "gemeinsame Partner 0,59 · Kompetenzen 0,00 · Grenze 0,00" in text
    # Collection: 1 point for 132,317 inhabitants; five districts with a population have none.
    assert "In 5 Landkreisen ist keine Sammelstelle bekannt: Goslar, Göttingen, Harz, Nordhausen und" in text
    assert re.search(r"Mansfeld-Südharz Sachsen-Anhalt 1 132\.317 31\.12\.2021 \[\d+\] 0,8 0,07", text)
    assert "Der einzigen bekannten Sammelstelle fehlt eine bekannte Verbindung zur Behandlung." in text
    assert "1 von 4 Akteuren hat keine erfasste Verbindung." in text
    assert "Kritische Rohstoffe: Für keinen der" in text
    # The Über-Amt's name carries markup; it is shown as text.
    assert "&lt;b&gt;&#34;quoted&#34;&lt;/b&gt;" in synthetic["de"]
    # Thin data is said where it is thin.
    assert "Dünne Datenlage: beruht auf keiner bekannten Verbindung" in text
    assert "betrifft einen unbestätigten Landkreis (Kyffhäuserkreis)" in text
    assert "keine Einwohnerzahl in den Daten" in text  # Salzlandkreis


def test_synthetic_numbers_in_english(synthetic):
    text = text_of(synthetic["en"])
    assert "Data as of: 25 Nov 2026" in text
    assert "4 actors, 3 sourced relations, 1 project and 1 collection point" in text
    assert "The weakest state border runs between Saxony-Anhalt and Thuringia." in text
    assert "0.25 would be expected if partners were chosen regardless of place" in text
    assert "SYNTHETIC Test Recycler GmbH lies on 33.3% of all shortest paths" in text
    assert "One partnership is suggested as a hypothesis." in text
    assert "Strongest (score 0.15): SYNTHETIC Test Cluster e.V. and SYNTHETIC Test Refiner AG could work" in text
    assert "No collection point is known in 5 districts" in text
    assert "1 of 4 actors has no recorded tie." in text
    assert "Thin data:" in text


def test_synthetic_findings_link_their_sources(synthetic):
    html = synthetic["de"]
    # The broker finding cites the Recycler's own sources and those of its two ties.
    finding = re.search(r"hält das Netz zusammen\..*?</li>", html, flags=re.S).group(0)
    for n in (1, 2, 6, 7, 8, 9):
        assert f'href="https://example.org/source-{n}"' in finding, n
    sources = re.findall(r'<li value="(\d+)"><a href="([^"]+)"', html)
    assert [int(n) for n, _ in sources] == list(range(1, len(sources) + 1))
    assert "https://example.org/source-10" in {url for _, url in sources}  # the collection point


def test_hostile_names_are_escaped(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    with (VALID / "actors.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    with (data / "actors.csv").open("a", newline="", encoding="utf-8") as f:
        row = {
            "id": "test-hostile",
            "name": HOSTILE,
            "kind": "recycler",
            "city": "Goslar",
            "postcode": "38640",
            "district": "Goslar",
            "weee_categories": "EEE-CAT-3",
            "stages": "TS-09",
            "confidence": "high",
            "sources": "https://example.org/source-11",
            "checked": "2026-11-25",
        }
        csv.DictWriter(f, fieldnames=header).writerow(row)
    with (data / "relations.csv").open("a", newline="", encoding="utf-8") as f:
        f.write("test-hostile,cooperates_with,test-authority,,,,high,https://example.org/source-12,\n")
    store = _store(tmp_path, data)
    for lang in ("de", "en"):
        html = build_report(store, lang=lang)
        assert HOSTILE not in html
        assert "<script" not in html.lower()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert_self_contained(html)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_shipped_report(shipped, lang):
    store, reports = shipped
    html = reports[lang]
    assert_self_contained(html, source_urls(store))
    assert headings(html) == HEADINGS[lang]
    text = text_of(html)
    actors = stats(store)["totals"].rows[0]["actors"]
    assert (f"verzeichnet {actors} Akteure" if lang == "de" else f"records {actors} actors") in text
    findings = re.search(r'<ol class="findings">(.*?)</ol>', html, flags=re.S).group(1)
    assert 5 <= findings.count("<li>") <= 8
    assert findings.count('class="ref"') >= 5 * 1  # findings carry their sources


def test_unknown_language_is_refused(shipped):
    store, _ = shipped
    with pytest.raises(ValueError, match="lang"):
        build_report(store, lang="fr")


def test_the_source_count_leaves_out_the_vocabulary_sources(settings):
    """Defect 9: "stützt sich auf N verschiedene Quellen" counted the vocabularies' own sources.
    The count is the distinct URLs of the data tables' `sources` columns and nothing else."""
    import csv

    from graph import store as store_mod
    from graph.build.ingest import build
    from graph.stats import stats

    build(settings)
    urls = set()
    for name in ("actors", "relations", "projects", "collection_points", "districts"):
        with (settings.data_dir / f"{name}.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                urls.update((row.get("sources") or "").split())
    totals = stats(store_mod.open_read_only(settings.store_dir))["totals"].rows[0]
    assert totals["sources"] == len(urls)


def test_a_briefing_for_a_district_and_a_topic_says_what_was_selected(settings):
    """Issue 9, defect 13: the briefing per district and topic. The synthetic recycler works
    in Goslar at manual dismantling; the refiner in Nordhausen."""
    from graph import store as store_mod
    from graph.build.ingest import build
    from graph.errors import QueryError
    from graph.report.briefing import build_report, selection_from_terms

    build(settings)
    store = store_mod.open_read_only(settings.store_dir)
    selection = selection_from_terms(store, district="Nordhausen", competency="research")
    assert (selection.district, selection.competency) == ("16062", "research")
    html = build_report(store, lang="de", selection=selection)
    assert "Auswahl: Landkreis: Nordhausen; Kompetenz: Forschung." in html
    english = build_report(store, lang="en", selection=selection)
    assert "Selection: District: Nordhausen; Competency: research." in english
    assert "Auswahl" not in build_report(store, lang="de")
    with pytest.raises(QueryError, match="--material"):
        selection_from_terms(store, material="unobtainium")


def test_long_lists_are_bounded_and_say_what_they_leave_out(shipped, monkeypatch):
    """On a national graph a material is handled by thousands of actors and a row rests on
    thousands of sources; the briefing names the first ones and says how many more. With the
    bounds lowered to 1 the shipped data shows it: the materials table names 1 actor per
    material, then "+n weitere Akteure", and no row cites more than 1 source."""
    from graph.report import briefing

    store, _reports = shipped
    full = briefing.briefing_context(store, lang="de")
    monkeypatch.setattr(briefing, "MATERIAL_ACTORS", 1)
    monkeypatch.setattr(briefing, "ROW_REFS", 1)
    bounded = briefing.briefing_context(store, lang="de")
    many = [m for m in full["chain"]["materials"] if len(m["by_actor"]) > 1]
    assert many, "the shipped data has a critical material handled by several actors"
    for before, after in zip(full["chain"]["materials"], bounded["chain"]["materials"], strict=True):
        assert after["by_actor"] == before["by_actor"][:1]
        left = len(before["by_actor"]) - 1
        assert after["more_actors"] == (f"+{left} weitere Akteure" if left else None)
        assert len(after["refs"]) <= 1 and after["more"] == len(before["refs"]) + before["more"] - len(after["refs"])
