"""An invite whose family was archived or deleted in Quentli since links nobody."""

from __future__ import annotations

import pytest

from tests.core.helpers import invite_via_chat
from tests.harness import BotUnderTest
from tests.parents.helpers import TODAY

PARENT = 5001


@pytest.mark.parametrize("removal", ["archived", "deleted"])
async def test_an_invite_to_a_removed_family_links_nothing(
    bot: BotUnderTest, removal: str
) -> None:
    customer = bot.state.add_customer("Lucía García López", "A-1029")
    bot.state.add_invoice(customer["id"], 150_000, "Colegiatura", TODAY)
    token = await invite_via_chat(bot, "A-1029")
    if removal == "archived":
        bot.state.customers[customer["id"]]["archivedAt"] = "2026-11-20T18:00:00.000Z"
    else:
        del bot.state.customers[customer["id"]]

    tg = bot.telegram
    parent = tg.user(PARENT, "Marta")
    tg.send_command(parent, f"/start {token}")
    reply = await tg.next_reply(PARENT)
    assert "Lucía" not in reply.text and "no es válida" in reply.text
    assert await bot.infra.repos.links.customers_for_chat(PARENT) == []
    tg.send_command(parent, "/pagar")
    assert "pay:" not in str([b.value for b in tg.buttons(await tg.next_reply(PARENT))])


async def test_quentli_down_leaves_the_invite_usable(bot: BotUnderTest) -> None:
    customer = bot.state.add_customer("Lucía García López", "A-1029")
    token = await invite_via_chat(bot, "A-1029")
    bot.state.fail_next(503, count=4, path_prefix="/v1/customers")  # a read and 3 retries

    tg = bot.telegram
    parent = tg.user(PARENT, "Marta")
    tg.send_command(parent, f"/start {token}")
    await tg.next_reply(PARENT)
    assert await bot.infra.repos.links.customers_for_chat(PARENT) == []

    tg.send_command(parent, f"/start {token}")
    assert "Lucía García López" in (await tg.next_reply(PARENT)).text
    links = await bot.infra.repos.links.customers_for_chat(PARENT)
    assert [link.customer_id for link in links] == [customer["id"]]
