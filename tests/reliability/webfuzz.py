"""The web fuzzer's parts, shared by tests/reliability/test_fuzz_web.py (bounded, seeded, in
CI) and bench/reliability.py (the campaign): strategies for page requests and SPARQL
requests, and the oracle "no 5xx, no traceback, the server stays alive"."""

from __future__ import annotations

from hypothesis import strategies as st

from webapp.params import KNOWN

PAGES = ("/", "/index.json", "/actors", "/actors.json", "/actors.csv", "/actors/test-recycler",
         "/actors/test-recycler.json", "/network", "/network.json", "/map", "/map.json", "/gaps", "/gaps.json",
         "/chains", "/chains.json", "/borders", "/brokers", "/brokers.csv", "/id/actor/test-recycler",
         "/id/concept/kind/recycler", "/report", "/sparql")
NUMBERS = ("0", "1", "2", "-1", "²", "¹", "٣", "9" * 5000, "1e3", "1.5", " 1", "+1", "0x10", "")
VALUES = ("recycler", "Goslar", "03153", "16", "test-recycler", "test-refiner", "none", "en", "de", "-relations",
          "<script>", "$x$", "=1+1", "%00", "\x00", "\ufffe", "a" * 300)

names = st.one_of(st.sampled_from(sorted(KNOWN)), st.text(max_size=12))
values = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(VALUES), st.text(max_size=30))
page_requests = st.tuples(st.sampled_from(PAGES), st.lists(st.tuples(names, values), max_size=5),
                          st.sampled_from(["text/html", "application/json", "*/*", "text/csv", ""]))

FRAGMENTS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "*", "WHERE", "{", "}", "(", ")", "[", "]", ".", ";",
             "?s", "?p", "?o", "$x", "<http://example.org/>", "<g>", "<\\UFFFFFFFF>", "<\\U00110000>", "<\\uD800>",
             "<http://[x/>", "BASE", "PREFIX", "p:", "p:x", "FROM", "NAMED", "FILTER", "REGEX", "(?s, \"a+\")",
             "\"x\"", "'y'", "\"\"\"z\"\"\"", "@en", "LIMIT", "1", "-1", "99999999999999999999", "OPTIONAL",
             "UNION", "SERVICE", "INSERT", "LOAD", "GRAPH", "VALUES", "BIND", "AS", "COUNT", "GROUP BY", "#",
             "\n", "rdfs:label", "org:Organization", "a", "<>", "\\", "\x00", "\ufffe", "é")
queries = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=14).map(" ".join),
    st.text(max_size=60),
    st.sampled_from(["SELECT * WHERE { ?s ?p ?o } LIMIT 3", "ASK { ?s ?p ?o }",
                     "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2"]),
)
sparql_requests = st.tuples(
    queries,
    st.sampled_from([None, "json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "nonsense", ""]),
    st.sampled_from([None, "spreadsheet", "x"]),
    st.sampled_from(["GET", "POST-form", "POST-query"]),
    st.sampled_from(["application/sparql-results+json", "text/html", "*/*", "text/csv", "application/json", ""]),
)

TRACEBACK = b"Traceback (most recent call last)"


def check(status: int, body: bytes, what: str) -> None:
    """The oracle for one answer."""
    if status >= 500 and status != 503:
        raise AssertionError(f"{what}: {status}")
    if TRACEBACK in body:
        raise AssertionError(f"{what}: a traceback in the body")


def page_request(client, request) -> tuple[int, bytes]:
    path, pairs, accept = request
    response = client.get(path, query_string=pairs, headers={"Accept": accept} if accept else {})
    return response.status_code, response.get_data()


def sparql_request(client, request) -> tuple[int, bytes]:
    query, fmt, download, method, accept = request
    fields = {"query": query}
    if fmt is not None:
        fields["format"] = fmt
    if download is not None:
        fields["_download"] = download
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        response = client.get("/sparql", query_string=fields, headers=headers)
    elif method == "POST-form":
        response = client.post("/sparql", data=fields, headers=headers)
    else:
        extra = {k: v for k, v in fields.items() if k != "query"}
        response = client.post("/sparql", query_string=extra, data=query.encode("utf-8", "surrogatepass"),
                               headers={**headers, "Content-Type": "application/sparql-query"})
    return response.status_code, response.get_data()
