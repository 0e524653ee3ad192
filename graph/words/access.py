"""The interface words of issue 14 (skip link, scroll boxes, the network for everyone, sharing,
linked-data links): key → (German, English), merged into ``graph.words.ui.STRINGS``."""

from __future__ import annotations

from collections.abc import Mapping

STRINGS: dict[str, tuple[str | Mapping[str, str], str | Mapping[str, str]]] = {
    "skip": ("Zum Inhalt springen", "Skip to content"),
    "table.scroll": ("Tabelle (seitlich verschiebbar)", "Table (scrolls sideways)"),
    "network.fit": ("Ganzes Netz zeigen", "Show the whole network"),
    "network.move": ("Netz mit einem Finger verschieben", "Move the network with one finger"),
    "network.color.community": ("Gruppe", "community"),
    "network.community": ("Gruppe {n}", "Community {n}"),
    "network.size": ("Größe nach", "Size by"),
    "network.size.degree": ("Verbindungen", "links"),
    "network.size.betweenness": ("Mittlerrolle", "betweenness"),
    "network.tables": ("Als Tabellen: die Akteure und ihre Verbindungen", "As tables: the actors and their links"),
    "network.tables.nodes": ("Akteure", "Actors"),
    "network.tables.edges": ("Verbindungen mit Quellen", "Links with sources"),
    "network.tables.profile": ("Profil", "Profile"),
    "network.panel.select": ("Im Netz zeigen", "Show in the network"),
    "network.standalone": ("Diese Ansicht als Datei (HTML, offline)", "This view as a file (HTML, offline)"),
    "network.standalone.made": ("Aus harzgraph ({url}). Die Quellen jeder Verbindung stehen in ihrem Tooltip.",
                                "From harzgraph ({url}). Each link's sources are in its tooltip."),
    "network.png": ("Bild (PNG)", "Image (PNG)"),
    "network.svg": ("Bild (SVG)", "Image (SVG)"),
    "profile.rdf": ("Als RDF (Turtle)", "As RDF (Turtle)"),
    "network.year": ("Stand im Jahr", "As of the year"),
    "network.year.all": ("alle Jahre", "all years"),
    "network.year.shown": (
        {"by": "undated", "one": "(Stand {year}: nur Beziehungen, die bis dahin begonnen haben; "
                                 "{undated} ohne Datum ausgeblendet)",
         "other": "(Stand {year}: nur Beziehungen, die bis dahin begonnen haben; {undated} ohne Datum ausgeblendet)"},
        {"by": "undated", "one": "(as of {year}: only relations begun by then; {undated} without a date hidden)",
         "other": "(as of {year}: only relations begun by then; {undated} without a date hidden)"}),
    "drawer.filters": ("Filter", "Filters"),
    "drawer.search": ("Suche und Filter", "Search and filters"),
    "drawer.to_filters": ("Zu den Filtern", "To the filters"),
    "drawer.close": ("Filter schließen", "Close the filters"),
    "figure.download": ("Abbildung herunterladen", "Download the figure"),
    "figure.png": ("Bild (PNG)", "Image (PNG)"),
    "figure.svg": ("Vektorgrafik (SVG)", "Vector graphic (SVG)"),
    "figure.report": ("Die Abbildungen des Berichts", "The briefing's figures"),
    "figure.report.borders": ("Zusammenarbeit zwischen den Ländern", "Cooperation between the states"),
    "figure.report.chain": ("Wertschöpfungskette", "Value chain"),
    "figure.report.collection": ("Sammelstellen je Landkreis", "Collection points per district"),
    "footer.dump": ("Ganzer Graph (N-Quads, gzip)", "The whole graph (N-Quads, gzip)"),
}
