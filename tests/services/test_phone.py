"""normalize_mx_phone: every way a Mexican number arrives becomes +52 and ten digits."""

from __future__ import annotations

import pytest

from bot.services.linking import normalize_mx_phone, phone_variants


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+52 55 1234 5678", "+525512345678"),
        ("+525512345678", "+525512345678"),
        ("5512345678", "+525512345678"),
        ("55 1234 5678", "+525512345678"),
        ("(55) 1234-5678", "+525512345678"),
        ("55-1234-5678", "+525512345678"),
        ("+5215512345678", "+525512345678"),  # old mobile form
        ("+52 1 55 1234 5678", "+525512345678"),
        ("5215512345678", "+525512345678"),  # Telegram contacts come without "+"
        ("525512345678", "+525512345678"),
        ("044 55 1234 5678", "+525512345678"),  # old local mobile prefix
        ("045 55 1234 5678", "+525512345678"),  # old long-distance mobile prefix
        ("01 55 1234 5678", "+525512345678"),  # old long-distance prefix
        ("0052 55 1234 5678", "+525512345678"),
        ("+52 33 1234 5678", "+523312345678"),  # Guadalajara
        ("8112345678", "+528112345678"),  # Monterrey
        ("+1 415 555 2671", "+14155552671"),  # other countries stay as they are
        ("14155552671", "+14155552671"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+34 612 345 678", "+34612345678"),
    ],
)
def test_normalized(raw: str, expected: str) -> None:
    assert normalize_mx_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "   ",
        "abc",
        "123",
        "12345",
        "+52 55 1234",
        "+52 55 1234 56789 0",
        "0000000000",
        "+999 1234 5678",
        "1" * 30,
        "５５１２３４５６７８",  # full-width digits are not read as digits
    ],
)
def test_invalid(raw: str | None) -> None:
    assert normalize_mx_phone(raw) is None


def test_variants_of_a_mexican_number() -> None:
    assert phone_variants("+525512345678") == ["+525512345678", "+5215512345678"]


def test_variants_of_another_number() -> None:
    assert phone_variants("+14155552671") == ["+14155552671"]
