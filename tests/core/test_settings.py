"""Settings: every secret is known to the log redaction."""

from __future__ import annotations

import logging

from bot.config import Settings
from bot.logs import RedactingFilter
from tests.harness import BOT_TOKEN


def test_every_secret_that_is_set_is_redacted_from_log_lines() -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=BOT_TOKEN,
        quentli_api_key="sk_live_abcdefghijklmnop",
        webhook_url="https://bot.example.com/telegram/webhook",
        webhook_secret="tg-secret-0123456789",
        quentli_webhook_secret="qw-secret-9876543210",
    )
    secrets = settings.secret_values()
    assert len(secrets) == 4
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s", (" ".join(secrets),), None)
    RedactingFilter(secrets).filter(record)
    assert all(secret not in record.getMessage() for secret in secrets)
