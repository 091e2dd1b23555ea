"""A new family from /checkout to a receipt in their own chat, by a one-time Telegram link."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import zxingcpp
from PIL import Image

from bot.parsing.dates import today
from tests.faketelegram import SentMessage
from tests.handlers.staffchat import confirm, posts, say, staff_user
from tests.harness import STAFF_ID, BotUnderTest, bot_under_test
from tests.parents.test_payment_events import receipts

TZ = ZoneInfo("America/Mexico_City")
FAMILY = 730_001
OTHER = 730_002
START_LINK = re.compile(r"https://t\.me/\w+\?start=([A-Za-z0-9_-]+)")


async def _checkout(bot: BotUnderTest, staff: Any, username: str = "B-3001") -> SentMessage:
    """/sesion typed all the way (concept and due date typed too) up to its summary."""
    await say(bot, staff, "/sesion")
    await say(bot, staff, "Renata Solís Vega")
    await say(bot, staff, "renata.mama@correo.mx")
    await say(bot, staff, username)
    await say(bot, staff, "Inscripción 2027")
    await say(bot, staff, "$2,750")
    return await say(bot, staff, (today(TZ) + timedelta(days=5)).strftime("%d/%m/%Y"))


def _qr_text(bot: BotUnderTest, photo: SentMessage) -> str:
    upload = bot.telegram.calls_to("sendPhoto")[-1]
    content = next(iter(upload.files.values())).content
    assert photo.photo and content.startswith(b"\x89PNG")
    (code,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(content)))
    return code.text


async def _family_pays(bot: BotUnderTest) -> tuple[str, Any]:
    """The staff member's /sesion and Confirm, the family opening the link and paying on the
    page, the receipt in their chat; returns the token and the family's user."""
    staff = await staff_user(bot)
    summary = await _checkout(bot, staff)
    assert "Liga de pago lista" in (await confirm(bot, staff, summary)).text
    family_link = await bot.telegram.next_reply(STAFF_ID)
    match = START_LINK.search(family_link.text)
    assert match is not None and "Renata Solís Vega" in family_link.text
    assert _qr_text(bot, await bot.telegram.next_reply(STAFF_ID)) == match.group(0)
    token = match.group(1)
    assert len(token) <= 64 and len(token) >= 22
    # Only the token's hash is kept.
    rows = await bot.infra.db.fetchall("SELECT * FROM invite_tokens")
    assert token not in repr([tuple(row) for row in rows])

    # The family opens it: their chat is linked, and the checkout link arrives there.
    family = bot.telegram.user(FAMILY, "Renata")
    bot.telegram.send_command(family, f"/start {token}")
    linked = await bot.telegram.next_reply(FAMILY)
    assert "Renata Solís Vega" in linked.text and "vinculado" in linked.text
    offer = await bot.telegram.next_reply(FAMILY)
    assert "Inscripción 2027" in offer.text and "$2,750.00 MXN" in offer.text
    checkout = offer.text.split("Ábrela aquí: ")[1].strip()
    async with httpx.AsyncClient() as http:
        paid = await http.post(checkout.rstrip("/") + "/pay", follow_redirects=True)
    assert paid.status_code == 200

    receipt = await bot.telegram.next_reply(FAMILY)
    assert "Recibimos tu pago" in receipt.text
    assert "Inscripción 2027" in receipt.text and "$2,750.00 MXN" in receipt.text
    return token, family


async def test_a_new_family_gets_its_checkout_link_and_receipt_in_its_own_chat(
    hooked_bot: BotUnderTest,
) -> None:
    bot = hooked_bot
    token, family = await _family_pays(bot)
    assert "🎉" in (await say(bot, family, "/pagar")).text  # nothing owed any more

    # The same link, opened by someone else, is refused and links nothing.
    other = bot.telegram.user(OTHER, "Pepe")
    refused = await say(bot, other, f"/start {token}")
    assert "ya se usó" in refused.text
    assert await bot.infra.repos.links.customers_for_chat(OTHER) == []
    assert len(posts(bot, "/v1/invoice-payment-sessions")) == 1
    # No payment link went anywhere but the family's and the staff member's chats.
    assert bot.telegram.bot_messages(OTHER) == [refused]
    await bot.telegram.settle(quiet=0.3)
    assert len(receipts(bot, FAMILY)) == 1


async def test_in_sandbox_mode_a_school_can_try_it_without_keys(tmp_path: Path) -> None:
    async for bot in bot_under_test(tmp_path, quentli_api_key=None):
        assert bot.infra.sandbox is not None
        await _family_pays(bot)


async def test_a_link_opened_after_paying_says_it_is_paid(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    done = await confirm(bot, staff, await _checkout(bot, staff, "B-3002"))
    invoice = re.search(r"inv_\w+", done.text)
    link = START_LINK.search((await bot.telegram.next_reply(STAFF_ID)).text)
    assert invoice is not None and link is not None
    invoice_id, token = invoice.group(0), link.group(1)
    bot.state.pay_invoice(invoice_id)

    family = bot.telegram.user(FAMILY, "Renata")
    assert "Renata Solís Vega" in (await say(bot, family, f"/start {token}")).text
    told = await bot.telegram.next_reply(FAMILY)
    assert "ya está pagado" in told.text and "/checkout/" not in told.text
