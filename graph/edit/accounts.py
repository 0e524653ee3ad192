"""The editors' and reviewers' accounts: names, roles and argon2 password hashes in
``users.json`` of the editing state folder (beside the store; never in ``data/``, never in
the graph)."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from graph.edit.files import EditError, edits_dir, read_json, write_json
from graph.settings import Settings

ROLES = ("editor", "reviewer")
NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MIN_PASSWORD = 10

_hasher = PasswordHasher()
#: Verified against when the account does not exist, so a wrong name costs as much time as
#: a wrong password and the time does not tell which accounts exist.
_DUMMY = _hasher.hash("not a password of anyone")


def _path(settings: Settings):
    return edits_dir(settings) / "users.json"


def _load(settings: Settings) -> dict[str, dict[str, str]]:
    return dict(read_json(_path(settings), {}))


def add_user(settings: Settings, name: str, role: str, password: str) -> None:
    """Create or replace an account. Names: lower-case letters, digits, ``.``, ``_``, ``-``."""
    if not NAME.match(name):
        raise EditError(f"account name {name!r}: use 1–64 lower-case letters, digits, '.', '_' or '-'")
    if role not in ROLES:
        raise EditError(f"role {role!r}: expected one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise EditError(f"the password needs at least {MIN_PASSWORD} characters")
    users = _load(settings)
    users[name] = {"role": role, "hash": _hasher.hash(password)}
    write_json(_path(settings), users)


def remove_user(settings: Settings, name: str) -> None:
    users = _load(settings)
    if name not in users:
        raise EditError(f"no account named {name!r}")
    del users[name]
    write_json(_path(settings), users)


def list_users(settings: Settings) -> list[dict[str, str]]:
    """``{"name", "role"}`` per account, by name (never the hashes)."""
    return [{"name": n, "role": u["role"]} for n, u in sorted(_load(settings).items())]


def role_of(settings: Settings, name: str) -> str | None:
    user = _load(settings).get(name)
    return user["role"] if user else None


def verify(settings: Settings, name: str, password: str) -> str | None:
    """The account's role when ``password`` is right, else None."""
    user = _load(settings).get(name)
    try:
        _hasher.verify(user["hash"] if user else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    return user["role"] if user else None


def allows(role: str | None, needed: str) -> bool:
    """A reviewer may do what an editor may, not the other way round.

    >>> allows("reviewer", "editor"), allows("editor", "reviewer"), allows(None, "editor")
    (True, False, False)
    """
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)
