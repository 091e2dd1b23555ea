"""Who may do what: admins from the settings, staff from the store, checked on every call."""

from __future__ import annotations

from tests.core.helpers import token_of
from tests.harness import ADMIN_ID, STAFF_ID, BotUnderTest

STRANGER = 7001


async def test_a_stranger_asking_for_a_staff_command_is_refused_without_quentli(
    bot: BotUnderTest,
) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    tg = bot.telegram
    tg.send_command(tg.user(STRANGER), "/invitar A-1029")
    assert "solo para el personal" in (await tg.next_reply(STRANGER)).text.lower()
    assert bot.quentli_requests() == []


async def test_a_parent_is_refused_too(bot: BotUnderTest) -> None:
    customer = bot.state.add_customer("Lucía García López", "A-1029")
    await bot.infra.repos.links.link(STRANGER, customer["id"], customer["name"], "staff", 1)
    tg = bot.telegram
    tg.send_command(tg.user(STRANGER), "/invite A-1029")
    assert "solo para el personal" in (await tg.next_reply(STRANGER)).text.lower()
    assert bot.quentli_requests() == []


async def test_staff_commands_only_in_a_private_chat(bot: BotUnderTest) -> None:
    tg = bot.telegram
    group = tg.group_chat(-100200, "Padres 3°B")
    tg.send_command(tg.user(ADMIN_ID), "/invite A-1029", chat=group)
    assert "chat privado" in (await tg.next_reply(-100200)).text
    assert bot.quentli_requests() == []


async def test_staff_add_list_and_remove_take_effect_at_once(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    tg = bot.telegram
    admin, member = tg.user(ADMIN_ID), tg.user(STAFF_ID)
    tg.private_chat(member)
    tg.send_command(admin, f"/staff add {STAFF_ID}")
    assert f"<code>{STAFF_ID}</code> ahora es personal" in (await tg.next_reply(ADMIN_ID)).text
    assert "te agregó al personal" in (await tg.next_reply(STAFF_ID)).text
    tg.send_command(member, "/invite A-1029")
    assert "Invitación para" in (await tg.next_reply(STAFF_ID)).text
    await tg.next_reply(STAFF_ID)  # the QR code
    tg.send_command(admin, "/personal list")
    listing = (await tg.next_reply(ADMIN_ID)).text
    assert f"• Ana · ID <code>{STAFF_ID}</code>" in listing  # names; the id remove takes
    assert "• Ana (administrador)" in listing and str(ADMIN_ID) not in listing
    tg.send_command(admin, f"/staff remove {STAFF_ID}")
    assert "ya no es personal" in (await tg.next_reply(ADMIN_ID)).text
    assert "te quitó del personal" in (await tg.next_reply(STAFF_ID)).text
    tg.send_command(member, "/invite A-1029")
    assert "solo para el personal" in (await tg.next_reply(STAFF_ID)).text.lower()


async def test_staff_add_with_a_bad_id_says_what_is_expected(bot: BotUnderTest) -> None:
    tg = bot.telegram
    tg.send_command(tg.user(ADMIN_ID), "/staff add juanito")
    assert "debe ser un número" in (await tg.next_reply(ADMIN_ID)).text
    assert await bot.infra.repos.staff.list() == []


async def test_only_admins_manage_staff(bot: BotUnderTest) -> None:
    await bot.make_staff()
    tg = bot.telegram
    tg.send_command(tg.user(STAFF_ID), f"/staff add {STRANGER}")
    assert "administrador" in (await tg.next_reply(STAFF_ID)).text
    assert not await bot.infra.repos.staff.is_staff(STRANGER)


async def test_a_staff_invite_link_makes_its_opener_staff_once(bot: BotUnderTest) -> None:
    tg = bot.telegram
    tg.send_command(tg.user(ADMIN_ID), "/staff invite")
    token = token_of(await tg.next_reply(ADMIN_ID))
    tg.send_command(tg.user(STAFF_ID), f"/start {token}")
    assert "Bienvenido al personal" in (await tg.next_reply(STAFF_ID)).text
    assert await bot.infra.repos.staff.is_staff(STAFF_ID)
    tg.send_command(tg.user(STRANGER), f"/start {token}")
    assert "ya se usó" in (await tg.next_reply(STRANGER)).text
    assert not await bot.infra.repos.staff.is_staff(STRANGER)


async def test_help_lists_what_the_role_can_do(bot: BotUnderTest) -> None:
    tg = bot.telegram
    tg.send_command(tg.user(STRANGER), "/ayuda")
    stranger_help = (await tg.next_reply(STRANGER)).text
    assert "/pagar" in stranger_help and "/cobrar" not in stranger_help
    tg.send_command(tg.user(ADMIN_ID), "/help")
    admin_help = (await tg.next_reply(ADMIN_ID)).text
    assert "/cobrar" in admin_help and "/personal" in admin_help


async def test_unknown_command_points_to_help(bot: BotUnderTest) -> None:
    tg = bot.telegram
    tg.send_command(tg.user(STRANGER), "/cobrr")
    assert "/ayuda" in (await tg.next_reply(STRANGER)).text


async def test_staff_replies_say_sandbox_mode_when_no_key(bot: BotUnderTest) -> None:
    # The shared fixture runs with a key; sandbox mode is covered in test_process.py.
    tg = bot.telegram
    tg.send_command(tg.user(ADMIN_ID), "/ayuda")
    assert "sandbox" not in (await tg.next_reply(ADMIN_ID)).text.lower()


async def test_start_in_a_group_gives_no_staff_menu_and_no_staff_greeting(
    bot: BotUnderTest,
) -> None:
    tg = bot.telegram
    group = tg.group_chat(-100300, "Padres 5°A")
    tg.send_command(tg.user(ADMIN_ID), "/start", chat=group)
    assert "chat privado" in (await tg.next_reply(-100300)).text
    tg.send_command(tg.user(ADMIN_ID), "/language en", chat=group)
    await tg.next_reply(-100300)
    group_menu = {c["command"] for c in tg.commands_for({"type": "chat", "chat_id": -100300})}
    assert "pay" in group_menu and "invoice" not in group_menu and "staff" not in group_menu


async def test_a_button_nobody_knows_is_answered(bot: BotUnderTest) -> None:
    tg = bot.telegram
    user = tg.user(STRANGER)
    tg.send_command(user, "/idioma")
    question = await tg.next_reply(STRANGER)
    update_id = tg.press_button(user, question, "zzz:old", allow_stale=True)
    answer = await tg.wait_for(lambda: tg.callback_answer(update_id))
    assert answer.show_alert and "ya no está activo" in (answer.text or "")


async def test_a_huge_message_is_answered_not_crashed(bot: BotUnderTest) -> None:
    tg = bot.telegram
    tg.send_command(tg.user(STRANGER), "/idioma " + "x" * 4000)
    reply = await tg.next_reply(STRANGER)
    assert "/idioma es" in reply.text
    assert tg.failed_calls == [] or all(c.method != "sendMessage" for c in tg.failed_calls)
