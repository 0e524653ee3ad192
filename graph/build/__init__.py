"""From the editable tables to a published store version.

The data flow, one module a step: ``tablespec`` (the tables and their columns) → ``readers``
(CSV/XLSX → records with file and row) → ``vocabulary`` and ``records`` (every cell checked,
terms resolved) → ``mapping`` (records → N-Triples) → ``ingest`` (load a new store version)
→ ``shacl`` (the shapes compiled to SPARQL and run on that version) → ``graph.store`` (swap).
"""
