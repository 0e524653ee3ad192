"""The briefing's wording in German and English (numbers, dates and lists are written by
:mod:`graph.words.format`).

Placeholders in braces are filled by :mod:`graph.report.briefing`; the template escapes
the result, so no text here may contain markup. A label is never declined inside a
sentence: it follows a colon or stands in brackets.
"""

from __future__ import annotations

# Keys ending in "_1" are the wording for the CLDR plural category "one" of the count
# ``{n}``, keys ending in "_0" a wording for none (graph.report.briefing picks them); the
# plain key is the wording for the category "other".
TEXT: dict[str, dict] = {
    "de": {
        "html_lang": "de",
        "kicker": "harzgraph · Bericht für die strategische Planung",
        "title": "Elektroaltgeräte in der Innovationsregion Harz: Wo das Netzwerk Lücken hat",
        "selection": "Auswahl",
        "selection_district": "Landkreis",
        "selection_state": "Bundesland",
        "selection_material": "Material",
        "selection_competency": "Kompetenz",
        "selection_note": "Partnervorschläge, Vermittler, Akteure am Rand und die Sammlung gelten der Auswahl "
                          "(ein Begriff schließt seine Unterbegriffe ein); Grenzen und Gruppen vergleichen die "
                          "ganze Region.",
        "basis": "Grundlage",
        "as_of": "Datenstand",
        "as_of_note": "Datum des letzten Abgleichs der Daten mit ihren Quellen",
        "contents": "Inhalt",
        "nouns": {
            "actor": ("Akteur", "Akteure"),
            "relation": ("belegte Beziehung", "belegte Beziehungen"),
            "project": ("Projekt", "Projekte"),
            "point": ("Sammelstelle", "Sammelstellen"),
            "source": ("Quelle", "verschiedene Quellen"),
            "material": ("Stoff", "Stoffe"),
            "more_material": ("weiterer Stoff", "weitere Stoffe"),
        },
        "holds": "Der Graph verzeichnet {actors}, {relations}, {projects} und {points} für Elektroaltgeräte; er "
        "stützt sich auf {sources}.",
        "regional": "{n} Akteure haben ihren Sitz in einem Landkreis der Region;",
        "regional_0": "Kein Akteur hat seinen Sitz in einem Landkreis der Region;",
        "regional_1": "1 Akteur hat seinen Sitz in einem Landkreis der Region;",
        "outside": "{n} liegen außerhalb oder ohne Ortsangabe (etwa Partner und Fördermittelgeber) und zählen nur "
        "über ihre Verbindungen.",
        "outside_0": "keiner liegt außerhalb.",
        "outside_1": "1 liegt außerhalb oder ohne Ortsangabe und zählt nur über seine Verbindungen.",
        "status_confirmed": "Als Teil der Region bestätigt sind {n} Landkreise: {names}.",
        "status_confirmed_1": "Als Teil der Region bestätigt ist 1 Landkreis: {names}.",
        "status_candidates": "Nur als Kandidaten geführt, also unbestätigt: {names}.",
        "status_sixth": "Die Quellen sprechen von sechs Landkreisen in drei Ländern; der sechste ist nicht "
        "bestätigt. Kandidaten zählen in den Auswertungen mit; Befunde, die auf ihnen beruhen, sind markiert.",
        "h_findings": "Kernaussagen",
        "findings_intro": "Jede Aussage nennt ihre Zahl und die Quellen, auf denen sie beruht (Nummern in eckigen "
        "Klammern, verlinkt und im Quellenverzeichnis aufgelöst). Vorschläge sind Hypothesen, keine Tatsachen: "
        "„fehlt“ heißt immer „in den Daten nicht bekannt“.",
        "details": "Details",
        "sources_label": "Quellen",
        "no_sources": "keine – die Aussage beruht auf dem Fehlen von Angaben",
        "more_sources": "+{n} weitere im Abschnitt",
        "more_actors": "+{n} weitere Akteure",
        "thin": "Dünne Datenlage",
        "h_holdings": "Was der Graph enthält",
        "col_district": "Landkreis",
        "col_state": "Land",
        "col_status": "Status",
        "col_actors": "Akteure",
        "col_points": "Sammelstellen",
        "col_population": "Einwohner",
        "col_as_of": "Stand",
        "confirmed": "bestätigt",
        "candidate": "Kandidat (unbestätigt)",
        "h_borders": "Zusammenarbeit über Landesgrenzen",
        "borders_intro": "Bekannte Verbindungen zwischen den Akteuren der drei Länder, verglichen mit der Zahl, "
        "die zu erwarten wäre, wenn jeder Akteur seine Zahl von Partnern behielte, sie aber ohne Rücksicht auf "
        "den Ort wählte. Ein Verhältnis unter 1 heißt: Die Grenze trennt; unter 0,5 trennt sie deutlich.",
        "borders_title": "Bekannte und erwartete Verbindungen zwischen den Ländern",
        "col_pair": "Länder",
        "col_observed": "bekannt",
        "col_expected": "erwartet",
        "col_ratio": "Verhältnis",
        "within": "innerhalb: {a}",
        "h_chain": "Wertschöpfungskette: Wer arbeitet an welcher Stufe?",
        "chain_intro": "Jede Zelle zählt die Akteure der Region, die mit dem Stoff oder der Gerätekategorie an "
        "der Stufe arbeiten; die Stufen folgen dem Stoffstrom von links nach rechts. Eine leere Zelle heißt: "
        "In den Daten ist dort kein Akteur bekannt – dort verlässt der Stoffstrom vermutlich die Region, oder "
        "die Quellen schweigen. Eine 1 ist eine Abhängigkeit von einem einzigen Akteur.",
        "chain_title": "Akteure je Stoff bzw. Gerätekategorie und Behandlungsstufe (Region)",
        "group_categories": "Gerätekategorien (ElektroG)",
        "group_crm": "Kritische Rohstoffe (CRM Act)",
        "group_other": "Weitere Stoffe (die an den meisten Stufen vorkommen)",
        "chain_omitted": "Nicht gezeigt: {rest} mit bekannten Akteuren und {none} ohne bekannten Akteur; die "
        "vollständige Tabelle gibt „harzgraph gaps chains“.",
        "stage_skipped": "Keinem Akteur der Region sind die Stufen {stages} zugeordnet, obwohl Akteure an späteren "
        "Stufen arbeiten (nächste besetzte Stufe: {next}; {actors}). Vermutlich fehlt hier die Angabe in den "
        "Daten, nicht die Stufe selbst: zu prüfen ist, welche Betriebe diese Stufen tatsächlich abdecken.",
        "stage_skipped_1": "Keinem Akteur der Region ist die Stufe {stages} zugeordnet, obwohl Akteure an späteren "
        "Stufen arbeiten (nächste besetzte Stufe: {next}; {actors}). Vermutlich fehlt hier die Angabe in den "
        "Daten, nicht die Stufe selbst: zu prüfen ist, welche Betriebe diese Stufe tatsächlich abdecken.",
        "stage_leaves": "Keinem Akteur der Region sind die Stufen {stages} zugeordnet: Dort verlässt der "
        "Stoffstrom vermutlich die Region.",
        "stage_leaves_1": "Keinem Akteur der Region ist die Stufe {stages} zugeordnet: Dort verlässt der "
        "Stoffstrom vermutlich die Region.",
        "stage_off": "Keinem Akteur der Region sind die Stufen {stages} zugeordnet (sie liegen neben dem "
        "Recyclingpfad).",
        "stage_off_1": "Keinem Akteur der Region ist die Stufe {stages} zugeordnet (sie liegt neben dem "
        "Recyclingpfad).",
        "h_materials": "Kritische Rohstoffe",
        "materials_intro": "Rohstoffe des Critical Raw Materials Act (Verordnung (EU) 2024/1252), die ein Akteur "
        "der Region bearbeitet, mit den besetzten und den fehlenden Stufen des Recyclingpfads.",
        "path_legend": "Kästchen von links nach rechts: {path}; gefüllt = mindestens ein Akteur bekannt, leer = "
        "keiner bekannt.",
        "materials_none": "Für diese {n} Rohstoffe des CRM Act ist in der Region kein Akteur bekannt: {names}.",
        "materials_none_1": "Für diesen Rohstoff des CRM Act ist in der Region kein Akteur bekannt: {names}.",
        "col_material": "Rohstoff",
        "col_path": "Recyclingpfad",
        "col_present": "Akteure und ihre Stufen",
        "strategic": "strategisch",
        "critical": "kritisch",
        "h_partners": "Vorgeschlagene Partnerschaften",
        "partners_intro": "Paare von Akteuren ohne bekannte Verbindung, deren Arbeit zusammenpasst. Es sind "
        "Hypothesen: Sie könnten zusammenarbeiten – ob sie es schon tun oder wollen, klärt nur ein Gespräch. "
        "Die Punktzahl ordnet nur die Liste; entscheidend sind die Gründe. Jeder Akteur erscheint höchstens "
        "zweimal.",
        "partners_none": "Die Daten ergeben keine Vorschläge.",
        "col_rank": "Nr.",
        "col_pairing": "Paar und Begründung",
        "col_score": "Punkte",
        "could": "könnten zusammenarbeiten:",
        "part_chain": "Kette",
        "part_proximity": "gemeinsame Partner",
        "part_competence": "Kompetenzen",
        "part_border": "Grenze",
        "h_communities": "Gruppen ohne Verbindung",
        "communities_intro": "Dicht verbundene Gruppen von Akteuren, zwischen denen keine oder nur eine "
        "Verbindung bekannt ist.",
        "h_brokers": "Vermittler und Ausfallrisiken",
        "brokers_intro": "Akteure, über die viele der kürzesten Wege im Netz laufen. Sie sind die Kanäle für "
        "Vorstellungen – und einzelne Ausfallpunkte: Fiele einer weg, verlören die genannten Akteure jeden "
        "bekannten Weg zum übrigen Netz.",
        "articulation": "{n} Akteure halten Teile des Netzes allein zusammen (Artikulationspunkte).",
        "articulation_0": "Kein Akteur hält Teile des Netzes allein zusammen.",
        "articulation_1": "1 Akteur hält Teile des Netzes allein zusammen (Artikulationspunkt).",
        "bridges": "{n} Verbindungen sind jeweils die einzige zwischen zwei Teilen (Brücken); eine zweite "
        "Verbindung daneben würde das Netz robuster machen.",
        "bridges_0": "Keine Verbindung ist die einzige zwischen zwei Teilen des Netzes.",
        "bridges_1": "1 Verbindung ist die einzige zwischen zwei Teilen (Brücke); eine zweite daneben würde das "
        "Netz robuster machen.",
        "col_name": "Akteur",
        "col_degree": "Verbindungen",
        "col_share": "Anteil kürzester Wege",
        "col_cut": "Fiele er weg, wären abgeschnitten",
        "h_collection": "Sammelstellen je Landkreis",
        "collection_intro": "Bekannte Sammelstellen für Elektroaltgeräte je 100.000 Einwohner (Zahl der Stellen in "
        "Klammern). Gezählt werden nur Stellen, die die Daten kennen ({n} insgesamt); die Einwohnerzahl steht "
        "mit Stichtag und Quelle in der Tabelle.",
        "collection_title": "Sammelstellen je 100.000 Einwohner und Landkreis",
        "col_per_100k": "je 100.000 Einw.",
        "col_per_100_km2": "je 100 km²",
        "col_groups": "Gruppen ohne bekannte Annahme",
        "col_unlinked": "Stellen ohne Verbindung zur Behandlung",
        "groups_legend": "Sammelgruppen: {groups}.",
        "h_periphery": "Akteure ohne Verbindung",
        "periphery_alone": "{n} von {total} Akteuren haben keine erfasste Verbindung,",
        "periphery_alone_0": "Alle {total} Akteure haben mindestens eine erfasste Verbindung.",
        "periphery_alone_1": "1 von {total} Akteuren hat keine erfasste Verbindung,",
        "periphery_regional": "{n} davon mit Sitz in der Region.",
        "periphery_regional_0": "keiner davon mit Sitz in der Region.",
        "periphery_regional_1": "1 davon mit Sitz in der Region.",
        "periphery_why": "Entweder arbeiten sie allein, oder ihre Verbindungen sind noch nicht recherchiert; eine "
        "Vorstellung bei einem zentralen Akteur würde sie anbinden.",
        "col_kind": "Art",
        "col_offers": "bringt mit",
        "confidence_medium": "mittel belegt",
        "confidence_low": "schwach belegt",
        "h_method": "Methode und Lesehilfe",
        "method_weights": "Eine Verbindung entsteht durch eine belegte direkte Beziehung, ein gemeinsames Projekt "
        "oder die gemeinsame Mitgliedschaft in einem Verband. Voll zählen: {full}; halb: {half}.",
        "method": [
            (
                "Was die Zahlen bedeuten",
                "Alle Zahlen zählen, was die Daten kennen: Akteure, belegte Beziehungen, "
                "Sammelstellen. „Fehlt“ oder „keine Verbindung“ heißt „in den Quellen nicht gefunden“, nicht „gibt "
                "es nicht“. Jede Angabe im Graphen trägt ihre Quelle und eine Verlässlichkeit (hoch, mittel, gering).",
            ),
            (
                "Grenzen: das Nullmodell",
                "Die erwartete Zahl der Verbindungen zwischen zwei Ländern A und B ist "
                "K_A · K_B / 2m (K = Summe der Verbindungen der Akteure eines Landes, m = alle Verbindungen), "
                "innerhalb eines Landes K_A² / 4m: So viele Verbindungen gäbe es, wenn jeder Akteur seine Zahl an "
                "Partnern behielte, sie aber ortsunabhängig wählte (Konfigurationsmodell, das Nullmodell der "
                "Modularität). Es zählen nur Akteure mit Sitz in einem Landkreis der Region, Kandidaten "
                "eingeschlossen, und die Verbindungen zwischen ihnen.",
            ),
            (
                "Vermittler",
                "Der Anteil kürzester Wege (Betweenness) gibt an, auf welchem Teil aller kürzesten Wege "
                "zwischen zwei anderen Akteuren ein Akteur liegt. „Abgeschnitten“ sind Akteure, die ohne ihn keinen "
                "bekannten Weg mehr zum größten verbleibenden Teil des Netzes hätten.",
            ),
            (
                "Partnervorschläge",
                "Die Punktzahl (0 bis 1) ist eine gewichtete Summe aus vier Teilen: Die beiden "
                "arbeiten an aufeinanderfolgenden Stufen der Kette mit demselben Stoff (Gewicht 0,4), haben "
                "gemeinsame Partner (Adamic–Adar, 0,3), bringen verschiedene Kompetenzen mit (0,15) und sitzen in "
                "verschiedenen Ländern oder Landkreisen (0,15). Vorschläge sind Hypothesen zur Prüfung.",
            ),
            (
                "Wertschöpfungskette",
                "Zehn Hauptstufen in der Reihenfolge des Stoffstroms, von der Erfassung bis "
                "zur Beseitigung; Unterstufen zählen für ihre Hauptstufe. Wiederverwendung, energetische Verwertung "
                "und Beseitigung liegen neben dem Recyclingpfad.",
            ),
            (
                "Gruppen",
                "Gruppen sind mit dem Louvain-Verfahren und festem Startwert aus den erfassten "
                "Verbindungen berechnet; sie beschreiben das Netz, nicht erklärte Zugehörigkeiten.",
            ),
            (
                "Sammelstellen",
                "Stellen je 100.000 Einwohner mit der Einwohnerzahl zum genannten Stichtag; je "
                "100 km² mit der Fläche des Landkreises. Eine Sammelgruppe (SG1–SG6) gilt als „ohne bekannte "
                "Annahme“, wenn keine Quelle einer Stelle des Landkreises sie nennt.",
            ),
            (
                "Dünne Datenlage",
                "Markiert sind Befunde, die auf wenigen Verbindungen oder Sammelstellen, auf "
                "Angaben mittlerer oder geringer Verlässlichkeit, auf unbestätigten Landkreisen, auf fehlenden "
                "Einwohnerzahlen oder auf dem Fehlen von Angaben beruhen.",
            ),
        ],
        "h_sources": "Quellen",
        "sources_intro": "Die Nummern in den Abschnitten verweisen auf diese Quellen.",
        "thin_confidence": "{n} von {m} beteiligten Akteuren nur mittel oder schwach belegt",
        "thin_confidence_one": "Angaben zum Akteur nur mittel oder schwach belegt",
        "thin_candidate": "betrifft unbestätigte Landkreise ({names})",
        "thin_candidate_1": "betrifft einen unbestätigten Landkreis ({names})",
        "thin_ties": "{n} von {m} Verbindungen nur schwach belegt",
        "thin_ties_one": "die Verbindung ist nur schwach belegt",
        "thin_few_ties": "beruht auf nur {n} bekannten Verbindungen",
        "thin_few_ties_0": "beruht auf keiner bekannten Verbindung",
        "thin_few_ties_1": "beruht auf nur einer bekannten Verbindung",
        "thin_small_expectation": "wenig erwartet ({expected}): das Verhältnis schwankt schon bei einer Verbindung "
        "mehr oder weniger stark",
        "thin_no_population": "keine Einwohnerzahl in den Daten",
        "thin_few_points": "nur {n} bekannte Sammelstellen",
        "thin_few_points_0": "keine bekannte Sammelstelle",
        "thin_few_points_1": "nur 1 bekannte Sammelstelle",
        "thin_no_groups": "bei {n} Stellen nennen die Quellen keine Sammelgruppen",
        "thin_no_groups_1": "bei 1 Stelle nennen die Quellen keine Sammelgruppen",
        "thin_known_points": "zählt nur die {n} Sammelstellen, die die Daten kennen",
        "thin_known_points_1": "zählt nur die eine Sammelstelle, die die Daten kennen",
        "thin_absence": "beruht auf dem Fehlen von Angaben: nicht bekannt heißt nicht nicht vorhanden",
        "thin_groups": "Gruppen aus den erfassten Verbindungen berechnet; eine nicht erfasste Verbindung kann bestehen",
        "thin_hypothesis": "Hypothese, keine Tatsache",
        "points": "{n} bekannte Sammelstellen",
        "points_1": "1 bekannte Sammelstelle",
        "f_border_lead": "Die schwächste Landesgrenze verläuft zwischen {a} und {b}.",
        "f_border": "Zwischen den Akteuren der beiden Länder sind {n} Verbindungen bekannt; bei ortsunabhängiger "
        "Partnerwahl wären {expected} zu erwarten (Verhältnis {ratio}).",
        "f_border_0": "Zwischen den Akteuren der beiden Länder ist keine Verbindung bekannt; bei "
        "ortsunabhängiger Partnerwahl wären {expected} zu erwarten.",
        "f_border_1": "Zwischen den Akteuren der beiden Länder ist 1 Verbindung bekannt; bei ortsunabhängiger "
        "Partnerwahl wären {expected} zu erwarten (Verhältnis {ratio}).",
        "f_border_members_all": "Alle beruhen nur auf gemeinsamer Mitgliedschaft ({via}); gemeinsame Projekte, "
        "Lieferungen oder Kooperationen über diese Grenze sind nicht bekannt.",
        "f_border_members_all_1": "Sie beruht nur auf gemeinsamer Mitgliedschaft ({via}); gemeinsame Projekte, "
        "Lieferungen oder Kooperationen über diese Grenze sind nicht bekannt.",
        "f_border_members": "{n} davon beruhen nur auf gemeinsamer Mitgliedschaft ({via}).",
        "f_border_members_1": "Eine davon beruht nur auf gemeinsamer Mitgliedschaft ({via}).",
        "f_border_could": "Hier könnten neue Partnerschaften am meisten bewirken.",
        "f_community_lead": "Zwei große Gruppen des Netzes haben keine bekannte Verbindung.",
        "f_community": "Die eine ({na} Akteure, z. B. {ea}) arbeitet an Stufen wie {sa}, die andere ({nb} Akteure, "
        "z. B. {eb}) an Stufen wie {sb}. Ein erster Kontakt zwischen ihnen könnte die Kette schließen.",
        "f_community_one_lead": "Zwei große Gruppen des Netzes verbindet nur eine einzige bekannte Verbindung.",
        "f_community_one": "Die eine ({na} Akteure, z. B. {ea}) arbeitet an Stufen wie {sa}, die andere ({nb} "
        "Akteure, z. B. {eb}) an Stufen wie {sb}. Eine zweite Verbindung würde sie weniger verletzlich machen.",
        "f_broker_lead": "{name} hält das Netz zusammen.",
        "f_broker": "{name} liegt auf {share} aller kürzesten Wege zwischen anderen Akteuren.",
        "f_broker_cut": "Ohne diesen Akteur verlören {n} Akteure jeden bekannten Weg zum übrigen Netz ({names}).",
        "f_broker_cut_0": "Sein Wegfall würde niemanden ganz abschneiden, aber viele Wege verlängern.",
        "f_broker_cut_1": "Ohne diesen Akteur verlöre {names} jeden bekannten Weg zum übrigen Netz.",
        "f_broker_points": "Insgesamt sind {n} Akteure solche Ausfallpunkte.",
        "f_broker_points_0": "Kein Akteur schneidet mit seinem Wegfall andere ganz ab.",
        "f_broker_points_1": "Er ist der einzige solche Ausfallpunkt.",
        "f_materials_lead": "Kritische Rohstoffe: Für {n} von {total} ist ein regionaler Akteur bekannt.",
        "f_materials_lead_0": "Kritische Rohstoffe: Für keinen der {total} ist ein regionaler Akteur bekannt.",
        "f_materials_lead_1": "Kritische Rohstoffe: Für 1 von {total} ist ein regionaler Akteur bekannt.",
        "f_materials_single": "{n} davon – {names} – werden nur an einer Stufe ({stage}) und von einem einzigen "
        "Akteur bearbeitet; die übrigen Stufen des Recyclingpfads fehlen.",
        "f_materials_single_1": "Einer davon – {names} – wird nur an einer Stufe ({stage}) und von einem einzigen "
        "Akteur bearbeitet; die übrigen Stufen des Recyclingpfads fehlen.",
        "f_materials_none": "Für {n} strategische Rohstoffe ist kein Akteur bekannt.",
        "f_materials_none_0": "Für jeden strategischen Rohstoff ist mindestens ein Akteur bekannt.",
        "f_materials_none_1": "Für 1 strategischen Rohstoff ist kein Akteur bekannt.",
        "f_collection_lead": "{district} hat die wenigsten bekannten Sammelstellen je Einwohner.",
        "f_collection": "{points} für {population} Einwohner (Stand {date}): {per} je 100.000 Einwohner. Das Ziel, "
        "deutlich mehr zu sammeln, könnte hier zuerst ansetzen.",
        "f_collection_zero_lead": "In {n} Landkreisen ist keine Sammelstelle bekannt: {names}.",
        "f_collection_zero_lead_1": "In einem Landkreis ist keine Sammelstelle bekannt: {names}.",
        "f_collection_zero": "Entweder fehlen dort Stellen, oder die Quellen nennen sie nicht. Das Ziel, deutlich "
        "mehr zu sammeln, könnte hier zuerst ansetzen.",
        "f_outlet_lead": "{n} von {total} bekannten Sammelstellen fehlt eine bekannte Verbindung zur Behandlung.",
        "f_outlet_lead_1": "Der einzigen bekannten Sammelstelle fehlt eine bekannte Verbindung zur Behandlung.",
        "f_outlet": "Ihre Betreiber ({names}) haben keine erfasste Verbindung zu einem Akteur, der sortiert, "
        "behandelt, zerlegt oder verhüttet – gesammelte Geräte verlassen die Region vermutlich über Dritte.",
        "f_outlet_1": "Ihr Betreiber ({names}) hat keine erfasste Verbindung zu einem Akteur, der sortiert, "
        "behandelt, zerlegt oder verhüttet – gesammelte Geräte verlassen die Region vermutlich über Dritte.",
        "f_outlet_point": "Ihr Betreiber ({names}) hat keine erfasste Verbindung zu einem Akteur, der sortiert, "
        "behandelt, zerlegt oder verhüttet – gesammelte Geräte verlassen die Region vermutlich über Dritte.",
        "f_partners_lead": "{n} Partnerschaften werden als Hypothesen vorgeschlagen.",
        "f_partners_lead_1": "Eine Partnerschaft wird als Hypothese vorgeschlagen.",
        "f_partners": "Am stärksten (Punktzahl {score}): {a} und {b} könnten zusammenarbeiten. Die Gründe und die "
        "übrigen Vorschläge stehen im Abschnitt.",
        "f_periphery_lead": "{n} von {total} Akteuren haben keine erfasste Verbindung.",
        "f_periphery_lead_1": "1 von {total} Akteuren hat keine erfasste Verbindung.",
        "f_periphery": "{n} davon sitzen in der Region, etwa {names}.",
        "f_periphery_0": "Keiner davon sitzt in der Region.",
        "f_periphery_1": "In der Region: {names}.",
        "f_periphery_how": "Eine Vorstellung bei einem zentralen Akteur würde sie anbinden.",
        "f_periphery_how_1": "Eine Vorstellung bei einem zentralen Akteur würde ihn anbinden.",
    },
    "en": {
        "html_lang": "en",
        "kicker": "harzgraph · briefing for strategic planning",
        "title": "Waste electrical equipment in the Harz innovation region: where the network has gaps",
        "selection": "Selection",
        "selection_district": "District",
        "selection_state": "State",
        "selection_material": "Material",
        "selection_competency": "Competency",
        "selection_note": "Partner suggestions, brokers, actors at the edge and collection are about the selection "
                          "(a concept includes its narrower ones); borders and groups compare the whole region.",
        "basis": "Based on",
        "as_of": "Data as of",
        "as_of_note": "date the data were last compared with their sources",
        "contents": "Contents",
        "nouns": {
            "actor": ("actor", "actors"),
            "relation": ("sourced relation", "sourced relations"),
            "project": ("project", "projects"),
            "point": ("collection point", "collection points"),
            "source": ("source", "distinct sources"),
            "material": ("material", "materials"),
            "more_material": ("further material", "further materials"),
        },
        "holds": "The graph records {actors}, {relations}, {projects} and {points} for waste electrical equipment; "
        "it rests on {sources}.",
        "regional": "{n} actors are seated in a district of the region;",
        "regional_0": "No actor is seated in a district of the region;",
        "regional_1": "1 actor is seated in a district of the region;",
        "outside": "{n} are outside or have no stated location (partners and funders, for instance) and count only "
        "through their ties.",
        "outside_0": "none is outside.",
        "outside_1": "1 is outside or has no stated location and counts only through its ties.",
        "status_confirmed": "{n} districts are confirmed as part of the region: {names}.",
        "status_confirmed_1": "1 district is confirmed as part of the region: {names}.",
        "status_candidates": "Listed only as candidates, i.e. unconfirmed: {names}.",
        "status_sixth": "The sources speak of six districts in three states; the sixth is not confirmed. "
        "Candidates are counted in the analyses; findings that rest on them are marked.",
        "h_findings": "Key findings",
        "findings_intro": "Each finding gives its number and the sources it rests on (numbers in square brackets, "
        "linked and resolved in the list of sources). Suggestions are hypotheses, not facts: “missing” always "
        "means “not known in the data”.",
        "details": "Details",
        "sources_label": "Sources",
        "no_sources": "none – the finding rests on the absence of records",
        "more_sources": "+{n} more in the section",
        "more_actors": "+{n} more actors",
        "thin": "Thin data",
        "h_holdings": "What the graph holds",
        "col_district": "District",
        "col_state": "State",
        "col_status": "Status",
        "col_actors": "Actors",
        "col_points": "Collection points",
        "col_population": "Inhabitants",
        "col_as_of": "as of",
        "confirmed": "confirmed",
        "candidate": "candidate (unconfirmed)",
        "h_borders": "Cooperation across state borders",
        "borders_intro": "Known ties between the actors of the three states, compared with the number expected "
        "if every actor kept its number of partners but chose them regardless of place. A ratio below 1 means "
        "the border separates; below 0.5 it separates clearly.",
        "borders_title": "Known and expected ties between the states",
        "col_pair": "States",
        "col_observed": "known",
        "col_expected": "expected",
        "col_ratio": "ratio",
        "within": "within: {a}",
        "h_chain": "Value chain: who works at which stage?",
        "chain_intro": "Each cell counts the region's actors that handle the material or device category at "
        "that stage; stages follow the material flow from left to right. An empty cell means no actor is known "
        "there in the data – the flow presumably leaves the region there, or the sources are silent. A 1 is a "
        "dependency on a single actor.",
        "chain_title": "Actors per material or device category and treatment stage (region)",
        "group_categories": "Device categories (WEEE)",
        "group_crm": "Critical raw materials (CRM Act)",
        "group_other": "Other materials (those at most stages)",
        "chain_omitted": "Not shown: {rest} with known actors and {none} with no known actor; “harzgraph gaps "
        "chains” gives the full table.",
        "stage_skipped": "No actor of the region is assigned the stages {stages}, although actors work at later "
        "stages (next stage held: {next}; {actors}). The record is presumably missing in the data, not the "
        "stages themselves: check which plants actually cover them.",
        "stage_skipped_1": "No actor of the region is assigned the stage {stages}, although actors work at later "
        "stages (next stage held: {next}; {actors}). The record is presumably missing in the data, not the "
        "stage itself: check which plants actually cover it.",
        "stage_leaves": "No actor of the region is assigned the stages {stages}: the flow presumably leaves the "
        "region there.",
        "stage_leaves_1": "No actor of the region is assigned the stage {stages}: the flow presumably leaves the "
        "region there.",
        "stage_off": "No actor of the region is assigned the stages {stages} (they lie beside the recycling path).",
        "stage_off_1": "No actor of the region is assigned the stage {stages} (it lies beside the recycling path).",
        "h_materials": "Critical raw materials",
        "materials_intro": "Materials of the Critical Raw Materials Act (Regulation (EU) 2024/1252) that an actor "
        "of the region handles, with the stages of the recycling path that are held and those that are missing.",
        "path_legend": "Boxes from left to right: {path}; filled = at least one actor known, empty = none known.",
        "materials_none": "For these {n} CRM Act materials no actor is known in the region: {names}.",
        "materials_none_1": "For this CRM Act material no actor is known in the region: {names}.",
        "col_material": "Material",
        "col_path": "Recycling path",
        "col_present": "Actors and their stages",
        "strategic": "strategic",
        "critical": "critical",
        "h_partners": "Suggested partnerships",
        "partners_intro": "Pairs of actors with no known tie whose work fits together. These are hypotheses: they "
        "could work together – whether they already do, or want to, only a conversation can tell. The score "
        "only orders the list; the reasons matter. Each actor appears at most twice.",
        "partners_none": "The data give no suggestions.",
        "col_rank": "No.",
        "col_pairing": "Pair and reasons",
        "col_score": "Score",
        "could": "could work together:",
        "part_chain": "chain",
        "part_proximity": "common partners",
        "part_competence": "competencies",
        "part_border": "border",
        "h_communities": "Groups without ties",
        "communities_intro": "Densely tied groups of actors with no known tie, or a single one, between them.",
        "h_brokers": "Brokers at risk",
        "brokers_intro": "Actors through which many of the network's shortest paths run. They are the channels "
        "for introductions – and single points of failure: if one left, the actors named would lose every known "
        "path to the rest of the network.",
        "articulation": "{n} actors alone hold parts of the network together (articulation points).",
        "articulation_0": "No actor alone holds parts of the network together.",
        "articulation_1": "1 actor alone holds parts of the network together (an articulation point).",
        "bridges": "{n} ties are each the only link between two parts (bridges); a second tie beside each would "
        "make the network sturdier.",
        "bridges_0": "No tie is the only link between two parts of the network.",
        "bridges_1": "1 tie is the only link between two parts (a bridge); a second one beside it would make the "
        "network sturdier.",
        "col_name": "Actor",
        "col_degree": "Ties",
        "col_share": "Share of shortest paths",
        "col_cut": "Cut off if it left",
        "h_collection": "Collection points per district",
        "collection_intro": "Known WEEE collection points per 100,000 inhabitants (number of points in brackets). "
        "Only points the data know are counted ({n} in all); the table gives each population with its date and "
        "source.",
        "collection_title": "Collection points per 100,000 inhabitants and district",
        "col_per_100k": "per 100,000 inh.",
        "col_per_100_km2": "per 100 km²",
        "col_groups": "Groups not known to be accepted",
        "col_unlinked": "Points without tie to treatment",
        "groups_legend": "Collection groups: {groups}.",
        "h_periphery": "Actors without ties",
        "periphery_alone": "{n} of {total} actors have no recorded tie,",
        "periphery_alone_0": "All {total} actors have at least one recorded tie.",
        "periphery_alone_1": "1 of {total} actors has no recorded tie,",
        "periphery_regional": "{n} of them seated in the region.",
        "periphery_regional_0": "none of them seated in the region.",
        "periphery_regional_1": "1 of them seated in the region.",
        "periphery_why": "Either they work alone or their ties are not yet researched; one introduction to a "
        "central actor would connect them.",
        "col_kind": "Kind",
        "col_offers": "offers",
        "confidence_medium": "moderately supported",
        "confidence_low": "weakly supported",
        "h_method": "Method and how to read this",
        "method_weights": "A tie arises from a sourced direct relation, a joint project or shared membership of "
        "an association. Counting fully: {full}; counting half: {half}.",
        "method": [
            (
                "What the numbers mean",
                "Every number counts what the data know: actors, sourced relations, "
                "collection points. “Missing” or “no tie” means “not found in the sources”, not “does not exist”. "
                "Every statement in the graph carries its source and a confidence (high, medium, low).",
            ),
            (
                "Borders: the null model",
                "The expected number of ties between states A and B is K_A · K_B / 2m "
                "(K = sum of the ties of a state's actors, m = all ties), within a state K_A² / 4m: the ties there "
                "would be if every actor kept its number of partners but chose them regardless of place (the "
                "configuration model, the null model of modularity). Only actors seated in a district of the "
                "region, candidates included, and the ties among them count.",
            ),
            (
                "Brokers",
                "The share of shortest paths (betweenness) is the part of all shortest paths between two "
                "other actors on which an actor lies. “Cut off” are the actors that would have no known path to the "
                "largest remaining part of the network without it.",
            ),
            (
                "Partner suggestions",
                "The score (0 to 1) is a weighted sum of four parts: the two work at "
                "consecutive stages of the chain with the same material (weight 0.4), share partners (Adamic–Adar, "
                "0.3), bring different competencies (0.15) and sit in different states or districts (0.15). "
                "Suggestions are hypotheses to check.",
            ),
            (
                "Value chain",
                "Ten top-level stages in material-flow order, from collection to disposal; sub-stages "
                "count for their top-level stage. Re-use, energy recovery and disposal lie beside the recycling "
                "path.",
            ),
            (
                "Groups",
                "Groups are computed from the recorded ties with the Louvain method and a fixed seed; they "
                "describe the network, not declared membership.",
            ),
            (
                "Collection points",
                "Points per 100,000 inhabitants with the population at the stated date; per "
                "100 km² with the district's area. A collection group (SG1–SG6) is “not known to be accepted” when "
                "no source of any point in the district names it.",
            ),
            (
                "Thin data",
                "Marked are findings that rest on few ties or collection points, on records of medium "
                "or low confidence, on unconfirmed districts, on missing population figures or on the absence of "
                "records.",
            ),
        ],
        "h_sources": "Sources",
        "sources_intro": "The numbers in the sections refer to these sources.",
        "thin_confidence": "{n} of {m} actors involved recorded with medium or low confidence only",
        "thin_confidence_one": "the actor is recorded with medium or low confidence only",
        "thin_candidate": "concerns unconfirmed districts ({names})",
        "thin_candidate_1": "concerns an unconfirmed district ({names})",
        "thin_ties": "{n} of {m} ties recorded with low confidence only",
        "thin_ties_one": "the tie is recorded with low confidence only",
        "thin_few_ties": "rests on only {n} known ties",
        "thin_few_ties_0": "rests on no known tie",
        "thin_few_ties_1": "rests on a single known tie",
        "thin_small_expectation": "little expected ({expected}): one tie more or less moves the ratio a lot",
        "thin_no_population": "no population figure in the data",
        "thin_few_points": "only {n} known collection points",
        "thin_few_points_0": "no known collection point",
        "thin_few_points_1": "only 1 known collection point",
        "thin_no_groups": "for {n} points the sources name no collection groups",
        "thin_no_groups_1": "for 1 point the sources name no collection groups",
        "thin_known_points": "counts only the {n} collection points the data know",
        "thin_known_points_1": "counts only the one collection point the data know",
        "thin_absence": "rests on the absence of records: not known does not mean not there",
        "thin_groups": "groups computed from the recorded ties; an unrecorded tie may exist",
        "thin_hypothesis": "a hypothesis, not a fact",
        "points": "{n} known collection points",
        "points_1": "1 known collection point",
        "f_border_lead": "The weakest state border runs between {a} and {b}.",
        "f_border": "{n} ties are known between the actors of the two states; {expected} would be expected if "
        "partners were chosen regardless of place (ratio {ratio}).",
        "f_border_0": "No tie is known between the actors of the two states; {expected} would be expected if "
        "partners were chosen regardless of place.",
        "f_border_1": "1 tie is known between the actors of the two states; {expected} would be expected if "
        "partners were chosen regardless of place (ratio {ratio}).",
        "f_border_members_all": "All of them rest only on shared membership ({via}); no joint project, supply or "
        "cooperation across this border is known.",
        "f_border_members_all_1": "It rests only on shared membership ({via}); no joint project, supply or "
        "cooperation across this border is known.",
        "f_border_members": "{n} of them rest only on shared membership ({via}).",
        "f_border_members_1": "One of them rests only on shared membership ({via}).",
        "f_border_could": "New partnerships could achieve most here.",
        "f_community_lead": "Two large groups of the network have no known tie.",
        "f_community": "One ({na} actors, e.g. {ea}) works at stages such as {sa}, the other ({nb} actors, e.g. "
        "{eb}) at stages such as {sb}. A first contact between them could close the chain.",
        "f_community_one_lead": "Two large groups of the network are linked by a single known tie.",
        "f_community_one": "One ({na} actors, e.g. {ea}) works at stages such as {sa}, the other ({nb} actors, "
        "e.g. {eb}) at stages such as {sb}. A second tie would make the link less fragile.",
        "f_broker_lead": "{name} holds the network together.",
        "f_broker": "{name} lies on {share} of all shortest paths between other actors.",
        "f_broker_cut": "Without it, {n} actors would lose every known path to the rest of the network ({names}).",
        "f_broker_cut_0": "Its departure would cut no one off completely but lengthen many paths.",
        "f_broker_cut_1": "Without it, {names} would lose every known path to the rest of the network.",
        "f_broker_points": "In all, {n} actors are such points of failure.",
        "f_broker_points_0": "No actor would cut others off completely by leaving.",
        "f_broker_points_1": "It is the only such point of failure.",
        "f_materials_lead": "Critical raw materials: a regional actor is known for {n} of {total}.",
        "f_materials_lead_0": "Critical raw materials: no regional actor is known for any of the {total}.",
        "f_materials_lead_1": "Critical raw materials: a regional actor is known for 1 of {total}.",
        "f_materials_single": "{n} of them – {names} – are handled at one stage only ({stage}), by a single actor; "
        "the other stages of the recycling path are missing.",
        "f_materials_single_1": "One of them – {names} – is handled at one stage only ({stage}), by a single "
        "actor; the other stages of the recycling path are missing.",
        "f_materials_none": "For {n} strategic raw materials no actor is known.",
        "f_materials_none_0": "For every strategic raw material at least one actor is known.",
        "f_materials_none_1": "For 1 strategic raw material no actor is known.",
        "f_collection_lead": "{district} has the fewest known collection points per inhabitant.",
        "f_collection": "{points} for {population} inhabitants (as of {date}): {per} per 100,000 inhabitants. The "
        "goal of collecting far more could start here.",
        "f_collection_zero_lead": "No collection point is known in {n} districts: {names}.",
        "f_collection_zero_lead_1": "No collection point is known in one district: {names}.",
        "f_collection_zero": "Either there are no points, or the sources do not name them. The goal of collecting "
        "far more could start here.",
        "f_outlet_lead": "{n} of {total} known collection points lack a known tie to treatment.",
        "f_outlet_lead_1": "The only known collection point lacks a known tie to treatment.",
        "f_outlet": "Their operators ({names}) have no recorded tie to an actor that sorts, treats, dismantles or "
        "refines – collected devices presumably leave the region through third parties.",
        "f_outlet_1": "Their operator ({names}) has no recorded tie to an actor that sorts, treats, dismantles or "
        "refines – collected devices presumably leave the region through third parties.",
        "f_outlet_point": "Its operator ({names}) has no recorded tie to an actor that sorts, treats, dismantles or "
        "refines – collected devices presumably leave the region through third parties.",
        "f_partners_lead": "{n} partnerships are suggested as hypotheses.",
        "f_partners_lead_1": "One partnership is suggested as a hypothesis.",
        "f_partners": "Strongest (score {score}): {a} and {b} could work together. The reasons and the other "
        "suggestions are in the section.",
        "f_periphery_lead": "{n} of {total} actors have no recorded tie.",
        "f_periphery_lead_1": "1 of {total} actors has no recorded tie.",
        "f_periphery": "{n} of them are seated in the region, such as {names}.",
        "f_periphery_0": "None of them is seated in the region.",
        "f_periphery_1": "In the region: {names}.",
        "f_periphery_how": "One introduction to a central actor would connect them.",
        "f_periphery_how_1": "One introduction to a central actor would connect it.",
    },
}

#: The words inside the briefing's figures (graph.report.figures).
FIGURES = {
    "de": {
        "none": "kein Akteur",
        "one": "1 Akteur (Abhängigkeit)",
        "few": "2–3 Akteure",
        "many": "4 und mehr",
        "off_path": "grau: Stufen neben dem Recyclingpfad",
        "observed": "bekannt",
        "expected": "erwartet",
        "ratio": "Farbe: Verhältnis bekannt / erwartet (1 = wie erwartet)",
        "per_100k": "Sammelstellen je 100.000 Einwohner",
        "candidate": "Kandidat (unbestätigter Landkreis)",
        "no_population": "keine Einwohnerzahl",
    },
    "en": {
        "none": "no actor",
        "one": "1 actor (a dependency)",
        "few": "2–3 actors",
        "many": "4 or more",
        "off_path": "grey: stages beside the recycling path",
        "observed": "known",
        "expected": "expected",
        "ratio": "colour: ratio known / expected (1 = as expected)",
        "per_100k": "collection points per 100,000 inhabitants",
        "candidate": "candidate (unconfirmed district)",
        "no_population": "no population figure",
    },
}
