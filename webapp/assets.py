"""What the viewer sends over the wire: text responses compressed (Flask-Compress: brotli or
gzip, as the browser asks), and static files named by their content.

Every ``url_for('static', filename='js/network.js')`` gives ``/static/js/network.<hash>.js``:
the first 12 hex digits of the SHA-256 of the file's bytes, computed once when the app
starts, sit in the file name (no build step: the name is mapped back to the real file). A
request for the current hashed name may be cached for a year (``immutable``), since a changed
file gets a new name. The plain name still works, cached for a few minutes only; so does a
hashed name whose hash is stale (after a new release), with the same short cache.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import brotli
from flask import Flask, Response, request
from flask_compress import Compress

YEAR = 365 * 24 * 3600
#: How long a static file asked for by its plain (or a stale) name may be kept.
SHORT = 300
#: Media types worth compressing.
TEXT_TYPES = ["text/html", "text/css", "text/csv", "text/plain", "application/javascript", "text/javascript",
              "application/json", "application/sparql-results+json", "application/sparql-results+xml",
              "application/ld+json", "text/turtle", "application/n-triples", "application/n-quads", "image/svg+xml",
              "application/geo+json"]
#: ``name.<12 hex digits>.ext``: a hashed file name, split into the real name's parts and the hash.
HASHED = re.compile(r"(?P<stem>.+)\.(?P<digest>[0-9a-f]{12})(?P<ext>\.[A-Za-z0-9]+)")


def install(app: Flask) -> None:
    """Compression, content-hashed static file names and their caching headers for ``app``."""
    app.config.update(COMPRESS_MIMETYPES=TEXT_TYPES, COMPRESS_ALGORITHM=["br", "gzip"], COMPRESS_BR_LEVEL=5,
                      COMPRESS_LEVEL=6, COMPRESS_STREAMS=False)
    Compress(app)  # dynamic responses; static files are compressed once, by the static view below
    hashes = Hashes(Path(app.static_folder))
    packed: dict[tuple[str, str], bytes] = {}
    app.extensions["harzgraph-assets"] = hashes
    app.url_defaults(lambda endpoint, values: _hashed_name(hashes, endpoint, values))
    app.view_functions["static"] = lambda filename: _static(app, hashes, packed, filename)


class Hashes:
    """The content hash of every static file, computed once when the app starts."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.known: dict[str, str] = {
            path.relative_to(self.folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            for path in sorted(self.folder.rglob("*")) if path.is_file()}

    def of(self, filename: str) -> str | None:
        """The hash of ``filename`` (a path inside the static folder), None for an unknown file."""
        return self.known.get(filename)

    def hashed(self, filename: str) -> str:
        """``css/app.css`` → ``css/app.<hash>.css``; an unknown file or one without a suffix keeps its name."""
        digest = self.of(filename)
        folder, _, name = filename.rpartition("/")
        stem, dot, ext = name.rpartition(".")
        if digest is None or not dot or not stem:
            return filename
        return f"{folder}/{stem}.{digest}.{ext}" if folder else f"{stem}.{digest}.{ext}"

    def real(self, filename: str) -> tuple[str, bool]:
        """The real file a requested name means, and whether the name carried its current hash."""
        if filename in self.known:
            return filename, False
        match = HASHED.fullmatch(filename)
        if match:
            real = match["stem"] + match["ext"]
            if real in self.known:
                return real, self.known[real] == match["digest"]
        return filename, False


def _hashed_name(hashes: Hashes, endpoint: str, values: dict) -> None:
    if endpoint == "static" and "filename" in values:
        values["filename"] = hashes.hashed(values["filename"])


def _static(app: Flask, hashes: Hashes, packed: dict[tuple[str, str], bytes], filename: str) -> Response:
    """A static file by its plain or hashed name: caching headers, and its bytes compressed
    once (brotli or gzip) when it is text."""
    real, current = hashes.real(filename)
    response = app.send_static_file(real)  # an unknown name: 404 (NotFound), as Flask's own view
    response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable" if current else \
        f"public, max-age={SHORT}"
    response.expires = None
    accepted = request.headers.get("Accept-Encoding", "").lower()
    coding = "br" if "br" in accepted else "gzip" if "gzip" in accepted else None
    if response.status_code != 200 or coding is None or response.mimetype not in TEXT_TYPES:
        return response
    key = (real, coding)
    if key not in packed:
        data = (hashes.folder / real).read_bytes()
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
