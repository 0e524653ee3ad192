"""Every interface word the pages compose from parts exists in both languages."""

from __future__ import annotations

import pytest

from graph.views.actors import FACETS, SORTS
from graph.views.map import MEASURES
from webapp.i18n import LANGS, STRINGS, translate

COMPOSED = ([f"facet.{f}" for f in (*FACETS, "relation")] + [f"sort.{s}" for s in SORTS] + ["sort.-relations"]
            + [f"measure.{m}" for m in MEASURES] + [f"evidence.{e}" for e in ("high", "medium", "low")]
            + [f"network.note.{n}" for n in ("path_none", "path_unknown", "focus_unknown", "capped")]
            + [f"fact.{f}" for f in ("name", "kind", "city", "postcode", "district", "state", "coordinates", "website",
                                     "description", "capacity", "stage", "material", "category", "competency",
                                     "checked")]
            + [f"status.{s}" for s in ("confirmed", "candidate")] + [f"error.{c}" for c in (400, 404, 500, 503)])


@pytest.mark.parametrize("key", COMPOSED)
def test_composed_keys_exist(key):
    assert key in STRINGS


def test_every_string_has_both_languages_and_the_same_placeholders():
    for key, pair in STRINGS.items():
        assert len(pair) == len(LANGS) and all(pair), key
        german, english = pair
        assert _fields(german) == _fields(english), key


def test_plural_forms_name_every_case():
    """A counted text has the CLDR forms German and English need ("one", "other"); the
    placeholder that counts ("by") is one of its fields, if it names one."""
    for key, pair in STRINGS.items():
        for text in pair:
            if isinstance(text, str):
                continue
            assert {"one", "other"} <= set(text), key
            assert "by" not in text or text["by"] in _fields(text["other"]), key


def test_unknown_key_shows_itself():
    assert translate("no.such.key", "de") == "no.such.key"


def _fields(text) -> set[str]:
    """The placeholders of a text, or of all its plural forms together."""
    import string

    texts = [text] if isinstance(text, str) else [v for k, v in text.items() if k != "by"]
    return {name for t in texts for _literal, name, _spec, _conv in string.Formatter().parse(t) if name}
