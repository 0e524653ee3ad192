"""The interface's own words in German and English (the viewer's pages and the CLI's
table headings); labels of concepts (kinds, stages, materials …) come from the SKOS
vocabularies in the graph.

A text is either a string or, where a count decides the word, its CLDR plural forms
``{"one": …, "other": …}`` (optionally ``"=0"`` for a wording of none, and ``"by"``
naming the placeholder that counts, ``n`` by default). :func:`translate` picks the form
by :func:`graph.words.format.plural_form` and writes every number the one way of the
language. A generated sentence never declines an inserted label: "Material: Kleingeräte",
not "mit Kleingeräte".
"""

from __future__ import annotations

from collections.abc import Mapping

from graph.words import format as fmt
from graph.words.access import STRINGS as ACCESS_STRINGS
from graph.words.collection import STRINGS as COLLECTION_STRINGS
from graph.words.editing import STRINGS as EDITING_STRINGS

LANGS = fmt.LANGS

Text = str | Mapping[str, str]

#: key → (German, English). Placeholders use str.format names.
STRINGS: dict[str, tuple[Text, Text]] = {
    "app.name": ("harzgraph", "harzgraph"),
    "app.tagline": ("Kreislaufwirtschaft in der Innovationsregion Harz",
                    "Circular economy in the Harz innovation region"),
    "nav.home": ("Überblick", "Overview"),
    "nav.actors": ("Akteure", "Actors"),
    "nav.network": ("Netzwerk", "Network"),
    "nav.map": ("Karte", "Map"),
    "nav.main": ("Hauptnavigation", "Main navigation"),
    "lang.switch": ("English", "Deutsch"),
    "lang.switch.title": ("Switch to English", "Auf Deutsch umschalten"),
    "twins": ("Diese Daten als", "This data as"),
    "twins.json": ("JSON", "JSON"),
    "twins.csv": ("CSV (Tabelle)", "CSV (spreadsheet)"),
    "footer.data": ("Jede Angabe mit ihrer Quelle. Daten als JSON und CSV unter jeder Seite.",
                    "Every fact with its source. Data as JSON and CSV below every page."),
    "none": ("ohne Angabe", "not stated"),
    "yes": ("ja", "yes"),
    "no": ("nein", "no"),
    "and": ("und", "and"),
    "or": ("oder", "or"),
    "all": ("alle", "all"),
    "apply": ("Anwenden", "Apply"),
    "reset": ("Alle Filter zurücksetzen", "Clear all filters"),
    "more": ("mehr …", "more …"),
    "less": ("weniger", "fewer"),
    "source": ("Quelle", "Source"),
    "sources": ("Quellen", "Sources"),
    "evidence": ("Belegstärke", "Evidence"),
    "evidence.high": ("gut belegt", "well supported"),
    "evidence.medium": ("mittel belegt", "moderately supported"),
    "evidence.low": ("schwach belegt", "weakly supported"),
    "evidence.explain": (
        "Belegstärke der Recherche: gut, mittel oder schwach belegt. Schwach belegte Angaben sind markiert; "
        "prüfen Sie sie vor einer Entscheidung an der Quelle.",
        "Evidence level of the research: well, moderately or weakly supported. Weakly supported facts are "
        "marked; check them at their source before relying on them."),
    # facets
    "facet.kind": ("Art", "Kind"),
    "facet.state": ("Bundesland", "State"),
    "facet.district": ("Landkreis", "District"),
    "facet.stage": ("Behandlungsstufe", "Treatment stage"),
    "facet.material": ("Material", "Material"),
    "facet.category": ("WEEE-Kategorie", "WEEE category"),
    "facet.competency": ("Kompetenz", "Competency"),
    "facet.confidence": ("Belegstärke", "Evidence"),
    "facet.relation": ("Beziehungsart", "Relation type"),
    "facet.q": ("Name", "Name"),
    # home
    "home.title": ("Überblick", "Overview"),
    "home.intro": (
        "Dieser Wissensgraph sammelt die Akteure der Kreislaufwirtschaft für Elektro- und Elektronikaltgeräte "
        "in der Innovationsregion Harz – Recycler, Zerlegebetriebe, Hütten, Reparaturinitiativen, Forschung, "
        "Entsorgungsträger, Wirtschaftsförderung und Verbände – mit ihren Kompetenzen, Materialien, "
        "Behandlungsstufen und Beziehungen. Jede Angabe nennt ihre Quelle.",
        "This knowledge graph gathers the circular-economy actors for waste electrical and electronic "
        "equipment in the Harz innovation region – recyclers, dismantlers, smelters, repair initiatives, "
        "research, waste authorities, development agencies and associations – with their competencies, "
        "materials, treatment stages and relations. Every fact names its source."),
    "home.totals": ("Was der Graph enthält", "What the graph holds"),
    # the count stands before these nouns, in its own markup (pass it as n)
    "home.total.actors": ({"one": "Akteur", "other": "Akteure"}, {"one": "actor", "other": "actors"}),
    "home.total.relations": ({"one": "belegte Beziehung", "other": "belegte Beziehungen"},
                             {"one": "sourced relation", "other": "sourced relations"}),
    "home.total.projects": ({"one": "Projekt", "other": "Projekte"}, {"one": "project", "other": "projects"}),
    "home.total.collection_points": ({"one": "Sammelstelle", "other": "Sammelstellen"},
                                     {"one": "collection point", "other": "collection points"}),
    "home.total.sources": ({"one": "Quelle", "other": "Quellen"}, {"one": "source", "other": "sources"}),
    "home.freshness": ("Datenstand: zuletzt mit den Quellen abgeglichen am {date}.",
                       "Data as of {date}, when the rows were last compared with their sources."),
    "home.freshness.none": ("Datenstand unbekannt.", "Date of the data unknown."),
    "home.start": ("So fangen Sie an", "How to start"),
    "home.start.actors": ("Akteure finden", "Find actors"),
    "home.start.actors.text": ("Nach Art, Landkreis, Material, Kompetenz oder Behandlungsstufe filtern; "
                               "jedes Profil zeigt die Quellen.",
                               "Filter by kind, district, material, competency or treatment stage; "
                               "every profile shows its sources."),
    "home.start.network": ("Netzwerk erkunden", "Explore the network"),
    "home.start.network.text": ("Wer arbeitet mit wem? Nach Land oder Art filtern, einen Akteur "
                                "in den Mittelpunkt stellen, Wege zwischen zwei Akteuren finden.",
                                "Who works with whom? Filter by state or kind, focus on one actor, "
                                "find the path between two actors."),
    "home.start.map": ("Karte ansehen", "View the map"),
    "home.start.map.text": ("Akteure und Sammelstellen in den Landkreisen; Landkreise nach Akteuren "
                            "oder Sammelstellen je 100.000 Einwohner eingefärbt.",
                            "Actors and collection points in the districts; districts shaded by actors "
                            "or collection points per 100,000 inhabitants."),
    "home.start.share": ("Ansicht teilen", "Share a view"),
    "home.start.share.text": ("Jede Ansicht steckt vollständig in ihrer Adresse: Link kopieren und "
                              "verschicken. Unter jeder Seite stehen die Daten als CSV für die Tabellenkalkulation.",
                              "Every view lives entirely in its address: copy the link and send it. "
                              "Below every page the data is available as CSV for spreadsheets."),
    "home.districts": ("Die Landkreise der Region", "The districts of the region"),
    "home.districts.confirmed": (
        {"one": "{n} Landkreis ist durch Quellen als Teil der Region belegt;",
         "other": "{n} Landkreise sind durch Quellen als Teil der Region belegt;"},
        {"one": "{n} district is confirmed by sources as part of the region;",
         "other": "{n} districts are confirmed by sources as part of the region;"}),
    "home.districts.candidates": (
        {"=0": "weitere Kandidaten gibt es nicht.",
         "one": "{n} weiterer ist Kandidat, den bisher keine Quelle der Region zuordnet.",
         "other": "{n} weitere sind Kandidaten, die bisher keine Quelle der Region zuordnet."},
        {"=0": "there are no further candidates.",
         "one": "{n} more is a candidate that no source assigns to the region yet.",
         "other": "{n} more are candidates that no source assigns to the region yet."}),
    "home.districts.outside": (
        {"one": "{n} Akteur liegt außerhalb dieser Landkreise oder nennt keinen Landkreis.",
         "other": "{n} Akteure liegen außerhalb dieser Landkreise oder nennen keinen Landkreis."},
        {"one": "{n} actor lies outside these districts or names no district.",
         "other": "{n} actors lie outside these districts or name no district."}),
    "home.by_kind": ("Akteure nach Art", "Actors by kind"),
    "home.by_state": ("Akteure nach Bundesland", "Actors by state"),
    "col.district": ("Landkreis", "District"),
    "col.state": ("Land", "State"),
    "col.status": ("Zugehörigkeit", "Membership"),
    "col.actors": ("Akteure", "Actors"),
    "col.collection_points": ("Sammelstellen", "Collection points"),
    "col.population": ("Einwohner", "Inhabitants"),
    "col.per100k": ("je 100.000 Einw.", "per 100,000 inh."),
    "col.name": ("Name", "Name"),
    "col.kind": ("Art", "Kind"),
    "col.place": ("Ort", "Place"),
    "col.relations": ("Beziehungen", "Relations"),
    "col.evidence": ("Belegstärke", "Evidence"),
    "col.fact": ("Angabe", "Fact"),
    "col.value": ("Wert", "Value"),
    "col.sources": ("Quellen", "Sources"),
    "status.confirmed": ("bestätigt", "confirmed"),
    "status.candidate": ("Kandidat", "candidate"),
    # actors list
    "actors.title": ("Akteure", "Actors"),
    "actors.search": ("Name oder Ort suchen", "Search name or place"),
    "actors.search.button": ("Suchen", "Search"),
    "actors.sort": ("Sortieren nach", "Sort by"),
    "sort.name": ("Name", "name"),
    "sort.kind": ("Art", "kind"),
    "sort.district": ("Landkreis", "district"),
    "sort.confidence": ("Belegstärke", "evidence"),
    "sort.relations": ("Zahl der Beziehungen", "number of relations"),
    "sort.-relations": ("meiste Beziehungen", "most relations"),
    "actors.count": ({"by": "total", "one": "{n} von {total} Akteur", "other": "{n} von {total} Akteuren"},
                     {"by": "total", "one": "{n} of {total} actor", "other": "{n} of {total} actors"}),
    "actors.none": ("Kein Akteur passt zu diesen Filtern.", "No actor matches these filters."),
    "actors.all": ("Alle Akteure", "All actors"),
    "actors.filtered": ("Akteure", "Actors"),
    "describe.sorted": ("sortiert nach {sort}", "sorted by {sort}"),
    "describe.sorted.desc": ("absteigend", "descending"),
    "describe.q": ("Name oder Ort enthält „{q}“", "name or place contains “{q}”"),
    "describe.all": ({"one": "{n} Akteur", "other": "Alle {n} Akteure"},
                     {"one": "{n} actor", "other": "All {n} actors"}),
    "describe.some": ({"one": "{n} Akteur", "other": "{n} Akteure"}, {"one": "{n} actor", "other": "{n} actors"}),
    "describe.with": ("mit", "with"),
    "actors.page": ("Seite {page} von {pages}", "Page {page} of {pages}"),
    "actors.prev": ("← zurück", "← previous"),
    "actors.next": ("weiter →", "next →"),
    # profile
    "profile.facts": ("Angaben", "Facts"),
    "profile.facts.note": (
        "Alle Angaben dieser Tabelle stammen aus einer Recherchezeile und stützen sich gemeinsam auf ihre "
        "Quellen; die Nummern verweisen auf die Quellenliste.",
        "All facts in this table come from one research row and rest together on its sources; the numbers "
        "refer to the list of sources."),
    "profile.sources": ("Quellen", "Sources"),
    "profile.chain": ("Position in der Wertschöpfungskette", "Position in the value chain"),
    "profile.chain.note": ("Die Behandlungsstufen für Elektroaltgeräte in der Reihenfolge des Stoffstroms; "
                           "hervorgehoben sind die Stufen, auf denen dieser Akteur arbeitet.",
                           "The WEEE treatment stages in material-flow order; highlighted are the stages "
                           "this actor works at."),
    "profile.suggestions": ("Mögliche Partner", "Possible partners"),
    "profile.suggestions.note": ("Akteure ohne bekannte Verbindung, die zu diesem Akteur passen könnten – "
                                 "Hypothesen mit ihren Gründen, keine Befunde.",
                                 "Actors with no known tie that could fit this actor — hypotheses with their reasons, "
                                 "not findings."),
    "profile.suggestions.none": ("Keine Vorschläge.", "No suggestions."),
    "profile.suggestions.all": ({"one": "Der einzige Vorschlag für diesen Akteur",
                                 "other": "Alle {n} Vorschläge für diesen Akteur"},
                                {"one": "The only suggestion for this actor",
                                 "other": "All {n} suggestions for this actor"}),
    "profile.chain.none": ("In den Quellen ist keine Behandlungsstufe genannt.",
                           "No treatment stage is stated in the sources."),
    "profile.relations": ("Beziehungen", "Relations"),
    "profile.relations.none": ("Keine belegten Beziehungen zu anderen Akteuren.",
                               "No sourced relations to other actors."),
    "profile.projects": ("Projekte", "Projects"),
    "profile.projects.none": ("Keine Projekte.", "No projects."),
    "profile.sites": ("Sammelstellen, die dieser Akteur betreibt", "Collection points this actor operates"),
    "profile.accepts": ("Nimmt an", "Accepts"),
    "profile.network": ("Im Netzwerk zeigen", "Show in the network"),
    "profile.map": ("Auf der Karte", "On the map"),
    "profile.note": ("Offene Fragen der Recherche", "Open questions of the research"),
    "profile.role": ("Rolle", "Role"),
    "profile.period": ("Zeitraum", "Period"),
    "profile.programme": ("Programm", "Programme"),
    "profile.crm.strategic": ("strategischer Rohstoff (CRMA)", "strategic raw material (CRMA)"),
    "profile.crm.critical": ("kritischer Rohstoff (CRMA)", "critical raw material (CRMA)"),
    "profile.description.other": ("(nur auf Englisch erfasst)", "(recorded in German only)"),
    "fact.name": ("Name", "Name"),
    "fact.kind": ("Art", "Kind"),
    "fact.city": ("Ort", "Place"),
    "fact.postcode": ("Postleitzahl", "Postcode"),
    "fact.district": ("Landkreis", "District"),
    "fact.state": ("Bundesland", "State"),
    "fact.coordinates": ("Koordinaten", "Coordinates"),
    "fact.website": ("Website", "Website"),
    "fact.description": ("Beschreibung", "Description"),
    "fact.capacity": ("Größe/Kapazität", "Size/capacity"),
    "fact.stage": ("Behandlungsstufen", "Treatment stages"),
    "fact.material": ("Materialien", "Materials"),
    "fact.category": ("WEEE-Kategorien", "WEEE categories"),
    "fact.competency": ("Kompetenzen", "Competencies"),
    "fact.checked": ("mit den Quellen abgeglichen am", "compared with its sources on"),
    "dir.out": ("ausgehend", "outgoing"),
    "dir.in": ("eingehend", "incoming"),
    # network
    "network.title": ("Netzwerk der Akteure", "Network of the actors"),
    "network.intro": (
        "Zwei Akteure sind verbunden, wenn eine Quelle eine Beziehung nennt, wenn sie im selben Projekt "
        "arbeiten oder Mitglied desselben Netzwerks sind. Größere Punkte haben mehr Verbindungen.",
        "Two actors are linked when a source states a relation, when they work in the same project or are "
        "members of the same network. Larger dots have more links."),
    "network.filters": ("Filter", "Filters"),
    "network.search": ("Akteur suchen", "Find an actor"),
    "network.focus": ("Nachbarschaft von", "Neighbourhood of"),
    "network.hops": ({"one": "{n} Schritt", "other": "{n} Schritte"}, {"one": "{n} step", "other": "{n} steps"}),
    "network.hops.label": ("Schritte", "Steps"),
    "network.path": ("Weg zwischen zwei Akteuren", "Path between two actors"),
    "network.path.from": ("von", "from"),
    "network.path.to": ("nach", "to"),
    "network.path.found": ({"one": "Kürzester Weg ({n} Schritt):", "other": "Kürzester Weg ({n} Schritte):"},
                           {"one": "Shortest path ({n} step):", "other": "Shortest path ({n} steps):"}),
    "network.note.path_none": ("Zwischen diesen beiden Akteuren gibt es in dieser Ansicht keinen Weg.",
                               "There is no path between these two actors in this view."),
    "network.note.path_unknown": ("Einer der beiden Akteure des Weges ist unbekannt.",
                                  "One of the two actors of the path is unknown."),
    "network.note.focus_unknown": ("Der Akteur im Mittelpunkt ist unbekannt.", "The focused actor is unknown."),
    "network.note.edges_capped": ("Die Ansicht zeigt nur die stärksten Verbindungen zwischen diesen Akteuren; "
                                  "filtern Sie, um alle zu sehen.",
                                  "The view shows only the strongest ties between these actors; filter to see all."),
    "network.note.capped": ("Die Ansicht zeigt nur die am besten vernetzten Akteure; filtern Sie, um alle zu sehen.",
                            "The view shows only the best connected actors; filter to see all of them."),
    "network.color": ("Farbe nach", "Colour by"),
    "network.color.kind": ("Art", "kind"),
    "network.color.state": ("Bundesland", "state"),
    "network.legend": ("Legende", "Legend"),
    "network.legend.edges": ("Verbindungen", "Links"),
    "network.legend.size": ("Punktgröße: Zahl der Verbindungen im ganzen Netz.",
                            "Dot size: number of links in the whole network."),
    "network.shown.links": ({"one": "{n} Verbindung", "other": "{n} Verbindungen"},
                            {"one": "{n} link", "other": "{n} links"}),
    "network.panel.hint": ("Klicken Sie auf einen Punkt, um den Akteur zu sehen.",
                           "Click a dot to see the actor."),
    "network.panel.profile": ("Profil mit allen Quellen", "Profile with all sources"),
    "network.panel.focus": ("Nachbarschaft zeigen", "Show neighbourhood"),
    "network.panel.path_from": ("Weg von hier …", "Path from here …"),
    "network.panel.links": ("Verbindungen", "Links"),
    "network.panel.close": ("Schließen", "Close"),
    "network.matches": ("Treffer", "Matches"),
    "network.noscript": ("Die Netzwerkansicht braucht JavaScript. Die Daten stehen als JSON und CSV bereit.",
                         "The network view needs JavaScript. The data is available as JSON and CSV."),
    "network.any_actor": ("– Akteur wählen –", "– choose an actor –"),
    "network.picker.capped": ("Zur Wahl stehen die {n} am besten vernetzten Akteure; jeden anderen erreichen Sie "
                              "über sein Profil.",
                              "The lists offer the {n} best-connected actors; reach any other from its profile."),
    "network.edge.years": ("Jahre", "Years"),
    "network.edge.via": ("über", "via"),
    # map
    "map.title": ("Karte der Region", "Map of the region"),
    "map.measure": ("Landkreise einfärben nach", "Shade districts by"),
    "measure.actors": ("Zahl der Akteure", "number of actors"),
    "measure.actors_per_100k": ("Akteure je 100.000 Einwohner", "actors per 100,000 inhabitants"),
    "measure.collection_points": ("Zahl der Sammelstellen", "number of collection points"),
    "measure.collection_points_per_100k": ("Sammelstellen je 100.000 Einwohner",
                                           "collection points per 100,000 inhabitants"),
    "map.legend.nodata": ("keine Angabe (Einwohnerzahl fehlt)", "no data (population unknown)"),
    "map.legend.outside": ("Nachbarkreis (nicht Teil der Region)", "neighbouring district (not in the region)"),
    "map.legend.candidate": ("Kandidat: Zugehörigkeit nicht belegt (schraffiert)",
                             "candidate: membership not confirmed (hatched)"),
    "map.legend.actor": ("Akteur(e) an einem Ort", "actor(s) at one place"),
    "map.legend.site": ("Sammelstelle", "collection point"),
    "map.legend.state": ("Landesgrenze", "state border"),
    "map.unplaced": ("Ohne Koordinaten", "Without coordinates"),
    "place.point": ("Kartenpunkt: {label}", "Map point: {label}"),
    "map.legend.precision": (
        "Ohne genaue Adresse stehen Akteure und Sammelstellen in der Ortsmitte, mobile Sammlungen in der "
        "Kreismitte; die Akteure eines Ortes teilen sich einen Punkt.",
        "Without an exact address, actors and collection points are drawn at the town centre, mobile collections "
        "at the district centre; the actors of one town share one point."),
    "map.unplaced.actors": ({"one": "{n} Akteur ohne Koordinaten", "other": "{n} Akteure ohne Koordinaten"},
                            {"one": "{n} actor without coordinates", "other": "{n} actors without coordinates"}),
    "map.unplaced.outside": ("außerhalb des Kartenausschnitts", "outside the map"),
    "map.unplaced.sites": ({"one": "{n} Sammelstelle ohne Koordinaten", "other": "{n} Sammelstellen ohne Koordinaten"},
                           {"one": "{n} collection point without coordinates",
                            "other": "{n} collection points without coordinates"}),
    "map.unplaced.note": ("Sie fehlen nicht: Die Quellen nennen für sie keinen genauen Ort.",
                          "They are not missing: their sources give no exact location."),
    "map.more": ("… und {n} weitere", "… and {n} more"),
    "map.places": ({"one": "an {n} Ort auf der Karte", "other": "an {n} Orten auf der Karte"},
                   {"one": "at {n} place on the map", "other": "at {n} places on the map"}),
    "map.licence": ("Verwaltungsgrenzen:", "Administrative boundaries:"),
    "map.districts": ("Landkreise", "Districts"),
    "map.aria": ("Karte der Landkreise der Innovationsregion Harz mit Akteuren",
                 "Map of the districts of the Harz innovation region with actors"),
    # gap pages (webapp/gaps.py): partner suggestions, value chain, borders, brokers, report
    "nav.gaps": ("Partner", "Partners"),
    "nav.chains": ("Wertschöpfung", "Value chain"),
    "nav.borders": ("Grenzen", "Borders"),
    "nav.brokers": ("Vermittler", "Brokers"),
    "nav.report": ("Bericht", "Report"),
    "home.start.gaps": ("Partner finden", "Find partners"),
    "home.start.gaps.text": ("Wer könnte mit wem zusammenarbeiten? Vorschläge mit Begründung, zum Prüfen an "
                             "den Quellen.",
                             "Who could work with whom? Suggestions with their reasons, to check against the "
                             "sources."),
    "home.start.chains": ("Lücken der Kette sehen", "See the chain's gaps"),
    "home.start.chains.text": ("Welche Behandlungsstufe fehlt für welches Material? Wer hält das Netz "
                               "zusammen, welche Grenze trennt noch?",
                               "Which treatment stage is missing for which material? Who holds the network "
                               "together, which border still separates?"),
    "home.start.report": ("Kurzbericht lesen", "Read the briefing"),
    "home.start.report.text": ("Die wichtigsten Befunde auf wenigen Seiten, zum Drucken und Weitergeben.",
                               "The main findings on a few pages, to print and pass on."),
    "gaps.title": ("Mögliche Partnerschaften", "Possible partnerships"),
    "gaps.intro": (
        "Paare von Akteuren, zwischen denen noch keine Verbindung bekannt ist, die aber zueinander passen "
        "könnten. Jeder Vorschlag ist eine Hypothese, kein Befund: Prüfen Sie die Gründe an den Quellen und "
        "fragen Sie die beiden Akteure.",
        "Pairs of actors with no known tie who might fit together. Every suggestion is a hypothesis, not a "
        "finding: check its reasons against the sources and ask the two actors."),
    "gaps.score.explain": (
        "Die Stärke (0 bis 1) ordnet nur die Liste. Sie setzt sich zusammen aus der Wertschöpfungskette "
        "({value_chain}: eine Stufe folgt auf die andere, für ein gemeinsames Material), gemeinsamen Partnern "
        "({proximity}), sich ergänzenden Kompetenzen ({competence}) und dem Brückenschlag über eine Landes- "
        "oder Kreisgrenze ({border}).",
        "The score (0 to 1) only orders the list. It is made of the value chain ({value_chain}: one stage "
        "follows the other, for a shared material), common partners ({proximity}), complementary "
        "competencies ({competence}) and bridging a state or district border ({border})."),
    "gaps.describe": ({"one": "{n} Vorschlag", "other": "{n} Vorschläge"},
                      {"one": "{n} suggestion", "other": "{n} suggestions"}),
    "gaps.describe.actor": ("Akteur: {name}", "actor: {name}"),
    "gaps.describe.with": ("für Akteure mit", "for actors with"),
    "gaps.describe.score": ("Stärke ab {score}", "score at least {score}"),
    "gaps.describe.order": ("die stärksten zuerst", "strongest first"),
    "gaps.describe.sampled": ("die besten aus einer Stichprobe der möglichen Paare (das Netzwerk ist sehr groß: "
                              "ein Paar außerhalb der Stichprobe kann fehlen)",
                              "the best of a sample of the possible pairs (the network is very large: a pair "
                              "outside the sample may be missing)"),
    "gaps.filter.any": ("alle", "all"),
    "gaps.filter.score": ("Stärke mindestens", "Score at least"),
    "gaps.filter.note": ("Ein Paar bleibt stehen, wenn einer der beiden Akteure alle gewählten Merkmale hat.",
                         "A pair stays when one of its two actors has every chosen feature."),
    "gaps.filter.actor": ("Nur Vorschläge mit diesem Akteur:", "Only suggestions with this actor:"),
    "gaps.filter.actor.remove": ("alle Akteure", "all actors"),
    "gaps.part.value_chain": ("Wertschöpfungskette", "Value chain"),
    "gaps.part.proximity": ("Gemeinsame Partner", "Common partners"),
    "gaps.part.competence": ("Kompetenzen ergänzen sich", "Complementary competencies"),
    "gaps.part.border": ("Über Grenzen", "Across borders"),
    "gaps.score": ("Stärke", "Score"),
    "gaps.rank": ("Nr.", "No."),
    "gaps.network": ("Beide im Netzwerk zeigen", "Show both in the network"),
    "gaps.more_for": ("Alle Vorschläge für", "All suggestions for"),
    "gaps.evidence": ("Belege: die bestehenden Verbindungen zu den gemeinsamen Partnern",
                      "Evidence: the existing ties to the common partners"),
    "gaps.none": ("Kein Vorschlag passt zu diesen Filtern.", "No suggestion matches these filters."),
    "gaps.page": ("Seite {page} von {pages}", "Page {page} of {pages}"),
    "chains.title": ("Wertschöpfungskette: Welche Stufen deckt die Region ab?",
                     "Value chain: which stages does the region cover?"),
    "chains.intro": (
        "Jede Zeile ist ein Material oder eine Gerätekategorie, jede Spalte eine Behandlungsstufe in der "
        "Reihenfolge des Stoffstroms. Die Zahl nennt die Akteure, die damit bekanntermaßen auf dieser Stufe "
        "arbeiten; ein Klick zeigt sie. „fehlt“ heißt: In den Daten ist dafür im gewählten Gebiet ({area}) "
        "niemand bekannt – dort verlässt der Stoffstrom vermutlich das Gebiet.",
        "Each row is a material or a device category, each column a treatment stage in the order of the "
        "material flow. The number counts the actors known to handle it at that stage; a click lists them. "
        "“missing” means: the data knows nobody for it in the chosen area ({area}) — the flow presumably leaves the "
        "area there."),
    "chains.describe": ("Akteure je Material bzw. Gerätekategorie und Behandlungsstufe; Gebiet: {area}",
                        "Actors per material or device category and treatment stage; area: {area}"),
    "chains.region": ("ganze Region", "whole region"),
    "chains.area": ("Gebiet", "Area"),
    "chains.area.region": ("ganze Region", "whole region"),
    "chains.show": ("Zeigen", "Show"),
    "chains.group.category": ("Gerätekategorien (WEEE)", "Device categories (WEEE)"),
    "chains.group.crm": ("Kritische und strategische Rohstoffe (CRMA)",
                         "Critical and strategic raw materials (CRMA)"),
    "chains.group.material": ("Weitere Materialien", "Other materials"),
    "chains.col.item": ("Material oder Kategorie", "Material or category"),
    "chains.first_gap": ("Erster Bruch der Kette: {stage}", "Chain first breaks at: {stage}"),
    "chains.missing": ("fehlt", "missing"),
    "chains.missing.title": ("fehlt – kein Akteur bekannt. Gebiet: {area}; Material: {item}; Stufe: {stage}",
                             "missing – no actor known. Area: {area}; material: {item}; stage: {stage}"),
    "chains.cell.title": ({"one": "nur {n} Akteur – Material: {item}; Stufe: {stage} – anzeigen",
                           "other": "{n} Akteure – Material: {item}; Stufe: {stage} – anzeigen"},
                          {"one": "only {n} actor – material: {item}; stage: {stage} – list",
                           "other": "{n} actors – material: {item}; stage: {stage} – list"}),
    "chains.off_path": ("abseits des Recyclingpfads", "beside the recycling path"),
    "chains.legend.missing": ("fehlt: kein Akteur bekannt, obwohl andere Stufen belegt sind",
                              "missing: no actor known, though other stages are held"),
    "chains.legend.single": ("1 Akteur: hängt an einem einzigen", "1 actor: depends on a single one"),
    "chains.legend.covered": ("2 und mehr Akteure", "2 actors or more"),
    "chains.legend.off": ("Wiederverwendung, energetische Verwertung und Beseitigung liegen abseits des "
                          "Recyclingpfads; eine Lücke dort zählt nicht als Bruch der Kette.",
                          "Re-use, energy recovery and disposal lie beside the recycling path; a gap there "
                          "does not count as a break of the chain."),
    "chains.empty": ({"one": "Für {n} weiteres Material bzw. {n} weitere Kategorie ist kein Akteur bekannt "
                      "(Gebiet: {area})",
                      "other": "Für {n} weitere Materialien und Kategorien ist kein Akteur bekannt (Gebiet: {area})"},
                     {"one": "For {n} more material or category no actor is known (area: {area})",
                      "other": "For {n} more materials and categories no actor is known (area: {area})"}),
    "chains.crm.strategic": ("strategischer Rohstoff (CRMA)", "strategic raw material (CRMA)"),
    "chains.crm.critical": ("kritischer Rohstoff (CRMA)", "critical raw material (CRMA)"),
    "crm.abbr.strategic": ("S", "S"),  # the one-letter marks of the CRM Act's two lists
    "crm.abbr.critical": ("K", "C"),
    "chains.none": ("Kein Material ist hier bekannt.", "No material is known here."),
    "borders.title": ("Zusammenarbeit über Grenzen", "Cooperation across borders"),
    "borders.intro": (
        "Wie viele bekannte Verbindungen gibt es zwischen den Ländern und zwischen den Landkreisen – und wie viele "
        "wären zu erwarten? Ein Verhältnis unter 1 heißt: weniger Zusammenarbeit, als die Zahl der Akteure "
        "und ihrer Kontakte erwarten ließe.",
        "How many known ties are there between the states and between the districts — and how many would be "
        "expected? A ratio below 1 means less cooperation than the number of actors and their contacts "
        "would lead one to expect."),
    "borders.null": (
        "Erwartet ist, was herauskäme, wenn jeder Akteur seine Zahl an Verbindungen behielte, seine Partner "
        "aber ohne Rücksicht auf den Ort wählte (Konfigurationsmodell).",
        "Expected is what would result if every actor kept its number of ties but chose its partners "
        "regardless of place (configuration model)."),
    "borders.describe": ("Verbindungen zwischen und innerhalb der Länder und Landkreise, beobachtet und "
                         "erwartet; die schwächsten zuerst",
                         "Ties between and within the states and districts, observed and expected; "
                         "weakest first"),
    "borders.state": ("Länder", "States"),
    "borders.district": ("Landkreise", "Districts"),
    "borders.cell": ({"by": "o", "one": "{a} – {b}: {o} Verbindung bekannt, {e} erwartet",
                      "other": "{a} – {b}: {o} Verbindungen bekannt, {e} erwartet"},
                     {"by": "o", "one": "{a} – {b}: {o} tie known, {e} expected",
                      "other": "{a} – {b}: {o} ties known, {e} expected"}),
    "borders.expected.short": ("erw. {e}", "exp. {e}"),
    "borders.weakest": ("Die schwächsten Grenzen", "The weakest borders"),
    "borders.weakest.note": ("Nur Paare verschiedener Gebiete, nach dem Verhältnis beobachtet zu erwartet.",
                             "Only pairs of different areas, by the ratio of observed to expected."),
    "borders.observed": ("bekannt", "known"),
    "borders.expected": ("erwartet", "expected"),
    "borders.ratio": ("Verhältnis", "Ratio"),
    "borders.pair": ("Grenze", "Border"),
    "borders.legend.0": ("unter 0,5: deutlich weniger als erwartet", "below 0.5: far fewer than expected"),
    "borders.legend.1": ("0,5 bis 1: weniger als erwartet", "0.5 to 1: fewer than expected"),
    "borders.legend.2": ("1 bis 2: wie erwartet oder mehr", "1 to 2: as expected or more"),
    "borders.legend.3": ("über 2: viel mehr als erwartet", "above 2: far more than expected"),
    "borders.legend.none": ("keine Erwartung (keine Verbindungen der Akteure)", "nothing expected (no ties)"),
    "borders.words": ("In Worten", "In words"),
    "borders.headline.state": (
        {"by": "o",
         "one": "Schwächste Landesgrenze: {a} – {b}: {o} bekannte Verbindung, {e} zu erwarten (Verhältnis {r}).",
         "other": "Schwächste Landesgrenze: {a} – {b}: {o} bekannte Verbindungen, {e} zu erwarten (Verhältnis {r})."},
        {"by": "o",
         "one": "Weakest state border: {a} – {b}, with {o} known tie where {e} would be expected (ratio {r}).",
         "other": "Weakest state border: {a} – {b}, with {o} known ties where {e} would be expected (ratio {r})."}),
    "borders.headline.district": (
        {"by": "o",
         "one": "Schwächste Kreisgrenze: {a} – {b}: {o} bekannte Verbindung, {e} zu erwarten (Verhältnis {r}).",
         "other": "Schwächste Kreisgrenze: {a} – {b}: {o} bekannte Verbindungen, {e} zu erwarten (Verhältnis {r})."},
        {"by": "o",
         "one": "Weakest district border: {a} – {b}, with {o} known tie where {e} would be expected (ratio {r}).",
         "other": "Weakest district border: {a} – {b}, with {o} known ties where {e} would be expected (ratio {r})."}),
    "borders.diagonal": ("Diagonale: Verbindungen innerhalb eines Gebiets.", "Diagonal: ties within one area."),
    "borders.network": ("im Netzwerk", "in the network"),
    "brokers.title": ("Vermittler und Sollbruchstellen", "Brokers and weak points"),
    "brokers.intro": (
        "Vermittler verbinden Teile des Netzes, die sonst kaum zueinander fänden: Über sie laufen Vorstellungen "
        "und Informationen – und fällt einer weg, reißt das Netz. Wer als Einziger die Verbindung anderer "
        "zum Netz hält, ist eine Sollbruchstelle.",
        "Brokers connect parts of the network that would hardly find each other otherwise: introductions and "
        "news run through them — and if one leaves, the network tears. An actor who alone holds others' "
        "connection to the network is a weak point."),
    "brokers.describe": ({"one": "{n} Akteur nach seiner Vermittlerrolle",
                          "other": "{n} Akteure nach ihrer Vermittlerrolle"},
                         {"one": "{n} actor by its brokerage", "other": "{n} actors by their brokerage"}),
    "brokers.cuts": ("Sollbruchstellen: Wer andere abschneiden würde", "Weak points: who would cut others off"),
    "brokers.cut": ({"one": "Fiele dieser Akteur weg, verlöre {n} Akteur jeden bekannten Weg zum übrigen Netz:",
                     "other": "Fiele dieser Akteur weg, verlören {n} Akteure jeden bekannten Weg zum übrigen Netz:"},
                    {"one": "If this actor left, {n} actor would lose every known path to the rest of the network:",
                     "other": "If this actor left, {n} actors would lose every known path to the rest of the "
                              "network:"}),
    "brokers.cuts.note": (
        {"one": "{n} Akteur hält als Einziger die Verbindung anderer zum Netz. Eine zweite Verbindung zu den "
                "Abhängigen würde das Netz absichern.",
         "other": "{n} Akteure halten als Einzige die Verbindung anderer zum Netz; die mit den meisten Abhängigen "
                  "zuerst. Eine zweite Verbindung zu den Abhängigen würde das Netz absichern."},
        {"one": "{n} actor alone holds others' connection to the network. A second tie to the dependants would "
                "secure the network.",
         "other": "{n} actors alone hold others' connection to the network; those with the most dependants first. "
                  "A second tie to the dependants would secure the network."}),
    "brokers.cuts.more": ({"one": "Eine weitere Sollbruchstelle", "other": "Weitere {n} Sollbruchstellen"},
                          {"one": "{n} more weak point", "other": "{n} more weak points"}),
    "brokers.cuts.capped": ("Die {shown} mit den meisten Abhängigen; wählen Sie ein Land, einen Kreis oder eine Art, "
                            "um weitere zu sehen.",
                            "The {shown} with the most dependants; choose a state, district or kind to see others."),
    "brokers.col.who": ("wer abgeschnitten wäre", "who would be cut off"),
    "brokers.and_more": ({"one": "und {n} weiterer", "other": "und {n} weitere"}, "and {n} more"),
    "brokers.cuts.none": ("Unter diesen Akteuren hält keiner allein die Verbindung anderer zum Netz.",
                          "None of these actors alone holds others' connection to the network."),
    "brokers.ranked": ("Rangliste der Vermittler", "Brokers ranked"),
    "brokers.col.betweenness": ("Anteil kürzester Wege", "Share of shortest paths"),
    "brokers.col.constraint": ("Constraint", "Constraint"),
    "brokers.col.effective": ("effektive Größe", "Effective size"),
    "brokers.col.cut": ("schneidet ab", "cuts off"),
    "brokers.col.bridges": ("einzige Verbindung zu", "only link to"),
    "brokers.how": ("So lesen Sie die Zahlen", "How to read the numbers"),
    "brokers.how.betweenness": ("Anteil der kürzesten Wege zwischen zwei anderen Akteuren, die über diesen "
                                "Akteur laufen. Hoch heißt: ein Vermittler.",
                                "Share of the shortest paths between two other actors that run through this "
                                "actor. High means: a broker."),
    "brokers.how.constraint": ("Burts Constraint (0 bis 1): wie eng die Partner eines Akteurs auch untereinander "
                               "verbunden sind. Niedrig heißt: Er überbrückt Lücken zwischen ihnen.",
                               "Burt's constraint (0 to 1): how closely an actor's partners are tied to each "
                               "other too. Low means: it bridges gaps between them."),
    "brokers.how.effective": ("Effektive Größe: die Zahl der Partner, abzüglich ihrer Überschneidung – so viele "
                              "voneinander unabhängige Kontakte hat der Akteur.",
                              "Effective size: the number of partners less their overlap — how many "
                              "independent contacts the actor has."),
    "brokers.how.cut": ("Schneidet ab: Akteure, die ohne ihn keinen bekannten Weg mehr zum größten Teil des "
                        "Netzes hätten.",
                        "Cuts off: actors that without it would have no known path to the largest part of "
                        "the network."),
    "brokers.how.bridges": ("Einzige Verbindung: eine Beziehung, die als einzige zwei Teile des Netzes verbindet; "
                            "eine zweite Partnerschaft daneben würde sie absichern.",
                            "Only link: a tie that alone connects two parts of the network; a second "
                            "partnership beside it would secure it."),
    "brokers.thin": ("Die Zahlen beruhen auf den bekannten Verbindungen. Fehlt eine Verbindung in den Daten, "
                     "kann ein Akteur wichtiger erscheinen, als er ist.",
                     "The numbers rest on the known ties. Where the data misses a tie, an actor may look more "
                     "important than it is."),
    "brokers.focus": ("Nachbarschaft im Netzwerk", "Neighbourhood in the network"),
    "report.title": ("Kurzbericht für Entscheider", "Briefing for decision makers"),
    "report.intro": (
        "Die wichtigsten Befunde auf einen Blick – fehlende Stufen der Wertschöpfungskette, schwache Grenzen, "
        "mögliche Partnerschaften und Sollbruchstellen –, jede Aussage mit ihren Quellen. Der Bericht ist eine "
        "einzelne HTML-Datei: Sie lässt sich ohne Internet öffnen, drucken und weitergeben.",
        "The main findings at a glance — missing stages of the value chain, weak borders, possible "
        "partnerships and weak points —, every statement with its sources. The briefing is a single HTML "
        "file: it opens without the internet and can be printed and passed on."),
    "report.download": ("Herunterladen (HTML-Datei)", "Download (HTML file)"),
    "report.open": ("In eigenem Fenster öffnen, zum Drucken", "Open in its own window, to print"),
    "report.file": ("kurzbericht", "briefing"),
    "report.frame": ("Der Kurzbericht", "The briefing"),
    "view.preparing": ("Diese Auswertung wird gerade aus dem ganzen Netzwerk berechnet. Bei sehr großen Netzwerken "
                       "dauert das einige Sekunden bis Minuten; diese Seite lädt sich von selbst neu, sobald sie "
                       "fertig ist.",
                       "This analysis is being computed from the whole network. For very large networks this takes "
                       "seconds to minutes; this page reloads by itself as soon as it is ready."),
    "gaps.preparing": ("Die Vorschläge zu dieser Auswahl werden gerade aus dem ganzen Netzwerk berechnet. Bei sehr "
                       "großen Netzwerken dauert das einige Sekunden bis Minuten; diese Seite lädt sich von selbst "
                       "neu, sobald sie fertig sind.",
                       "The suggestions for this selection are being computed from the whole network. For very "
                       "large networks this takes seconds to minutes; this page reloads by itself as soon as they "
                       "are ready."),
    "report.preparing": ("Der Kurzbericht wird gerade aus allen Daten erstellt. Bei sehr großen Netzwerken dauert "
                         "das einige Minuten; diese Ansicht lädt sich von selbst neu, sobald er fertig ist.",
                         "The briefing is being prepared from all the data. For very large networks this takes a "
                         "few minutes; this view reloads by itself as soon as it is ready."),
    "network.suggest": ("Vorgeschlagene Partnerschaften einblenden", "Show suggested partnerships"),
    "network.suggest.legend": ("vorgeschlagene Partnerschaft (Hypothese)", "suggested partnership (hypothesis)"),
    "network.suggest.tooltip": ("Vorschlag Nr. {rank} (Hypothese, keine bekannte Verbindung)",
                                "Suggestion no. {rank} (a hypothesis, not a known tie)"),
    # errors
    "error.404": ("Nicht gefunden", "Not found"),
    "error.404.text": ("Diese Seite oder dieser Akteur existiert nicht.", "This page or actor does not exist."),
    "error.400": ("Ungültige Anfrage", "Bad request"),
    "error.400.param": ("Der Parameter „{name}“ hat einen ungültigen Wert: „{value}“.",
                        "The parameter “{name}” has an invalid value: “{value}”."),
    "error.400.allowed": ("Erlaubt sind:", "Allowed are:"),
    "error.405": ("Methode nicht erlaubt", "Method not allowed"),
    "error.500": ("Interner Fehler", "Internal error"),
    "error.500.text": ("Etwas ist schiefgegangen. Der Fehler wurde protokolliert.",
                       "Something went wrong. The error has been logged."),
    "error.503": ("Vorübergehend nicht verfügbar", "Temporarily unavailable"),
    "error.503.text": ("Der Graph ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.",
                       "The graph is not available right now. Please try again shortly."),
    "error.back": ("Zum Überblick", "Back to the overview"),
    # SPARQL workbench (issue 5)
    "nav.sparql": ("SPARQL", "SPARQL"),
    "sparql.title": ("SPARQL-Abfragen", "SPARQL queries"),
    "sparql.intro": (
        "Fragen Sie den Graphen selbst, in SPARQL 1.1 – nur lesend. Eine Abfrage darf {timeout} s laufen und "
        "liefert höchstens {rows} Zeilen. Die Präfixe des Graphen sind vordefiniert; Strg+Leertaste ergänzt "
        "Präfixe, Klassen, Eigenschaften und Begriffe.",
        "Ask the graph your own questions, in SPARQL 1.1 – read-only. A query may run for {timeout} s and "
        "returns at most {rows} rows. The graph's prefixes are predeclared; Ctrl+Space completes prefixes, "
        "classes, properties and concepts."),
    "sparql.examples": ("Beispielabfragen", "Example queries"),
    "sparql.examples.note": ("Ein Klick lädt die Abfrage in den Editor und führt sie aus.",
                             "A click loads the query into the editor and runs it."),
    "sparql.editor": ("Abfrage", "Query"),
    "sparql.run": ("Ausführen", "Run"),
    "sparql.run.hint": ("Strg+Enter", "Ctrl+Enter"),
    "sparql.running": ("Läuft …", "Running …"),
    "sparql.results": ("Ergebnis", "Result"),
    "sparql.rows": ({"one": "{n} Zeile", "other": "{n} Zeilen"}, {"one": "{n} row", "other": "{n} rows"}),
    "sparql.triples": ("{n} Tripel", {"one": "{n} triple", "other": "{n} triples"}),
    "sparql.elapsed": ("in {ms} ms", "in {ms} ms"),
    "sparql.truncated.rows": (
        "Gekürzt: Nur die ersten {n} Zeilen werden geliefert (Obergrenze). Schränken Sie die Abfrage ein, "
        "etwa mit FILTER oder LIMIT.",
        "Truncated: only the first {n} rows are returned (the row limit). Narrow the query down, e.g. with "
        "FILTER or LIMIT."),
    "sparql.truncated.bytes": (
        "Gekürzt: Die Antwort erreichte die Größenobergrenze; nur die ersten {n} Zeilen werden geliefert.",
        "Truncated: the answer reached the size limit; only the first {n} rows are returned."),
    "sparql.shown": ("Die Tabelle zeigt die ersten {shown} von {n} Zeilen; die Downloads enthalten alle.",
                     "The table shows the first {shown} of {n} rows; the downloads hold all of them."),
    "sparql.empty": ("Keine Treffer: Die Abfrage lief, aber nichts im Graphen passt zu ihrem Muster.",
                     "No results: the query ran, but nothing in the graph matches its pattern."),
    "sparql.ask.true": ("Ja – das Muster kommt im Graphen vor.", "Yes – the pattern occurs in the graph."),
    "sparql.ask.false": ("Nein – das Muster kommt im Graphen nicht vor.",
                         "No – the pattern does not occur in the graph."),
    "sparql.error": ("Die Abfrage wurde nicht beantwortet", "The query was not answered"),
    "sparql.error.at": ("Zeile {line}, Spalte {column}", "line {line}, column {column}"),
    "sparql.error.network": ("Der Server hat nicht geantwortet.", "The server did not answer."),
    "sparql.busy": ("Gerade laufen zu viele Abfragen. Bitte in {s} s noch einmal versuchen.",
                    "Too many queries are running right now. Please try again in {s} s."),
    "sparql.view": ("Darstellung", "View"),
    "sparql.view.table": ("Tabelle", "Table"),
    "sparql.view.bar": ("Balken", "Bar chart"),
    "sparql.view.network": ("Netzwerk", "Network"),
    "sparql.view.map": ("Karte", "Map"),
    "sparql.view.unfit": ("passt nicht zu den Spalten dieses Ergebnisses",
                          "does not fit the columns of this result"),
    "sparql.map.placed": ({"one": "{n} Zeile mit Koordinaten auf der Karte",
                           "other": "{n} Zeilen mit Koordinaten auf der Karte"},
                          {"one": "{n} row with coordinates on the map",
                           "other": "{n} rows with coordinates on the map"}),
    "sparql.map.unplaced": ({"one": "{n} Zeile ohne Koordinaten oder außerhalb des Ausschnitts",
                             "other": "{n} Zeilen ohne Koordinaten oder außerhalb des Ausschnitts"},
                            {"one": "{n} row without coordinates or outside the map",
                             "other": "{n} rows without coordinates or outside the map"}),
    "sparql.bar.note": ("„{value}“ je „{category}“", "“{value}” per “{category}”"),
    "sparql.network.note": ({"one": "{n} Kante von „{source}“ nach „{target}“",
                             "other": "{n} Kanten von „{source}“ nach „{target}“"},
                            {"one": "{n} edge from “{source}” to “{target}”",
                             "other": "{n} edges from “{source}” to “{target}”"}),
    "sparql.download": ("Ergebnis herunterladen:", "Download the result:"),
    "sparql.copy": ("Link zu dieser Abfrage kopieren", "Copy the link to this query"),
    "sparql.copied": ("Link kopiert", "Link copied"),
    "sparql.kind.class": ("Klasse", "class"),
    "sparql.kind.property": ("Eigenschaft", "property"),
    "sparql.kind.concept": ("Begriff", "concept"),
    "sparql.kind.prefix": ("Präfix", "prefix"),
    "sparql.kind.keyword": ("Schlüsselwort", "keyword"),
    "sparql.prefixes": ("Vordefinierte Präfixe", "Predeclared prefixes"),
    "sparql.endpoint": ("Für Werkzeuge (SPARQLWrapper, YASGUI, R, Protégé): SPARQL-1.1-Endpunkt",
                        "For tools (SPARQLWrapper, YASGUI, R, Protégé): SPARQL 1.1 endpoint"),
    "sparql.noscript": (
        "Der Editor und die Diagramme brauchen JavaScript. Ohne JavaScript: Abfrage eingeben und ein "
        "Ergebnisformat wählen.",
        "The editor and the charts need JavaScript. Without JavaScript: enter a query and choose a result "
        "format."),
    "sparql.format": ("Format", "Format"),
    # dereferenceable IRIs (issue 5)
    "resource.iri": ("IRI", "IRI"),
    "resource.about": ("Was der Graph über diese Ressource sagt", "What the graph says about this resource"),
    "resource.incoming": ("Was auf diese Ressource verweist", "What points at this resource"),
    "resource.parts": ("Teile dieser Ressource", "Parts of this resource"),
    "resource.sources": ("Quellen", "Sources"),
    "resource.query": ("Die Abfrage hinter dieser Seite", "The query behind this page"),
    "resource.query.note": (
        "Diese Seite zeigt das Ergebnis der folgenden CONSTRUCT-Abfrage, ergänzt um die Bezeichnungen "
        "der verknüpften Ressourcen.",
        "This page shows the result of the following CONSTRUCT query, with the labels of the linked "
        "resources added."),
    "resource.query.run": ("Im Abfrage-Editor öffnen", "Open in the query workbench"),
    "resource.formats": ("Als RDF:", "As RDF:"),
    "resource.more": ({"one": "… und {n} weiterer Wert", "other": "… und {n} weitere Werte"}, "… and {n} more"),
    "resource.profile": ("Zum Profil des Akteurs", "To the actor's profile"),
    "resource.triples": ("{n} Tripel", {"one": "{n} triple", "other": "{n} triples"}),
    "col.property": ("Eigenschaft", "Property"),
    "col.object": ("Wert", "Value"),
    "col.subject": ("Ressource", "Resource"),
    "error.403": ("Nicht erlaubt", "Not allowed"),
    "error.406": ("Format nicht lieferbar", "Format not available"),
    "error.413": ("Anfrage zu groß", "Request too large"),
    "error.415": ("Falscher Inhaltstyp", "Wrong content type"),
    "error.429": ("Zu viele Abfragen", "Too many queries"),
}
# Issue 9: the concept hierarchy, search, suggestions about a topic, one word per number, the pages
# /communities and /periphery, the kinds of chain gap.
STRINGS.update({
    'col.relations': (
        'belegte Beziehungen',
        'Sourced relations'),
    'actors.search': (
        'Suchen: Name, Ort, Material, Kompetenz …',
        'Search: name, place, material, competency …'),
    'sort.relations': (
        'Zahl der belegten Beziehungen',
        'number of sourced relations'),
    'sort.-relations': (
        'meiste belegte Beziehungen',
        'most sourced relations'),
    'profile.relations': (
        'Belegte Beziehungen',
        'Sourced relations'),
    'network.legend.edges': (
        'Verbindungen',
        'Ties'),
    'network.panel.links': (
        'Verbindungen im Netz',
        'Ties in the network'),
    'gaps.score.explain': (
        "Die Stärke (0 bis 1) ordnet nur die Liste. Sie setzt sich zusammen aus der Wertschöpfungskette "
        "({value_chain}: eine Stufe folgt auf die andere, für ein gemeinsames Material), gemeinsamen Partnern "
        "({proximity}), sich ergänzenden Kompetenzen ({competence}) und dem Brückenschlag über eine Landes- "
        "oder Kreisgrenze ({border}, so viel wie die Kette trägt). Ist ein Thema gewählt (Material, Kategorie, "
        "Kompetenz oder Stufe), zählt zuerst, wie gut sich die beiden darin ergänzen: beide an benachbarten "
        "Stufen (1), beide (0,6), einer mit dem Thema und einer an der Stufe daneben (0,4), nur einer (0,2); "
        "die Stärke ist dann Thema × (0,5 + 0,5 × übrige Teile). Gleiche Stärke, gleicher Rang.",
        "The score (0 to 1) only orders the list. It is made of the value chain ({value_chain}: one stage "
        "follows the other, for a shared material), common partners ({proximity}), complementary "
        "competencies ({competence}) and bridging a state or district border ({border}, as much as the chain "
        "carries). When a topic is chosen (material, category, competency or stage), how well the two "
        "complement each other on it counts first: both at adjacent stages (1), both (0.6), one with the topic "
        "and one at the stage next to it (0.4), only one (0.2); the score is then topic × (0.5 + 0.5 × the "
        "other parts). Equal scores share a rank."),
    'gaps.filter.note': (
        'Material, Kategorie, Kompetenz und Stufe sind das Thema: Ein Paar bleibt stehen, wenn '
        'einer der beiden es hat (oder einen engeren Begriff). Landkreis, Bundesland und Art: wenn '
        'einer der beiden dort sitzt oder von der Art ist.',
        'Material, category, competency and stage are the topic: a pair stays when one of the two '
        'has it (or a narrower concept). District, state and kind: when one of the two is there or '
        'of that kind.'),
    'col.ties': (
        'Verbindungen im Netz',
        'Ties in the network'),
    'sort.relevance': (
        'Treffergüte',
        'relevance'),
    'profile.relations.split': (
        'davon {actors} zu anderen Akteuren (hier), {projects} zu Projekten (unten)',
        '{actors} to other actors (here), {projects} to projects (below)'),
    'nav.communities': (
        'Gruppen',
        'Groups'),
    'nav.periphery': (
        'Rand',
        'Periphery'),
    'communities.title': (
        'Gruppen ohne Verbindung',
        'Groups without a tie'),
    'communities.intro': (
        'Das Netz zerfällt in Gruppen, die untereinander dichter verbunden sind als nach außen '
        '(Louvain/Leiden, fester Startwert). Aufgeführt sind Paare von Gruppen mit keiner oder nur '
        'einer bekannten Verbindung: Dort fehlt vermutlich ein Austausch. Eine fehlende Verbindung '
        'kann auch eine Lücke der Recherche sein.',
        'The network splits into groups tied more densely inside than outside (Louvain/Leiden, '
        'fixed seed). Listed are pairs of groups with no known tie or only one: an exchange is '
        'probably missing there. A missing tie can also be a gap in the research.'),
    'communities.describe': ({"one": "{n} Paar von Gruppen", "other": "{n} Paare von Gruppen"},
                             {"one": "{n} pair of groups", "other": "{n} pairs of groups"}),
    'periphery.title': (
        'Akteure am Rand',
        'Actors at the edge'),
    'periphery.intro': (
        'Akteure ohne oder mit wenigen bekannten Verbindungen, oder in einer Gruppe abseits des '
        'Hauptnetzes. Sie einzubinden kann die Kette schließen – oder die Daten ergänzen.',
        'Actors with no or few known ties, or in a group apart from the main network. Bringing them '
        'in can close the chain – or complete the data.'),
    'periphery.describe': ({"one": "{n} Akteur am Rand", "other": "{n} Akteure am Rand"},
                           {"one": "{n} actor at the edge", "other": "{n} actors at the edge"}),
    'col.community_a': (
        'Gruppe A',
        'Group A'),
    'col.community_b': (
        'Gruppe B',
        'Group B'),
    'col.links': (
        'Verbindungen zwischen ihnen',
        'Ties between them'),
    'col.examples': (
        'Beispiele',
        'Examples'),
    'col.core': (
        'k-Kern',
        'k-core'),
    'col.offers': (
        'bringt mit',
        'offers'),
    'col.reasons': (
        'Gründe',
        'Reasons'),
    'gaps.filter.without_public': (
        'Fördermittelgeber und Behörden weglassen',
        'Leave out funders and public bodies'),
    'gaps.filter.funders': (
        'Auch Fördermittelgeber vorschlagen',
        'Suggest funders too'),
    'gaps.describe.without_public': (
        'ohne Fördermittelgeber und Behörden',
        'without funders and public bodies'),
    'gaps.describe.funders': (
        'mit Fördermittelgebern',
        'with funders'),
    'gaps.part.topic': (
        'Zum gewählten Thema',
        'On the chosen topic'),
    'chains.gap.first': (
        'Kette bricht zuerst ab bei „{stage}“',
        'Chain first breaks at “{stage}”'),
    'chains.gap.elsewhere': (
        '„{stage}“ fehlt hier, gibt es aber in: {where}',
        '“{stage}” is missing here but found in: {where}'),
    'chains.gap.hole': (
        'Lücke bei „{stage}“, spätere Stufen sind besetzt: vermutlich fehlen Daten',
        'Gap at “{stage}” while later stages are held: data probably missing'),
    'chains.gap.region_end': (
        'Kette endet bei „{stage}“ in der ganzen Region',
        'The chain ends at “{stage}” in the whole region'),
})
STRINGS.update(EDITING_STRINGS)  # the editors' pages (graph/words/editing.py)
STRINGS.update(ACCESS_STRINGS)  # skip link, network for everyone, sharing (graph/words/access.py)
STRINGS.update(COLLECTION_STRINGS)  # /collection (graph/words/collection.py)



#: Evidence levels from strong to weak, with their names (facet values and labels).
EVIDENCE: dict[str, dict[str, str]] = {  # one wording on every page: the same as evidence.* (issue 9)
    "high": {"de": "gut belegt", "en": "well supported"},
    "medium": {"de": "mittel belegt", "en": "moderately supported"},
    "low": {"de": "schwach belegt", "en": "weakly supported"},
}
#: Tie types of the collaboration graph that come from no single relation row, with their names.
DERIVED_TIES: dict[str, dict[str, str]] = {
    "joint_project": {"de": "gemeinsames Projekt", "en": "joint project"},
    "shared_network": {"de": "gemeinsames Netzwerk", "en": "shared network"},
}


def text(key: str, lang: str) -> Text | None:
    """The entry of ``key`` in ``lang`` (a string or plural forms); None when unknown."""
    pair = STRINGS.get(key)
    if pair is None:
        return None
    return pair[LANGS.index(lang) if lang in LANGS else 0]


def translate(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` with ``values`` filled in (numbers written the way
    of ``lang``, the plural form chosen by the count); the key itself when unknown.

    >>> translate("actors.count", "de", n=3, total=10)
    '3 von 10 Akteuren'
    >>> translate("actors.count", "en", n=1234, total=1234)
    '1,234 of 1,234 actors'
    >>> translate("describe.some", "de", n=1), translate("describe.some", "en", n=1)
    ('1 Akteur', '1 actor')
    """
    entry = text(key, lang)
    if entry is None:
        return key
    if not isinstance(entry, str):
        entry = fmt.pick(entry, values.get(entry.get("by", "n"), 0), lang)
    if not values:
        return entry
    return entry.format(**{name: _written(value, lang) for name, value in values.items()})


def for_script(key: str, lang: str) -> str | dict[str, str]:
    """The text of ``key`` in ``lang`` for a script: a string, or the plural forms
    ``{"one": …, "other": …}`` that the script picks with ``Intl.PluralRules`` (CLDR too)."""
    entry = text(key, lang)
    if entry is None:
        return key
    return entry if isinstance(entry, str) else {k: v for k, v in entry.items() if k != "by"}


def _written(value: object, lang: str) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return fmt.number(value, lang)
