"""The school shop's items: what parents can buy in chat, with their price in centavos."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store.db import Clock, Database, Row, from_db_time, insert_in, to_db_time, utc_now

__all__ = ["ShopItem", "ShopRepo"]


@dataclass(frozen=True, slots=True)
class ShopItem:
    """One item of the shop; ``item_id`` is the number staff quote to remove it."""

    item_id: int
    name: str
    price: int
    active: bool
    created_by: int
    created_at: datetime


def _item(row: Row) -> ShopItem:
    return ShopItem(
        item_id=row["item_id"],
        name=row["name"],
        price=row["price"],
        active=bool(row["active"]),
        created_by=row["created_by"],
        created_at=from_db_time(row["created_at"]),
    )


class ShopRepo:
    """The ``shop_items`` table."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now

    async def add(self, name: str, price: int, created_by: int) -> ShopItem:
        """Put an item on sale.

        Args:
            name: what parents see (already checked).
            price: the unit price in centavos (> 0).
            created_by: the staff member's Telegram user id.

        Returns:
            The new item.
        """
        at = self._now()
        async with self._db.transaction() as conn:
            item_id = await insert_in(
                conn,
                "INSERT INTO shop_items (name, price, created_by, created_at) VALUES (?, ?, ?, ?)",
                (name, price, created_by, to_db_time(at)),
            )
        return ShopItem(item_id, name, price, True, created_by, at)

    async def remove(self, item_id: int, removed_by: int) -> ShopItem | None:
        """Take an item off sale (its row is kept).

        Returns:
            The item as it was, or ``None`` when there is no such item on sale.
        """
        item = await self.get(item_id)
        if item is None or not item.active:
            return None
        changed = await self._db.execute(
            "UPDATE shop_items SET active = 0, removed_by = ?, removed_at = ?"
            " WHERE item_id = ? AND active = 1",
            (removed_by, to_db_time(self._now()), item_id),
        )
        return item if changed == 1 else None

    async def get(self, item_id: int) -> ShopItem | None:
        """The item ``item_id`` (on sale or not), or ``None``."""
        row = await self._db.fetchone("SELECT * FROM shop_items WHERE item_id = ?", (item_id,))
        return None if row is None else _item(row)

    async def on_sale(self) -> list[ShopItem]:
        """The items on sale, in the order they were added."""
        rows = await self._db.fetchall(
            "SELECT * FROM shop_items WHERE active = 1 ORDER BY item_id"
        )
        return [_item(row) for row in rows]
