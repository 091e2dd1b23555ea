"""A receipt is not lost when the bot dies while Quentli records a payment (SIGKILL)."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.parsing import today
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState
from bot.store import Database, LinkRepo
from tests.core.test_process import bot_env, start_bot, stop_bot
from tests.faketelegram import FakeTelegram
from tests.harness import ADMIN_ID, API_KEY, BOT_TOKEN

PARENT = 5001
TZ_NAME = "America/Mexico_City"


def _receipts(telegram: FakeTelegram) -> list[str]:
    return [
        m.text or ""
        for m in telegram.bot_messages(PARENT)
        if "Recibimos tu pago" in (m.text or "") or "Pago recibido" in (m.text or "")
    ]


async def _confirm(telegram: FakeTelegram, admin: dict[str, Any], message: Any) -> None:
    """Press through the summary: a choice first if one is asked (e.g. how it was paid),
    then Confirm."""
    for _ in range(3):
        values = [b.value for b in telegram.buttons(message)]
        confirm = next((v for v in values if v.startswith("op:") and v.endswith(":ok")), None)
        telegram.press_button(admin, message, confirm or values[0])
        if confirm is not None:
            return
        message = await telegram.next_reply(ADMIN_ID, timeout=30)
    raise AssertionError("no Confirm button reached")


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=BOT_TOKEN) as fake:
        yield fake


@pytest.mark.parametrize(
    ("command", "path"), [("/pagado", "mark-paid"), ("/cargar", "try-payment")]
)
async def test_the_family_gets_its_receipt_after_a_kill_during_the_write(
    tmp_path: Path, telegram: FakeTelegram, command: str, path: str
) -> None:
    state = SandboxState(path=None)
    lucia = state.add_customer("Lucía García López", "A-1029", has_card=True)
    due = today(ZoneInfo(TZ_NAME)) + timedelta(days=5)
    inv = state.add_invoice(lucia["id"], 250_000, "Colegiatura diciembre", due, emit=False)
    sandbox = SandboxServer(state, API_KEY)  # posts no webhooks: only the poller can tell
    await sandbox.start()
    env = bot_env(
        tmp_path,
        telegram,
        QUENTLI_API_KEY=API_KEY,
        QUENTLI_API_URL=sandbox.url,
        QUENTLI_POLL_INTERVAL="1",
    )
    (tmp_path / "data").mkdir()
    db = await Database.open(tmp_path / "data" / "bot.sqlite3")
    try:
        await LinkRepo(db).link(PARENT, lucia["id"], lucia["name"], "staff", ADMIN_ID)
    finally:
        await db.close()
    telegram.private_chat(telegram.user(PARENT, "Marta"))
    admin = telegram.user(ADMIN_ID, "Mónica")
    try:
        process = await start_bot(tmp_path, env)
        telegram.send_command(admin, f"{command} {inv['id']}")
        summary = await telegram.next_reply(ADMIN_ID, timeout=30)
        # Quentli records the payment, then answers late; the bot dies meanwhile.
        state.hang_next(30, path_prefix=f"/v1/invoices/{inv['id']}/{path}")
        await _confirm(telegram, admin, summary)
        writes = lambda: [r for r in state.requests if r.path.endswith(path)]  # noqa: E731
        await telegram.wait_for(writes, timeout=30)
        assert state.invoices[inv["id"]]["isPaid"]  # the write landed in Quentli
        process.send_signal(signal.SIGKILL)
        await process.wait()
        assert _receipts(telegram) == []

        process = await start_bot(tmp_path, env)
        await telegram.wait_for(lambda: _receipts(telegram), timeout=30)
        await asyncio.sleep(2.5)  # two more poll rounds: still one receipt, no second write
        (receipt,) = _receipts(telegram)
        assert "Colegiatura diciembre" in receipt
        assert len(writes()) == 1
        await stop_bot(process)
    finally:
        await sandbox.stop()
