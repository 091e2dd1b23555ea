"""Calendar days: parsing what staff type and placing a day in the school's time zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from bot.parsing.errors import InputError, echo

__all__ = ["DateError", "day_start_utc", "end_of_month", "parse_date", "today"]

_ISO = re.compile(r"^(?P<y>[0-9]{4})[-/](?P<m>[0-9]{1,2})[-/](?P<d>[0-9]{1,2})$")
_DMY = re.compile(r"^(?P<d>[0-9]{1,2})[/-](?P<m>[0-9]{1,2})[/-](?P<y>[0-9]{4})$")


class DateError(InputError):
    """A date that cannot be understood; ``reason`` is ``date.empty``, ``date.format`` or
    ``date.invalid`` and ``values`` holds ``text`` (the input, shortened)."""

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(reason, text=echo(text))


def parse_date(text: str, tz: tzinfo | None = None) -> date:
    """Parse ``YYYY-MM-DD`` or ``DD/MM/YYYY`` (``DD-MM-YYYY`` and one-digit days also work).

    Args:
        text: what the user typed.
        tz: the school's time zone. Unused by the accepted formats today; kept so that the
            signature does not change if relative words ("hoy") are ever accepted.

    Raises:
        DateError: ``date.empty``, ``date.format`` (not one of the formats) or ``date.invalid``
            (a day that does not exist, such as 2025-02-30).
    """
    del tz
    s = text.strip()
    if not s:
        raise DateError("date.empty", text)
    match = _ISO.match(s) or _DMY.match(s)
    if match is None:
        raise DateError("date.format", text)
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise DateError("date.invalid", text) from None


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
