"""The interface's word table: every text with a count is right for a count of one."""

from __future__ import annotations

import re

import pytest

from graph.words import ui
from tests.graph.words.plurals import ONE_PLURAL

#: Texts whose count is never one: a configured limit, or a part of a larger result.
NEVER_ONE = {"sparql.intro", "sparql.truncated.rows", "sparql.truncated.bytes", "sparql.shown"}


def _fields(entry) -> set[str]:
    texts = [entry] if isinstance(entry, str) else [v for k, v in entry.items() if k != "by"]
    return {name for text in texts for name in re.findall(r"\{(\w+)\}", text)}


@pytest.mark.parametrize("lang", ui.LANGS)
def test_every_text_is_right_for_a_count_of_one(lang):
    for key, pair in ui.STRINGS.items():
        if key in NEVER_ONE:
            continue
        entry = pair[ui.LANGS.index(lang)]
        fields = _fields(entry)
        said = ui.translate(key, lang, **dict.fromkeys(fields, 1)) if fields else ui.translate(key, lang, n=1)
        assert not ONE_PLURAL.search(said), f"{key} ({lang}): {said}"


def test_counts_pick_their_form_and_are_written_per_language():
    assert ui.translate("map.unplaced.sites", "de", n=1) == "1 Sammelstelle ohne Koordinaten"
    assert ui.translate("map.unplaced.sites", "de", n=1234) == "1.234 Sammelstellen ohne Koordinaten"
    assert ui.translate("map.unplaced.sites", "en", n=1234) == "1,234 collection points without coordinates"
    assert ui.translate("borders.cell", "en", a="A", b="B", o=1, e="0.5") == "A – B: 1 tie known, 0.5 expected"
    assert ui.translate("home.districts.candidates", "de", n=0) == "weitere Kandidaten gibt es nicht."
    assert ui.translate("home.total.sources", "en", n=1) == "source"


def test_a_script_gets_the_forms_to_pick_from():
    assert ui.for_script("sparql.rows", "de") == {"one": "{n} Zeile", "other": "{n} Zeilen"}
    assert ui.for_script("sparql.run", "en") == "Run"
    assert ui.for_script("no.such.key", "en") == "no.such.key"
