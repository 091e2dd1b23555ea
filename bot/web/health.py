"""``GET /healthz``: is the bot able to work? For Docker's HEALTHCHECK and uptime monitors.

The answer says nothing secret: no ids, no URLs, no keys. 200 while the database answers and
takes a write (a full disk answers reads but loses every receipt's "sent" mark); 503 otherwise
(the container is then reported unhealthy and can be restarted).
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.store.db import to_db_time, utc_now

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.quentli import QuentliClient
    from bot.store import Database

log = logging.getLogger(__name__)

DB_TIMEOUT = 2.0


def health_routes(settings: Settings, db: Database, quentli: QuentliClient) -> list[Route]:
    """The ``/healthz`` route (GET and HEAD), probing ``db`` and reading ``quentli``'s last
    good answer."""

    async def healthz(request: Request) -> JSONResponse:
        """Report the database, Quentli's last good answer and how updates arrive."""
        database_ok = await _database_answers(db)
        last = quentli.last_success_at
        body: dict[str, Any] = {
            "status": "ok" if database_ok else "degraded",
            "database": "ok" if database_ok else "error",
            "quentli": {
                "last_success_at": last.isoformat() if last is not None else None,
                "mode": "sandbox" if settings.sandbox_mode else "live",
            },
            "telegram": {"mode": "webhook" if settings.webhook_url else "polling"},
        }
        return JSONResponse(
            body,
            status_code=200 if database_ok else 503,
            headers={"Cache-Control": "no-store"},
        )

    return [Route("/healthz", healthz, methods=["GET", "HEAD"])]


async def _database_answers(db: Database) -> bool:
    try:
        row = await asyncio.wait_for(db.fetchone("SELECT 1"), DB_TIMEOUT)
        # A real write, committed: what every receipt and Confirm needs.
        await asyncio.wait_for(
            db.execute(
                "INSERT INTO kv (namespace, key, value) VALUES ('health', 'probe', ?)"
                " ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value",
                (json.dumps(to_db_time(utc_now())),),
            ),
            DB_TIMEOUT,
        )
    except Exception as exc:  # any failure means "not healthy"; the type is enough to log
        log.warning("healthz: the database cannot read or write (%s)", type(exc).__name__)
        return False
    return row is not None
