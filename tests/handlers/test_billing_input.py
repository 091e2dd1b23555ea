"""What staff type, checked before anything reaches Quentli (pure functions)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from bot.parsing import InputError
from bot.services.billing_input import (
    InvoiceArgs,
    check_due,
    due_choice,
    example_due,
    example_paid_on,
    invoice_id,
    parse_contact,
    parse_invoice_args,
)

TZ = ZoneInfo("America/Mexico_City")
TODAY = date(2025, 1, 20)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["A-1029"], InvoiceArgs("A-1029")),
        (["A-1029", "$1,500.50"], InvoiceArgs("A-1029", 150050)),
        (
            ["cus_1", "1500", "Colegiatura", "febrero"],
            InvoiceArgs("cus_1", 150000, "Colegiatura febrero", date(2025, 1, 31)),
        ),
        (
            ["cus_1", "1500", "Colegiatura", "VENCE", "2025-02-10"],
            InvoiceArgs("cus_1", 150000, "Colegiatura", date(2025, 2, 10)),
        ),
        (
            ["cus_1", "99.9", "Vence", "el", "uniforme", "due", "10/02/2025"],
            InvoiceArgs("cus_1", 9990, "Vence el uniforme", date(2025, 2, 10)),
        ),
    ],
)
def test_the_one_line_form(args: list[str], expected: InvoiceArgs) -> None:
    assert parse_invoice_args(args, TZ, TODAY) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["Sofía", "García", "1500", "Colegiatura"],
            InvoiceArgs("Sofía García", 150000, "Colegiatura", date(2025, 1, 31)),
        ),
        (["sofia", "garcia", "lopez", "$", "1500"], InvoiceArgs("sofia garcia lopez", 150000)),
        (["Sofía", "García"], InvoiceArgs("Sofía García")),
        (["Sofía", "García", "Colegiatura"], InvoiceArgs("Sofía García Colegiatura")),
        # A student number stands alone: what follows it is the amount, even when it is bad.
        (["A-1052", "1500"], InvoiceArgs("A-1052", 150000)),
    ],
)
def test_the_customer_is_every_word_before_the_amount(
    args: list[str], expected: InvoiceArgs
) -> None:
    assert parse_invoice_args(args, TZ, TODAY) == expected


@pytest.mark.parametrize(
    "args",
    [["Sofía", "García", "15OO", "Colegiatura"], ["A-1052", "abc", "1500", "Colegiatura"]],
)
def test_a_bad_amount_after_a_name_or_a_number_is_still_an_amount_error(args: list[str]) -> None:
    with pytest.raises(InputError) as caught:
        parse_invoice_args(args, TZ, TODAY)
    assert caught.value.reason == "amount.format"


@pytest.mark.parametrize(
    ("amount", "rest"),
    [
        (["$", "1500"], ["Colegiatura"]),
        (["MX$", "1500"], ["Colegiatura"]),
        (["1500", "pesos"], ["Colegiatura"]),
        (["1500", "peso"], ["Colegiatura"]),
        (["1500", "MXN."], ["Colegiatura"]),
        (["$", "1,500", "mxn"], ["Colegiatura"]),
        (["$1500", "Pesos"], ["Colegiatura", "vence", "2025-02-10"]),
    ],
)
def test_a_currency_sign_or_word_apart_from_the_number_is_part_of_the_amount(
    amount: list[str], rest: list[str]
) -> None:
    parsed = parse_invoice_args(["cus_1", *amount, *rest], TZ, TODAY)
    assert parsed.amount == 150000
    assert parsed.description == "Colegiatura"


def test_usage_example_dates_stay_valid() -> None:
    assert example_due(TODAY) == date(2025, 2, 28)
    assert example_due(date(2025, 12, 31)) == date(2026, 1, 31)
    assert example_paid_on(TODAY) == date(2025, 1, 19)
    for day in (TODAY, date(2025, 12, 31), date(2024, 1, 31)):
        assert check_due(example_due(day), day) == example_due(day)


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["cus_1", "1500", "Colegiatura", "vence", "19/01/2025"], "billing.due.past"),
        (["cus_1", "1500", "Colegiatura", "vence", "2025-02-30"], "date.invalid"),
        (["cus_1", "1500", "Colegiatura", "vence"], "date.empty"),
        (["cus_1", "1500", "vence", "2025-02-01"], "billing.description.empty"),
        (["cus_1", "1,50", "Colegiatura"], "amount.format"),
        (["cus_1", "1500", "x" * 121], "billing.description.long"),
    ],
)
def test_bad_one_lines(args: list[str], reason: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_invoice_args(args, TZ, TODAY)
    assert caught.value.reason == reason


def test_due_choices() -> None:
    assert due_choice("eom", TODAY) == date(2025, 1, 31)
    assert due_choice("d10", date(2025, 12, 31)) == date(2026, 1, 10)
    assert due_choice("w1", TODAY) == date(2025, 1, 27)
    assert check_due(TODAY, TODAY) == TODAY
    with pytest.raises(ValueError):
        due_choice("tomorrow", TODAY)


@pytest.mark.parametrize(
    "good", ["inv_1234567890abcdefghij", "inv_A", "cm4k6bzfx0019rtqttpbgg0ea"]
)
def test_invoice_ids_accepted(good: str) -> None:
    assert invoice_id(f" {good} ") == good


@pytest.mark.parametrize(
    "bad", ["", "123", "cus_1234567890abcdefghij", "inv_", "inv_abc-def", "inv_" + "a" * 61]
)
def test_invoice_ids_refused(bad: str) -> None:
    with pytest.raises(InputError):
        invoice_id(bad)


def test_contacts() -> None:
    assert parse_contact("+52 1 55 1234 5678").phone == "+525512345678"
    assert parse_contact("papa@correo.mx").email == "papa@correo.mx"
    for bad in ("555", "papa@", "a b@c.mx"):
        with pytest.raises(InputError):
            parse_contact(bad)
