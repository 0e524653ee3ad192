"""The security headers every response carries, and the content security policy."""

#: No script, style, image, font or connection from anywhere but this server; no inline
#: scripts; no framing. Data for scripts comes in ``<script type="application/json">``.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def embed_headers(frame_ancestors: tuple[str, ...]) -> dict[str, str | None]:
    """The headers of an embeddable view (``?embed=1``): framable only by ``frame_ancestors``
    (none configured: by nobody, as every other page). ``None`` removes a header."""
    if not frame_ancestors:
        return SECURITY_HEADERS
    csp = CSP.replace("frame-ancestors 'none'", "frame-ancestors " + " ".join(frame_ancestors))
    return {**SECURITY_HEADERS, "Content-Security-Policy": csp, "X-Frame-Options": None}
