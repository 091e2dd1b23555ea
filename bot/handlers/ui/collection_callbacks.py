"""The callback data of the collections buttons, built and parsed in one place.

    ovd:<page>          a page of /overdue (edits the list it is on)
    ovd:new             /overdue as a new message (the office summary's button)
    ovc:<customer_id>   open a family's card from /overdue
    rmd:<customer_id>   remind a family (/overdue, /remind's pick buttons)
    cut:<YYYY-MM-DD>    the cut of a day (the office summary)
    notif:on|off        /notifications

Every one fits Telegram's 64 bytes, or is not built (``None``).
"""

from __future__ import annotations

from datetime import date

from bot.services.notifications import MAX_CALLBACK_BYTES

__all__ = [
    "CARD_PATTERN",
    "CUT_PATTERN",
    "NOTIFY_PATTERN",
    "OVERDUE_NEW",
    "OVERDUE_PATTERN",
    "REMIND_ACTION",
    "REMIND_PATTERN",
    "card_data",
    "customer_of",
    "cut_data",
    "day_of",
    "notify_data",
    "overdue_data",
    "page_of",
    "remind_data",
]

REMIND_ACTION = "rmd"
OVERDUE_PATTERN = r"^ovd:([0-9]{1,4}|new)$"
OVERDUE_NEW = "ovd:new"
CARD_PATTERN = r"^ovc:"
REMIND_PATTERN = rf"^{REMIND_ACTION}:"
CUT_PATTERN = r"^cut:[0-9]{4}-[0-9]{2}-[0-9]{2}$"
NOTIFY_PATTERN = r"^notif:(on|off)$"


def _fits(data: str) -> str | None:
    return data if len(data.encode()) <= MAX_CALLBACK_BYTES else None


def overdue_data(page: int) -> str:
    """``ovd:<page>`` (pages count from 0)."""
    return f"ovd:{page}"


def card_data(customer_id: str) -> str | None:
    """``ovc:<customer_id>``, or None when it would not fit."""
    return _fits(f"ovc:{customer_id}")


def remind_data(customer_id: str) -> str | None:
    """``rmd:<customer_id>``, or None when it would not fit."""
    return _fits(f"{REMIND_ACTION}:{customer_id}")


def cut_data(day: date) -> str:
    """``cut:<YYYY-MM-DD>``."""
    return f"cut:{day.isoformat()}"


def notify_data(on: bool) -> str:
    """``notif:on`` or ``notif:off``."""
    return f"notif:{'on' if on else 'off'}"


def page_of(data: str) -> int:
    """The page of ``ovd:<page>`` (``ovd:new``: the first)."""
    page = data.split(":", 1)[1]
    return int(page) if page.isdigit() else 0


def customer_of(data: str) -> str:
    """The customer id of ``ovc:`` and ``rmd:`` data."""
    return data.split(":", 1)[1]


def day_of(data: str) -> date:
    """The day of ``cut:<YYYY-MM-DD>``.

    Raises:
        ValueError: not a real day.
    """
    return date.fromisoformat(data.split(":", 1)[1])
