"""Linking a parent's chat to Quentli customers: invite tokens, own phone, siblings, unlink."""

from __future__ import annotations

from datetime import timedelta

from bot.store import InviteRepo, utc_now
from tests.core.helpers import invite_via_chat
from tests.harness import ADMIN_ID, BotUnderTest

PARENT = 5001


async def test_invite_link_links_the_chat_and_names_the_customer(bot: BotUnderTest) -> None:
    customer = bot.state.add_customer("Lucía García López", "A-1029", "+525512345678")
    token = await invite_via_chat(bot, "A-1029")
    assert len(token) >= 22  # at least 128 bits in url-safe base64

    tg = bot.telegram
    tg.send_command(tg.user(PARENT, "Marta"), f"/start {token}")
    reply = await tg.next_reply(PARENT)
    assert "Lucía García López" in reply.text
    links = await bot.infra.repos.links.customers_for_chat(PARENT)
    assert [(link.customer_id, link.how) for link in links] == [(customer["id"], "token")]


async def test_invite_qr_code_is_a_picture_of_the_same_link(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    tg = bot.telegram
    tg.send_command(tg.user(ADMIN_ID), "/invitar A-1029")
    text = await tg.next_reply(ADMIN_ID)
    photo = await tg.next_reply(ADMIN_ID)
    assert "t.me/" in text.text
    assert photo.photo and "QR" in (photo.text or "")
    upload = tg.calls_to("sendPhoto")[-1]
    assert next(iter(upload.files.values())).content.startswith(b"\x89PNG")


async def test_a_used_token_is_refused_the_second_time(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    token = await invite_via_chat(bot, "A-1029")
    tg = bot.telegram
    tg.send_command(tg.user(PARENT), f"/start {token}")
    await tg.next_reply(PARENT)
    tg.send_command(tg.user(PARENT + 1), f"/start {token}")
    reply = await tg.next_reply(PARENT + 1)
    assert "ya se usó" in reply.text
    assert await bot.infra.repos.links.customers_for_chat(PARENT + 1) == []


async def test_an_expired_token_is_refused(bot: BotUnderTest) -> None:
    customer = bot.state.add_customer("Lucía García López", "A-1029")
    # Made eight days ago with the default seven-day lifetime.
    eight_days_ago = InviteRepo(bot.infra.db, now=lambda: utc_now() - timedelta(days=8))
    token = await eight_days_ago.create(
        "parent", customer["id"], customer["name"], ADMIN_ID, timedelta(days=7)
    )
    tg = bot.telegram
    tg.send_command(tg.user(PARENT), f"/start {token}")
    assert "ya venció" in (await tg.next_reply(PARENT)).text
    assert await bot.infra.repos.links.customers_for_chat(PARENT) == []


async def test_an_unknown_token_is_refused(bot: BotUnderTest) -> None:
    tg = bot.telegram
    tg.send_command(tg.user(PARENT), "/start AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    assert "no es válida" in (await tg.next_reply(PARENT)).text


async def test_own_contact_links_every_customer_with_that_number(bot: BotUnderTest) -> None:
    # Siblings: two customers share the parent's phone; a third family does not.
    first = bot.state.add_customer("Lucía García López", "A-1029", "+525512345678")
    second = bot.state.add_customer("Mateo García López", "A-1030", "+525512345678")
    bot.state.add_customer("Valeria Hernández Ruiz", "A-2001", "+525598765432")
    tg = bot.telegram
    parent = tg.user(PARENT, "Marta")
    # Telegram sends Mexican mobiles with the old "1" after the country code.
    tg.send_contact(parent, "+5215512345678", contact_user_id=PARENT)
    reply = await tg.next_reply(PARENT)
    assert "Lucía García López" in reply.text and "Mateo García López" in reply.text
    linked = {link.customer_id for link in await bot.infra.repos.links.customers_for_chat(PARENT)}
    assert linked == {first["id"], second["id"]}


async def test_someone_elses_contact_is_refused_without_asking_quentli(
    bot: BotUnderTest,
) -> None:
    bot.state.add_customer("Lucía García López", "A-1029", "+525512345678")
    tg = bot.telegram
    tg.send_contact(tg.user(PARENT), "+525512345678", contact_user_id=PARENT + 99)
    reply = await tg.next_reply(PARENT)
    assert "tu propio número" in reply.text
    assert bot.quentli_requests() == []
    assert await bot.infra.repos.links.customers_for_chat(PARENT) == []


async def test_a_contact_with_no_matching_customer_says_so(bot: BotUnderTest) -> None:
    tg = bot.telegram
    tg.send_contact(tg.user(PARENT), "+525500000000", contact_user_id=PARENT)
    assert "No encontré ninguna cuenta" in (await tg.next_reply(PARENT)).text


async def test_siblings_by_two_invites_and_both_parents_share_a_customer(
    bot: BotUnderTest,
) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    bot.state.add_customer("Mateo García López", "A-1030")
    tg = bot.telegram
    for username in ("A-1029", "A-1030"):
        tg.send_command(tg.user(PARENT), f"/start {await invite_via_chat(bot, username)}")
        await tg.next_reply(PARENT)
    tg.send_command(tg.user(PARENT + 1), f"/start {await invite_via_chat(bot, 'A-1029')}")
    await tg.next_reply(PARENT + 1)
    names = [link.customer_name for link in await bot.infra.repos.links.customers_for_chat(PARENT)]
    assert sorted(names) == ["Lucía García López", "Mateo García López"]
    lucia = (await bot.infra.repos.links.customers_for_chat(PARENT + 1))[0]
    chats = await bot.infra.repos.links.chats_for_customer(lucia.customer_id)
    assert sorted(link.chat_id for link in chats) == [PARENT, PARENT + 1]


async def test_unlink_asks_first_and_then_removes_the_links(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    tg = bot.telegram
    parent = tg.user(PARENT)
    tg.send_command(parent, f"/start {await invite_via_chat(bot, 'A-1029')}")
    await tg.next_reply(PARENT)
    tg.send_command(parent, "/desvincular")
    question = await tg.next_reply(PARENT)
    assert "Lucía García López" in question.text
    tg.press_button(parent, question, "unlink:no")
    assert "no cambié nada" in (await tg.next_reply(PARENT)).text
    assert len(await bot.infra.repos.links.customers_for_chat(PARENT)) == 1
    tg.press_button(parent, question, "unlink:yes", allow_stale=True)
    assert "ya no está vinculado" in (await tg.next_reply(PARENT)).text
    assert await bot.infra.repos.links.customers_for_chat(PARENT) == []


async def test_opening_ones_own_used_invite_again_says_already_linked(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    token = await invite_via_chat(bot, "A-1029")
    tg = bot.telegram
    parent = tg.user(PARENT)
    tg.send_command(parent, f"/start {token}")
    await tg.next_reply(PARENT)
    tg.send_command(parent, f"/start {token}")
    assert "ya está vinculado con <b>Lucía García López</b>" in (await tg.next_reply(PARENT)).text


async def test_an_edited_message_is_not_taken_as_an_answer(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    tg = bot.telegram
    admin = tg.user(ADMIN_ID)
    tg.send_command(admin, "/invitar")
    await tg.next_reply(ADMIN_ID)
    tg.send_message(admin, "Zacarías")
    question = await tg.next_reply(ADMIN_ID)
    assert "No encontré" in question.text
    # She corrects the typo by editing her message instead of sending a new one.
    tg.edit_last_message(admin, "A-1029")
    assert "no tomo en cuenta las ediciones" in (await tg.next_reply(ADMIN_ID)).text
    await tg.settle()
    assert tg.calls_to("sendPhoto") == []  # no invite was made from the edit
    tg.send_message(admin, "A-1029")
    assert "Invitación para" in (await tg.next_reply(ADMIN_ID)).text
