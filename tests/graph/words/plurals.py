"""What must never follow a "1": the plural nouns of the counted texts (shared by the
table test and the test that renders every page)."""

from __future__ import annotations

import re

from graph.words import ui


def plural_nouns() -> set[str]:
    """The words that follow a count in the "other" form of every counted text of the table
    (both languages), plus the nouns the issue names: what must never follow a "1"."""
    nouns = set()
    for pair in ui.STRINGS.values():
        for entry in pair:
            if isinstance(entry, str):
                continue
            after = re.compile(r"\{" + entry.get("by", "n") + r"\} ([^{}.,:;()]+)")
            other = after.search(entry["other"])
            if other is None:  # the count stands outside the text: the text is the noun
                nouns.add(entry["other"])
                continue
            one = after.search(entry["one"])
            words, singular = other.group(1).split(), one.group(1).split() if one else []
            for i, word in enumerate(words):  # up to the first word that the plural changes
                if i >= len(singular) or singular[i] != word:
                    nouns.add(" ".join(words[: i + 1]))
                    break
    # "weitere" agrees with the noun after it ("1 weitere Kategorie" is right), so alone it is no plural
    nouns.discard("weitere")
    nouns |= {"Akteure", "Sammelstellen", "Projekte", "Verbindungen", "Beziehungen", "Vorschläge", "Quellen",
              "ties", "actors", "projects", "sources", "suggestions", "relations", "Landkreise", "districts"}
    return nouns


NOUNS = plural_nouns()
ONE_PLURAL = re.compile(r"(?<![\d.,])\b1 (" + "|".join(sorted(map(re.escape, NOUNS))) + r")\b")


