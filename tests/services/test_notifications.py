"""The Notifier decides who is told what; a renderer it is given puts it in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest

from bot.services.notifications import Money, Notice, Notifier, RenderedNotice, paid_key
from bot.store import Repositories

TZ = ZoneInfo("America/Mexico_City")
PARENT = 1001
OTHER_PARENT = 2002
STAFF = 77


@dataclass
class RecordingRenderer:
    """Renders ``<lang>:<key>`` and a fake button; remembers what it was asked."""

    asked: list[tuple[Notice, str]] = field(default_factory=list)

    def render(self, notice: Notice, lang: str, tz: dt.tzinfo) -> RenderedNotice:
        assert tz is TZ
        self.asked.append((notice, lang))
        markup = f'{{"pay": "{notice.pay_invoice_id}"}}' if notice.pay_invoice_id else None
        return RenderedNotice(f"{lang}:{notice.key}", markup)


@pytest.fixture
def renderer() -> RecordingRenderer:
    return RecordingRenderer()


@pytest.fixture
def notifier(repos: Repositories, renderer: RecordingRenderer) -> Notifier:
    return Notifier(repos, "es", TZ, renderer=renderer)


async def test_each_linked_chat_gets_the_notice_in_its_language(
    notifier: Notifier, renderer: RecordingRenderer, repos: Repositories
):
    await repos.links.link(PARENT, "cus_ana", "Ana García", "staff", STAFF)
    await repos.links.link(OTHER_PARENT, "cus_ana", "Ana García", "staff", STAFF)
    await repos.prefs.set_language(OTHER_PARENT, "en")
    day = dt.date(2025, 2, 1)

    sent = await notifier.to_customer(
        "cus_ana",
        "notify.paid",
        dedupe_key=paid_key("inv_1"),
        pay_invoice_id="inv_1",
        amount=Money(150000),
        paid_on=day,
    )

    assert sent == 2
    assert [(n.key, dict(n.values), n.pay_invoice_id, lang) for n, lang in renderer.asked] == [
        ("notify.paid", {"amount": 150000, "paid_on": day}, "inv_1", "es"),
        ("notify.paid", {"amount": 150000, "paid_on": day}, "inv_1", "en"),
    ]
    assert isinstance(renderer.asked[0][0].values["amount"], Money)
    rows = {row.chat_id: row for row in await repos.outbox.due()}
    assert rows[PARENT].text == "es:notify.paid"
    assert rows[OTHER_PARENT].text == "en:notify.paid"
    assert rows[PARENT].reply_markup_json == '{"pay": "inv_1"}'
    assert rows[PARENT].dedupe_key == f"paid:inv_1:{PARENT}"


async def test_the_same_event_reaches_a_chat_once(notifier: Notifier, repos: Repositories):
    assert await notifier.to_user(STAFF, "notify.paid_staff", dedupe_key="paid:inv_1") is True
    assert await notifier.to_user(STAFF, "notify.paid_staff", dedupe_key="paid:inv_1") is False

    [row] = await repos.outbox.due()
    assert (row.text, row.reply_markup_json) == ("es:notify.paid_staff", None)
