"""Amounts as staff type them, parsed into integer centavos.

No float ever holds money here: parsing goes through ``Decimal``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from bot.parsing.errors import InputError, echo

__all__ = [
    "MAX_AMOUNT_CENTAVOS",
    "MAX_AMOUNT_SHOWN",
    "AmbiguousAmount",
    "AmountError",
    "parse_amount",
]

#: The largest amount the bot accepts for one charge: $100,000.00 MXN.
MAX_AMOUNT_CENTAVOS = 10_000_000

#: :data:`MAX_AMOUNT_CENTAVOS` as people read it, the same in both languages (what
#: ``bot.texts.money.format_money`` shows for it; a test keeps the two equal).
MAX_AMOUNT_SHOWN = f"${MAX_AMOUNT_CENTAVOS // 100:,}.{MAX_AMOUNT_CENTAVOS % 100:02d} MXN"

_MAX_INPUT_LENGTH = 40
_PREFIX = re.compile(r"^(?:mx\$|\$)\s*", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*(?:mxn|pesos?)\.?$", re.IGNORECASE)
# Either plain digits or digits grouped by commas in threes; then an optional point and decimals.
_NUMBER = re.compile(r"^(?P<int>[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)?(?:\.(?P<frac>[0-9]+))?$")
_HUNDRED = Decimal(100)
# Thousands grouped by spaces: "1 500", "12 500.50". Reads as one number only by a guess.
_SPACED = re.compile(r"^(?P<int>[0-9]{1,3}(?: [0-9]{3})+)(?:\.(?P<frac>[0-9]{1,2}))?$")
# A point before exactly three digits: "1.500" is 1500 in many countries and 1.5 here.
_POINT_THOUSANDS = re.compile(r"^(?P<int>[1-9][0-9]{0,2})\.(?P<frac>[0-9]{3})$")


class AmountError(InputError):
    """An amount that cannot be charged; ``reason`` is one of the ``amount.*`` catalog keys.

    Reasons: ``amount.empty``, ``amount.format``, ``amount.decimals``, ``amount.not_positive``,
    ``amount.too_large``. ``values`` always holds ``text`` (the input, shortened) and ``max``.
    """

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(reason, text=echo(text), max=MAX_AMOUNT_SHOWN)


class AmbiguousAmount(AmountError):
    """An amount that reads more than one way (``1.500``, ``1 500``): ask, never guess.

    ``choices`` holds each reading that could be charged, in centavos, the likelier first
    (never empty); the reason is ``amount.ambiguous``.
    """

    def __init__(self, text: str, choices: tuple[int, ...]) -> None:
        super().__init__("amount.ambiguous", text)
        self.choices = choices


def parse_amount(text: str) -> int:
    """Parse pesos as people write them into integer centavos.

    Accepts ``1500``, ``1,500.50``, ``$1500``, ``$1,500.00``, ``1500 MXN``, ``1500 pesos`` and
    ``1500.5``: a point separates centavos and commas group thousands. ``1.500`` (one thousand
    five hundred, or one fifty?) and ``1 500`` raise :class:`AmbiguousAmount` with the
    readings to offer. ``1.500,50`` is rejected because the separators are the other way round.

    Args:
        text: what the user typed.

    Returns:
        The amount in centavos, ``0 < amount <= MAX_AMOUNT_CENTAVOS``.

    Raises:
        AmountError: with the reason key that explains what is wrong;
            :class:`AmbiguousAmount` when it reads two ways.
    """
    raw = text
    s = text.strip()
    if not s:
        raise AmountError("amount.empty", raw)
    if len(s) > _MAX_INPUT_LENGTH:
        raise AmountError("amount.format", raw)
    negative = s.startswith("-")
    if negative:
        s = s[1:].lstrip()
    s = _SUFFIX.sub("", _PREFIX.sub("", s)).strip()
    if s.startswith("-"):  # "$-5"
        negative = True
        s = s[1:].lstrip()
    if not negative and (readings := _readings(s)):
        choices = tuple(c for c in readings if 0 < c <= MAX_AMOUNT_CENTAVOS)
        if not choices:
            raise AmountError("amount.too_large", raw)
        raise AmbiguousAmount(raw, choices)
    match = _NUMBER.match(s)
    if not s or match is None:
        raise AmountError("amount.format", raw)
    int_part = (match.group("int") or "").replace(",", "")
    frac = match.group("frac")
    if not int_part and frac is None:
        raise AmountError("amount.format", raw)
    if frac is not None and len(frac) > 2 and frac[2:].strip("0"):
        raise AmountError("amount.decimals", raw)
    value = Decimal(f"{int_part or '0'}.{(frac or '0')}")
    centavos = int(value * _HUNDRED)
    if negative or centavos <= 0:
        raise AmountError("amount.not_positive", raw)
    if centavos > MAX_AMOUNT_CENTAVOS:
        raise AmountError("amount.too_large", raw)
    return centavos


def _readings(s: str) -> tuple[int, ...]:
    """The readings of an amount written two ways, in centavos (empty: it reads one way)."""
    if match := _SPACED.match(s):
        pesos = int(match["int"].replace(" ", ""))
        return (pesos * 100 + int((match["frac"] or "0").ljust(2, "0")),)
    if match := _POINT_THOUSANDS.match(s):
        thousands = int(match["int"] + match["frac"]) * 100
        decimal = int(Decimal(f"{match['int']}.{match['frac']}") * _HUNDRED)
        return (thousands, decimal) if match["frac"][2] == "0" else (thousands,)
    return ()
