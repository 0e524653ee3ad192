"""Every page and the briefing, in both languages: no "1 <plural noun>", and no English-only
data text on a German page outside an element marked ``lang="en"``.

The app's GET routes come from ``app.url_map`` (a new page is checked without editing this
file); the rules with parameters get the sample values below, and some pages are also
asked with filters that bring out more of their words. The synthetic data has one project
and one collection point, so counts of one occur on their own.
"""

from __future__ import annotations

import html
import itertools
import re
from html.parser import HTMLParser

import pytest
from flask import url_for

from graph import store as graph_store
from tests.graph.words.plurals import ONE_PLURAL

#: Sample values for the rules' URL parameters (every one is asked for).
SAMPLES = {"actor": ["test-recycler", "test-refiner"],
           "path": ["relation/test-recycler.member_of.test-cluster.2011", "project/test-project", "scheme/kind",
                    "concept/kind/recycler"]}
#: More query strings per endpoint, to reach words a bare page does not show.
VARIANTS = {
    "network.index": [{"focus": "test-refiner", "hops": "1"}, {"from": "test-recycler", "to": "test-refiner"},
                      {"_suggest": "1"}],
    "gaps.chains": [{"district": "Goslar"}],
    "gaps.partners": [{"actor": "test-cluster"}],
    "gaps.borders": [{"level": "district"}],
    "actors.index": [{"kind": "recycler"}, {"q": "Refiner"}],
    "sparql.endpoint": [{"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}],
}


INLINE = r"(?:a|abbr|b|code|em|i|small|span|strong|time)"


def _text(page: str) -> str:
    """The visible text of a page: no scripts or styles; inline tags become a space, other
    tags a "¦" (so that a table cell's "1" and the next heading are not read as one phrase)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    page = re.sub(r"</?" + INLINE + r"\b[^>]*>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ¦ ", page)))


def _pages(app) -> list[str]:
    """The URL of every GET page of the app (its HTML face), with sample parameters."""
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint == "static" or rule.endpoint.startswith("edit."):
                continue  # the editors' pages need a login (their words: tests/webapp/test_edit*.py)
            if rule.rule.endswith(".json"):
                continue  # data, not a page
            if "fmt" in rule.arguments and (rule.defaults or {}).get("fmt") != "html":
                continue  # the JSON and CSV twins carry no page words of their own
            names = sorted(name for name in rule.arguments if name not in (rule.defaults or {}))
            for choice in itertools.product(*(SAMPLES[name] for name in names)):
                for extra in [{}, *VARIANTS.get(rule.endpoint, [])]:
                    urls.append(url_for(rule.endpoint, **dict(zip(names, choice, strict=True)), **extra))
    return sorted(set(urls))


@pytest.fixture(scope="module")
def pages(app) -> dict[tuple[str, str], str]:
    client = app.test_client()
    out = {}
    for url in _pages(app):
        for lang in ("de", "en"):
            joiner = "&" if "?" in url else "?"
            response = client.get(url + (f"{joiner}lang=en" if lang == "en" else ""), headers={"Accept": "text/html"})
            if url.startswith("/changes/compare") and response.status_code == 404:
                continue  # the test store has one release only: nothing to compare yet
            assert response.status_code == 200, url
            out[url, lang] = response.get_data(as_text=True)
    return out


def test_every_page_is_asked_for(pages):
    urls = {url for url, _lang in pages}
    for path in ("/", "/actors", "/actors/test-recycler", "/network", "/map", "/gaps", "/chains", "/borders",
                 "/brokers", "/report", "/report/briefing.html", "/sparql", "/id/project/test-project"):
        assert path in urls, path
    for (url, lang), page in pages.items():
        assert re.search(rf'<html lang="{lang}"', page), f"{url} is not in {lang}"


def test_no_page_says_one_with_a_plural_noun(pages):
    for (url, lang), page in pages.items():
        found = ONE_PLURAL.search(_text(page))
        assert found is None, f"{url} ({lang}): …{_text(page)[max(0, found.start() - 60):found.end() + 20]}…"


def test_the_check_would_catch_a_wrong_plural():
    assert ONE_PLURAL.search("Sie finden 1 Sammelstellen und 1 Projekte")
    assert ONE_PLURAL.search("4 of 5 districts, 1 ties known")
    assert not ONE_PLURAL.search("1 Sammelstelle, 11 Akteure, 1 von 3 Akteuren, 2,1 Akteure")


# --- English-only data on German pages --------------------------------------------------


def _english_only(web_settings) -> set[str]:
    """Data texts the graph holds in English only (``@en`` with no German, and not also a
    German or plain literal somewhere): notes, roles, capacities, descriptions …"""
    store = graph_store.open_read_only(web_settings.store_dir)
    query = """SELECT DISTINCT ?text WHERE {
      ?s ?p ?o FILTER(isLiteral(?o) && lang(?o) = "en")
      FILTER NOT EXISTS { ?s ?p ?de FILTER(isLiteral(?de) && lang(?de) = "de") }
      BIND(STR(?o) AS ?text)
      FILTER NOT EXISTS { ?x ?q ?same FILTER(isLiteral(?same) && lang(?same) != "en" && STR(?same) = ?text) }
    }"""
    return {str(row["text"].value) for row in store.query(query) if len(str(row["text"].value)) >= 8}


class _LangOfText(HTMLParser):
    """Each text node with the language in force where it stands (the nearest ``lang``)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []
        self.skip = 0

    def lang(self) -> str | None:
        return next((lang for _tag, lang in reversed(self.stack) if lang), None)

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        self.stack.append((tag, dict(attrs).get("lang")))
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                self.skip -= sum(t in ("script", "style") for t, _ in self.stack[i:])
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.texts.append((data, self.lang()))


def test_english_only_data_is_marked_on_german_pages(pages, web_settings):
    english = _english_only(web_settings)
    assert english, "the test data holds English-only notes and roles"
    shown = 0
    for (url, lang), page in pages.items():
        if lang != "de":
            continue
        parser = _LangOfText()
        parser.feed(page)
        for data, in_force in parser.texts:
            for text in english:
                if text in data:
                    shown += 1
                    assert in_force == "en", f"{url}: English “{text[:50]}” shown as {in_force!r}"
    assert shown, "some English-only text is shown on some German page"


def test_the_lang_check_reads_nesting():
    parser = _LangOfText()
    parser.feed('<html lang="de"><p>Rolle: <span lang="en">coordinator</span><br> und mehr</p>'
                '<script>var x = "coordinator";</script></html>')
    assert parser.texts == [("Rolle: ", "de"), ("coordinator", "en"), (" und mehr", "de")]


def test_percentages_follow_cldr(pages):
    """The score's parts as CLDR writes a percentage: "40 %" with a no-break space in
    German, "40%" in English (the shares themselves come from the scoring)."""
    from graph.views.gaps import score_weights

    share = round(score_weights()["value_chain"] * 100)
    assert f"Wertschöpfungskette ({share}\u00a0%:" in pages["/gaps", "de"]
    assert f"value chain ({share}%:" in pages["/gaps", "en"]
