"""Texts in Spanish (Mexico) and English, and the money and date formats people read.

    t = Texts("es", settings.tz)
    t("invoice.created", name=customer.name, amount=Html(t.money(total)))

Every value is HTML-escaped unless it is an ``Html`` instance (trusted markup), because replies
use Telegram's HTML parse mode and values come from users and from Quentli.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Mapping
from typing import Any, TypeGuard

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from babel.plural import PluralRule

from bot.parsing import (
    MAX_AMOUNT_CENTAVOS,
    AmountError,
    DateError,
    InputError,
    day_start_utc,
    end_of_month,
    parse_amount,
    parse_date,
    today,
)
from bot.texts.catalog import CATALOG, LANGUAGES
from bot.texts.money import format_money

__all__ = [
    "CATALOG",
    "MAX_AMOUNT_CENTAVOS",
    "SUPPORTED",
    "AmountError",
    "DateError",
    "Html",
    "InputError",
    "Texts",
    "day_start_utc",
    "end_of_month",
    "escape",
    "format_money",
    "parse_amount",
    "parse_date",
    "pick_language",
    "today",
]

#: Supported languages; the first one is the product default.
SUPPORTED: tuple[str, ...] = LANGUAGES

_BABEL_LOCALES = {"es": "es_MX", "en": "en_US"}


class Html(str):
    """A string of trusted Telegram HTML: ``Texts`` inserts it without escaping."""

    __slots__ = ()


def escape(value: object) -> Html:
    """Escape any value for Telegram's HTML parse mode (``Html`` values pass unchanged)."""
    if isinstance(value, Html):
        return value
    return Html(html.escape(str(value), quote=True))


def pick_language(stored: str | None, telegram_code: str | None, default: str) -> str:
    """Choose a chat's language.

    The language chosen with /language wins; otherwise the user's Telegram language when it is
    Spanish or English (``es-MX`` counts as ``es``); otherwise ``default``.
    """
    if stored in SUPPORTED:
        return stored
    if telegram_code:
        code = telegram_code.strip().lower()
        for lang in SUPPORTED:
            if code == lang or code.startswith((f"{lang}-", f"{lang}_")):
                return lang
    return default if default in SUPPORTED else SUPPORTED[0]


#: Longest plain value shown in a text. Replies repeat what users typed ("No encontré a nadie
#: con «…»"); a 4,000-character message echoed back would pass Telegram's 4,096 limit.
MAX_VALUE_CHARS = 300


def _shortened(value: object) -> object:
    if isinstance(value, str) and not isinstance(value, Html) and len(value) > MAX_VALUE_CHARS:
        return value[: MAX_VALUE_CHARS - 1] + "…"
    return value


#: The value that picks a plural text's form, shown as a number of the locale ("1,000,000").
COUNT = "count"


def _is_count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


@functools.cache
def _plural_rule(locale: str) -> PluralRule:
    return Locale.parse(locale).plural_form


class Texts:
    """The texts of one language, with the school's time zone for dates.

    Args:
        lang: one of ``SUPPORTED``.
        tz: the school's time zone; datetimes are shown in it.

    Raises:
        ValueError: for an unsupported language.
    """

    __slots__ = ("_locale", "lang", "tz")

    def __init__(self, lang: str, tz: dt.tzinfo) -> None:
        if lang not in SUPPORTED:
            raise ValueError(f"unsupported language {lang!r}; expected one of {SUPPORTED}")
        self.lang = lang
        self.tz = tz
        self._locale = _BABEL_LOCALES[lang]

    def __repr__(self) -> str:
        return f"Texts({self.lang!r}, {self.tz!r})"

    def __call__(self, key: str, /, **values: Any) -> str:
        """Render the template ``key`` with ``values`` escaped for HTML.

        A text with plural forms takes the form that Babel's CLDR rules give for ``count``
        ("1 chat", "2 chats"); an int ``count`` is shown with the locale's digit grouping.

        Raises:
            KeyError: the key is not in the catalog, or the template needs a value that was
                not given. Never silent: a missing text is a bug.
            TypeError: a text with plural forms was given a ``count`` that is not an int.
        """
        try:
            template = CATALOG[key][self.lang]
        except KeyError:
            raise KeyError(f"unknown text key {key!r}") from None
        if isinstance(template, Mapping):
            template = self._form(key, template, values)
        escaped = {name: self._escaped(name, value) for name, value in values.items()}
        try:
            return template.format_map(escaped)
        except KeyError as exc:
            raise KeyError(f"text {key!r} needs the value {exc.args[0]!r}") from None

    def _form(self, key: str, forms: Mapping[str, str], values: dict[str, Any]) -> str:
        """The form of ``key`` for ``values["count"]``; ``other`` when it has no such form."""
        if COUNT not in values:
            raise KeyError(f"text {key!r} needs the value {COUNT!r}")
        count = values[COUNT]
        if not _is_count(count):
            raise TypeError(f"text {key!r} needs an int {COUNT!r}, got {count!r}")
        return forms.get(_plural_rule(self._locale)(count), forms["other"])

    def _escaped(self, name: str, value: object) -> Html:
        if name == COUNT and _is_count(value):
            return escape(format_decimal(value, locale=self._locale))
        return escape(_shortened(value))

    def has(self, key: str) -> bool:
        """Tell whether the catalog has ``key``."""
        return key in CATALOG

    def error(self, err: InputError) -> str:
        """Render a parse error (``AmountError``, ``DateError``) as its catalog text.

        Date errors show an example date that stays valid when copied: the end of next month.
        """
        values = dict(err.values)
        if isinstance(err, DateError):
            example = end_of_month(end_of_month(today(self.tz)) + dt.timedelta(days=1))
            values.setdefault("example", example.strftime("%d/%m/%Y"))
            values.setdefault("example_iso", example.isoformat())
        return self(err.reason, **values)

    def money(self, centavos: int) -> str:
        """Format integer centavos: ``150000 -> "$1,500.00 MXN"`` (same in both languages)."""
        return format_money(centavos, self._locale)

    def date(self, value: dt.date | dt.datetime) -> str:
        """Format a day: ``"1 de febrero de 2025"`` / ``"February 1, 2025"``.

        A datetime is first converted to the school's time zone (a naive one is taken as UTC).
        """
        if isinstance(value, dt.datetime):
            value = self._local(value).date()
        return format_date(value, format="long", locale=self._locale)

    def datetime(self, value: dt.datetime) -> str:
        """Format a moment in the school's time zone: ``"1 de febrero de 2025, 14:30"``."""
        local = self._local(value)
        day = format_date(local.date(), format="long", locale=self._locale)
        clock = format_time(local.time(), format="HH:mm", locale=self._locale)
        return f"{day}, {clock}"

    def _local(self, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(self.tz)
