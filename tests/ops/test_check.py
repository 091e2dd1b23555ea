"""`quentli-bot check`: a report of what works and what to fix, never a secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.__main__ import main
from bot.ops.check import run_check
from bot.sandbox.server import SandboxServer
from tests.faketelegram import FakeTelegram
from tests.harness import API_KEY, make_settings
from tests.ops.conftest import TOKEN


async def _check(tmp_path: Path, telegram: FakeTelegram, sandbox: SandboxServer | None, **kw):
    settings = make_settings(tmp_path, telegram, sandbox, **kw)
    lines: list[str] = []
    code = await run_check(settings, lines.append, setup_logging=False)
    return code, "\n".join(lines)


def test_missing_token_is_a_config_error(clean_env: Path, capsys: pytest.CaptureFixture[str]):
    code = main(["check"])

    captured = capsys.readouterr()
    assert code == 2
    assert "TELEGRAM_BOT_TOKEN is required" in captured.err
    assert captured.out == ""


def test_webhook_without_secret_is_a_config_error(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:" + "A" * 30)
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/telegram/webhook")

    code = main(["check"])

    assert code == 2
    assert "WEBHOOK_SECRET is required when WEBHOOK_URL is set" in capsys.readouterr().err


async def test_all_good(tmp_path: Path, telegram: FakeTelegram, sandbox: SandboxServer):
    code, report = await _check(tmp_path, telegram, sandbox)

    assert code == 0, report
    assert "✔ Telegram: @quentli_test_bot" in report
    assert f"✔ Quentli: the API key works at {sandbox.url}" in report
    assert "All good." in report
    assert telegram.token not in report and API_KEY not in report
    # One cheap authenticated read.
    assert [(r.method, r.path, r.query) for r in sandbox.state.requests] == [
        ("GET", "/v1/customers", {"skip": "0", "take": "1"})
    ]


async def test_bad_quentli_key(tmp_path: Path, telegram: FakeTelegram, sandbox: SandboxServer):
    code, report = await _check(tmp_path, telegram, sandbox, quentli_api_key="sk_test_wrong_key_1")

    assert code == 1
    assert "✘ Quentli: the API key was rejected (401) — check QUENTLI_API_KEY" in report
    assert "✔ Telegram: @quentli_test_bot" in report
    assert "sk_test_wrong_key_1" not in report


async def test_unreachable_quentli(tmp_path: Path, telegram: FakeTelegram, closed_port: int):
    url = f"http://127.0.0.1:{closed_port}"
    code, report = await _check(
        tmp_path, telegram, None, quentli_api_key=API_KEY, quentli_api_url=url
    )

    assert code == 1
    assert f"✘ Quentli: not reachable at {url} (connection refused)" in report


async def test_rejected_telegram_token(tmp_path: Path, sandbox: SandboxServer):
    async with FakeTelegram(token="999999:SOME-other-token-for-the-tests") as other:
        settings_token = "123456:TEST-token-that-telegram-does-not-know"
        code, report = await _check(tmp_path, other, sandbox, telegram_bot_token=settings_token)

    assert code == 1
    assert "✘ Telegram: the token was rejected — check TELEGRAM_BOT_TOKEN" in report
    assert settings_token not in report


async def test_unreachable_telegram(tmp_path: Path, sandbox: SandboxServer, closed_port: int):
    async with FakeTelegram(token=TOKEN) as telegram:
        base = f"http://127.0.0.1:{closed_port}/bot"
        code, report = await _check(tmp_path, telegram, sandbox, telegram_api_base_url=base)

    assert code == 1
    assert f"✘ Telegram: not reachable at http://127.0.0.1:{closed_port}" in report
    assert telegram.token not in report


async def test_sandbox_mode_is_said(tmp_path: Path, telegram: FakeTelegram):
    code, report = await _check(tmp_path, telegram, None)

    assert code == 0, report
    assert "• Quentli: sandbox mode" in report


async def test_webhook_mode_reports_registration(
    tmp_path: Path, telegram: FakeTelegram, sandbox: SandboxServer
):
    code, report = await _check(
        tmp_path,
        telegram,
        sandbox,
        webhook_url="https://bot.example.com/telegram/webhook",
        webhook_secret="whsec_abcdefghij",
    )

    assert code == 0, report
    assert "• Telegram webhook: the bot registers WEBHOOK_URL when it starts" in report
    assert "whsec_abcdefghij" not in report


def test_check_reads_an_existing_database_without_changing_it(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    import sqlite3

    from bot.ops.check import check_database

    db = clean_env / "bot.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE schema_version (version INTEGER, name TEXT, applied_at TEXT)")
    conn.execute("INSERT INTO schema_version VALUES (9999, 'future', 'now')")
    conn.commit()
    conn.close()
    before = db.read_bytes()

    [finding] = check_database(db)

    assert finding.mark == "✘" and "newer than this bot" in str(finding)
    assert db.read_bytes() == before
    [missing] = check_database(clean_env / "new" / "bot.sqlite3")
    assert missing.mark == "•" and "created at first start" in str(missing)
