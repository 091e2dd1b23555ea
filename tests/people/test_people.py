"""People by name (SPEC rule 8) and the right language everywhere (rule 9)."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from bot.ptb.flood import is_transient
from tests.core.helpers import invite_via_chat, token_of
from tests.handlers.staffchat import confirm, paid_summary, say, staff_user
from tests.harness import ADMIN_ID, STAFF_ID, BotUnderTest, bot_under_test
from tests.parents.conftest import WEBHOOK_SECRET, point_sandbox_webhooks
from tests.parents.helpers import invoice
from tests.people.helpers import profile, texts

NEWCOMER = 2001
PARENT = 7301


async def test_staff_usage_shows_the_subcommands_of_its_language(bot: BotUnderTest) -> None:
    admin = bot.telegram.user(ADMIN_ID, "Laura")
    usage = (await say(bot, admin, "/personal")).text
    for sub in ("agregar ID", "invitar", "quitar NOMBRE o ID", "lista"):
        assert f"<code>/personal {sub}</code>" in usage
    assert "/personal add " not in usage and "<code>/personal list</code>" not in usage
    english = bot.telegram.user(ADMIN_ID, "Laura", language_code="en")
    usage = (await say(bot, english, "/staff")).text
    for sub in ("add ID", "invite", "remove NAME or ID", "list"):
        assert f"<code>/staff {sub}</code>" in usage


async def test_staff_list_shows_names_and_the_ids_remove_takes(bot: BotUnderTest) -> None:
    tg = bot.telegram
    admin = tg.user(ADMIN_ID, "Laura", last_name="Méndez")
    monica = tg.user(NEWCOMER, "Mónica", last_name="Ruiz")
    await bot.make_staff(NEWCOMER)
    await bot.make_staff(NEWCOMER + 1)  # added by id, never wrote to the bot
    await say(bot, monica, "/ayuda")
    help_text = (await say(bot, admin, "/ayuda")).text
    assert "Comprobantes de pago por revisar" in help_text  # a capital, like every other line
    await profile(bot, ADMIN_ID, "Laura Méndez")
    await profile(bot, NEWCOMER, "Mónica Ruiz")

    listing = (await say(bot, admin, "/personal lista")).text

    assert "• Laura Méndez (administrador)" in listing
    assert "• Mónica Ruiz · ID <code>2001</code>" in listing  # the id /personal quitar takes
    assert "• <code>2002</code>" in listing and "aún no me ha escrito" in listing
    assert str(ADMIN_ID) not in listing


async def test_a_name_change_is_kept_and_only_a_change_is_written(bot: BotUnderTest) -> None:
    tg = bot.telegram
    await say(bot, tg.user(NEWCOMER, "Mónica", username="moni"), "/ayuda")
    first = await profile(bot, NEWCOMER, "Mónica")
    assert (first.username, first.language_code) == ("moni", "es")
    await say(bot, tg.user(NEWCOMER, "Mónica", username="moni"), "/ayuda")
    await tg.settle(quiet=0.1)
    assert (await profile(bot, NEWCOMER, "Mónica")).updated_at == first.updated_at  # no write
    await say(bot, tg.user(NEWCOMER, " ", username="moni", language_code="en"), "/help")
    assert (await profile(bot, NEWCOMER, "@moni")).language_code == "en"
    # an update without a language says nothing about it: the one known is kept
    await say(bot, tg.user(NEWCOMER, "Mónica", username="moni", language_code=None), "/help")
    assert (await profile(bot, NEWCOMER, "Mónica")).language_code == "en"


async def test_the_audit_says_who_by_name(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    inv = invoice(bot, lucia, 50_000, "Transporte")
    staff = await staff_user(bot)  # "Sofía"
    await confirm(bot, staff, await paid_summary(bot, staff, f"/pagado {inv['id']}"))

    card = (await say(bot, staff, "/alumno A-1029")).text

    assert "(por Sofía," in card and f"por {STAFF_ID}" not in card


async def test_the_admin_is_told_who_used_a_staff_invite(bot: BotUnderTest) -> None:
    tg = bot.telegram
    admin = tg.user(ADMIN_ID, "Laura")
    token = token_of(await say(bot, admin, "/personal invite"))
    monica = tg.user(NEWCOMER, "Mónica", last_name="Ruiz")

    welcome = await say(bot, monica, f"/start {token}")

    assert "Bienvenido al personal" in welcome.text
    told = await tg.next_reply(ADMIN_ID)
    assert "<b>Mónica Ruiz</b> usó tu invitación" in told.text
    # opened again: no second notice
    await say(bot, monica, f"/start {token}")
    await tg.settle(quiet=0.3)
    assert sum("usó tu invitación" in t for t in texts(bot, ADMIN_ID)) == 1


async def test_people_are_told_when_added_and_removed_in_their_language(
    bot: BotUnderTest,
) -> None:
    tg = bot.telegram
    admin = tg.user(ADMIN_ID, "Laura")
    monica = tg.user(NEWCOMER, "Monica", last_name="Ruiz", language_code="en")
    await say(bot, monica, "/start")
    await profile(bot, NEWCOMER, "Monica Ruiz")

    added = await say(bot, admin, f"/personal add {NEWCOMER}")
    assert "<b>Monica Ruiz</b> (ID <code>2001</code>) ahora es personal" in added.text
    news = await tg.next_reply(NEWCOMER)
    assert "An administrator added you to the school's staff" in news.text
    # their staff menu is in their language, not the admin's
    menu = {c["command"] for c in tg.commands_for({"type": "chat", "chat_id": NEWCOMER})}
    assert "invoice" in menu and "cobrar" not in menu

    removed = await say(bot, admin, f"/personal quitar {NEWCOMER}")
    assert "<b>Monica Ruiz</b> (ID <code>2001</code>) ya no es personal" in removed.text
    news = await tg.next_reply(NEWCOMER)
    assert "An administrator removed you from the school's staff" in news.text

    unknown = await say(bot, admin, "/personal quitar 3003")
    assert "ID <code>3003</code> no estaba en el personal" in unknown.text


async def test_staff_are_removed_by_name_too(bot: BotUnderTest) -> None:
    tg = bot.telegram
    admin = tg.user(ADMIN_ID, "Laura")
    for user_id, first, last in [(2001, "Mónica", "Ruiz"), (2002, "Mónica", "Pérez")]:
        await bot.make_staff(user_id)
        await say(bot, tg.user(user_id, first, last_name=last), "/ayuda")
        await profile(bot, user_id, f"{first} {last}")

    several = await say(bot, admin, "/personal quitar monica")
    assert "Varias personas del personal se llaman «monica»" in several.text
    assert "• Mónica Ruiz · ID <code>2001</code>" in several.text
    nobody = await say(bot, admin, "/personal quitar Juanito")
    assert "No hay nadie en el personal que se llame «Juanito»" in nobody.text
    assert len(await bot.infra.repos.staff.list()) == 2  # nothing changed

    removed = await say(bot, admin, "/personal quitar MONICA ruiz")
    assert "<b>Mónica Ruiz</b> (ID <code>2001</code>) ya no es personal" in removed.text
    assert [m.user_id for m in await bot.infra.repos.staff.list()] == [2002]


@pytest.fixture
async def hooked_bot(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A bot whose sandbox posts its webhooks (a payment on the checkout page) to it."""
    async for running in bot_under_test(
        tmp_path, on_start=point_sandbox_webhooks, quentli_webhook_secret=WEBHOOK_SECRET
    ):
        yield running


async def test_a_parent_whose_telegram_is_english_gets_the_receipt_in_english(
    hooked_bot: BotUnderTest,
) -> None:
    """Done when: Telegram language `en`, never used /idioma, receipt in English."""
    bot = hooked_bot
    tg = bot.telegram
    sofia = bot.state.add_customer("Sofía Pérez", "A-1")
    token = await invite_via_chat(bot, "A-1")
    parent = tg.user(PARENT, "Mary", language_code="en")
    linked = await say(bot, parent, f"/start {token}")
    assert "Sofía Pérez" in linked.text
    await profile(bot, PARENT, "Mary")
    assert await bot.services.languages.chosen(PARENT) is None  # never used /language
    inv = invoice(bot, sofia, 150_000, "Colegiatura marzo")

    bot.state.pay_invoice(inv["id"])  # paid in Quentli: the webhook reaches the bot

    await tg.wait_for(lambda: any("We received your payment" in t for t in texts(bot, PARENT)))
    assert not any("Recibimos tu pago" in t for t in texts(bot, PARENT))


async def test_a_500_on_a_reply_is_retried_and_the_user_gets_it(
    bot: BotUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    tg = bot.telegram
    tg.fail_next("sendMessage", 500)
    with caplog.at_level(logging.INFO):
        answer = await say(bot, tg.user(PARENT, "Mary"), "/ayuda")

    assert "/pagar" in answer.text
    await tg.settle(quiet=0.3)
    assert not any("algo salió mal" in t for t in texts(bot, PARENT))
    assert [c.status for c in tg.calls_to("sendMessage")] == [500, 200]
    retried = [r for r in caplog.records if "retrying" in r.getMessage()]
    assert retried and all(r.exc_info is None for r in retried)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_only_failures_that_sent_nothing_are_transient() -> None:
    from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

    request = httpx.Request("POST", "https://api.telegram.org")
    assert is_transient(NetworkError("Internal Server Error"))
    refused = NetworkError("httpx.ConnectError")
    refused.__cause__ = httpx.ConnectError("refused", request=request)
    assert is_transient(refused)
    late = TimedOut()
    late.__cause__ = httpx.ReadTimeout("late", request=request)
    assert not is_transient(late)  # it may have been sent
    assert not is_transient(BadRequest("Message is not modified"))
    assert not is_transient(Forbidden("bot was blocked by the user"))


async def test_a_profile_that_cannot_be_kept_costs_the_update_nothing(
    bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object) -> bool:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(bot.services.people, "seen", broken)
    answer = await say(bot, bot.telegram.user(PARENT, "Mary"), "/ayuda")
    assert "/pagar" in answer.text
    await bot.telegram.settle(quiet=0.2)
    assert not any("algo salió mal" in t for t in texts(bot, PARENT))


async def test_the_card_names_the_linked_chats(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    token = await invite_via_chat(bot, "A-1029")
    tg = bot.telegram
    mom = tg.user(7101, "Marta", last_name="López")
    tg.send_command(mom, f"/start {token}")
    await tg.next_reply(7101)
    staff = await staff_user(bot)

    card = (await say(bot, staff, "/alumno A-1029")).text

    assert "Marta López" in card and "7101" not in card
