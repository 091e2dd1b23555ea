"""Benchmark: one payments-poller cycle with 10,000 watched invoices and Quentli at 100 ms a call.

    uv run python -m bench.bench_poller

What a cycle is here: ``PaymentEvents.poll_once()`` (the round the bot's job runs every
``QUENTLI_POLL_INTERVAL``), called directly on the real services (``build_services`` over
``open_infrastructure``), so the real Quentli client reads the Quentli sandbox over HTTP; the
sandbox runs in this process and answers every call after 100 ms. Driving the round directly
rather than a bot process makes the cycle's start and end exact (no job-queue timing in the
figure), and a cycle touches no Telegram: receipts are queued in the outbox.

The school: 2,000 families, each linked to its own active chat, with 5 open invoices each, all
watched (10,000 watches); 50 of the invoices are paid in Quentli before the cycle (their
receipts are queued) and 20 deleted from Quentli (their watches settle). A second cycle shows
the steady state.

Reports, with bounds: Quentli requests per cycle (<= 100, plus one read for each invoice deleted
from Quentli since the last cycle, which settles its watch, and one read of each payment found,
whose receipt says how it was paid) and the cycle's wall time (<= the
default 180 s poll interval, so no run is skipped; reported as a ratio). Exit code 1 when a
bound is missed.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path

from bot.runtime import build_services, open_infrastructure
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState
from tests.harness import ADMIN_ID, API_KEY, BOT_TOKEN, make_settings

LATENCY = 0.1
FAMILIES = 2000
PER_FAMILY = 5
PAID = 50
DELETED = 20
FIRST_CHAT = 700_000
REQUEST_BOUND = 100
INTERVAL = 180.0


class _NoTelegram:
    """make_settings needs a Telegram URL; a cycle never calls it."""

    token = BOT_TOKEN
    base_url = f"http://127.0.0.1:9/bot{BOT_TOKEN}"


async def _cycle(
    poll: Callable[[], Awaitable[int]], state: SandboxState, name: str, gone: int
) -> tuple[bool, str]:
    """One cycle; ``gone``: invoices deleted from Quentli since the last one (one GET each)."""
    state.requests.clear()
    t0 = time.monotonic()
    paid = await poll()
    wall = time.monotonic() - t0
    requests = len(state.requests)
    lists = sum(1 for r in state.requests if r.method == "GET" and r.path == "/v1/invoices")
    payments = sum(1 for r in state.requests if r.path.startswith("/v1/payments/"))
    bound = REQUEST_BOUND + gone + paid
    ok = requests <= bound and wall <= INTERVAL
    line = (
        f"{name}: Quentli requests {requests} ({lists} list calls, {payments} payment reads "
        f"for the receipts, {requests - lists - payments} invoice reads; bound "
        f"{REQUEST_BOUND}"
        + (f" + {gone} for the invoices deleted from Quentli" if gone else "")
        + (f" + {paid} for the payments found" if paid else "")
        + f", ratio {requests / bound:.2f}), wall {wall:.2f} s (bound the {INTERVAL:g} s "
        f"interval, ratio {wall / INTERVAL:.3f}), invoices found paid: {paid} "
        f"{'OK' if ok else 'MISSED'}"
    )
    return ok, line


async def main() -> int:
    state = SandboxState(path=None)
    sandbox = SandboxServer(state, API_KEY)
    await sandbox.start()
    results: list[bool] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = make_settings(Path(tmp), _NoTelegram(), sandbox)  # type: ignore[arg-type]
            async with open_infrastructure(settings) as infra:
                services = build_services(settings, infra)
                repos = infra.repos
                due = date.today() + timedelta(days=10)
                invoices: list[str] = []
                for n in range(FAMILIES):
                    customer = state.add_customer(f"Alumno {n:04d}", f"P-{n:04d}")
                    await repos.links.link(
                        FIRST_CHAT + n, customer["id"], customer["name"], "staff", ADMIN_ID
                    )
                    for k in range(PER_FAMILY):
                        invoice = state.add_invoice(
                            customer["id"], 150_000 + k, f"Colegiatura {k}", due, emit=False
                        )
                        await repos.watches.watch(invoice["id"], customer["id"], None)
                        invoices.append(invoice["id"])
                for invoice_id in invoices[:PAID]:
                    state.pay_invoice(invoice_id, emit=False)
                for invoice_id in invoices[-DELETED:]:
                    del state.invoices[invoice_id]
                watched = len(await repos.watches.open_watches())
                print(
                    f"watched invoices: {watched} ({FAMILIES} families with an active linked "
                    f"chat, {PER_FAMILY} open invoices each; {PAID} paid and {DELETED} deleted "
                    f"in Quentli); Quentli answers every call after {LATENCY * 1000:.0f} ms"
                )
                state.latency = LATENCY
                poll = services.payment_events.poll_once
                for name, gone in (("first cycle", DELETED), ("second cycle", 0)):
                    ok, line = await _cycle(poll, state, name, gone)
                    print(line)
                    results.append(ok)
                print(f"watches still open: {len(await repos.watches.open_watches())}")
                queued = await repos.outbox.pending_count()
                print(f"messages queued (receipts and the office's notices): {queued}")
    finally:
        await sandbox.stop()
    ok = all(results)
    print("ALL OK" if ok else "SOME BOUNDS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
