"""parse_date, day_start_utc, end_of_month, today."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.parsing.dates import DateError, day_start_utc, end_of_month, parse_date, today
from bot.texts import Texts

CDMX = ZoneInfo("America/Mexico_City")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-02-01", date(2025, 2, 1)),
        ("01/02/2025", date(2025, 2, 1)),  # DD/MM/YYYY: the first of February
        ("1/2/2025", date(2025, 2, 1)),
        ("01-02-2025", date(2025, 2, 1)),
        ("2025-2-1", date(2025, 2, 1)),
        (" 2025-12-31 ", date(2025, 12, 31)),
        ("29/02/2024", date(2024, 2, 29)),
        ("31/12/2025", date(2025, 12, 31)),
        ("01/02/25", date(2025, 2, 1)),  # DD/MM/YY (SPEC "Commands")
    ],
)
def test_accepted(text: str, expected: date) -> None:
    assert parse_date(text, CDMX) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "date.empty"),
        ("  ", "date.empty"),
        ("2025-02-30", "date.invalid"),
        ("31/04/2025", "date.invalid"),
        ("29/02/2025", "date.invalid"),
        ("2025-13-01", "date.invalid"),
        ("00/01/2025", "date.invalid"),
        ("mañana", "date.format"),
        ("02/31/2025", "date.invalid"),  # month first is refused, never swapped
        ("2025/02", "date.format"),
        ("1 de brumario", "date.format"),
        ("2025-02-01T06:00", "date.format"),
        ("٠١/٠٢/٢٠٢٥", "date.format"),  # non-ASCII digits
    ],
)
def test_rejected(text: str, reason: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, CDMX)
    assert caught.value.reason == reason


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_reason_renders_with_examples(lang: str) -> None:
    t = Texts(lang, CDMX)
    for text in ("", "pronto", "2025-02-30"):
        with pytest.raises(DateError) as caught:
            parse_date(text, CDMX)
        message = t.error(caught.value)
        # The example is a real date still ahead, so copying it never gets "ya pasó".
        example = re.search(r"<code>(\d\d/\d\d/\d{4})</code>", message)
        assert example is not None, message
        assert parse_date(example.group(1), CDMX) > today(CDMX)


def test_day_start_in_mexico_city_is_six_utc() -> None:
    start = day_start_utc(date(2025, 2, 1), CDMX)
    assert start == datetime(2025, 2, 1, 6, 0, tzinfo=UTC)
    assert start.tzinfo == UTC
    assert start.isoformat() == "2025-02-01T06:00:00+00:00"


def test_day_start_follows_daylight_saving_where_it_exists() -> None:
    tijuana = ZoneInfo("America/Tijuana")
    assert day_start_utc(date(2025, 7, 1), tijuana) == datetime(2025, 7, 1, 7, tzinfo=UTC)
    assert day_start_utc(date(2025, 1, 15), tijuana) == datetime(2025, 1, 15, 8, tzinfo=UTC)


def test_day_start_in_utc() -> None:
    assert day_start_utc(date(2025, 2, 1), UTC) == datetime(2025, 2, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "last"),
    [
        (date(2025, 1, 15), date(2025, 1, 31)),
        (date(2025, 2, 1), date(2025, 2, 28)),
        (date(2024, 2, 10), date(2024, 2, 29)),
        (date(2025, 4, 30), date(2025, 4, 30)),
        (date(2025, 12, 31), date(2025, 12, 31)),
    ],
)
def test_end_of_month(day: date, last: date) -> None:
    assert end_of_month(day) == last


def test_today_is_the_local_date() -> None:
    before = datetime.now(CDMX).date()
    result = today(CDMX)
    after = datetime.now(CDMX).date()
    assert result in (before, after)
    # Far enough apart that the two zones disagree on the date for half of every day.
    kiritimati, pago = ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")
    assert today(kiritimati) - today(pago) in (timedelta(days=1), timedelta(days=2))
