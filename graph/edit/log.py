"""The change log of applied change sets, and its PROV-O triples in the graph.

The log (``changelog.json`` in the editing state folder) is an input of every build, like the
tables of ``data/``: each applied change set becomes a ``prov:Activity`` with its time, reason,
source, the *roles* of the accounts involved (never a person's name), and the records it used
(``prov:used``), generated (``prov:generated``) or retired (``prov:invalidated``), so an
analyst can ask in SPARQL which facts changed when::

    SELECT ?change ?when ?record WHERE {
      ?change a prov:Activity ; prov:endedAtTime ?when ; prov:generated ?record }
"""

from __future__ import annotations

from graph.build.mapping import RELATION_BASE, Mapped, iri, literal
from graph.edit.files import edits_dir, read_json, write_json
from graph.namespaces import ID, PREFIXES, actor_iri, project_iri, site_iri
from graph.settings import Settings

RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
XSD = PREFIXES["xsd"]
PROV = PREFIXES["prov"]
DCT = PREFIXES["dcterms"]


def change_iri(change_id: str) -> str:
    return f"{ID}change/{change_id}"


def role_iri(role: str) -> str:
    """The account role as a PROV agent (the role, never the person)."""
    return f"{ID}agent/{role}"


def record_iri(table: str, key: str) -> str:
    """The graph's IRI of a record of ``table`` with ``key`` (relations: "subject type object [start]").

    >>> record_iri("relations", "a partner_in p 2020").rsplit("/", 1)[1]
    'a.partner_in.p.2020'
    """
    if table == "actors":
        return actor_iri(key)
    if table == "projects":
        return project_iri(key)
    if table == "collection_points":
        return site_iri(key)
    return RELATION_BASE + ".".join(key.split())


def entries(settings: Settings) -> list[dict]:
    """The applied change sets, oldest first."""
    path = edits_dir(settings, create=False) / "changelog.json"
    return list(read_json(path, []))


def append(settings: Settings, entry: dict) -> None:
    """Add one entry (once: an entry already logged is not repeated)."""
    logged = entries(settings)
    if any(e["id"] == entry["id"] for e in logged):
        return
    write_json(edits_dir(settings) / "changelog.json", [*logged, entry])


def map_changes(out: Mapped, logged: list[dict]) -> None:
    """The PROV-O triples of the logged change sets."""
    for role in sorted({r for e in logged for r in (e.get("author_role"), e.get("reviewer_role")) if r}):
        agent = iri(role_iri(role))
        out.add(agent, iri(RDF + "type"), iri(PROV + "Agent"))
        out.add(agent, iri(RDFS + "label"), literal(f"account role: {role}", lang="en"))
    for entry in logged:
        activity = iri(change_iri(entry["id"]))
        out.add(activity, iri(RDF + "type"), iri(PROV + "Activity"))
        out.add(activity, iri(DCT + "identifier"), literal(entry["id"]))
        out.add(activity, iri(RDFS + "label"), literal(f"change {entry['id']}", lang="en"))
        out.add(activity, iri(PROV + "startedAtTime"), literal(entry["proposed"], datatype=XSD + "dateTime"))
        out.add(activity, iri(PROV + "endedAtTime"), literal(entry["applied"], datatype=XSD + "dateTime"))
        if entry.get("reason"):
            out.add(activity, iri(DCT + "description"), literal(entry["reason"]))
        if entry.get("source"):
            out.add(activity, iri(DCT + "source"), iri(entry["source"]))
        for key in ("author_role", "reviewer_role"):
            if entry.get(key):
                out.add(activity, iri(PROV + "wasAssociatedWith"), iri(role_iri(entry[key])))
        for op in entry["ops"]:
            record = iri(record_iri(op["table"], op["key"]))
            if op["op"] in ("edit", "retire"):
                out.add(activity, iri(PROV + "used"), record)
            if op["op"] in ("edit", "add"):  # a relation edited in subject, type or object has a new IRI
                generated = iri(record_iri(op["table"], op.get("new_key") or op["key"]))
                out.add(activity, iri(PROV + "generated"), generated)
            if op["op"] == "retire":
                out.add(activity, iri(PROV + "invalidated"), record)
            if op.get("fields"):
                out.add(activity, iri(RDFS + "comment"),
                        literal(f"{op['op']} {op['table']} {op['key']}: {', '.join(op['fields'])}", lang="en"))
