"""Money as integer centavos, formatted for people (parsing lives in bot.parsing.amounts).

No float ever holds money here: formatting divides with ``Decimal``.
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal

__all__ = ["format_money"]

_HUNDRED = Decimal(100)


def format_money(centavos: int, locale: str = "es_MX") -> str:
    """Format centavos as ``$1,500.00 MXN`` (the same shape in Spanish (Mexico) and English).

    Raises:
        TypeError: when ``centavos`` is not an ``int`` (a float must never reach this point).
    """
    if isinstance(centavos, bool) or not isinstance(centavos, int):
        raise TypeError(f"money must be int centavos, got {type(centavos).__name__}")
    pesos = Decimal(abs(centavos)) / _HUNDRED
    number = format_decimal(pesos, format="#,##0.00", locale=locale, decimal_quantization=True)
    sign = "-" if centavos < 0 else ""
    return f"{sign}${number} MXN"
