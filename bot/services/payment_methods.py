"""How a payment was made: what a receipt, the audit and the day's cut say about it."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["SCHOOL_METHODS", "PaymentMethod"]


class PaymentMethod(StrEnum):
    """The ways a payment reaches the school. Values are stored (ledger payloads, the audit):
    never rename one, add new ones instead."""

    #: By card on Quentli's payment page (a Pay button, a checkout link).
    CARD_PAGE = "card_page"
    #: The saved card, charged by the school (/cargar).
    SAVED_CARD = "saved_card"
    #: At the school, recorded with /pagado or an approved proof of payment.
    CASH = "cash"
    TRANSFER = "transfer"
    CHECK = "check"
    DEPOSIT = "deposit"


#: What staff pick from when they record a payment received at the school, in button order.
SCHOOL_METHODS: tuple[PaymentMethod, ...] = (
    PaymentMethod.CASH,
    PaymentMethod.TRANSFER,
    PaymentMethod.CHECK,
    PaymentMethod.DEPOSIT,
)
