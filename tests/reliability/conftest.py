"""The web fixtures of tests/webapp (a store of SYNTHETIC test data with hostile rows, the app
and its test client), shared with the reliability suite."""

from tests.webapp.conftest import app, client, web_settings  # noqa: F401
