"""The viewer's own words in German and English, and number and date formats per language.

Labels of concepts (kinds, stages, materials …) come from the SKOS vocabularies in the
graph; this table holds only the interface's words.
"""

from __future__ import annotations

LANGS = ("de", "en")

#: key → (German, English). Placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = {
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
    "sources.n": ("{n} Quellen", "{n} sources"),
    "sources.one": ("1 Quelle", "1 source"),
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
    "home.total.actors": ("Akteure", "actors"),
    "home.total.relations": ("belegte Beziehungen", "sourced relations"),
    "home.total.projects": ("Projekte", "projects"),
    "home.total.collection_points": ("Sammelstellen", "collection points"),
    "home.total.sources": ("Quellen", "sources"),
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
    "home.districts.note": (
        "{confirmed} Landkreise sind durch Quellen als Teil der Region belegt; {candidates} weitere sind Kandidaten, "
        "die bisher keine Quelle der Region zuordnet. {n} Akteure liegen außerhalb dieser Landkreise oder nennen "
        "keinen Landkreis.",
        "{confirmed} districts are confirmed by sources as part of the region; {candidates} more are candidates "
        "that no source assigns to the region yet. {n} actors lie outside these districts or name no district."),
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
    "actors.count": ("{n} von {total} Akteuren", "{n} of {total} actors"),
    "actors.none": ("Kein Akteur passt zu diesen Filtern.", "No actor matches these filters."),
    "actors.all": ("Alle Akteure", "All actors"),
    "actors.filtered": ("Akteure", "Actors"),
    "describe.sorted": ("sortiert nach {sort}", "sorted by {sort}"),
    "describe.sorted.desc": ("absteigend", "descending"),
    "describe.q": ("Name oder Ort enthält „{q}“", "name or place contains “{q}”"),
    "describe.all": ("Alle {n} Akteure", "All {n} actors"),
    "describe.some": ("{n} Akteure", "{n} actors"),
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
    "profile.chain.none": ("Keine Behandlungsstufe angegeben.", "No treatment stage stated."),
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
    "network.hops": ("{n} Schritte", "{n} steps"),
    "network.hops.one": ("1 Schritt", "1 step"),
    "network.hops.label": ("Schritte", "Steps"),
    "network.path": ("Weg zwischen zwei Akteuren", "Path between two actors"),
    "network.path.from": ("von", "from"),
    "network.path.to": ("nach", "to"),
    "network.path.found": ("Kürzester Weg ({n} Schritte):", "Shortest path ({n} steps):"),
    "network.note.path_none": ("Zwischen diesen beiden Akteuren gibt es in dieser Ansicht keinen Weg.",
                               "There is no path between these two actors in this view."),
    "network.note.path_unknown": ("Einer der beiden Akteure des Weges ist unbekannt.",
                                  "One of the two actors of the path is unknown."),
    "network.note.focus_unknown": ("Der Akteur im Mittelpunkt ist unbekannt.", "The focused actor is unknown."),
    "network.note.capped": ("Die Ansicht zeigt nur die am besten vernetzten Akteure; filtern Sie, um alle zu sehen.",
                            "The view shows only the best connected actors; filter to see all of them."),
    "network.color": ("Farbe nach", "Colour by"),
    "network.color.kind": ("Art", "kind"),
    "network.color.state": ("Bundesland", "state"),
    "network.legend": ("Legende", "Legend"),
    "network.legend.edges": ("Verbindungen", "Links"),
    "network.legend.size": ("Punktgröße: Zahl der Verbindungen im ganzen Netz.",
                            "Dot size: number of links in the whole network."),
    "network.shown": ("{nodes} von {total_nodes} Akteuren, {edges} Verbindungen",
                      "{nodes} of {total_nodes} actors, {edges} links"),
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
    "map.unplaced.actors": ("{n} Akteure ohne Koordinaten", "{n} actors without coordinates"),
    "map.unplaced.outside": ("außerhalb des Kartenausschnitts", "outside the map"),
    "map.unplaced.sites": ("{n} Sammelstellen ohne Koordinaten", "{n} collection points without coordinates"),
    "map.unplaced.note": ("Sie fehlen nicht: Die Quellen nennen für sie keinen genauen Ort.",
                          "They are not missing: their sources give no exact location."),
    "map.places": ("{m} Akteure an {n} Orten auf der Karte", "{m} actors at {n} places on the map"),
    "map.licence": ("Verwaltungsgrenzen:", "Administrative boundaries:"),
    "map.districts": ("Landkreise", "Districts"),
    "map.aria": ("Karte der Landkreise der Innovationsregion Harz mit Akteuren",
                 "Map of the districts of the Harz innovation region with actors"),
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
}


def translate(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` with ``values`` filled in; the key itself when unknown.

    >>> translate("actors.count", "de", n=3, total=10)
    '3 von 10 Akteuren'
    >>> translate("actors.count", "en", n=3, total=10)
    '3 of 10 actors'
    """
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[LANGS.index(lang) if lang in LANGS else 0]
    return text.format(**values) if values else text


def number(value: object, lang: str, digits: int | None = None) -> str:
    """A number written the way readers of ``lang`` expect; "–" for None.

    >>> number(134672, "de"), number(134672, "en"), number(2.25, "de", 1), number(None, "de")
    ('134.672', '134,672', '2,2', '–')
    """
    if value is None:
        return "–"
    if digits is not None:
        text = f"{float(value):,.{digits}f}"
    elif isinstance(value, float) and not value.is_integer():
        text = f"{value:,}"
    else:
        text = f"{int(value):,}"
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def date(value: object, lang: str) -> str:
    """An ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) in the reader's format.

    >>> date("2026-11-25", "de"), date("2026-11", "de"), date("2026-11-25", "en"), date(None, "de")
    ('25.11.2026', '11/2026', '2026-11-25', '')
    """
    if not value:
        return ""
    text = str(value)
    if lang != "de":
        return text
    parts = text.split("-")
    if len(parts) == 3:
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    if len(parts) == 2:
        return f"{parts[1]}/{parts[0]}"
    return text
