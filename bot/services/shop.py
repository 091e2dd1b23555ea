"""The school shop without Telegram: staff keep the items, parents buy them for their children.

Staff: :meth:`ShopService.add`, :meth:`ShopService.remove`, :meth:`ShopService.on_sale`
(whether the caller is staff is checked by the Telegram layer against the store, as for every
staff command). Parents: :meth:`ShopService.propose` records the purchase as a pending
``shop.purchase`` operation (bot.services.shop_purchase) once the child is known to be linked to
the chat and to have a Quentli ``username``; :meth:`ShopService.confirm` checks the link and the
item again and lets the exactly-once engine send it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from bot.parsing import InputError, day_start_utc, echo, parse_amount, today
from bot.quentli import NotFoundError, QuentliClient
from bot.services.billing_kinds import KINDS
from bot.services.billing_results import Cancelled, CancelOutcome, ConfirmOutcome, Proposal
from bot.services.notifications import Notifier
from bot.services.operations import OperationEngine
from bot.services.shop_purchase import SHOP_PURCHASE, ShopPurchasePayload
from bot.store import Link, Repositories
from bot.store.shop import ShopItem, ShopRepo

__all__ = [
    "MAX_ITEM_NAME",
    "MAX_QUANTITY",
    "SHOP_DUE_DAYS",
    "ItemGone",
    "NoUsername",
    "NotLinked",
    "ShopItem",
    "ShopService",
    "parse_item",
    "parse_quantity",
]

#: Longest item name (it is the invoice's concept, and a button label).
MAX_ITEM_NAME = 80

#: Most items of one kind in one purchase (a typo like 20 instead of 2 is asked again).
MAX_QUANTITY = 20

#: A purchase is due this many days after it is made: the family pays it right away by the
#: link, and until then it is listed in /pay as a pending payment, not as an overdue one.
SHOP_DUE_DAYS = 7

_CURRENCY = re.compile(r"(?:mxn|pesos?)\.?", re.IGNORECASE)
_NUMBER_WORDS = {
    "un": 1,
    "uno": 1,
    "una": 1,
    "one": 1,
    "dos": 2,
    "two": 2,
    "tres": 3,
    "three": 3,
    "cuatro": 4,
    "four": 4,
    "cinco": 5,
    "five": 5,
    "seis": 6,
    "six": 6,
}


@dataclass(frozen=True, slots=True)
class NotLinked:
    """The child is not linked to this chat (or no longer): nothing was recorded or sent."""


@dataclass(frozen=True, slots=True)
class ItemGone:
    """The item is not on sale (removed, or never was): nothing was recorded or sent."""


@dataclass(frozen=True, slots=True)
class NoUsername:
    """Quentli has no ``username`` for the child: a session would create another customer."""

    customer_name: str


ProposeOutcome = Proposal[ShopPurchasePayload] | NotLinked | ItemGone | NoUsername


def parse_item(words: list[str]) -> tuple[int, str]:
    """``<price> <name…>`` as staff type it after ``add``: the price in centavos and the name.

    A currency word right after the price (``450 pesos``) belongs to it. A second number right
    after the price (``1 500 Uniforme``) may be part of it: refused, never guessed.

    Raises:
        InputError: ``shop.add.usage``, ``shop.add.ambiguous``, ``shop.name.bad``, or the
            ``amount.*`` reasons of :func:`~bot.parsing.parse_amount`.
    """
    if not words:
        raise InputError("shop.add.usage")
    taken = 2 if words[0] == "$" and len(words) > 1 else 1
    if len(words) > taken and _CURRENCY.fullmatch(words[taken]):
        taken += 1
    price = parse_amount(" ".join(words[:taken]))
    rest = words[taken:]
    if rest and re.fullmatch(r"[0-9][0-9.,]*", rest[0]):
        raise InputError("shop.add.ambiguous", text=echo(" ".join(words[: taken + 1])))
    name = " ".join(" ".join(rest).split())
    if not name:
        raise InputError("shop.add.usage")
    if len(name) > MAX_ITEM_NAME or not any(ch.isalpha() for ch in name):
        raise InputError("shop.name.bad", text=echo(name), max=str(MAX_ITEM_NAME))
    return price, name


def parse_quantity(text: str) -> int:
    """How many, as a parent types it: ``2``, ``dos``, ``2 piezas``.

    Raises:
        InputError: ``shop.quantity.bad`` (not a whole number from 1 to :data:`MAX_QUANTITY`).
    """
    words = text.strip().lower().split()
    first = words[0] if words else ""
    value = int(first) if first.isdigit() else _NUMBER_WORDS.get(first)
    if value is None or not 1 <= value <= MAX_QUANTITY:
        raise InputError("shop.quantity.bad", text=echo(text), max=str(MAX_QUANTITY))
    return value


class ShopService:
    """The shop's items and the parents' purchases.

    Args:
        quentli: the Quentli client (the child's username; the session, through the engine).
        repos: the store (links; operations, audit and watches for the engine).
        items: the shop's items.
        notifier: the engine's notifier (a purchase queues no notice itself).
        tz: the school's time zone (due dates are 00:00 there).
        now: the clock (aware UTC) of the Confirm expiry (tests).
    """

    def __init__(
        self,
        quentli: QuentliClient,
        repos: Repositories,
        items: ShopRepo,
        *,
        notifier: Notifier,
        tz: tzinfo,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self._quentli = quentli
        self._repos = repos
        self._items = items
        self._tz = tz
        self.engine = OperationEngine(quentli, repos, KINDS, notifier=notifier, now=now)

    # -- staff ---------------------------------------------------------------------------------

    async def add(self, price: int, name: str, created_by: int) -> ShopItem:
        """Put an item on sale (``price`` in centavos, checked by :func:`parse_item`)."""
        return await self._items.add(name, price, created_by)

    async def remove(self, item_id: int, removed_by: int) -> ShopItem | None:
        """Take item ``item_id`` off sale; ``None`` when no such item is on sale."""
        return await self._items.remove(item_id, removed_by)

    async def on_sale(self) -> list[ShopItem]:
        """The items on sale, oldest first."""
        return await self._items.on_sale()

    # -- parents -------------------------------------------------------------------------------

    async def children(self, chat_id: int) -> list[Link]:
        """The customers linked to the chat (empty: not a parent's chat)."""
        return await self._repos.links.customers_for_chat(chat_id)

    async def item(self, item_id: int) -> ShopItem | None:
        """Item ``item_id`` if it is on sale."""
        item = await self._items.get(item_id)
        return item if item is not None and item.active else None

    async def propose(
        self, chat_id: int, user_id: int, item_id: int, customer_id: str, quantity: int
    ) -> ProposeOutcome:
        """Record a purchase to confirm, for a child linked to ``chat_id``.

        Reads the customer from Quentli for its ``username`` (what the session finds it by).

        Raises:
            QuentliError: Quentli failed (a read: nothing was recorded).
        """
        link = await self._link(chat_id, customer_id)
        if link is None:
            return NotLinked()
        item = await self.item(item_id)
        if item is None:
            return ItemGone()
        if not 1 <= quantity <= MAX_QUANTITY:
            raise ValueError(f"quantity {quantity} out of range")
        try:
            customer = await self._quentli.get_customer(customer_id)
        except NotFoundError:
            return NotLinked()
        if not customer.username:
            return NoUsername(link.customer_name)
        due = today(self._tz) + timedelta(days=SHOP_DUE_DAYS)
        payload = ShopPurchasePayload(
            customer_id=customer_id,
            customer_name=link.customer_name,
            chat_id=chat_id,
            username=customer.username,
            item_id=item.item_id,
            item_name=item.name,
            unit_price=item.price,
            quantity=quantity,
            amount=item.price * quantity,
            due=due,
            due_date=day_start_utc(due, self._tz),
        )
        return await self.engine.propose(SHOP_PURCHASE, payload, user_id)

    async def purchase(self, op_id: str) -> ShopPurchasePayload | None:
        """The purchase ``op_id`` (``None``: no such operation, or not a purchase)."""
        op = await self.engine.operation(op_id)
        if op is None or not isinstance(op.payload, ShopPurchasePayload):
            return None
        return op.payload

    async def confirm(
        self, op_id: str, chat_id: int, user_id: int
    ) -> ConfirmOutcome | NotLinked | ItemGone:
        """The Confirm button: the child must still be linked to this chat and the item on
        sale (else the purchase is cancelled, nothing sent); then the engine sends it once."""
        payload = await self.purchase(op_id)
        if payload is not None and not await self._still_valid(payload, chat_id):
            cancelled = await self.engine.cancel(op_id, user_id)
            if not isinstance(cancelled, Cancelled):
                return cancelled  # an earlier press settled it: say what became of it
            if await self._link(chat_id, payload.customer_id) is None:
                return NotLinked()
            return ItemGone()
        return await self.engine.confirm(op_id, user_id)

    async def cancel(self, op_id: str, user_id: int) -> CancelOutcome:
        """The Cancel button of a purchase."""
        return await self.engine.cancel(op_id, user_id)

    async def _still_valid(self, payload: ShopPurchasePayload, chat_id: int) -> bool:
        if payload.chat_id != chat_id or await self._link(chat_id, payload.customer_id) is None:
            return False
        return await self.item(payload.item_id) is not None

    async def _link(self, chat_id: int, customer_id: str) -> Link | None:
        for link in await self.children(chat_id):
            if link.customer_id == customer_id:
                return link
        return None
