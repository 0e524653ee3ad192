"""Serve the viewer with waitress, a production WSGI server (never Flask's development server)."""

from __future__ import annotations

import logging

import waitress

from graph.settings import Settings

from . import create_app
from .limits import sparql_capacity

#: Request line plus headers, and a request body, at most (waitress answers 431/413 beyond).
MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 2 * 1024 * 1024

log = logging.getLogger(__name__)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8080, *, threads: int = 8) -> None:
    """Open the store of ``settings`` and answer HTTP on ``host:port`` until interrupted.

    ``threads`` serve the pages; ``/sparql`` gets as many more as its gate admits
    (:mod:`webapp.limits`), so runaway queries cannot take the pages' threads.
    Raises ``graph.errors.StoreError`` before listening when no graph has been built yet.
    """
    app = create_app(settings)
    server = make_server(app, host, port, threads=threads)
    log.info("harzgraph viewer on http://%s:%s/ (store %s)", host, server.effective_port,
             settings.sparql_url or settings.store_dir)
    server.run()


def make_server(app, host: str = "127.0.0.1", port: int = 8080, *, threads: int = 8):
    """The waitress server for ``app``: ``threads`` for the pages plus the SPARQL gate's
    capacity, bounded headers and bodies. Port 0 picks a free port (``effective_port``)."""
    return waitress.create_server(app, host=host, port=port, threads=threads + sparql_capacity(app),
                                  ident="harzgraph", clear_untrusted_proxy_headers=True,
                                  max_request_header_size=MAX_HEADER_BYTES, max_request_body_size=MAX_BODY_BYTES)
