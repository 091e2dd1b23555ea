"""Amounts as staff type them, parsed into integer centavos.

No float ever holds money here: parsing goes through ``Decimal``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from bot.parsing.errors import InputError, echo

__all__ = ["MAX_AMOUNT_CENTAVOS", "MAX_AMOUNT_SHOWN", "AmountError", "parse_amount"]

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


class AmountError(InputError):
    """An amount that cannot be charged; ``reason`` is one of the ``amount.*`` catalog keys.

    Reasons: ``amount.empty``, ``amount.format``, ``amount.decimals``, ``amount.not_positive``,
    ``amount.too_large``. ``values`` always holds ``text`` (the input, shortened) and ``max``.
    """

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(reason, text=echo(text), max=MAX_AMOUNT_SHOWN)


def parse_amount(text: str) -> int:
    """Parse pesos as people write them into integer centavos.

    Accepts ``1500``, ``1,500.50``, ``$1500``, ``$1,500.00``, ``1500 MXN`` and ``1500.5``: a
    point separates centavos and commas group thousands. ``1.500,50`` is rejected because the
    separators are the other way round and the amount is ambiguous.

    Args:
        text: what the user typed.

    Returns:
        The amount in centavos, ``0 < amount <= MAX_AMOUNT_CENTAVOS``.

    Raises:
        AmountError: with the reason key that explains what is wrong.
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
    match = _NUMBER.match(s)
    if not s or match is None:
        raise AmountError("amount.format", raw)
    int_part = (match.group("int") or "").replace(",", "")
    frac = match.group("frac")
    if not int_part and frac is None:
        raise AmountError("amount.format", raw)
    if (
        frac is not None
        and len(frac) == 3
        and "," not in s
        and 1 <= len(int_part) <= 3
        and not int_part.startswith("0")
    ):
        # "1.500" is one thousand five hundred in many countries: too ambiguous to guess.
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
