"""A deeply nested JSON body posted with the right secret: a clean 400, no traceback."""

from __future__ import annotations

import httpx
import pytest

from bot.web.quentli_webhook import quentli_webhook_url
from tests.harness import BotUnderTest
from tests.parents.conftest import WEBHOOK_SECRET


@pytest.mark.parametrize("body", [b"[" * 200_000, b'{"a":' * 100_000])
async def test_a_deeply_nested_body_is_a_clean_400(
    hooked_bot: BotUnderTest,
    body: bytes,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = quentli_webhook_url(hooked_bot.runner.web_url, WEBHOOK_SECRET)
    async with httpx.AsyncClient() as http:
        answer = await http.post(url, content=body)
        assert answer.status_code == 400
        # the receiver still works afterwards
        assert (await http.post(url, content=b"{not json")).status_code == 400
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "RecursionError" not in captured.err + captured.out
    assert not [r for r in caplog.records if r.exc_info or r.levelname in ("ERROR", "CRITICAL")]
