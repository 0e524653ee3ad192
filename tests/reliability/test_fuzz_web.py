"""The web fuzzer (issue 10): random page parameters and SPARQL requests never get a 5xx or a
traceback, and the server answers normally afterwards. Seeded and bounded for CI;
bench/reliability.py runs the same oracle over thousands of requests."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

from tests.reliability import webfuzz

EXAMPLES = int(os.environ.get("HARZGRAPH_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def fuzz_client(web_settings):
    from webapp import create_app

    app = create_app(replace(web_settings, query_timeout_s=2.0))
    yield app.test_client()
    app.extensions["harzgraph"].close_runner()


@FUZZ
@given(request=webfuzz.page_requests)
def test_page_parameters(fuzz_client, request):
    status, body = webfuzz.page_request(fuzz_client, request)
    webfuzz.check(status, body, repr(request)[:200])


@FUZZ
@given(request=webfuzz.sparql_requests)
def test_sparql_requests(fuzz_client, request):
    status, body = webfuzz.sparql_request(fuzz_client, request)
    webfuzz.check(status, body, repr(request)[:200])


def test_the_server_is_alive_afterwards(fuzz_client):
    assert fuzz_client.get("/").status_code == 200
    response = fuzz_client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }", "format": "json"})
    assert response.status_code == 200 and response.get_json()["boolean"] is True
