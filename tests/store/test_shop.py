"""ShopRepo contract: items on sale, in the order added; a removed item keeps its row."""

from __future__ import annotations

import sqlite3

import pytest

from bot.store import Database
from bot.store.shop import ShopRepo

from .conftest import START, FakeClock


async def test_items_are_added_listed_and_removed_once(db: Database, clock: FakeClock) -> None:
    shop = ShopRepo(db, now=clock)
    uniform = await shop.add("Uniforme deportivo", 45000, 900_002)
    trip = await shop.add("Excursión al museo", 120000, 900_002)
    assert (uniform.item_id, uniform.price, uniform.active, uniform.created_at) == (
        1,
        45000,
        True,
        START,
    )
    assert [i.name for i in await shop.on_sale()] == ["Uniforme deportivo", "Excursión al museo"]

    removed = await shop.remove(uniform.item_id, 900_003)
    assert removed is not None and removed.name == "Uniforme deportivo"
    assert await shop.remove(uniform.item_id, 900_003) is None  # already off sale
    assert await shop.remove(99, 900_003) is None
    assert await shop.on_sale() == [trip]
    kept = await shop.get(uniform.item_id)
    assert kept is not None and kept.active is False and kept.price == 45000


async def test_a_price_must_be_positive(db: Database, clock: FakeClock) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        await ShopRepo(db, now=clock).add("Gratis", 0, 1)
