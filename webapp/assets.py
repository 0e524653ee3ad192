"""What the viewer sends over the wire: text responses compressed (Flask-Compress: brotli or
gzip, as the browser asks), and static files named by their content.

Every ``url_for('static', filename=…)`` carries ``?v=<hash of the file's bytes>``; a request
with the current hash may be cached for a year (``immutable``), since a changed file gets a
new address. Any other request for a static file is revalidated (``no-cache`` with its ETag).
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import brotli
from flask import Flask, Response, request
from flask_compress import Compress

YEAR = 365 * 24 * 3600
#: Media types worth compressing.
TEXT_TYPES = ["text/html", "text/css", "text/csv", "text/plain", "application/javascript", "text/javascript",
              "application/json", "application/sparql-results+json", "application/sparql-results+xml",
              "application/ld+json", "text/turtle", "application/n-triples", "application/n-quads", "image/svg+xml",
              "application/geo+json"]


def install(app: Flask) -> None:
    """Compression, content-hashed static URLs and their caching headers for ``app``."""
    app.config.update(COMPRESS_MIMETYPES=TEXT_TYPES, COMPRESS_ALGORITHM=["br", "gzip"], COMPRESS_BR_LEVEL=5,
                      COMPRESS_LEVEL=6, COMPRESS_STREAMS=False)
    Compress(app)  # dynamic responses; static files are compressed once, below
    hashes = _Hashes(Path(app.static_folder))
    packed: dict[tuple[str, str], bytes] = {}
    app.url_defaults(lambda endpoint, values: _add_hash(hashes, endpoint, values))
    app.after_request(lambda response: _static_response(hashes, packed, response))


class _Hashes:
    """The content hash of each static file, read once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.known: dict[str, str] = {}

    def of(self, filename: str) -> str | None:
        if filename not in self.known:
            path = (self.folder / filename).resolve()
            if not path.is_relative_to(self.folder) or not path.is_file():
                return None
            self.known[filename] = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        return self.known[filename]


def _add_hash(hashes: _Hashes, endpoint: str, values: dict) -> None:
    if endpoint == "static" and "filename" in values and "v" not in values:
        digest = hashes.of(values["filename"])
        if digest:
            values["v"] = digest


def _static_response(hashes: _Hashes, packed: dict[tuple[str, str], bytes], response: Response) -> Response:
    """Caching headers of a static file, and its bytes compressed once (brotli or gzip)."""
    if request.endpoint != "static" or response.status_code not in (200, 304):
        return response
    filename = (request.view_args or {}).get("filename", "")
    digest = hashes.of(filename)
    if request.args.get("v") and request.args.get("v") == digest:
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    else:
        response.headers["Cache-Control"] = "no-cache"
    accepted = request.headers.get("Accept-Encoding", "").lower()
    coding = "br" if "br" in accepted else "gzip" if "gzip" in accepted else None
    if response.status_code != 200 or coding is None or response.mimetype not in TEXT_TYPES or digest is None:
        return response
    key = (filename, coding)
    if key not in packed:
        data = (hashes.folder / filename).read_bytes()
        packed[key] = brotli.compress(data, quality=9) if coding == "br" else gzip.compress(data, 9, mtime=0)
    etag, weak = response.get_etag()
    response.close()  # the file Flask opened for sending is not sent: close it
    response.direct_passthrough = False
    response.set_data(packed[key])
    response.headers["Content-Encoding"] = coding
    response.headers["Vary"] = "Accept-Encoding"
    if etag:
        response.set_etag(f"{etag}:{coding}", weak=weak)
    return response
