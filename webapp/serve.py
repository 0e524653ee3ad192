"""Serve the viewer with waitress, a production WSGI server (never Flask's development server)."""

from __future__ import annotations

import logging

import waitress

from graph.settings import Settings

from . import create_app

log = logging.getLogger(__name__)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8080, *, threads: int = 8) -> None:
    """Open the store of ``settings`` and answer HTTP on ``host:port`` until interrupted.

    Raises ``graph.errors.StoreError`` before listening when no graph has been built yet.
    """
    app = create_app(settings)
    log.info("harzgraph viewer on http://%s:%d/ (store %s)", host, port, settings.store_dir)
    waitress.serve(app, host=host, port=port, threads=threads, ident="harzgraph", clear_untrusted_proxy_headers=True)
