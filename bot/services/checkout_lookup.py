"""/checkout looks before it creates: which existing customers already have the student id,
the phone number or the e-mail a new family's checkout was about to use.

Quentli's invoice-payment session finds its customer by ``username`` and bills that one, so a
student id already taken would silently bill another family; a phone or an e-mail already known
usually means a sibling (or a family already in Quentli) and staff should see who before they
create anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.quentli.models import Customer
from bot.services.customers import CustomerDirectory
from bot.services.linking import normalize_mx_phone, phone_variants

__all__ = ["CheckoutLookup", "Match", "MatchField"]

MatchField = Literal["username", "phone", "email"]

# A student id, a phone or an e-mail is shared by a handful of customers at most.
_PAGE = 20


@dataclass(frozen=True, slots=True)
class Match:
    """``customer`` already has the checkout's ``field`` (its ``value`` as typed)."""

    field: MatchField
    value: str
    customer: Customer


class CheckoutLookup:
    """Finds the customers that already hold a new family's identifiers.

    Args:
        quentli: the Quentli client (only ``list_customers`` is used).
    """

    def __init__(self, quentli: CustomerDirectory) -> None:
        self._quentli = quentli

    async def matches(self, username: str, phone: str | None, email: str | None) -> list[Match]:
        """Every unarchived customer with this student id, phone or e-mail (student id first).

        Raises:
            QuentliError: Quentli could not be asked (a read: nothing changed).
        """
        found: list[Match] = []
        folded = username.casefold()
        for customer in await self._list(
            {"username": {"equals": username, "mode": "insensitive"}}
        ):
            # Checked here too: a filter the server ignored must not name a stranger.
            if (customer.username or "").casefold() == folded:
                found.append(Match("username", username, customer))
        if phone:
            e164 = normalize_mx_phone(phone)
            for variant in phone_variants(e164) if e164 else []:
                for customer in await self._list({"phoneNumber": variant}):
                    if normalize_mx_phone(customer.phone_number) == e164:
                        found.append(Match("phone", phone, customer))
        if email:
            address = email.casefold()
            for customer in await self._list({"email": {"equals": email, "mode": "insensitive"}}):
                if (customer.email or "").casefold() == address:
                    found.append(Match("email", email, customer))
        return _unique(found)

    async def _list(self, filter: dict[str, object]) -> list[Customer]:
        page = await self._quentli.list_customers(filter, take=_PAGE)
        return [customer for customer in page if customer.archived_at is None]


def _unique(matches: list[Match]) -> list[Match]:
    """One match per (field, customer): a phone held in both its forms is one match."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for match in matches:
        key = (match.field, match.customer.id)
        if key not in seen:
            seen.add(key)
            unique.append(match)
    return unique
