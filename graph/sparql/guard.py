"""Check a SPARQL query's text before anything runs: read-only, local, bounded (issue 5).

The checks work on tokens, so a keyword inside a string, an IRI or a comment never
counts: ``SELECT * { ?s ?p "SERVICE" }`` is fine. They refuse

* SPARQL Update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ``CREATE``,
  ``ADD``, ``MOVE``, ``COPY``), which the endpoint never runs;
* ``SERVICE`` in any spelling, because pyoxigraph would open an HTTP connection to it;
* text longer than ``settings.query_max_length``, bytes that are not UTF-8, and brackets
  nested deeper than :data:`MAX_NESTING`: pyoxigraph's parser needs time cubic in the
  depth of nested ``[ ]`` and ``( )`` (100 levels: 22 s) and overflows its stack on a
  few thousand levels, taking the whole process down;
* unbalanced brackets, with the line and column of the culprit.

Everything else is left to pyoxigraph's parser, which runs in the worker process
(:mod:`graph.sparql`), because the only way to call it also starts evaluating.
``FROM`` and ``FROM NAMED`` are resolved here and checked against the store there:
a dataset clause may only name a graph the store holds; nothing is ever fetched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urljoin

from graph.errors import QueryError, QuerySyntaxError

#: Deepest bracket nesting accepted; pyoxigraph's parse time grows with the cube of the
#: depth of nested ``[ ]`` / ``( )``: 32 levels of ``[ ?p (`` take 0.4 s, 50 take 1.4 s.
MAX_NESTING = 64

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH", "USING"}
)
_PROLOGUE = frozenset({"BASE", "PREFIX", "VERSION"})

# Character classes of the SPARQL 1.1 grammar (section 19.8), so that names end exactly
# where pyoxigraph ends them.
_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = rf"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = rf"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"

_TOKEN = re.compile(
    rf"""
    (?P<ws>[\ \t\r\n]+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
      | \"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
      | '(?:[^'\\\r\n]|\\.)*'
      | "(?:[^"\\\r\n]|\\.)*")
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}})*>)
  | (?P<var>[?$][{_CHARS_U}0-9][{_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)
  | (?P<bnode>_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?)
  | (?P<pname>(?:{_PREFIX})?:(?:{_LOCAL})?)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<open>[(\[{{])
  | (?P<close>[)\]}}])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_CLOSER = {"(": ")", "[": "]", "{": "}"}
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class ParsedQuery:
    """A query that passed the static checks.

    ``form`` is ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE`` (for content
    negotiation). ``dataset`` lists the ``FROM`` / ``FROM NAMED`` clauses as
    ``(clause, iri)``, the IRI resolved against ``BASE`` and ``PREFIX``, or None when it
    cannot be resolved (the parser will then report it).
    """

    text: str
    form: str
    dataset: tuple[tuple[str, str | None], ...] = ()
    base_iri: str | None = None

    @property
    def is_graph(self) -> bool:
        """True for CONSTRUCT and DESCRIBE, whose results are RDF graphs."""
        return self.form in ("CONSTRUCT", "DESCRIBE")


class _Token(NamedTuple):
    kind: str
    text: str
    offset: int


def check_query(
    text: str | bytes,
    *,
    settings,
    base_iri: str | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> ParsedQuery:
    """Refuse what must never run, before anything runs; say what the query is.

    Parameters
    ----------
    text : the query, as text or as UTF-8 bytes (from an HTTP body).
    settings : :class:`graph.settings.Settings`; ``query_max_length`` bounds the length.
    base_iri : the IRI relative IRIs resolve against when the query has no ``BASE``.
    prefixes : prefixes the query may use without declaring them.

    Returns
    -------
    ParsedQuery
        the text, its form and its dataset clauses.

    Raises
    ------
    QuerySyntaxError
        invalid UTF-8, unbalanced or too deeply nested brackets, or no query form; with
        ``line`` and ``column``.
    QueryError
        too long, an update, or ``SERVICE``.

    Examples
    --------
    >>> from graph.settings import Settings
    >>> check_query('SELECT * { ?s ?p "SERVICE" }', settings=Settings()).form
    'SELECT'
    >>> check_query("select * { service <http://example.org/> { ?s ?p ?o } }",
    ...             settings=Settings())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graph.errors.QueryError: line 1, column 12: SERVICE is not allowed: ...
    """
    text = _as_text(text, settings.query_max_length)
    if len(text) > settings.query_max_length:
        raise QueryError(f"the query has {len(text):,} characters; at most {settings.query_max_length:,} are accepted")
    tokens = _code_tokens(text)
    _check_brackets(text, tokens)
    _check_service(text, tokens)
    form = _form(text, tokens)
    return ParsedQuery(text, form, _dataset(tokens, base_iri, prefixes or {}), base_iri)


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset, counting characters like pyoxigraph.

    >>> position("ab\\ncd", 4)
    (2, 2)
    """
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _as_text(text: str | bytes, max_length: int) -> str:
    """Decode bytes strictly as UTF-8; refuse text with lone surrogates."""
    if isinstance(text, bytes | bytearray):
        if len(text) > 4 * max_length:
            raise QueryError(f"the query has {len(text):,} bytes; at most {max_length:,} characters are accepted")
        try:
            return bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            good = bytes(text[: exc.start]).decode("utf-8")
            line, column = position(good, len(good))
            raise QuerySyntaxError(
                f"line {line}, column {column}: the query is not valid UTF-8 (byte {exc.start}); send it UTF-8 encoded",
                line=line,
                column=column,
            ) from None
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            line, column = position(text, exc.start)
            raise QuerySyntaxError(
                f"line {line}, column {column}: the query contains a lone surrogate, which is not valid UTF-8",
                line=line,
                column=column,
            ) from None
    return text


def _code_tokens(text: str) -> list[_Token]:
    """The tokens that are not white space or comments, in order.

    Every character belongs to some token (``other`` takes any), so the matches of
    ``finditer`` follow each other without gaps, as a scanner's would.
    """
    return [
        _Token(kind, found.group(), found.start())
        for found in _TOKEN.finditer(text)
        if (kind := found.lastgroup) != "ws" and kind != "comment"
    ]


def _fail(text: str, offset: int, message: str, cls: type[QueryError] = QuerySyntaxError):
    line, column = position(text, offset)
    where = f"line {line}, column {column}: {message}"
    if cls is QuerySyntaxError:
        return QuerySyntaxError(where, line=line, column=column)
    return cls(where)


def _check_brackets(text: str, tokens: list[_Token]) -> None:
    stack: list[_Token] = []
    for token in tokens:
        if token.kind == "open":
            stack.append(token)
            if len(stack) > MAX_NESTING:
                raise _fail(
                    text,
                    token.offset,
                    f"brackets are nested more than {MAX_NESTING} levels deep; "
                    "split the query or flatten the expression",
                )
        elif token.kind == "close":
            if not stack:
                raise _fail(text, token.offset, f"'{token.text}' closes nothing")
            opener = stack.pop()
            if _CLOSER[opener.text] != token.text:
                line, column = position(text, opener.offset)
                raise _fail(
                    text,
                    token.offset,
                    f"'{token.text}' does not match '{opener.text}' opened at line {line}, column {column}",
                )
    if stack:
        raise _fail(text, stack[-1].offset, f"'{stack[-1].text}' is never closed")


def _check_service(text: str, tokens: list[_Token]) -> None:
    """Refuse SERVICE wherever pyoxigraph could read it as the keyword.

    pyoxigraph matches keywords without a word boundary (``SERVICE:x{…}`` calls the
    service ``:x``), so any word, prefix or language tag that merely *contains* the
    letters is refused. Variables and the local part of a prefixed name
    (``schema:Service``) are whole tokens to the parser too and stay allowed.
    """
    for token in tokens:
        if token.kind in ("word", "langtag"):
            name = token.text
        elif token.kind == "pname":
            name = token.text.partition(":")[0]
        else:
            continue
        if "service" in name.lower():
            raise _fail(
                text,
                token.offset,
                "SERVICE is not allowed: this endpoint never contacts other SPARQL services; query the local data only",
                QueryError,
            )


def _form(text: str, tokens: list[_Token]) -> str:
    form = None
    for token in tokens:
        if token.kind != "word":
            continue
        word = token.text.upper()
        if word in UPDATE_KEYWORDS:
            raise _fail(
                text,
                token.offset,
                f"{word} is SPARQL Update; this endpoint answers queries only "
                "(SELECT, ASK, CONSTRUCT, DESCRIBE) and never changes the data",
                QueryError,
            )
        if form is None and word not in _PROLOGUE:
            if word not in FORMS:
                raise _fail(text, token.offset, f"expected SELECT, ASK, CONSTRUCT or DESCRIBE, found '{token.text}'")
            form = word
    if form is None:
        what = "the query is empty" if not tokens else "no query after the prologue"
        raise _fail(text, len(text), f"{what}; expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    return form


def _dataset(
    tokens: list[_Token], base_iri: str | None, prefixes: Mapping[str, str]
) -> tuple[tuple[str, str | None], ...]:
    """The FROM / FROM NAMED clauses with their IRIs resolved as pyoxigraph would."""
    base = base_iri
    known = dict(prefixes)
    clauses = []
    words = [t.text.upper() if t.kind == "word" else None for t in tokens]
    for i in range(len(tokens)):
        following = tokens[i + 1 : i + 3]
        if words[i] == "BASE" and following and following[0].kind == "iri":
            base = _resolve(_iri_text(following[0]), base)
        elif (
            words[i] == "PREFIX" and len(following) == 2 and following[0].kind == "pname" and following[1].kind == "iri"
        ):
            known[following[0].text.rstrip(":")] = _resolve(_iri_text(following[1]), base)
        elif words[i] == "FROM":
            clause = "FROM"
            if following and following[0].kind == "word" and following[0].text.upper() == "NAMED":
                clause, following = "FROM NAMED", following[1:]
            if following:
                clauses.append((clause, _term_iri(following[0], base, known)))
    return tuple(clauses)


def _term_iri(token: _Token, base: str | None, prefixes: Mapping[str, str]) -> str | None:
    if token.kind == "iri":
        return _resolve(_iri_text(token), base)
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        namespace = prefixes.get(prefix)
        if namespace is None:
            return None
        return namespace + re.sub(r"\\(.)", r"\1", local)
    return None


def _iri_text(token: _Token) -> str | None:
    """The IRI of an ``<…>`` token with its ``\\u``/``\\U`` escapes decoded; None when an
    escape names no Unicode scalar value (above U+10FFFF or a surrogate): the parser
    then reports it.

    >>> _iri_text(_Token("iri", r"<http://x/\\u00e4>", 0))
    'http://x/ä'
    >>> _iri_text(_Token("iri", r"<\\UFFFFFFFF>", 0)) is None
    True
    """
    text = token.text[1:-1]
    for match in _UCHAR.finditer(text):
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _resolve(iri: str | None, base: str | None) -> str | None:
    """``iri`` resolved against ``base``; None when either cannot be (the parser then reports
    it), never an exception.

    >>> _resolve("g", "http://[x/") is None
    True
    """
    if iri is None:
        return None
    if re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", iri):
        return iri
    if not base:
        return None
    try:
        return urljoin(base, iri)
    except ValueError:  # a base such as http://[x/ that urllib cannot split
        return None
