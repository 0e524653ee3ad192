"""The words of the collection model and scenarios (issue 12): the interface strings of
``/collection`` (merged into ``graph.words.ui.STRINGS``), the sentences the model's
quantities carry (status, assumptions; used by the page, the JSON twin, ``harzgraph
scenario`` and the briefing) and the briefing's table words."""

from __future__ import annotations

#: key → (German, English), merged into graph.words.ui.STRINGS.
STRINGS: dict[str, tuple[str, str]] = {
    "nav.collection": ("Sammlung", "Collection"),
    "collection.title": ("Sammlung: Abstand zum Sammelziel und Szenarien",
                         "Collection: distance to the target, and scenarios"),
    "collection.describe": ("Je Landkreis: anfallende, gesammelte und Ziel-Menge an Elektroaltgeräten, Sammelquote und "
                            "Lücke in Tonnen – jeder Wert gemessen, geschätzt oder angenommen, mit Quelle; dazu ein "
                            "Was-wäre-wenn mit Hebeln, als Spanne.",
                            "Per district: WEEE generated, collected and the target amount, the collection rate and "
                            "the gap in tonnes — each value measured, estimated or assumed, with its source; and a "
                            "what-if with levers, as a range."),
    "collection.definition": ("Ziel: 85 % der anfallenden Altgeräte (WEEE-Richtlinie Art. 7, § 10 ElektroG). Quote = "
                              "gesammelt ÷ anfallend. Alle Mengen in Tonnen je Jahr.",
                              "Target: 85% of WEEE generated (WEEE Directive Art. 7, § 10 ElektroG). Rate = "
                              "collected ÷ generated. All amounts in tonnes per year."),
    "collection.levers": ("Was wäre, wenn …", "What if …"),
    "collection.levers.note": ("Jeder Hebel wirkt je Einheit in einer belegten Spanne (niedrig–hoch); die Anzahl gilt "
                               "für jeden Landkreis der Tabelle.",
                               "Each lever works per count within a sourced range (low–high); the count applies to "
                               "every district in the table."),
    "collection.per.container": ("Container", "containers"),
    "collection.per.event": ("Sammeltage je Jahr", "collection days a year"),
    "collection.per.household": ("erreichte Haushalte je Jahr", "households reached a year"),
    "collection.per.inhabitant": ("0 = aus, 1 = ein", "0 = off, 1 = on"),
    "collection.per.person": ("erreichte Personen je Jahr", "persons reached a year"),
    "collection.unit.container": ("Container", "container"),
    "collection.unit.event": ("Sammeltag", "collection day"),
    "collection.unit.household": ("Haushalt", "household"),
    "collection.unit.inhabitant": ("Einwohner", "inhabitant"),
    "collection.unit.person": ("Person", "person"),
    "collection.effect": ("{low}–{high} {unit} je {per}", "{low}–{high} {unit} per {per}"),
    "collection.district": ("Landkreis für die Zusammenfassung", "District for the summary"),
    "collection.district.none": ("keiner", "none"),
    "collection.run": ("Szenario rechnen", "Run the scenario"),
    "collection.reset": ("Hebel zurücksetzen", "Clear the levers"),
    "collection.col.population": ("Einwohner", "Inhabitants"),
    "collection.col.generated": ("anfallend (t)", "generated (t)"),
    "collection.col.collected": ("gesammelt (t)", "collected (t)"),
    "collection.col.target": ("Ziel 85 % (t)", "target 85% (t)"),
    "collection.col.rate": ("Quote (%)", "rate (%)"),
    "collection.col.gap": ("Lücke (t)", "gap (t)"),
    "collection.col.scenario": ("mit Hebeln", "with levers"),
    "collection.gap.word": ("Lücke", "gap"),
    "collection.col.points": ("Sammelstellen (bekannte)", "collection points (known)"),
    "collection.no_levers": ("keine Hebel gewählt", "no levers chosen"),
    "collection.no_model": ("keine Einwohnerzahl: kein Modell", "no population: no model"),
    "collection.chart": ("Anfallend, Ziel, gesammelt und mit Hebeln (t je Jahr)",
                         "Generated, target, collected and with levers (t a year)"),
    "collection.chart.generated": ("anfallend (Spanne)", "generated (range)"),
    "collection.chart.target": ("Ziel 85 % (Spanne)", "target 85% (range)"),
    "collection.chart.collected": ("gesammelt (gemessen: voll, geschätzt: gestreift, angenommen: hell)",
                                   "collected (measured: solid, estimated: striped, assumed: light)"),
    "collection.chart.scenario": ("mit Hebeln (Spanne)", "with levers (range)"),
    "collection.status": ("Status", "Status"),
    "collection.status.note": ("gemessen = Zahl des Landkreises aus einer Quelle; geschätzt = aus einer Zahl für ein "
                               "größeres Gebiet abgeleitet; angenommen = keine Quelle, eine benannte Annahme.",
                               "measured = the district's own figure from a source; estimated = derived from a figure "
                               "for a larger area; assumed = no source, a stated assumption."),
    "collection.focus": ("{district}: mit den gewählten Hebeln {collected} t im Jahr gesammelt (statt {now} t), "
                         "Quote {rate} % (statt {rate_now} %).",
                         "{district}: with the chosen levers {collected} t collected a year (instead of {now} t), "
                         "rate {rate}% (instead of {rate_now}%)."),
    "collection.focus.gap": ("Bis zum Ziel fehlen dann noch {gap} t im Jahr.",
                             "Still {gap} t a year short of the target."),
    "collection.focus.reached": ("Das Ziel wäre in der ganzen Spanne erreicht.",
                                 "The target would be reached across the range."),
    "collection.focus.added": ("Die Hebel bringen {low}–{high} t im Jahr:", "The levers add {low}–{high} t a year:"),
    "collection.assumptions": ("Annahmen", "Assumptions"),
    "collection.context": ("Weitere Zahlen (nicht verwendet: Teilgebiet, nur Kleingeräte oder ältere Jahre)",
                           "Further figures (not used: part of the district, small devices only, or older years)"),
    "collection.levers.table": ("Hebel und ihre belegte Wirkung", "Levers and their sourced effect"),
    "collection.col.lever": ("Hebel", "Lever"),
    "collection.col.effect": ("Wirkung je Einheit", "Effect per count"),
    "collection.col.assumption": ("Annahme", "Assumption"),
    "collection.col.per100km2": ("je 100 km²", "per 100 km²"),
    "collection.col.groups": ("Was fehlt oder unbekannt ist", "What is missing or unknown"),
    "collection.basis.oere": ("örE", "örE"),
    "collection.basis.all-channels": ("alle Sammelwege", "all channels"),
    "collection.basis.first-treatment": ("Erstbehandlung", "first treatment"),
    "collection.basis.generated": ("anfallend", "generated"),
    "collection.basis.put-on-market": ("in Verkehr gebracht", "put on the market"),
    "collection.devices.all": ("alle Geräte", "all devices"),
    "collection.devices.small": ("Kleingeräte", "small devices"),
    "collection.devices.large": ("Großgeräte", "large devices"),
    "collection.coverage": ("Sammelstellen je Landkreis", "Collection points per district"),
    "collection.points.only_known": ("Gezählt sind nur die bekannten Sammelstellen der Daten, nicht alle Stellen.",
                                     "Only the known collection points of the data are counted, not every point."),
    "collection.sources": ("Quellen", "Sources"),
    "collection.method": ("Die Formeln: docs/COLLECTION.md und die Daten in data/collection_figures.csv und "
                          "data/collection_levers.csv.",
                          "The formulas: docs/COLLECTION.md; the data in data/collection_figures.csv and "
                          "data/collection_levers.csv."),
    "map.points.only_known": ("Die Karte zeigt und zählt nur die bekannten Sammelstellen der Daten (mit ihrer "
                              "Ortsgenauigkeit), nicht alle Sammelstellen der Region.",
                              "The map shows and counts only the known collection points of the data (with their "
                              "location precision), not every collection point in the region."),
}

#: The model's sentences: status names and the assumptions every number carries.
MODEL = {
    "de": {
        "status.measured": "gemessen", "status.estimated": "geschätzt", "status.assumed": "angenommen",
        "national_generation": "Anfallende Altgeräte je Einwohner: nationale Schätzungen für Deutschland ({years}); "
                               "die Haushalte eines Landkreises können abweichen (kleinere Haushalte erzeugen "
                               "je Kopf mehr).",
        "target_definition": "Ziel: 85 % der anfallenden Altgeräte (WEEE-Richtlinie Art. 7, § 10 ElektroG). "
                             "Die andere Definition (65 % des Durchschnitts der in den drei Vorjahren in Verkehr "
                             "gebrachten Menge) ist nicht anwendbar: Inverkehrbringensmengen gibt es nur für "
                             "Deutschland und nicht für drei aufeinanderfolgende Jahre.",
        "oere_only": "Gesammelt zählt nur den örE (Wertstoffhöfe, Abholung, Container); Rücknahme durch Handel und "
                     "Hersteller steckt nicht in den Zahlen der Landkreise, die Quote unterschätzt also die Sammlung "
                     "über alle Wege.",
        "additive": "Die Wirkungen der Hebel addieren sich ohne Sättigung und ohne Wechselwirkung.",
        "per_year": "Alle Mengen gelten je Jahr; Zahlen aus verschiedenen Jahren (angegeben) werden verglichen, "
                    "als wären sie aktuell.",
        "assumed_collected": "Für {state} ist keine örE-Menge je Einwohner belegt und für den Landkreis keine eigene: "
                             "angenommen wird die Spanne der anderen Länder der Region ({others}).",
        "estimated_collected": "Keine eigene Zahl des Landkreises: örE-Menge je Einwohner des Landes ({kg} kg, {year}) "
                               "× Einwohner – eine Schätzung, keine Messung.",
        "points": "Gezählt sind nur die bekannten Sammelstellen der Daten; {located} von {n} haben Koordinaten "
                  "und werden nach ihrer Lage im Landkreis gezählt{rest}.",
        "points.rest": ", die übrigen nach ihrer Landkreisangabe",
        "no_generated": "keine nationale Schätzung der anfallenden Menge in den Daten",
    },
    "en": {
        "status.measured": "measured", "status.estimated": "estimated", "status.assumed": "assumed",
        "national_generation": "WEEE generated per inhabitant: national estimates for Germany ({years}); a district's "
                               "households may differ (smaller households generate more per head).",
        "target_definition": "Target: 85% of WEEE generated (WEEE Directive Art. 7, § 10 ElektroG). The other "
                             "definition (65% of the average put on the market in the three previous years) cannot be "
                             "applied: put-on-market amounts exist only for Germany, not for three consecutive years.",
        "oere_only": "Collected counts the waste authority (örE) only (yards, pick-up, containers); take-back by "
                     "retailers and producers is not in the district figures, so the rate understates collection "
                     "through all channels.",
        "additive": "Lever effects add up, without saturation or interaction.",
        "per_year": "All amounts are per year; figures from different years (shown) are compared as if current.",
        "assumed_collected": "No örE amount per inhabitant is sourced for {state}, and none for the district itself: "
                             "the range of the region's other states is assumed ({others}).",
        "estimated_collected": "No figure of the district's own: the state's örE amount per inhabitant ({kg} kg, "
                               "{year}) × inhabitants — an estimate, not a measurement.",
        "points": "Only the known collection points of the data are counted; {located} of {n} have coordinates and "
                  "are counted in the district where they lie{rest}.",
        "points.rest": ", the others by their district column",
        "no_generated": "no national estimate of WEEE generated in the data",
    },
}

#: The briefing's table on the distance to the collection target.
BRIEFING = {
    "de": {
        "title": "Abstand zum Sammelziel",
        "intro": "Je Landkreis die anfallende Menge an Elektroaltgeräten, die gesammelte Menge (vom örE), das Ziel "
                 "(85 % der anfallenden Menge) und die Lücke in Tonnen je Jahr, als Spannen. Jeder Wert ist als "
                 "gemessen, geschätzt oder angenommen gekennzeichnet; Szenarien mit Hebeln rechnet die Seite "
                 "„Sammlung“ und der Befehl harzgraph scenario.",
        "district": "Landkreis", "generated": "anfallend (t)", "collected": "gesammelt (t)",
        "target": "Ziel (t)", "rate": "Quote (%)", "gap": "Lücke (t)", "assumptions": "Annahmen",
        "none": "keine Einwohnerzahl",
    },
    "en": {
        "title": "Distance to the collection target",
        "intro": "Per district the WEEE generated, the amount collected (by the waste authority), the target (85% of "
                 "WEEE generated) and the gap in tonnes a year, as ranges. Each value is marked measured, estimated "
                 "or assumed; scenarios with levers are on the page \"Collection\" and in harzgraph scenario.",
        "district": "District", "generated": "generated (t)", "collected": "collected (t)",
        "target": "target (t)", "rate": "rate (%)", "gap": "gap (t)", "assumptions": "Assumptions",
        "none": "no population",
    },
}
