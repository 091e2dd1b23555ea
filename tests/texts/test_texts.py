"""Texts: escaping, missing keys, language choice, money and date formats."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.texts import SUPPORTED, Html, Texts, escape, pick_language
from bot.texts.catalog import CATALOG

TZ = ZoneInfo("America/Mexico_City")


@pytest.fixture
def es() -> Texts:
    return Texts("es", TZ)


@pytest.fixture
def en() -> Texts:
    return Texts("en", TZ)


def test_supported_languages_default_first() -> None:
    assert SUPPORTED == ("es", "en")


def test_values_are_escaped(es: Texts) -> None:
    text = es("quentli.validation", message='<b>dueDate</b> & "x"')
    assert "&lt;b&gt;dueDate&lt;/b&gt; &amp; &quot;x&quot;" in text
    assert "<b>dueDate" not in text


def test_html_values_are_inserted_as_they_are(es: Texts) -> None:
    text = es("quentli.validation", message=Html("<b>dueDate</b>"))
    assert "<b>dueDate</b>" in text


def test_non_string_values_are_rendered_and_escaped(es: Texts) -> None:
    assert "42" in es("quentli.validation", message=42)


def test_extra_values_are_ignored(es: Texts) -> None:
    assert es("error.generic", unused="<x>") == CATALOG["error.generic"]["es"]


def test_missing_key_raises(es: Texts) -> None:
    with pytest.raises(KeyError, match=r"no\.such\.key"):
        es("no.such.key")


def test_missing_value_raises(es: Texts) -> None:
    with pytest.raises(KeyError, match="message"):
        es("quentli.validation")


def test_has(es: Texts) -> None:
    assert es.has("error.generic")
    assert not es.has("no.such.key")


def test_unsupported_language_is_refused() -> None:
    with pytest.raises(ValueError, match="fr"):
        Texts("fr", TZ)


def test_languages_differ(es: Texts, en: Texts) -> None:
    assert es("error.generic") != en("error.generic")
    assert es.lang == "es" and en.lang == "en"


def test_escape_helper() -> None:
    assert escape("a<b & c") == "a&lt;b &amp; c"
    assert isinstance(escape("x"), Html)
    assert escape(Html("<b>x</b>")) == "<b>x</b>"


@pytest.mark.parametrize(
    ("stored", "code", "default", "expected"),
    [
        ("en", "es-MX", "es", "en"),  # the chat's choice wins
        ("es", "en", "en", "es"),
        (None, "en", "es", "en"),
        (None, "en-US", "es", "en"),
        (None, "es-MX", "en", "es"),
        (None, "ES", "en", "es"),
        (None, "es", "en", "es"),
        (None, "fr", "es", "es"),  # unsupported -> default
        (None, "eno", "es", "es"),  # not "en", just starts like it
        (None, None, "en", "en"),
        (None, "", "es", "es"),
        ("fr", None, "en", "en"),  # a stale stored value is ignored
        (None, None, "xx", "es"),  # a bad default falls back to the product default
    ],
)
def test_pick_language(stored: str | None, code: str | None, default: str, expected: str) -> None:
    assert pick_language(stored, code, default) == expected


@pytest.mark.parametrize("lang", SUPPORTED)
@pytest.mark.parametrize(
    ("centavos", "expected"),
    [
        (0, "$0.00 MXN"),
        (5, "$0.05 MXN"),
        (50, "$0.50 MXN"),
        (150000, "$1,500.00 MXN"),
        (150050, "$1,500.50 MXN"),
        (123456789, "$1,234,567.89 MXN"),
        (10_000_000, "$100,000.00 MXN"),
        (-150000, "-$1,500.00 MXN"),
    ],
)
def test_money(lang: str, centavos: int, expected: str) -> None:
    assert Texts(lang, TZ).money(centavos) == expected


@pytest.mark.parametrize("bad", [1500.0, "1500", True])
def test_money_refuses_anything_but_int(es: Texts, bad: object) -> None:
    with pytest.raises(TypeError):
        es.money(bad)  # type: ignore[arg-type]


def test_dates(es: Texts, en: Texts) -> None:
    assert es.date(date(2025, 2, 1)) == "1 de febrero de 2025"
    assert en.date(date(2025, 2, 1)) == "February 1, 2025"
    assert es.date(date(2025, 12, 31)) == "31 de diciembre de 2025"


def test_datetimes_are_shown_in_the_school_time_zone(es: Texts, en: Texts) -> None:
    # 05:59Z on Feb 1 is still Jan 31 in Mexico City (UTC-6).
    assert es.date(datetime(2025, 2, 1, 5, 59, tzinfo=UTC)) == "31 de enero de 2025"
    assert en.date(datetime(2025, 2, 1, 6, 0, tzinfo=UTC)) == "February 1, 2025"
    # A naive datetime is taken as UTC.
    assert es.date(datetime(2025, 2, 1, 5, 59)) == "31 de enero de 2025"


def test_datetime_format(es: Texts, en: Texts) -> None:
    moment = datetime(2025, 2, 1, 20, 30, tzinfo=UTC)
    assert es.datetime(moment) == "1 de febrero de 2025, 14:30"
    assert en.datetime(moment) == "February 1, 2025, 14:30"


def test_a_huge_typed_value_is_shortened_before_it_is_echoed() -> None:
    t = Texts("es", ZoneInfo("America/Mexico_City"))
    typed = "<" * 5000
    rendered = t("customer.no_match", query=typed)
    assert len(rendered) < 2000
    assert "&lt;" * 299 + "…" in rendered
    assert "<" * 2 not in rendered.replace("<code>", "").replace("</code>", "")


# --- plurals ----------------------------------------------------------------------------------

_OWED = "billing.customer.owed"
# Babel says "many" for a Spanish million; no text has that form, so it takes "other".
_NOTIFIED = "billing.notified.some"


@pytest.mark.parametrize(
    ("key", "count", "es_text", "en_text"),
    [
        (_NOTIFIED, 0, "📣 Avisamos a 0 chats de la familia.", "📣 We told 0 family chats."),
        (_NOTIFIED, 1, "📣 Avisamos a 1 chat de la familia.", "📣 We told 1 family chat."),
        (_NOTIFIED, 2, "📣 Avisamos a 2 chats de la familia.", "📣 We told 2 family chats."),
        (_NOTIFIED, 10**6, "Avisamos a 1,000,000 chats de", "We told 1,000,000 family chats."),
        (_OWED, 0, "en 0 solicitudes;", "in 0 invoices;"),
        (_OWED, 1, "en 1 solicitud;", "in 1 invoice;"),
        (_OWED, 2, "en 2 solicitudes;", "in 2 invoices;"),
        (_OWED, 10**6, "en 1,000,000 solicitudes;", "in 1,000,000 invoices;"),
    ],
)
def test_a_plural_text_takes_the_form_for_its_count(
    es: Texts, en: Texts, key: str, count: int, es_text: str, en_text: str
) -> None:
    values = {"owed": "$1.00 MXN", "overdue": "$1.00 MXN", "count": count}
    assert es_text in es(key, **values)
    assert en_text in en(key, **values)


@pytest.mark.parametrize(
    ("count", "es_days", "en_days"),
    [
        (0, "0 días", "0 days"),
        (1, "1 día", "1 day"),
        (2, "2 días", "2 days"),
        (7, "7 días", "7 days"),
    ],
)
def test_invite_lifetimes_read_right_for_every_count(
    es: Texts, en: Texts, count: int, es_days: str, en_days: str
) -> None:
    es_expiry, en_expiry = rf"vence en {es_days}\b", rf"expires in {en_days}\b"
    assert re.search(es_expiry, es("staff.invite", url="https://t.me/x", count=count))
    assert re.search(en_expiry, en("staff.invite", url="https://t.me/x", count=count))
    assert re.search(es_expiry, es("invite.created", name="Ana", url="u", count=count))
    assert re.search(en_expiry, en("invite.created", name="Ana", url="u", count=count))
    assert re.search(es_expiry, es("invite.qr_caption", name="Ana", count=count))
    assert re.search(en_expiry, en("invite.qr_caption", name="Ana", count=count))


def test_linked_chats_read_right_for_one_and_for_several(es: Texts, en: Texts) -> None:
    assert es("billing.customer.chats_active", count=1) == "1 activo"
    assert es("billing.customer.chats_inactive", count=1) == "1 inactivo"
    assert es("billing.customer.chats_active", count=2) == "2 activos"
    assert es("billing.customer.chats_inactive", count=0) == "0 inactivos"
    assert en("billing.customer.chats_active", count=1) == "1 active"
    assert en("billing.customer.chats_inactive", count=3) == "3 inactive"
    line = es("billing.customer.chats", active=Html("1 activo"), inactive=Html("2 inactivos"))
    assert line == "💬 Chats vinculados: 1 activo · 2 inactivos"


def test_more_overdue_reads_right_for_one_and_for_several(es: Texts, en: Texts) -> None:
    assert es("status.more", count=1).startswith("…y 1 más vencido.")
    assert es("status.more", count=3).startswith("…y 3 más vencidos.")
    assert en("status.more", count=1).startswith("…and 1 more overdue.")


def test_a_count_is_shown_with_digit_grouping_in_every_text(es: Texts, en: Texts) -> None:
    assert es("billing.customer.more", count=1_234_567) == "… y 1,234,567 más."
    assert en("billing.customer.more", count=1_234_567) == "… and 1,234,567 more."


def test_a_plural_text_needs_its_count(es: Texts) -> None:
    with pytest.raises(KeyError, match="count"):
        es("billing.notified.some")


@pytest.mark.parametrize("bad", ["2", 2.0, True, None])
def test_a_plural_text_refuses_a_count_that_is_not_an_int(es: Texts, bad: object) -> None:
    with pytest.raises(TypeError, match="count"):
        es("billing.notified.some", count=bad)
