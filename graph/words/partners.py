"""The words of the partner suggestions' reasons, in German and English, in one place.

:func:`graph.analyse.missing_partnerships` gives each pair its reasons as codes with values
(``{"code": "chain", "items": [...], "flow": {...}}``); this module turns them into words.
The analysis' ``reasons_de``/``reasons_en``, the viewer's score parts and the briefing all
take their sentences from here. Concept labels are looked up by concept IRI (scheme and
notation), never by a bare notation. German stays grammatical whatever label is inserted:
labels stand after a colon or in quotation marks, never where they would need a case ending.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.analyse._names import actor_label, district_name, item_label, join, label, state_name

#: Which part of the score a reason explains (the viewer shows them part by part).
PART_OF = {"topic_chain": "topic", "topic_both": "topic", "topic_next": "topic", "topic_one": "topic",
           "chain": "value_chain", "partners": "proximity", "brings": "competence",
           "state_border": "border", "district_border": "border"}

TEXT = {
    "de": {
        "could": "{a} und {b} könnten zusammenarbeiten: ",
        "topic_chain": "beide arbeiten zum Thema {topic}{held}; {up} bei „{s1}“, {down} {when} bei „{s2}“",
        "topic_both": "beide arbeiten zum Thema {topic}{held}",
        "topic_next": "{holder} arbeitet zum Thema {topic}{held} bei „{s1}“; {other} arbeitet {when} bei „{s2}“",
        "topic_next_up": "{holder} arbeitet zum Thema {topic}{held} bei „{s2}“; {other} arbeitet davor bei „{s1}“",
        "topic_one": "{holder} arbeitet zum Thema {topic}{held}",
        "chain": "gemeinsam bearbeitet: {items}; {up} arbeitet bei „{s1}“, {down} {when} bei „{s2}“",
        "chain_also": "außerdem gemeinsam bearbeitet: {items}",
        "next": "direkt danach",
        "later": "danach",
        "partners1": "ein gemeinsamer Partner könnte sie einander vorstellen: {names}",
        "partners": "{n} gemeinsame Partner könnten sie einander vorstellen: {names}",
        "brings": "{x} bringt mit: {what}",
        "state_border": "würde die Landesgrenze {s1}–{s2} überbrücken",
        "district_border": "würde die Landkreise {d1} und {d2} verbinden",
    },
    "en": {
        "could": "{a} and {b} could work together: ",
        "topic_chain": "both work on {topic}{held}; {up} at “{s1}”, {down} {when} at “{s2}”",
        "topic_both": "both work on {topic}{held}",
        "topic_next": "{holder} works on {topic}{held} at “{s1}”; {other} works {when} at “{s2}”",
        "topic_next_up": "{holder} works on {topic}{held} at “{s2}”; {other} works before it at “{s1}”",
        "topic_one": "{holder} works on {topic}{held}",
        "chain": "both handle {items}; {up} works at “{s1}”, {down} {when} at “{s2}”",
        "chain_also": "they also both handle {items}",
        "next": "right after it",
        "later": "later",
        "partners1": "one common partner could introduce them: {names}",
        "partners": "{n} common partners could introduce them: {names}",
        "brings": "{x} brings {what}",
        "state_border": "would cross the state border {s1}–{s2}",
        "district_border": "would link the districts {d1} and {d2}",
    },
}


def concept_label(G: nx.Graph, concept: dict[str, str], lang: str) -> str:
    """The label of ``{"scheme", "notation"}``, looked up by IRI."""
    return label(G, concept["notation"], lang, concept["scheme"])


def stage_label(G: nx.Graph, stage: str, lang: str) -> str:
    """A stage's label without its explanation in brackets ("Erfassung (Sammlung …)" → "Erfassung")."""
    return label(G, stage, lang, "stage").split(" (", 1)[0]


def reason_text(G: nx.Graph, reason: dict[str, Any], lang: str, names: dict[str, str] | None = None) -> str:
    """One reason in words; ``names`` may give the actors' names (else their labels)."""
    t = TEXT[lang]
    names = names or {}

    def name(iri: str) -> str:
        return names.get(iri) or actor_label(G, iri)

    code = reason["code"]
    if code.startswith("topic_"):
        topic = join([concept_label(G, c, lang) for c in reason["topic"]], lang)
        chosen = {c["notation"] for c in reason["topic"]}
        held_all = sorted({h for held in reason["held"].values() for h in held} - chosen)
        held = join([_held_label(G, h, reason["topic"], lang) for h in held_all], lang, limit=4)
        held = f" ({held})" if held else ""
        flow = reason.get("flow")
        values: dict[str, Any] = {"topic": topic, "held": held}
        if flow:
            values.update(up=name(flow["up"]), down=name(flow["down"]), s1=stage_label(G, flow["s1"], lang),
                          s2=stage_label(G, flow["s2"], lang), when=t["next"] if flow["next"] else t["later"])
        if code in ("topic_next", "topic_one"):
            values.update(holder=name(reason["holder"]), other=name(reason["other"]))
            if code == "topic_next" and flow["up"] != reason["holder"]:
                code = "topic_next_up"
        return t[code].format(**values)
    if code == "chain":
        flow = reason["flow"]
        items = join([item_label(G, i, lang) for i in reason["items"]], lang, limit=4)
        if flow is None:
            return t["chain_also"].format(items=items)
        return t["chain"].format(items=items,
                                 up=name(flow["up"]), down=name(flow["down"]), s1=stage_label(G, flow["s1"], lang),
                                 s2=stage_label(G, flow["s2"], lang), when=t["next"] if flow["next"] else t["later"])
    if code == "partners":
        partners = reason["partners"]
        n = len(partners)
        return t["partners1" if n == 1 else "partners"].format(n=n, names=join([name(w) for w in partners], lang,
                                                                                limit=4))
    if code == "brings":
        return "; ".join(t["brings"].format(x=name(x), what=join([label(G, c, lang, "competency") for c in k], lang,
                                                                  limit=3))
                         for x, k in reason["brings"].items())
    if code == "state_border":
        s1, s2 = reason["states"]
        return t["state_border"].format(s1=state_name(G, s1, lang), s2=state_name(G, s2, lang))
    if code == "district_border":
        d1, d2 = reason["districts"]
        return t["district_border"].format(d1=district_name(G, d1, lang), d2=district_name(G, d2, lang))
    raise ValueError(f"unknown reason code {code!r}")


def reasons_text(G: nx.Graph, row: dict[str, Any], lang: str) -> str:
    """The whole sentence of one suggestion: "A und B könnten zusammenarbeiten: …; …"."""
    names = {row["actor_a"]: row["label_a"], row["actor_b"]: row["label_b"]}
    parts = [reason_text(G, reason, lang, names) for reason in row["reasons"]]
    return TEXT[lang]["could"].format(a=row["label_a"], b=row["label_b"]) + "; ".join(parts)


def _held_label(G: nx.Graph, notation: str, topic: list[dict[str, str]], lang: str) -> str:
    schemes = [c["scheme"] for c in topic] or ["material"]
    for scheme in schemes:
        found = label(G, notation, lang, scheme)
        if found != notation:
            return found
    return item_label(G, notation, lang)
