"""Calendar days: parsing what staff type and placing a day in the school's time zone.

Numeric dates go through Babel's locale-aware ``parse_date`` with the day-month order of
Mexican Spanish (``dd/MM/yy``); month names come from Babel's locale data (Spanish and
English, full and abbreviated). Only the shapes below are accepted, so nothing is guessed:
``12/31/2026`` (month first) is refused, not swapped.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache

from bot.parsing.errors import InputError, echo

__all__ = ["DateError", "day_start_utc", "end_of_month", "parse_date", "today"]

# The locale whose short date pattern (dd/MM/yy) gives the order of a numeric date.
_NUMERIC_LOCALE = "es_MX"
_MONTH_LOCALES = ("es", "en")
_ISO = re.compile(r"^(?P<y>[0-9]{4})[-/](?P<m>[0-9]{1,2})[-/](?P<d>[0-9]{1,2})$")
_DMY = re.compile(r"^(?P<d>[0-9]{1,2})[/-](?P<m>[0-9]{1,2})[/-](?P<y>[0-9]{4}|[0-9]{2})$")
_DM = re.compile(r"^(?P<d>[0-9]{1,2})[/-](?P<m>[0-9]{1,2})$")
# "15 de diciembre", "15 de diciembre de 2026", "15 dic 2026", "15 december"
_DAY_MONTH = re.compile(
    r"^(?P<d>[0-9]{1,2}) (?:de )?(?P<m>[a-z]+)(?: (?:de |del )?(?P<y>[0-9]{4}))?$"
)
# "December 15", "december 15 2026", "diciembre 15"
_MONTH_DAY = re.compile(r"^(?P<m>[a-z]+) (?P<d>[0-9]{1,2})(?: (?P<y>[0-9]{4}))?$")
# Words people put before a date: "vence el 31/12/2026", "due on December 15".
_LEADING = re.compile(r"^(?:(?:vence|vencimiento|due|el|on|the|para|for)\s+)+")
_TODAY = frozenset({"hoy", "today"})
_YESTERDAY = frozenset({"ayer", "yesterday"})


class DateError(InputError):
    """A date that cannot be understood; ``reason`` is ``date.empty``, ``date.format`` or
    ``date.invalid`` and ``values`` holds ``text`` (the input, shortened)."""

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(reason, text=echo(text))


def parse_date(
    text: str,
    tz: tzinfo | None = None,
    *,
    reference: date | None = None,
    past: bool = False,
) -> date:
    """Parse a day as staff write it.

    Accepted: ``YYYY-MM-DD``, ``DD/MM/YYYY``, ``DD/MM/YY``, ``DD/MM`` (``-`` works for ``/``),
    ``15 de diciembre [de 2026]``, ``December 15[, 2026]``, ``hoy`` / ``today``, ``ayer`` /
    ``yesterday``; leading words such as ``vence el`` or ``due on`` are ignored. Accents and
    case do not matter.

    Args:
        text: what the user typed.
        tz: the school's time zone: "today" is read there.
        reference: today, when the caller already knows it (tests); else read in ``tz``.
        past: a date without a year is the last such day up to today (a payment date) instead
            of the next such day from today (a due date).

    Raises:
        DateError: ``date.empty``, ``date.format`` (not one of the forms) or ``date.invalid``
            (a day that does not exist, such as 2025-02-30).
    """
    s = _normalize(text)
    if not s:
        raise DateError("date.empty", text)
    now = reference or (datetime.now(tz).date() if tz is not None else date.today())
    if s in _TODAY:
        return now
    if s in _YESTERDAY:
        return now - timedelta(days=1)
    try:
        if match := _ISO.match(s):
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        if match := _DMY.match(s):
            return _babel_numeric(s, int(match["m"]), text)
        match = _DM.match(s)
        if match:
            return _without_year(int(match["d"]), int(match["m"]), now, past)
        match = _DAY_MONTH.match(s) or _MONTH_DAY.match(s)
        month = _months().get(match["m"]) if match else None
        if match is None or month is None:
            raise DateError("date.format", text)
        if match["y"]:
            return date(int(match["y"]), month, int(match["d"]))
        return _without_year(int(match["d"]), month, now, past)
    except ValueError as exc:
        if isinstance(exc, DateError):
            raise
        raise DateError("date.invalid", text) from None


def _normalize(text: str) -> str:
    """Lower case, no accents, no commas or periods, one space between words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = " ".join(plain.replace(",", " ").replace(".", " ").split())
    return _LEADING.sub("", plain)


def _babel_numeric(s: str, month: int, text: str) -> date:
    """``DD/MM/YYYY`` or ``DD/MM/YY`` read by Babel in the day-month order of es_MX.

    Babel swaps day and month when the month is over 12; that would be a guess, so such a
    date is refused before Babel sees it.
    """
    from babel.dates import parse_date as babel_parse_date

    if not 1 <= month <= 12:
        raise DateError("date.invalid", text)
    return babel_parse_date(s.replace("-", "/"), locale=_NUMERIC_LOCALE, format="short")


def _without_year(day: int, month: int, now: date, past: bool) -> date:
    """The next such day from ``now`` (or, ``past``, the last one up to ``now``)."""
    candidate = date(now.year, month, day)
    if not past and candidate < now:
        return date(now.year + 1, month, day)
    if past and candidate > now:
        return date(now.year - 1, month, day)
    return candidate


@cache
def _months() -> dict[str, int]:
    """Month names, full and abbreviated, in Spanish and English, without accents."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in _MONTH_LOCALES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, "format", locale=locale).items():
                names[_normalize(str(name))] = int(number)
    names.setdefault("set", 9)  # "sept" is Babel's; "set" and "sep" are written too
    names.setdefault("sep", 9)
    names.setdefault("setiembre", 9)
    return names


def day_start_utc(d: date, tz: tzinfo) -> datetime:
    """Return 00:00 of day ``d`` in ``tz`` as an aware UTC datetime.

    For ``America/Mexico_City`` that is 06:00Z, the shape Quentli stores due dates in.
    """
    return datetime.combine(d, time(0, 0), tzinfo=tz).astimezone(UTC)


def today(tz: tzinfo) -> date:
    """Return today's date in ``tz``."""
    return datetime.now(tz).date()


def end_of_month(day: date) -> date:
    """Return the last day of ``day``'s month."""
    first_of_next = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first_of_next - timedelta(days=1)
