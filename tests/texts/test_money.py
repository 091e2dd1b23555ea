"""parse_amount: pesos as people write them, to integer centavos, or a reason why not."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from bot.parsing import MAX_AMOUNT_CENTAVOS, AmountError, parse_amount
from bot.texts import Texts
from bot.texts.money import format_money


def test_max_is_one_hundred_thousand_pesos() -> None:
    assert MAX_AMOUNT_CENTAVOS == 10_000_000
    assert format_money(MAX_AMOUNT_CENTAVOS) == "$100,000.00 MXN"


@pytest.mark.parametrize(
    ("text", "centavos"),
    [
        ("1500", 150000),
        ("1,500.50", 150050),
        ("$1500", 150000),
        ("$1,500.00", 150000),
        ("$ 1,500.00", 150000),
        ("1500 MXN", 150000),
        ("1500mxn", 150000),
        ("$1,500.00 MXN", 150000),
        ("MX$1500", 150000),
        ("1500 pesos", 150000),
        ("1500.5", 150050),
        ("1500.50", 150050),
        ("1500.500", 150050),  # trailing zeros are not extra precision
        ("  1500  ", 150000),
        ("0.01", 1),
        (".50", 50),
        ("0.500", 50),
        ("100000", 10_000_000),
        ("100,000.00", 10_000_000),
        ("99999.99", 9_999_999),
        ("001500", 150000),
    ],
)
def test_accepted(text: str, centavos: int) -> None:
    result = parse_amount(text)
    assert result == centavos
    assert type(result) is int


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "amount.empty"),
        ("   ", "amount.empty"),
        ("abc", "amount.format"),
        ("1.500,50", "amount.format"),  # European separators: ambiguous
        ("1.500", "amount.ambiguous"),  # a thousand and five hundred, or one and a half?
        ("1,50", "amount.format"),
        ("1,5000", "amount.format"),
        ("15,00.00", "amount.format"),
        ("1500.", "amount.format"),
        ("$", "amount.format"),
        ("MXN", "amount.format"),
        ("1 500", "amount.ambiguous"),
        ("1e3", "amount.format"),
        ("١٥٠٠", "amount.format"),  # non-ASCII digits
        ("1500 USD", "amount.format"),
        ("1" * 50, "amount.format"),
        ("0", "amount.not_positive"),
        ("0.00", "amount.not_positive"),
        ("$0", "amount.not_positive"),
        ("-5", "amount.not_positive"),
        ("-$5", "amount.not_positive"),
        ("$-5", "amount.not_positive"),
        ("1500.555", "amount.decimals"),
        ("1,500.555", "amount.decimals"),
        ("0.001", "amount.decimals"),
        ("100000.01", "amount.too_large"),
        ("1,234,567", "amount.too_large"),
        ("99999999999999999999", "amount.too_large"),
    ],
)
def test_rejected(text: str, reason: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(text)
    assert caught.value.reason == reason


def test_error_carries_what_the_texts_need() -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount("100001")
    err = caught.value
    assert err.values == {"text": "100001", "max": "$100,000.00 MXN"}
    assert isinstance(err, ValueError)


def test_error_echo_is_shortened() -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount("x" * 100)
    assert len(caught.value.values["text"]) <= 40


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_reason_renders(lang: str) -> None:
    t = Texts(lang, ZoneInfo("America/Mexico_City"))
    for text in ("", "abc", "1500.555", "0", "200000"):
        with pytest.raises(AmountError) as caught:
            parse_amount(text)
        rendered = t.error(caught.value)
        assert "1500" in rendered or "$100,000.00 MXN" in rendered


def test_user_text_is_escaped_in_the_error() -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount("<b>mil</b>")
    rendered = Texts("es", ZoneInfo("America/Mexico_City")).error(caught.value)
    assert "&lt;b&gt;mil&lt;/b&gt;" in rendered
