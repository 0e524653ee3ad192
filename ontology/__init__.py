"""The ontology, vocabularies and SHACL shapes, shipped as package data (import name harzgraph_ontology)."""
