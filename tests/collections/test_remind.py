"""/remind (/recordar): staff remind a family now, at most once a day, and hear who got it."""

from __future__ import annotations

from tests.collections.conftest import Clock, drained, due_in, parent
from tests.collections.conftest import sofia as sofia_of
from tests.handlers.staffchat import press, say, staff_user
from tests.harness import BotUnderTest

MOM = 731_001
DAD = 731_002


async def test_remind_a_family_by_name_once_a_day(
    reminding_bot: BotUnderTest, clock: Clock
) -> None:
    bot = reminding_bot
    sofia = await sofia_of(bot, MOM, DAD)
    late = due_in(bot, sofia, -25, 485_000, "Colegiatura Abril")
    soon = due_in(bot, sofia, 5, 485_000, "Colegiatura Mayo")
    staff = await staff_user(bot)

    answer = await say(bot, staff, "/recordar Sofía García")
    assert "le recordé a la familia de <b>Sofía García López</b>" in answer.text
    assert "$9,700.00 MXN" in answer.text and "Chats que lo reciben: 2" in answer.text
    for chat in (MOM, DAD):
        msg = await bot.telegram.next_reply(chat)
        assert "Recordatorio de la escuela" in msg.text
        assert "venció el" in msg.text and "vence el" in msg.text and "(en 5 días)" in msg.text
        assert [b.value for b in bot.telegram.buttons(msg)] == [f"pay:{late}", f"pay:{soon}"]

    again = await say(bot, staff, "/recordar A-1029")
    assert "Ya se le recordó hoy" in again.text
    await drained(bot)
    assert len(bot.telegram.bot_messages(MOM)) == 1

    clock.at(10, 0, days=1)  # another day: another reminder is allowed
    assert "Chats que lo reciben: 2" in (await say(bot, staff, "/recordar A-1029")).text
    assert "Recordatorio de la escuela" in (await bot.telegram.next_reply(MOM)).text


async def test_remind_says_when_it_reached_nobody(reminding_bot: BotUnderTest) -> None:
    bot = reminding_bot
    diego = bot.state.add_customer("Diego Martínez Sánchez", "A-1045")
    due_in(bot, diego, -40, 650_000, "Inscripción")
    camila = bot.state.add_customer("Camila Rodríguez Pérez", "A-1052")
    mom = await parent(bot, MOM, camila)
    due_in(bot, camila, -5, 485_000, "Colegiatura")
    santiago = bot.state.add_customer("Santiago Flores Jiménez", "A-1060")
    await parent(bot, DAD, santiago)
    staff = await staff_user(bot)

    no_chat = await say(bot, staff, "/recordar Diego")
    assert "no le llegó a nadie" in no_chat.text and "/invitar A-1045" in no_chat.text

    bot.telegram.send_command(mom, "/avisos no")
    await bot.telegram.next_reply(MOM)
    muted = await say(bot, staff, "/recordar Camila")
    assert "no le llegó a nadie" in muted.text and "/avisos" in muted.text

    assert "no debe nada" in (await say(bot, staff, "/recordar Santiago")).text
    await drained(bot)
    assert len(bot.telegram.bot_messages(MOM)) == 1  # only /avisos' answer
    assert bot.telegram.bot_messages(DAD) == []


async def test_a_typo_finds_nobody_and_several_matches_offer_buttons(
    reminding_bot: BotUnderTest,
) -> None:
    bot = reminding_bot
    mateo = bot.state.add_customer("Mateo Hernández Ruiz", "A-1030")
    valentina = bot.state.add_customer("Valentina Hernández Ruiz", "A-1031")
    await parent(bot, MOM, mateo, valentina)
    due_in(bot, valentina, -12, 485_000, "Colegiatura")
    staff = await staff_user(bot)

    typo = await say(bot, staff, "/recordar Valentian")
    assert "No encontré a nadie con «Valentian»" in typo.text
    usage = await say(bot, staff, "/recordar")
    assert "/recordar Sofía García" in usage.text

    pick = await say(bot, staff, "/recordar hernandez")
    assert "¿Cuál es?" in pick.text
    done = await press(bot, staff, pick, f"rmd:{valentina['id']}")
    assert "Valentina Hernández Ruiz" in done.text and "Chats que lo reciben: 1" in done.text
    msg = await bot.telegram.next_reply(MOM)
    assert "Colegiatura" in msg.text and "Valentina" in msg.text


async def test_remind_is_for_staff_only(reminding_bot: BotUnderTest) -> None:
    bot = reminding_bot
    sofia = bot.state.add_customer("Sofía García López", "A-1029")
    mom = await parent(bot, MOM, sofia)
    due_in(bot, sofia, -3, 485_000, "Colegiatura")
    bot.telegram.send_command(mom, "/recordar A-1029")
    assert "personal de la escuela" in (await bot.telegram.next_reply(MOM)).text
    await drained(bot)
    assert len(bot.telegram.bot_messages(MOM)) == 1
