"""Numbers, percentages, dates, lists and counted nouns as German and English readers write
them: one rule for each, taken from CLDR through Babel.

- numbers: ``1234.5`` is "1.234,5" in German and "1,234.5" in English, everywhere;
- percentages: "25,7 %" (with a no-break space) and "25.7%";
- dates: one format per language, "25.11.2026" and "25 Nov 2026" (CLDR's medium date);
  a month alone is "Nov. 2026" / "Nov 2026", a year alone is the year;
- plurals: the CLDR plural category ("one", "other") of a count picks the word;
- lists: "A, B und C" / "A, B and C" (CLDR list patterns).

English is British English (``en_GB``), as in the interface's own words.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Mapping
from functools import cache

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import NumberPattern, parse_pattern

LANGS = ("de", "en")
#: The CLDR locale behind each language of the interface.
LOCALES = {"de": "de_DE", "en": "en_GB"}
#: What stands where a number is unknown.
MISSING = "–"


@cache
def locale(lang: str) -> Locale:
    """The Babel locale of ``lang`` ("de" or "en"; anything else is German, the default)."""
    return Locale.parse(LOCALES.get(lang, LOCALES["de"]))


def _decimal(value: object) -> decimal.Decimal:
    # through str, so that 2.35 is rounded as the decimal 2.35, not as its binary neighbour
    return decimal.Decimal(str(value))


def number(value: object, lang: str, digits: int | None = None) -> str:
    """``value`` with the separators of ``lang``; exactly ``digits`` decimals when given,
    else as many as it has (at most three); "–" for None.

    Halves round to the even digit (CLDR's default rounding): 2,25 → 2,2 and 2,35 → 2,4.
    """
    if value is None:
        return MISSING
    if isinstance(value, bool):
        value = int(value)
    return _number_pattern(lang, digits).apply(_decimal(value), locale(lang))


@cache
def _number_pattern(lang: str, digits: int | None) -> NumberPattern:
    """The parsed pattern of :func:`number` (what ``babel.numbers.format_decimal`` parses on
    every call: a third of its time, and the briefing formats 200,000 numbers at 100,000 actors)."""
    return parse_pattern(locale(lang).decimal_formats[None] if digits is None
                         else "#,##0" + ("." + "0" * digits if digits > 0 else ""))


def integer(value: object, lang: str) -> str:
    """A whole number with the thousands separator of ``lang`` (halves to even); "–" for None."""
    return number(value, lang, 0)


def percent(share: object, lang: str, digits: int = 1) -> str:
    """A share in [0, 1] as a percentage with ``digits`` decimals, in ``lang``'s CLDR
    percent pattern; "–" for None."""
    if share is None:
        return MISSING
    return _percent_pattern(lang, digits).apply(_decimal(share), locale(lang))


@cache
def _percent_pattern(lang: str, digits: int) -> NumberPattern:
    pattern = locale(lang).percent_formats[None].pattern
    fraction = "." + "0" * digits if digits > 0 else ""
    return parse_pattern(pattern.replace("0", "0" + fraction, 1) if "0" in pattern else pattern)


def date(value: object, lang: str, missing: str = MISSING) -> str:
    """An ISO date ("YYYY-MM-DD", "YYYY-MM" or "YYYY"; a datetime's date part) in the one
    date format of ``lang``; ``missing`` when there is none; other text unchanged."""
    if not value:
        return missing
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value, "medium", locale=locale(lang))
    text = str(value)
    parts = text[:10].split("-")
    if not all(p.isdigit() for p in parts) or len(parts[0]) != 4 or len(parts) > 3:
        return text
    try:
        day = dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return text
    if len(parts) == 3:
        return format_date(day, "medium", locale=locale(lang))
    if len(parts) == 2:
        return format_skeleton("yMMM", day, locale=locale(lang))
    return parts[0]


def plural_form(n: object, lang: str) -> str:
    """The CLDR plural category of the count ``n`` in ``lang`` ("one" or "other" for German
    and English)."""
    return locale(lang).plural_form(abs(_decimal(n)))


def pick(forms: Mapping[str, str], n: object, lang: str) -> str:
    """From ``forms`` (CLDR categories, plus optionally "=0" for a special wording of none),
    the one for the count ``n``; "other" when the category has no form of its own."""
    if "=0" in forms and n == 0:
        return forms["=0"]
    return forms.get(plural_form(n, lang), forms["other"])


def count(n: object, forms: Mapping[str, str], lang: str) -> str:
    """``n`` and the noun form for it: "1 Akteur", "1.234 Akteure"; ``forms`` maps CLDR
    plural categories ("one", "other") to the noun."""
    return f"{number(n, lang)} {pick(forms, n, lang)}"


def join(items: Iterable[object], lang: str, *, limit: int | None = None, more: str | None = None) -> str:
    """The items as a list a reader writes ("A, B und C"); past ``limit`` items the rest is
    counted ("A, B und 3 weitere"), or named by ``more`` (a text with ``{n}``). A single
    item past the limit is named rather than counted."""
    words = [str(item) for item in items]
    if limit is not None and len(words) > limit + 1:
        rest = len(words) - limit
        tail = (more or _MORE[lang if lang in _MORE else "de"]).format(n=number(rest, lang))
        words = [*words[:limit], tail]
    if not words:
        return ""
    return format_list(words, style="standard", locale=locale(lang))


_MORE = {"de": "{n} weitere", "en": "{n} more"}
