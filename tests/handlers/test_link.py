"""/link (/liga): an invoice's payment link and when it expires, to forward by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.handlers.outcomes import link_block
from bot.handlers.ui.private_links import is_public_https
from bot.parsing.dates import today
from bot.texts import Texts
from tests.handlers.staffchat import linked_parent, posts, say, staff_user
from tests.harness import BotUnderTest

TZ = ZoneInfo("America/Mexico_City")


def _invoice(bot: BotUnderTest) -> tuple[dict, dict]:  # type: ignore[type-arg]
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    invoice = bot.state.add_invoice(lucia["id"], 120000, "Transporte", today(TZ) + timedelta(5))
    return lucia, invoice


async def test_the_link_comes_with_its_expiry_as_text(bot: BotUnderTest) -> None:
    _lucia, invoice = _invoice(bot)
    staff = await staff_user(bot)
    answer = await say(bot, staff, f"/liga {invoice['id']}")
    assert invoice["id"] in answer.text and "Lucía García López" in answer.text
    assert "$1,200.00 MXN" in answer.text and "vale hasta el" in answer.text
    assert "/checkout/" in answer.text  # the sandbox's http://127.0.0.1 link: text only
    assert answer.reply_markup is None
    [get] = bot.quentli_requests("GET", f"/v1/invoices/{invoice['id']}/payment-link")
    assert get.method == "GET" and posts(bot) == []


async def test_paid_and_cancelled_invoices_get_no_link(bot: BotUnderTest) -> None:
    lucia, invoice = _invoice(bot)
    bot.state.pay_invoice(invoice["id"], emit=False)
    cancelled = bot.state.add_invoice(lucia["id"], 5000, "Material", today(TZ) + timedelta(3))
    bot.state.invoices[cancelled["id"]]["canceledAt"] = "2025-01-01T06:00:00.000Z"
    staff = await staff_user(bot)
    assert "ya está pagada" in (await say(bot, staff, f"/liga {invoice['id']}")).text
    assert "está cancelada" in (await say(bot, staff, f"/liga {cancelled['id']}")).text
    assert bot.quentli_requests("GET", "/v1/invoices/") and not [
        r for r in bot.quentli_requests() if r.path.endswith("/payment-link")
    ]


async def test_a_bad_id_or_a_parent_gets_no_link(bot: BotUnderTest) -> None:
    lucia, invoice = _invoice(bot)
    staff = await staff_user(bot)
    assert "no parece un id" in (await say(bot, staff, "/link inv_12!")).text
    parent = await linked_parent(bot, lucia)
    assert "solo para el personal" in (await say(bot, parent, f"/liga {invoice['id']}")).text
    assert bot.quentli_requests() == []
    # Anything else is a student, looked up by id, student number or name.
    assert "No encontré a nadie con «cus_123»" in (await say(bot, staff, "/link cus_123")).text


def test_only_public_https_links_become_buttons() -> None:
    t = Texts("es", TZ)
    expires = datetime(2025, 2, 1, 18, 30, tzinfo=UTC)
    text, markup = link_block(t, "https://colegio.quentli.com/s/ps_123?cs=abc", expires)
    assert markup is not None
    assert markup.inline_keyboard[0][0].url == "https://colegio.quentli.com/s/ps_123?cs=abc"
    assert "1 de febrero de 2025, 12:30" in text  # shown in the school's time zone
    for url in (
        "http://127.0.0.1:8700/checkout/x",
        "https://localhost/checkout/x",
        "https://10.0.0.5/checkout/x",
        "http://colegio.quentli.com/s/ps_1",
        "https://intranet/checkout",
    ):
        assert not is_public_https(url), url
        assert link_block(t, url, expires)[1] is None
