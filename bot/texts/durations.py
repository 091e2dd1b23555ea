"""Counts of days with real plural forms ("1 día", "3 días"), from Babel's CLDR units.

Babel's own unit names need no catalog entry; texts that put a count next to their own noun
use the catalog's plural forms instead (``Texts``).
"""

from __future__ import annotations

from babel.units import format_unit

__all__ = ["format_days"]

_LOCALES = {"es": "es_MX", "en": "en_US"}


def format_days(count: int, lang: str) -> str:
    """``3`` -> ``"3 días"`` / ``"3 days"``; ``1`` -> ``"1 día"`` / ``"1 day"``."""
    return format_unit(count, "duration-day", length="long", locale=_LOCALES.get(lang, lang))
