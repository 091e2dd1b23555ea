"""What people type, parsed and checked: amounts, dates, and the error they raise.

Below both the services and the texts: it imports nothing from the bot. Each error carries a
catalog key and its values; bot.texts renders it (``Texts.error``).
"""

from bot.parsing.amounts import (
    MAX_AMOUNT_CENTAVOS,
    MAX_AMOUNT_SHOWN,
    AmbiguousAmount,
    AmountError,
    parse_amount,
)
from bot.parsing.dates import DateError, day_start_utc, end_of_month, parse_date, today
from bot.parsing.errors import InputError, echo

__all__ = [
    "MAX_AMOUNT_CENTAVOS",
    "MAX_AMOUNT_SHOWN",
    "AmbiguousAmount",
    "AmountError",
    "DateError",
    "InputError",
    "day_start_utc",
    "echo",
    "end_of_month",
    "parse_amount",
    "parse_date",
    "today",
]
