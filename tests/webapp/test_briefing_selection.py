"""A briefing about a district or a topic (/report?district=…&material=…) is prepared by the
viewer from what the build has written — the partner index's ranking, the actors' sources and
the placed collection points (issue 15: at 100,000 actors reading and ranking them again took
two minutes) — and is the same document as the one computed from the store alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import store as store_mod
from graph.build.ingest import build
from graph.report.briefing import Selection, briefing_context, build_report
from graph.settings import Settings
from webapp import create_app

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The viewer on the shipped data, whose selections have partner rows to compare."""
    settings = Settings(data_dir=REPO / "data", store_dir=tmp_path_factory.mktemp("shipped") / "store")
    build(settings)
    app = create_app(settings)
    app.config["HARZGRAPH_PREPARE_WAIT_S"] = 300  # the test compares results, not the wait
    return settings, app.test_client()


@pytest.mark.parametrize("selection", [{"district": "03153", "material": "batteries"}, {"state": "16"},
                                       {"material": "copper"}, {"district": "15085", "competency": "research"}])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_selections_briefing_is_the_one_computed_from_the_store(shipped, selection, lang):
    settings, client = shipped
    query = "&".join(f"{k}={v}" for k, v in selection.items())
    served = client.get(f"/report/briefing.html?{query}&lang={lang}")
    assert served.status_code == 200
    store = store_mod.open_read_only(settings.store_dir)
    chosen = Selection(**selection)
    # The comparison must cover partner rows: the selections are ones the shipped data has pairs for.
    assert briefing_context(store, lang=lang, selection=chosen)["partners"]
    assert served.get_data(as_text=True) == build_report(store, lang=lang, selection=chosen)
