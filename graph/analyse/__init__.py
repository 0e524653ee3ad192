"""The list of analyses the web and the CLI show: name, titles, description, function.

Every analysis is a plain function of the collaboration graph from :mod:`graph.network`
(the collection coverage also takes the list of collection points) that returns a list
of row dicts; see each function's docstring for its columns and how to read them.

>>> [a.name for a in ANALYSES]
['partners', 'chains', 'brokers', 'borders', 'communities', 'periphery', 'materials', 'collection', 'training']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graph.analyse.borders import border_cohesion
from graph.analyse.brokers import brokers, cut_pieces, effective_size
from graph.analyse.chains import value_chain_coverage, value_chain_matrix
from graph.analyse.collection import collection_coverage
from graph.analyse.communities import communities, community_gaps, partition
from graph.analyse.materials import critical_materials
from graph.analyse.partners import missing_partnerships
from graph.analyse.periphery import periphery
from graph.analyse.training import training_gaps
from graph.errors import NotFound


@dataclass(frozen=True)
class Analysis:
    """One analysis as the web and the CLI list it.

    ``inputs`` names what the function takes before its keyword options: ``("G",)``, or
    ``("G", "points")`` for the collection coverage.
    """

    name: str
    title_de: str
    title_en: str
    description_de: str
    description: str
    function: Callable[..., list[dict[str, Any]]]
    inputs: tuple[str, ...] = ("G",)


ANALYSES: tuple[Analysis, ...] = (
    Analysis(
        "partners",
        "Fehlende Partnerschaften",
        "Missing partnerships",
        "Paare von Akteuren ohne bekannte Verbindung, die sich entlang der Wertschöpfungskette "
        "ergänzen, gemeinsame Partner haben, verschiedene Kompetenzen mitbringen oder eine "
        "Landes- oder Kreisgrenze überbrücken würden – als Hypothesen mit Begründung.",
        "Pairs of actors with no known tie that complement each other along the value chain, "
        "share partners, bring different competencies or would bridge a state or district "
        "border — as hypotheses with their reasons.",
        missing_partnerships,
    ),
    Analysis(
        "chains",
        "Abdeckung der Wertschöpfungskette",
        "Value-chain coverage",
        "Für jeden Stoff und jede Gerätekategorie: an welchen Behandlungsstufen es in der "
        "Region, je Land und je Landkreis Akteure gibt und welche fehlen.",
        "For every material and WEEE category: which treatment stages have an actor in the "
        "region, per state and per district, and which are missing.",
        value_chain_coverage,
    ),
    Analysis(
        "brokers",
        "Vermittler und Verletzlichkeit",
        "Brokers and fragility",
        "Wer das Netz zusammenhält (Betweenness, Burts Constraint und effektive Größe) und "
        "wer wen abschneiden würde, fiele er weg (Artikulationspunkte und Brücken).",
        "Who holds the network together (betweenness, Burt's constraint and effective size) "
        "and who would cut whom off by leaving (articulation points and bridges).",
        brokers,
    ),
    Analysis(
        "borders",
        "Zusammenarbeit über Grenzen",
        "Cross-border cohesion",
        "Verbindungen zwischen den Ländern (bzw. Landkreisen), beobachtet gegenüber dem bei "
        "ortsunabhängiger Partnerwahl Erwarteten; die schwächsten Grenzen zuerst.",
        "Ties between states (or districts), observed against what partner choice regardless "
        "of place would give; the weakest borders first.",
        border_cohesion,
    ),
    Analysis(
        "communities",
        "Gruppen ohne Verbindung",
        "Unconnected communities",
        "Dicht verbundene Gruppen von Akteuren (Louvain/Leiden, fester Startwert) und "
        "Gruppenpaare mit keiner oder nur einer Verbindung.",
        "Densely tied groups of actors (Louvain/Leiden with a fixed seed) and pairs of "
        "groups with no tie or a single tie between them.",
        community_gaps,
    ),
    Analysis(
        "periphery",
        "Isolierte und randständige Akteure",
        "Isolated and peripheral actors",
        "Akteure ohne erfasste Verbindung, mit nur einem Kontakt (k-Kern 1) oder in einer "
        "Gruppe abseits des Hauptnetzes, mit Begründung.",
        "Actors with no recorded tie, a single contact (k-core 1) or in a group apart from "
        "the main network, with reasons.",
        periphery,
    ),
    Analysis(
        "materials",
        "Kritische Rohstoffe",
        "Critical raw materials",
        "Welche Rohstoffe des Critical Raw Materials Act regionale Akteure an welchen "
        "Stufen bearbeiten, und welche Stufen fehlen.",
        "Which Critical Raw Materials Act materials regional actors handle at which stages, "
        "and which stages are missing.",
        critical_materials,
    ),
    Analysis(
        "collection",
        "Sammelstellen je Landkreis",
        "Collection coverage",
        "Sammelstellen für Elektroaltgeräte je Landkreis, je 100.000 Einwohner und je "
        "100 km²; Sammelgruppen, die keine Stelle bekanntermaßen annimmt; Betreiber ohne "
        "Verbindung zu einem Behandlungsakteur.",
        "WEEE collection points per district, per 100,000 inhabitants and per 100 km²; "
        "collection groups no centre is known to accept; operators with no tie to a "
        "treatment actor.",
        collection_coverage,
        inputs=("G", "points"),
    ),
    Analysis(
        "training",
        "Fehlende Qualifizierung",
        "Missing training",
        "Welche Kompetenzen die Stufen der Wertschöpfungskette brauchen, wer sie je Landkreis "
        "hat und ob ein Bildungs- oder Ausbildungsakteur dort sie vermittelt; Kompetenzen "
        "ohne Bildungsangebot zeigen, welche Qualifizierung fehlt.",
        "Which competencies the stages of the value chain need, who holds them in each "
        "district and whether an education or training actor there teaches them; "
        "competencies without an education offer show which training is missing.",
        training_gaps,
    ),
)


def get_analysis(name: str) -> Analysis:
    """The analysis of that name; :class:`~graph.errors.NotFound` naming the choices if none.

    >>> get_analysis("brokers").title_en
    'Brokers and fragility'
    """
    for analysis in ANALYSES:
        if analysis.name == name:
            return analysis
    names = ", ".join(a.name for a in ANALYSES)
    raise NotFound(f"analysis {name!r} does not exist; choose one of {names}")


__all__ = [
    "ANALYSES",
    "Analysis",
    "border_cohesion",
    "brokers",
    "collection_coverage",
    "communities",
    "community_gaps",
    "critical_materials",
    "cut_pieces",
    "effective_size",
    "get_analysis",
    "missing_partnerships",
    "partition",
    "periphery",
    "training_gaps",
    "value_chain_coverage",
    "value_chain_matrix",
]
