"""Quentli failing while a parent asks for /portal, /pay, /status or presses a button.

A parent is never told the staff-only "we don't know if the change was applied, check with
/customer": asking again for a portal or payment link is harmless. They get a plain, kind
"Quentli did not respond, try again" in their language (SPEC rules 4 and 5).
"""

from __future__ import annotations

import pytest

from tests.harness import BotUnderTest
from tests.parents.helpers import family, invoice

PARENT = 710_001

RETRY = {"es": "intenta de nuevo", "en": "try again"}
STAFF_ONLY = ("/alumno", "/customer", "no sabemos", "don't know", "antes de repetirlo")
INTERNALS = ("Traceback", "Error", "HTTP", "500", "503", "sk_", "http")


def assert_plain_retry(text: str | None, lang: str) -> None:
    """A kind "Quentli did not respond, try again": no staff advice, no internals, no link."""
    assert text is not None
    assert "Quentli" in text
    assert RETRY[lang] in text.lower()
    for forbidden in (*STAFF_ONLY, *INTERNALS):
        assert forbidden not in text, (forbidden, text)


def break_quentli(bot: BotUnderTest, failure: str, path_prefix: str, count: int = 1) -> None:
    """Make the next ``count`` requests under ``path_prefix`` fail with ``failure``."""
    if failure == "timeout":
        # the bot's client gives up after its read timeout; the sandbox answers 0.5 s later
        hang = bot.settings.quentli_read_timeout + 0.5
        bot.state.hang_next(hang, count=count, path_prefix=path_prefix)
    else:
        bot.state.fail_next(int(failure), count=count, path_prefix=path_prefix)


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("failure", ["500", "503", "timeout"])
async def test_portal_when_quentli_fails_is_a_plain_try_again(
    bot: BotUnderTest, failure: str, lang: str
) -> None:
    user, _ = await family(bot, PARENT, ("Sofía Pérez", "A-1"), lang=lang)
    break_quentli(bot, failure, "/v1/customer-portal-session")
    bot.telegram.send_command(user, "/portal")
    assert_plain_retry((await bot.telegram.next_reply(PARENT, timeout=15)).text, lang)

    # asking again is harmless, and works once Quentli is back
    bot.telegram.send_command(user, "/portal")
    again = await bot.telegram.next_reply(PARENT)
    assert again.text is not None and "http://127.0.0.1" in again.text


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("failure", ["500", "timeout"])
async def test_a_portal_pick_button_when_quentli_fails_is_a_plain_try_again(
    fast_bot: BotUnderTest, failure: str, lang: str
) -> None:
    bot = fast_bot
    user, (_, diego) = await family(
        bot, PARENT, ("Sofía Pérez", "A-1"), ("Diego Pérez", "A-2"), lang=lang
    )
    bot.telegram.send_command(user, "/portal")
    pick = await bot.telegram.next_reply(PARENT)
    break_quentli(bot, failure, "/v1/customer-portal-session")
    bot.telegram.press_button(user, pick, f"portal:{diego['id']}")
    assert_plain_retry((await bot.telegram.next_reply(PARENT, timeout=15)).text, lang)


async def test_staff_asking_for_their_own_childs_portal_is_told_to_try_again(
    bot: BotUnderTest,
) -> None:
    user, _ = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    await bot.make_staff(PARENT)
    break_quentli(bot, "500", "/v1/customer-portal-session")
    bot.telegram.send_command(user, "/portal")
    assert_plain_retry((await bot.telegram.next_reply(PARENT)).text, "es")


# a read is retried by the client (4 attempts): make every attempt fail
READ_ATTEMPTS = 4


@pytest.mark.parametrize(("status", "lang"), [("500", "es"), ("503", "en")])
async def test_pay_status_and_the_pay_button_when_quentli_fails(
    bot: BotUnderTest, status: str, lang: str
) -> None:
    user, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"), lang=lang)
    owed = invoice(bot, sofia, 150_000, "Colegiatura marzo", days=-3)
    bot.telegram.send_command(user, "/pagar")
    listed = await bot.telegram.next_reply(PARENT)
    (button,) = bot.telegram.buttons(listed)

    # /pagar reads the invoices; /estado the invoices and the payments, together
    for command, calls in (("/pagar", 1), ("/estado", 2)):
        break_quentli(bot, status, "/v1/", count=calls * READ_ATTEMPTS)
        bot.telegram.send_command(user, command)
        assert_plain_retry((await bot.telegram.next_reply(PARENT, timeout=15)).text, lang)
        await bot.telegram.settle()

    # the Pay button: the invoice read fails, then the payment-link read
    for path in (f"/v1/invoices/{owed['id']}", f"/v1/invoices/{owed['id']}/payment-link"):
        break_quentli(bot, status, path, count=READ_ATTEMPTS)
        bot.telegram.press_button(user, listed, button, allow_stale=True)
        assert_plain_retry((await bot.telegram.next_reply(PARENT, timeout=15)).text, lang)
        await bot.telegram.settle()

    bot.telegram.press_button(user, listed, button, allow_stale=True)
    link = await bot.telegram.next_reply(PARENT)
    assert link.text is not None and "http://127.0.0.1" in link.text


async def test_pay_when_quentli_times_out_is_a_plain_try_again(fast_bot: BotUnderTest) -> None:
    bot = fast_bot
    user, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    invoice(bot, sofia, 150_000, "Colegiatura marzo", days=-3)
    break_quentli(bot, "timeout", "/v1/invoices", count=READ_ATTEMPTS)
    bot.telegram.send_command(user, "/pagar")
    assert_plain_retry((await bot.telegram.next_reply(PARENT, timeout=30)).text, "es")
