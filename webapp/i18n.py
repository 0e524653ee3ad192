"""The viewer's words through Flask: :mod:`graph.words.ui` holds the table and the
plural rules, :mod:`graph.words.format` the number and date formats; this module only
reads the language of the request (``g.lang``) for the templates' helpers."""

from __future__ import annotations

from graph.words import format as fmt
from graph.words.ui import LANGS, STRINGS, for_script, translate

__all__ = ["LANGS", "STRINGS", "date", "for_script", "number", "percent", "translate"]


def number(value: object, lang: str, digits: int | None = None) -> str:
    """A number written the way readers of ``lang`` expect (:func:`graph.words.format.number`)."""
    return fmt.number(value, lang, digits)


def percent(share: object, lang: str, digits: int = 0) -> str:
    """A share in [0, 1] as a percentage (:func:`graph.words.format.percent`)."""
    return fmt.percent(share, lang, digits)


def date(value: object, lang: str) -> str:
    """An ISO date in the reader's format (:func:`graph.words.format.date`); "" when none."""
    return fmt.date(value, lang, missing="")
