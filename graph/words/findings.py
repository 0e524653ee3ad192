"""The sentences that explain the analyses' rows, in German and English.

An analysis returns values and ``reason_codes`` (what it found worth saying, in order);
this module words them at the edge — the CLI tables, the pages and the briefing — with
the labels of the graph in the reader's language and the numbers of
:mod:`graph.words.format`. A count picks its CLDR plural form; a label is never
declined inside a sentence (it follows a colon or stands in brackets).

The partner suggestions and the value-chain rows are worded where they are computed
(:mod:`graph.analyse.partners`, :mod:`graph.analyse.chains`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx

from graph.analyse._names import actor_label, district_name, label, state_name
from graph.words import format as fmt

Row = Mapping[str, Any]

#: analysis → language → code → text (or CLDR plural forms of the count named by "by").
TEXT: dict[str, dict[str, dict[str, Any]]] = {
    "borders": {
        "de": {
            "between": {"by": "o", "one": "{a}–{b}: {o} Verbindung bekannt, {e} wären bei ortsunabhängiger "
                                          "Partnerwahl zu erwarten",
                        "other": "{a}–{b}: {o} Verbindungen bekannt, {e} wären bei ortsunabhängiger Partnerwahl "
                                 "zu erwarten"},
            "within": {"by": "o", "one": "im Gebiet {a}: {o} Verbindung bekannt, {e} wären bei ortsunabhängiger "
                                         "Partnerwahl zu erwarten",
                       "other": "im Gebiet {a}: {o} Verbindungen bekannt, {e} wären bei ortsunabhängiger "
                                "Partnerwahl zu erwarten"},
            "ratio": "Verhältnis {r}",
            "weak": "die Grenze trennt noch: hier könnten neue Partnerschaften ansetzen",
            "none": "keine Erwartung (keine Verbindungen der beteiligten Akteure)",
        },
        "en": {
            "between": {"by": "o", "one": "{a}–{b}: {o} tie known, {e} would be expected if partners were chosen "
                                          "regardless of place",
                        "other": "{a}–{b}: {o} ties known, {e} would be expected if partners were chosen "
                                 "regardless of place"},
            "within": {"by": "o", "one": "within {a}: {o} tie known, {e} would be expected if partners were chosen "
                                         "regardless of place",
                       "other": "within {a}: {o} ties known, {e} would be expected if partners were chosen "
                                "regardless of place"},
            "ratio": "ratio {r}",
            "weak": "the border still separates: new partnerships could start here",
            "none": "nothing expected (the actors involved have no ties)",
        },
    },
    "brokers": {
        "de": {
            "between": "liegt auf {p} der kürzesten Wege zwischen anderen Akteuren",
            "holes": "seine {k} Partner sind untereinander kaum verbunden (effektive Größe {e})",
            "cut": {"one": "fiele es weg, verlöre {names} jeden bekannten Weg zum übrigen Netz",
                    "other": "fiele es weg, verlören {n} Akteure ({names}) jeden bekannten Weg zum übrigen Netz"},
            "bridges": "jeweils einzige bekannte Verbindung zwischen zwei Teilen des Netzes – Partner: {names}",
            "alone": "hat keine erfasste Verbindung",
            "none": "keine auffällige Vermittlerrolle",
        },
        "en": {
            "between": "lies on {p} of the shortest paths between other actors",
            "holes": "its {k} partners are hardly tied to each other (effective size {e})",
            "cut": {"one": "if it left, {names} would lose every known path to the rest",
                    "other": "if it left, {n} actors ({names}) would lose every known path to the rest"},
            "bridges": "its tie to {names} is in each case the only known link between two parts",
            "alone": "has no recorded tie",
            "none": "no notable brokerage",
        },
    },
    "periphery": {
        "de": {
            "alone": "keine erfasste Verbindung – es arbeitet allein, oder seine Verbindungen sind noch nicht "
                     "recherchiert",
            "one": "nur eine erfasste Verbindung: {names}",
            "few": "{k} Verbindungen ({names}), aber in keiner geschlossenen Gruppe (k-Kern {c})",
            "core": "k-Kern {c}",
            "apart": {"by": "m", "one": "gehört zu einer Gruppe von {n} Akteuren ohne Verbindung zum Hauptnetz "
                                        "({m} Akteur)",
                      "other": "gehört zu einer Gruppe von {n} Akteuren ohne Verbindung zum Hauptnetz ({m} Akteure)"},
            "offers": "bringt mit: {what}",
        },
        "en": {
            "alone": "no recorded tie – it works alone, or its ties are not yet researched",
            "one": "only one recorded tie: {names}",
            "few": "{k} ties ({names}) but in no closed group (k-core {c})",
            "core": "k-core {c}",
            "apart": {"by": "m", "one": "belongs to a group of {n} actors with no tie to the main network ({m} actor)",
                      "other": "belongs to a group of {n} actors with no tie to the main network ({m} actors)"},
            "offers": "offers: {what}",
        },
    },
    "community": {
        "de": {
            "group": {"one": "{c}: {n} Akteur, z. B. {examples}", "other": "{c}: {n} Akteure, z. B. {examples}"},
            "states": "Länder: {states}",
            "stages": "Stufen: {stages}",
        },
        "en": {
            "group": {"one": "{c}: {n} actor, e.g. {examples}", "other": "{c}: {n} actors, e.g. {examples}"},
            "states": "states: {states}",
            "stages": "stages: {stages}",
        },
    },
    "communities": {
        "de": {
            "eg": "z. B. ",
            "none": "{a} ({ea}) und {b} ({eb}) haben keine bekannte Verbindung",
            "one": "{a} ({ea}) und {b} ({eb}) verbindet nur eine bekannte Verbindung: {tie}",
            "few": "{a} ({ea}) und {b} ({eb}) verbinden nur {k} bekannte Verbindungen",
            "only": "nur {c} arbeitet an diesen Stufen: {stages}",
            "could": "ein Kontakt könnte die beiden Gruppen verbinden",
            "second": "eine zweite Verbindung würde sie weniger verletzlich machen",
        },
        "en": {
            "eg": "e.g. ",
            "none": "{a} ({ea}) and {b} ({eb}) have no known tie",
            "one": "{a} ({ea}) and {b} ({eb}) are linked by one known tie only: {tie}",
            "few": "{a} ({ea}) and {b} ({eb}) are linked by only {k} known ties",
            "only": "only {c} works at these stages: {stages}",
            "could": "a first contact could connect the two groups",
            "second": "a second tie would make the connection less fragile",
        },
    },
    "collection": {
        "de": {
            "count": {"one": "{d}: {n} bekannte Sammelstelle", "other": "{d}: {n} bekannte Sammelstellen"},
            "pop": "{x} je 100.000 Einwohner ({pop} Einwohner, Stand {date})",
            "area": "{x} je 100 km²",
            "groups": "keine Sammelstelle nimmt bekanntermaßen {groups} an",
            "unstated": {"one": "bei {n} Sammelstelle nennen die Quellen keine Gruppen",
                         "other": "bei {n} Sammelstellen nennen die Quellen keine Gruppen"},
            "unlinked": {"one": "{n} Sammelstelle hat einen Betreiber ohne bekannte Verbindung zu einem "
                                "Behandlungsakteur",
                         "other": "{n} Sammelstellen haben Betreiber ohne bekannte Verbindung zu einem "
                                  "Behandlungsakteur"},
        },
        "en": {
            "count": {"one": "{d}: {n} known collection point", "other": "{d}: {n} known collection points"},
            "pop": "{x} per 100,000 inhabitants ({pop} inhabitants as of {date})",
            "area": "{x} per 100 km²",
            "groups": "no centre is known to accept {groups}",
            "unstated": {"one": "for {n} centre the sources name no groups",
                         "other": "for {n} centres the sources name no groups"},
            "unlinked": {"one": "{n} centre is run by an operator with no known tie to a treatment actor",
                         "other": "{n} centres are run by operators with no known tie to a treatment actor"},
        },
    },
}


def say(analysis: str, code: str, lang: str, **values: object) -> str:
    """The text of ``code`` of ``analysis`` in ``lang`` with ``values`` filled in; numbers
    are written the way of ``lang`` and a count picks its plural form."""
    entry = TEXT[analysis][lang if lang in fmt.LANGS else "de"][code]
    if not isinstance(entry, str):
        entry = fmt.pick(entry, values.get(entry.get("by", "n"), 0), lang)
    written = {k: fmt.number(v, lang) if isinstance(v, int | float) and not isinstance(v, bool) else v
               for k, v in values.items()}
    return entry.format(**written)


def _names(G: nx.Graph, iris: Iterable[str], lang: str, limit: int) -> str:
    return fmt.join([actor_label(G, x) for x in iris], lang, limit=limit)


def _borders(G: nx.Graph, row: Row, lang: str) -> list[str]:
    parts = []
    for code in row["reason_codes"]:
        if code in ("between", "within"):
            parts.append(say("borders", code, lang, a=row[f"a_{lang}"], b=row[f"b_{lang}"], o=row["observed"],
                             e=fmt.number(row["expected"], lang, 1)))
        elif code == "ratio":
            parts.append(say("borders", code, lang, r=fmt.number(row["ratio"], lang, 2)))
        else:
            parts.append(say("borders", code, lang))
    return parts


def _brokers(G: nx.Graph, row: Row, lang: str) -> list[str]:
    values = {
        "between": lambda: {"p": fmt.percent(row["betweenness"], lang)},
        "holes": lambda: {"k": row["degree"], "e": fmt.number(row["effective_size"], lang, 1)},
        "cut": lambda: {"n": row["cut_off_count"], "names": _names(G, row["cut_off"], lang, 3)},
        "bridges": lambda: {"names": _names(G, row["bridges"], lang, 3)},
    }
    return [say("brokers", code, lang, **values.get(code, dict)()) for code in row["reason_codes"]]


def _periphery(G: nx.Graph, row: Row, lang: str) -> list[str]:
    names = _names(G, row["partners"], lang, 3)
    # Labels by concept IRI; a competency and a stage may share a label ("Sortierung"): once.
    named = [*(label(G, x, lang, "competency") for x in row["competencies"]),
             *(label(G, x, lang, "stage") for x in row["stages"])]
    seen: dict[str, str] = {}
    for name in named:
        seen.setdefault(name.casefold(), name)
    offers = list(seen.values())
    values = {
        "one": {"names": names},
        "few": {"k": row["degree"], "names": names, "c": row["core"]},
        "core": {"c": row["core"]},
        "apart": {"n": row["component_size"], "m": row["main_component_size"]},
        "offers": {"what": fmt.join(offers, lang, limit=4)},
    }
    return [say("periphery", code, lang, **values.get(code, {})) for code in row["reason_codes"]]


def _community(G: nx.Graph, row: Row, lang: str) -> list[str]:
    parts = [say("community", "group", lang, c=row["community"], n=row["size"],
                 examples=fmt.join(row["examples"], lang))]
    if row["states"]:
        parts.append(say("community", "states", lang,
                         states=fmt.join([state_name(G, s, lang) for s in row["states"]], lang)))
    if row["stages"]:
        parts.append(say("community", "stages", lang,
                         stages=fmt.join([label(G, s, lang, "stage") for s in row["stages"]], lang, limit=4)))
    return parts


def _community_gap(G: nx.Graph, row: Row, lang: str) -> list[str]:
    eg = TEXT["communities"][lang]["eg"]
    names = {"a": row["community_a"], "b": row["community_b"],
             "ea": eg + fmt.join(row["examples_a"][:2], lang), "eb": eg + fmt.join(row["examples_b"][:2], lang)}
    parts = []
    for code in row["reason_codes"]:
        if code == "one":
            u, v = row["ties"][0].split(" – ", 1)
            parts.append(say("communities", code, lang, tie=f"{actor_label(G, u)} – {actor_label(G, v)}", **names))
        elif code in ("none", "few"):
            parts.append(say("communities", code, lang, k=row["links"], **names))
        elif code in ("only_a", "only_b"):
            side = code[-1]
            stages = fmt.join([label(G, s, lang, "stage") for s in row[f"stages_only_{side}"]], lang, limit=3)
            parts.append(say("communities", "only", lang, c=row[f"community_{side}"], stages=stages))
        else:
            parts.append(say("communities", code, lang))
    return parts


def _collection(G: nx.Graph, row: Row, lang: str) -> list[str]:
    parts = []
    for code in row["reason_codes"]:
        if code == "count":
            parts.append(say("collection", code, lang, d=district_name(G, row["district"], lang), n=row["points"]))
        elif code == "pop":
            parts.append(say("collection", code, lang, x=fmt.number(row["per_100k"], lang, 1),
                             pop=fmt.integer(row["population"], lang),
                             date=fmt.date(row["population_date"], lang, missing="?")))
        elif code == "area":
            parts.append(say("collection", code, lang, x=fmt.number(row["per_100_km2"], lang, 2)))
        elif code == "groups":
            parts.append(say("collection", code, lang, groups=fmt.join(row["groups_not_known"], lang)))
        elif code == "unstated":
            parts.append(say("collection", code, lang, n=row["points_without_groups"]))
        elif code == "unlinked":
            text = say("collection", code, lang, n=len(row["points_without_treatment_tie"]))
            operators = row["operators_without_treatment_tie"]
            parts.append(f"{text} ({_names(G, operators, lang, 3)})" if operators else text)
    return parts


#: analysis (the registry's name, and "community" for the rows of ``communities``) →
#: the function that words one row.
WORDERS: dict[str, Callable[[nx.Graph, Row, str], list[str]]] = {
    "borders": _borders,
    "brokers": _brokers,
    "periphery": _periphery,
    "community": _community,
    "communities": _community_gap,
    "collection": _collection,
}


def reasons(analysis: str, G: nx.Graph, row: Row, lang: str) -> str:
    """The row's reasons in ``lang``, one sentence of parts joined by "; "."""
    return "; ".join(WORDERS[analysis](G, row, lang))


def with_reasons(analysis: str, G: nx.Graph, rows: Iterable[Row]) -> list[dict[str, Any]]:
    """The rows with ``reasons_de`` and ``reasons_en`` added (for tables that show both);
    rows of an analysis this module does not word are returned as they are."""
    if analysis not in WORDERS:
        return [dict(row) for row in rows]
    return [{**row, **{f"reasons_{lang}": reasons(analysis, G, row, lang) for lang in fmt.LANGS}} for row in rows]
