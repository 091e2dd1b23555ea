"""Update delivery: getUpdates long polling, setWebhook, and POSTing updates to a webhook."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import httpx

from .models import BotApiError, Files, Params, WebhookDelivery, bad_request
from .state import TelegramState
from .validation import check_webhook

_WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
    "the webhook first"
)
_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is "
    "running"
)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def _update_type(update: dict[str, Any]) -> str:
    return next(key for key in update if key != "update_id")


def _drop_unwanted(state: TelegramState) -> None:
    # Telegram does not keep updates of types the bot did not ask for.
    if state.allowed_updates:
        state.updates = [u for u in state.updates if _update_type(u) in state.allowed_updates]


def _number(p: dict[str, Any], key: str, default: float) -> float:
    try:
        return float(p.get(key, default))
    except (TypeError, ValueError) as exc:
        raise bad_request(f"invalid {key} specified") from exc


async def get_updates(state: TelegramState, p: Params, files: Files) -> Any:
    if state.webhook is not None:
        raise BotApiError(409, _WEBHOOK_ACTIVE)
    offset = int(p.get("offset") or 0)
    limit = min(100, max(1, int(p.get("limit") or 100)))
    timeout = max(0.0, _number(p, "timeout", 0))
    if isinstance(p.get("allowed_updates"), list):
        state.allowed_updates = list(p["allowed_updates"])
    if offset < 0:
        state.updates = state.updates[offset:]
    elif offset:
        state.confirm_below(offset)
    state.poll_generation += 1
    generation = state.poll_generation
    state.notify()
    deadline = time.monotonic() + timeout
    while True:
        if state.poll_generation != generation:
            raise BotApiError(409, _OTHER_POLL)
        if state.webhook is not None:
            raise BotApiError(409, _WEBHOOK_ACTIVE)
        _drop_unwanted(state)
        batch = state.updates[:limit]
        remaining = deadline - time.monotonic()
        if batch or state.closing or remaining <= 0:
            break
        await state.wait_change(remaining)
    if batch:
        state.mark_delivered(batch[-1]["update_id"])
    return batch


def _drop_pending(state: TelegramState, p: dict[str, Any]) -> None:
    if p.get("drop_pending_updates"):
        state.updates.clear()
        state.mark_delivered(state.last_update_id)


def set_webhook(state: TelegramState, p: Params, files: Files) -> Any:
    url = str(p.get("url") or "")
    if not url:
        return delete_webhook(state, p, files)
    secret = p.get("secret_token")
    check_webhook(url, secret)
    state.webhook = {
        "url": url,
        "secret_token": secret,
        "max_connections": int(p.get("max_connections") or 40),
    }
    if isinstance(p.get("allowed_updates"), list):
        state.allowed_updates = list(p["allowed_updates"])
    _drop_pending(state, p)
    state.notify()
    return True


def delete_webhook(state: TelegramState, p: Params, files: Files) -> Any:
    state.webhook = None
    _drop_pending(state, p)
    state.notify()
    return True


def get_webhook_info(state: TelegramState, p: Params, files: Files) -> Any:
    info: dict[str, Any] = {
        "url": state.webhook["url"] if state.webhook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(state.updates),
    }
    if state.webhook:
        info["max_connections"] = state.webhook["max_connections"]
        if state.allowed_updates:
            info["allowed_updates"] = state.allowed_updates
        if state.webhook_last_error:
            info["last_error_date"], info["last_error_message"] = state.webhook_last_error
    return info


class WebhookDeliverer:
    """POSTs queued updates, in order, to the harness-chosen target while a webhook is set."""

    def __init__(self, state: TelegramState) -> None:
        self._state = state
        self._client = httpx.AsyncClient(timeout=10)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def run(self) -> None:
        state = self._state
        failures = 0
        while not state.closing:
            _drop_unwanted(state)
            if state.webhook is None or state.webhook_target is None or not state.updates:
                await state.wait_change(1.0)
                continue
            update = state.updates[0]
            if await self._post(update):
                failures = 0
                if state.updates and state.updates[0] is update:
                    state.updates.pop(0)
                state.mark_delivered(update["update_id"])
            else:
                failures += 1
                await state.wait_change(min(1.0, 0.05 * 2**failures))

    async def _post(self, update: dict[str, Any]) -> bool:
        state = self._state
        assert state.webhook is not None and state.webhook_target is not None
        url, secret_override = state.webhook_target
        secret: str | None = (
            secret_override if secret_override is not None else state.webhook["secret_token"]
        )
        headers = {SECRET_HEADER: secret} if secret else {}
        try:
            response = await self._client.post(url, json=update, headers=headers)
        except httpx.HTTPError as exc:
            failure = f"Connection failed: {exc.__class__.__name__}"
            state.webhook_deliveries.append(
                WebhookDelivery(update["update_id"], url, None, failure)
            )
            state.webhook_last_error = (int(time.time()), failure)
            state.notify()
            return False
        ok = response.is_success
        error = None if ok else f"Wrong response from the webhook: {response.status_code}"
        state.webhook_deliveries.append(
            WebhookDelivery(update["update_id"], url, response.status_code, error)
        )
        if error:
            state.webhook_last_error = (int(time.time()), error)
        state.notify()
        return ok


async def cancel_quietly(task: asyncio.Task[Any] | None) -> None:
    if task is None or task.done():
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
