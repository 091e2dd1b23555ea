"""/estado's last payments: newest first by the day shown, not by when Quentli recorded them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.harness import BotUnderTest
from tests.parents.helpers import family, invoice

PARENT = 720_101


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


async def test_last_payments_are_newest_first_by_payment_day(bot: BotUnderTest) -> None:
    user, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    noon = datetime.now(UTC).replace(hour=18, minute=0, second=0, microsecond=0)
    # created in this order (Transporte last), but paid, as recorded at the window, on
    # other days: Uniforme today, Colegiatura yesterday, Excursión and Transporte before
    for n, (concept, days_ago) in enumerate(
        [("Uniforme", 0), ("Colegiatura", 1), ("Excursión", 2), ("Transporte", 3)]
    ):
        before = set(bot.state.payments)
        bot.state.pay_invoice(invoice(bot, sofia, 10_000, concept)["id"], "OTHER", emit=False)
        [new] = set(bot.state.payments) - before
        record = bot.state.payments[new]
        record["createdAt"] = stamp(noon + timedelta(minutes=n))
        record["paymentTime"] = stamp(noon - timedelta(days=days_ago))

    bot.telegram.send_command(user, "/estado")
    text = (await bot.telegram.next_reply(PARENT)).text or ""

    payments = text[text.index("Últimos pagos") :]
    order = sorted(["Uniforme", "Colegiatura", "Excursión", "Transporte"], key=payments.index)
    assert order == ["Uniforme", "Colegiatura", "Excursión", "Transporte"]
