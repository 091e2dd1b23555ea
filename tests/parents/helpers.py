"""Small helpers for the parents' tests: families in the sandbox, linked chats."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.harness import ADMIN_ID, BotUnderTest

TODAY = date.today()


async def family(
    bot: BotUnderTest, user_id: int, *children: tuple[str, str], lang: str = "es"
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A Telegram parent whose private chat is linked to one customer per (name, username)."""
    user = bot.telegram.user(user_id, first_name="Mamá", language_code=lang)
    bot.telegram.private_chat(user)
    customers = []
    for name, username in children:
        customer = bot.state.add_customer(name, username)
        await bot.infra.repos.links.link(user_id, customer["id"], name, "staff", ADMIN_ID)
        customers.append(customer)
    return user, customers


def invoice(
    bot: BotUnderTest, customer: dict[str, Any], amount: int, concept: str, days: int = 10
) -> dict[str, Any]:
    """An invoice due ``days`` from today (negative: overdue), created with no webhook."""
    return bot.state.add_invoice(
        customer["id"], amount, concept, TODAY + timedelta(days=days), emit=False
    )


def quentli_paths(bot: BotUnderTest) -> list[str]:
    """Every Quentli request as ``METHOD path``."""
    return [f"{r.method} {r.path}" for r in bot.state.requests]
