"""``harzgraph users``: accounts with argon2 hashes beside the store, never in data/."""

from __future__ import annotations

import json

from click.testing import CliRunner

from graph.cli import main
from graph.edit.accounts import verify


def test_add_list_remove(settings):
    runner = CliRunner()
    store = ["--store", str(settings.store_dir)]
    added = runner.invoke(main, ["users", "add", "anna", "--role", "reviewer", *store],
                          input="a-long-password-1\n")
    assert added.exit_code == 0, added.output
    users_file = settings.edits_path / "users.json"
    stored = json.loads(users_file.read_text())
    assert stored["anna"]["role"] == "reviewer"
    assert stored["anna"]["hash"].startswith("$argon2id$") and "a-long-password-1" not in users_file.read_text()
    assert oct(users_file.stat().st_mode & 0o777) == "0o600"
    assert not any("users" in p.name for p in settings.data_dir.iterdir())
    assert verify(settings, "anna", "a-long-password-1") == "reviewer"
    assert verify(settings, "anna", "a-long-password-2") is None
    assert verify(settings, "nobody", "a-long-password-1") is None

    listed = runner.invoke(main, ["users", "list", *store])
    assert "anna" in listed.output and "reviewer" in listed.output and "$argon2" not in listed.output
    assert runner.invoke(main, ["users", "remove", "anna", *store]).exit_code == 0
    assert "anna" not in runner.invoke(main, ["users", "list", *store]).output
    assert verify(settings, "anna", "a-long-password-1") is None


def test_refusals(settings):
    runner = CliRunner()
    store = ["--store", str(settings.store_dir)]
    short = runner.invoke(main, ["users", "add", "anna", "--role", "editor", *store], input="short\n")
    assert short.exit_code != 0 and "at least 10 characters" in str(short.exception)
    bad_role = runner.invoke(main, ["users", "add", "anna", "--role", "admin", *store], input="a-long-password\n")
    assert bad_role.exit_code == 2
    bad_name = runner.invoke(main, ["users", "add", "Anna Smith", "--role", "editor", *store],
                             input="a-long-password\n")
    assert bad_name.exit_code != 0 and "account name" in str(bad_name.exception)
    missing = runner.invoke(main, ["users", "remove", "ghost", *store])
    assert missing.exit_code != 0 and "no account" in str(missing.exception)
