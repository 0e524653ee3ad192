"""The collection tables → triples: figures as an RDF Data Cube, levers as sourced ranges.

Each row of ``data/collection_figures.csv`` becomes one ``qb:Observation`` of the data set
``id:dataset/collection-figures`` (structure ``hg:collectionFiguresStructure`` in
``ontology/vocab/collection.ttl``): dimensions ``sdmx-dimension:refArea`` (district, state
or NUTS ``DE``), ``sdmx-dimension:refPeriod`` (xsd:gYear), ``hg:basis`` and
``hg:deviceScope``; measure ``sdmx-measure:obsValue``; attributes
``sdmx-attribute:unitMeasure``, ``hg:areaPart``, ``hg:confidence`` and ``dcterms:source``
(with ``prov:wasDerivedFrom``, as every sourced fact in the graph).

Each row of ``data/collection_levers.csv`` becomes an ``hg:CollectionLever`` with
``hg:effectLow``/``hg:effectHigh`` per ``hg:leverCount`` in ``hg:effectUnit``, its basis,
sources and the assumption it rests on.
"""

from __future__ import annotations

from graph.build.readers import Record
from graph.namespaces import COLLECTION_DATASET, HG, PREFIXES, figure_iri, lever_iri

QB = PREFIXES["qb"]
SDMX_DIM = PREFIXES["sdmx-dimension"]
SDMX_ATTR = PREFIXES["sdmx-attribute"]
#: Our terms resolved to strings once (a closed rdflib namespace look-up per row is slow).
STRUCTURE, BASIS, DEVICE_SCOPE, LEVER, LEVER_COUNT, EFFECT_UNIT = (str(term) for term in (
    HG.collectionFiguresStructure, HG.basis, HG.deviceScope, HG.CollectionLever, HG.leverCount, HG.effectUnit))


def map_collection_dataset(out, literal, iri) -> None:
    subject = iri(COLLECTION_DATASET)
    out.begin(subject)
    out.add(subject, iri(PREFIXES["rdf"] + "type"), iri(QB + "DataSet"))
    out.add(subject, iri(QB + "structure"), iri(STRUCTURE))
    for lang, title in (("de", "Sammelmengen von Elektroaltgeräten (Landkreise, Länder, Deutschland)"),
                        ("en", "WEEE collection figures (districts, states, Germany)")):
        out.add(subject, iri(PREFIXES["dcterms"] + "title"), literal(title, lang=lang))


def map_figure(out, record: Record, values: dict, *, literal, iri, facts) -> None:
    """One figure as a qb:Observation; every one keeps its sources."""
    subject = iri(figure_iri(values["id"]))
    out.begin(subject, record)
    out.add(subject, iri(PREFIXES["rdf"] + "type"), iri(QB + "Observation"))
    out.add(subject, iri(QB + "dataSet"), iri(COLLECTION_DATASET))
    out.add(subject, iri(SDMX_DIM + "refArea"), iri(values["area"]))
    out.add(subject, iri(SDMX_DIM + "refPeriod"), literal(values["year"], datatype=PREFIXES["xsd"] + "gYear"))
    out.add(subject, iri(BASIS), iri(values["basis"]))
    out.add(subject, iri(DEVICE_SCOPE), iri(values["devices"]))
    out.add(subject, iri(SDMX_ATTR + "unitMeasure"), iri(values["unit"]))
    facts(out, subject, "collection_figures", values)  # part, quantity, confidence, note, sources


def map_lever(out, record: Record, values: dict, *, literal, iri, facts) -> None:
    """One lever: its effect per count as a low–high range, with sources and assumption."""
    subject = iri(lever_iri(values["id"]))
    out.begin(subject, record)
    out.add(subject, iri(PREFIXES["rdf"] + "type"), iri(LEVER))
    out.add(subject, iri(PREFIXES["skos"] + "notation"), literal(values["id"]))
    out.add(subject, iri(LEVER_COUNT), iri(values["per"]))
    out.add(subject, iri(EFFECT_UNIT), iri(values["unit"]))
    out.add(subject, iri(BASIS), iri(values["basis"]))
    facts(out, subject, "collection_levers", values)  # names, low, high, max_count, assumption …
