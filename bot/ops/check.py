"""``quentli-bot check``: is this installation ready? One line per thing, and what to fix.

It reads the settings (a configuration error has already ended the program with exit code 2 in
``bot/__main__.py``), looks at the database file without changing it, asks Telegram who the bot
is, and makes one cheap authenticated read at Quentli. Exit code 0 when everything works, 1
otherwise. Nothing secret is printed: no token, no key, no webhook secret.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot.config import Settings

OK, FAIL, INFO = "✔", "✘", "•"


@dataclass(frozen=True)
class Finding:
    """One line of the report."""

    mark: str
    subject: str
    text: str

    def __str__(self) -> str:
        return f"{self.mark} {self.subject}: {self.text}"


async def run_check(
    settings: Settings, out: Callable[[str], None] = print, *, setup_logging: bool = True
) -> int:
    """Check everything, print the report, return the exit code (0 all good, 1 otherwise)."""
    secrets = settings.secret_values()
    if setup_logging:
        from bot.logs import configure_logging

        # Libraries' own warnings still go out, redacted; INFO request lines carry the token.
        configure_logging("WARNING", settings.log_format, secrets)

    findings = [Finding(OK, "Configuration", "the settings are valid")]
    findings += check_database(settings.database_path)
    findings += await check_telegram(settings)
    findings += await check_quentli(settings)
    findings += _receivers(settings)
    for finding in findings:
        out(_redact(str(finding), secrets))
    failed = [f for f in findings if f.mark == FAIL]
    out("")
    out("All good." if not failed else f"{len(failed)} problem(s) to fix before going live.")
    return 1 if failed else 0


def check_database(path: Path) -> list[Finding]:
    """The database file: readable and not newer than this version, or creatable."""
    from bot.store import LATEST_VERSION

    if not path.exists():
        folder = next((p for p in path.parents if p.exists()), Path("."))
        if not folder.is_dir() or not _writable(folder):
            return [Finding(FAIL, "Database", f"cannot create {path}: {folder} is not writable")]
        return [Finding(INFO, "Database", f"{path} does not exist yet (created at first start)")]
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [Finding(FAIL, "Database", f"cannot read {path} ({exc})")]
    version = int(row[0])
    if version > LATEST_VERSION:
        return [
            Finding(
                FAIL,
                "Database",
                f"{path} has schema version {version}, newer than this bot "
                f"({LATEST_VERSION}): install the newer bot or restore a backup",
            )
        ]
    return [Finding(OK, "Database", f"{path} (schema version {version})")]


def _writable(folder: Path) -> bool:
    import os

    return os.access(folder, os.W_OK | os.X_OK)


async def check_telegram(settings: Settings) -> list[Finding]:
    """getMe with the configured token and base URL; in webhook mode, the webhook's state."""
    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError, TelegramError, TimedOut
    from telegram.request import HTTPXRequest

    where = _origin(settings.telegram_api_base_url)
    bot = Bot(
        settings.telegram_bot_token.get_secret_value(),
        base_url=settings.telegram_api_base_url,
        request=HTTPXRequest(connect_timeout=5.0, read_timeout=10.0),
    )
    try:
        async with bot:  # initialize() calls getMe
            findings = [Finding(OK, "Telegram", f"@{bot.username}")]
            info = await bot.get_webhook_info()
    except InvalidToken:
        return [
            Finding(
                FAIL,
                "Telegram",
                "the token was rejected — check TELEGRAM_BOT_TOKEN "
                "(BotFather: /mybots → API Token)",
            )
        ]
    except TimedOut:
        return [Finding(FAIL, "Telegram", f"not reachable at {where} (timeout)")]
    except NetworkError as exc:
        return [Finding(FAIL, "Telegram", f"not reachable at {where} ({_why(exc)})")]
    except TelegramError as exc:
        return [Finding(FAIL, "Telegram", f"answered an error: {exc.message}")]

    if settings.webhook_url:
        if info.url == settings.webhook_url:
            findings.append(Finding(OK, "Telegram webhook", f"registered at {info.url}"))
        else:
            findings.append(
                Finding(INFO, "Telegram webhook", "the bot registers WEBHOOK_URL when it starts")
            )
        if info.last_error_message:
            findings.append(
                Finding(
                    INFO,
                    "Telegram webhook",
                    f"Telegram's last delivery failed ({info.last_error_message}) — check that "
                    f"the reverse proxy forwards {urlsplit(settings.webhook_url).path or '/'} "
                    f"to HTTP_LISTEN:HTTP_PORT ({settings.http_listen}:{settings.http_port})",
                )
            )
    else:
        findings.append(Finding(INFO, "Telegram updates", "long polling (WEBHOOK_URL is not set)"))
        if info.url:
            findings.append(
                Finding(INFO, "Telegram webhook", "one is set; the bot removes it when it starts")
            )
    return findings


async def check_quentli(settings: Settings) -> list[Finding]:
    """One cheap authenticated read (GET /v1/customers?take=1); in sandbox mode, say so."""
    from bot.quentli import QuentliClient
    from bot.quentli.errors import (
        AuthError,
        QuentliAPIError,
        QuentliConnectionError,
        QuentliResponseError,
        QuentliTimeoutError,
        ServerError,
    )

    if settings.quentli_api_key is None:
        return [
            Finding(
                INFO,
                "Quentli",
                "sandbox mode — QUENTLI_API_KEY is not set, so the bot uses its built-in demo "
                "school (no real money); set the key to go live",
            )
        ]
    where = _origin(settings.quentli_api_url)
    try:
        client = QuentliClient.create(
            settings.quentli_api_url,
            settings.quentli_api_key,
            connect_timeout=settings.quentli_connect_timeout,
            read_timeout=settings.quentli_read_timeout,
            max_read_retries=0,
        )
    except ValueError:
        return [Finding(FAIL, "Quentli", "QUENTLI_API_KEY contains spaces or invalid characters")]
    try:
        async with client:
            await client.list_customers(take=1)
    except AuthError as exc:
        return [
            Finding(
                FAIL,
                "Quentli",
                f"the API key was rejected ({exc.status_code}) — check QUENTLI_API_KEY",
            )
        ]
    except QuentliTimeoutError:
        return [Finding(FAIL, "Quentli", f"not reachable at {where} (timeout)")]
    except QuentliConnectionError as exc:
        return [Finding(FAIL, "Quentli", f"not reachable at {where} ({_why(exc)})")]
    except ServerError as exc:
        return [
            Finding(FAIL, "Quentli", f"answered {exc.status_code} at {where}: try again later")
        ]
    except QuentliAPIError as exc:
        return [
            Finding(
                FAIL,
                "Quentli",
                f"answered {exc.status_code} at {where} — check QUENTLI_API_URL",
            )
        ]
    except QuentliResponseError:
        return [
            Finding(
                FAIL,
                "Quentli",
                f"{where} did not answer like the Quentli API — check QUENTLI_API_URL",
            )
        ]
    return [Finding(OK, "Quentli", f"the API key works at {where} (live mode: real money)")]


def _receivers(settings: Settings) -> list[Finding]:
    """Where the bot's web app listens, and whether Quentli's webhooks are received."""
    listen = f"{settings.http_listen}:{settings.http_port}"
    return [_listen(settings, listen), _quentli_webhooks(settings, listen)]


def _listen(settings: Settings, listen: str) -> Finding:
    """Whether the web app could listen on HTTP_LISTEN:HTTP_PORT now (bound, then let go)."""
    from bot.web.server import ListenError, bind

    if settings.http_port == 0:
        return Finding(INFO, "Web app", f"listens on {settings.http_listen}, on any free port")
    try:
        bind(settings.http_listen, settings.http_port).close()
    except ListenError as exc:
        return Finding(
            FAIL,
            "Web app",
            f"{exc} — set HTTP_PORT to a free port or stop what uses it",
        )
    return Finding(OK, "Web app", f"can listen on {listen}")


def _quentli_webhooks(settings: Settings, listen: str) -> Finding:
    """Whether Quentli's webhooks are received, and where to register them."""
    if settings.quentli_webhook_secret is None:
        if settings.sandbox_mode:
            quentli = "sandbox mode: the built-in sandbox sends its events to the bot itself"
        else:
            quentli = (
                "off (QUENTLI_WEBHOOK_SECRET is not set): payments are noticed only by "
                f"re-reading, every {settings.quentli_poll_interval:g} s, the invoices the bot "
                "issued or showed to a parent"
            )
        return Finding(INFO, "Quentli webhooks", quentli)
    return Finding(
        INFO,
        "Quentli webhooks",
        f"on: register https://<your host>/quentli/webhook/<QUENTLI_WEBHOOK_SECRET> in "
        f"Quentli's dashboard (the bot listens on {listen})",
    )


def _origin(url: str) -> str:
    """scheme://host[:port] of a URL: never a path, which may hold a token."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


def _why(exc: BaseException) -> str:
    """A short reason for a failed connection, from the exception chain."""
    import socket
    import ssl

    chain = _chain(exc)
    kinds = tuple(type(e) for e in chain)
    text = " ".join(str(e) for e in chain).lower()
    if any(issubclass(k, ConnectionRefusedError) for k in kinds) or "refused" in text:
        return "connection refused"
    if any(issubclass(k, socket.gaierror) for k in kinds):
        return "unknown host"
    if any(issubclass(k, ssl.SSLError) for k in kinds):
        return "TLS/certificate error"
    if "refused" in text:
        return "connection refused"
    if "name or service" in text or "nodename" in text or "getaddrinfo" in text:
        return "unknown host"
    if "ssl" in text or "certificate" in text:
        return "TLS/certificate error"
    if "timed out" in text or "timeout" in text:
        return "timeout"
    return "could not connect"


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[REDACTED]")
    return text
