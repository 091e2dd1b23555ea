"""/status and /pay for a family that owes a lot: the message fits Telegram's 4096 characters.

The fake Telegram refuses a text longer than 4096 characters after its HTML entities are
parsed, as Telegram does. A long list is cut, says how many more there are and points to
/portal; the totals still count every invoice, and every button belongs to a listed invoice.
"""

from __future__ import annotations

import html
import re

import pytest

from tests.harness import BotUnderTest
from tests.parents.helpers import family, invoice

PARENT = 720_001
TELEGRAM_LIMIT = 4096
MORE = {"es": re.compile(r"y (\d+) más"), "en": re.compile(r"and (\d+) more")}


def visible(text: str) -> str:
    """What Telegram shows: the text without tags, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def concept(n: int, length: int) -> str:
    """A long concept (with an ``&`` that is escaped on the way) numbered ``n``."""
    head = f"Colegiatura #{n:02d} & materiales "
    return (head + "x" * length)[:length]


async def test_status_with_many_overdue_invoices_is_cut_to_fit(bot: BotUnderTest) -> None:
    user, (sofia, diego) = await family(
        bot,
        PARENT,
        ("Sofía Alejandra Pérez González", "A-1"),
        ("Diego Alejandro Pérez González", "A-2"),
    )
    for n in range(20):
        invoice(bot, (sofia, diego)[n % 2], 150_000, concept(n, 120), days=-40 + n)

    bot.telegram.send_command(user, "/estado")
    msg = await bot.telegram.next_reply(PARENT)
    assert msg.text is not None
    assert "Total pendiente: <b>$30,000.00 MXN</b>" in msg.text  # every invoice counted
    assert "Vencido: <b>$30,000.00 MXN</b>" in msg.text
    assert len(visible(msg.text)) <= TELEGRAM_LIMIT
    listed = [n for n in range(20) if f"Colegiatura #{n:02d} " in msg.text]
    assert listed == list(range(len(listed)))  # the oldest first
    more = MORE["es"].search(msg.text)
    assert more is not None and "/portal" in msg.text
    assert len(listed) + int(more.group(1)) == 20
    assert "Últimos pagos" in msg.text  # the rest of the message is still there
    assert not [c for c in bot.telegram.failed_calls if c.method == "sendMessage"]


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_status_with_huge_concepts_still_answers(bot: BotUnderTest, lang: str) -> None:
    user, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"), lang=lang)
    for n in range(25):
        invoice(bot, sofia, 10_000, concept(n, 1_000), days=-30 + n // 5)
    paid = invoice(bot, sofia, 10_000, concept(99, 1_000), days=-60)
    bot.state.pay_invoice(paid["id"], emit=False)

    bot.telegram.send_command(user, "/status")
    msg = await bot.telegram.next_reply(PARENT)
    assert msg.text is not None and len(visible(msg.text)) <= TELEGRAM_LIMIT
    assert "$2,500.00 MXN" in msg.text
    more = MORE[lang].search(msg.text)
    assert more is not None and int(more.group(1)) > 0 and "/portal" in msg.text
    assert not [c for c in bot.telegram.failed_calls if c.method == "sendMessage"]


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_pay_with_many_long_invoices_is_cut_to_fit_with_a_button_each(
    bot: BotUnderTest, lang: str
) -> None:
    user, (sofia, diego) = await family(
        bot, PARENT, ("Sofía Pérez", "A-1"), ("Diego Pérez", "A-2"), lang=lang
    )
    created = [
        invoice(bot, (sofia, diego)[n % 2], 10_000, concept(n, 200), days=-30 + n)
        for n in range(60)
    ]

    bot.telegram.send_command(user, "/pay")
    msg = await bot.telegram.next_reply(PARENT)
    assert msg.text is not None and len(visible(msg.text)) <= TELEGRAM_LIMIT
    assert "Total: <b>$6,000.00 MXN</b>" in msg.text  # all 60, not only those listed
    listed = [n for n in range(60) if f"Colegiatura #{n:02d} " in msg.text]
    assert listed and listed == list(range(len(listed)))  # the oldest first
    more = MORE[lang].search(msg.text)
    assert more is not None and "/portal" in msg.text
    assert len(listed) + int(more.group(1)) == 60
    # one Pay button per listed invoice, in the order of the lines (Sofía's, then Diego's),
    # never more than Telegram's 100
    buttons = bot.telegram.buttons(msg)
    in_order = sorted(listed, key=lambda n: (n % 2, n))
    assert [b.value for b in buttons] == [f"pay:{created[n]['id']}" for n in in_order]
    assert len(buttons) <= 100
    assert not [c for c in bot.telegram.failed_calls if c.method == "sendMessage"]

    bot.telegram.press_button(user, msg, buttons[0])
    link = await bot.telegram.next_reply(PARENT)
    assert link.text is not None and "http://127.0.0.1" in link.text


async def test_pay_with_sixty_short_invoices_lists_what_fits(bot: BotUnderTest) -> None:
    user, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    for n in range(60):
        invoice(bot, sofia, 10_000, concept(n, 120), days=-30 + n)
    bot.telegram.send_command(user, "/pagar")
    msg = await bot.telegram.next_reply(PARENT)
    assert msg.text is not None and len(visible(msg.text)) <= TELEGRAM_LIMIT
    buttons = bot.telegram.buttons(msg)
    more = MORE["es"].search(msg.text)
    assert more is not None and len(buttons) + int(more.group(1)) == 60
    assert not [c for c in bot.telegram.failed_calls if c.method == "sendMessage"]
