"""The bot's Telegram profile says what it is and for which school, in both languages."""

from __future__ import annotations

from pathlib import Path

from tests.harness import bot_under_test


async def test_the_profile_names_the_school_in_each_language(tmp_path: Path) -> None:
    async for bot in bot_under_test(tmp_path, school_name="Colegio Montessori del Valle"):
        state = bot.telegram.state
        await bot.telegram.wait_for(lambda s=state: len(s.short_descriptions) == 3)
        es, en, default = (state.descriptions[code] for code in ("es", "en", ""))
        assert "Pagos de Colegio Montessori del Valle" in es and "Iniciar" in es
        assert "Colegio Montessori del Valle's payments" in en and "tap Start" in en
        assert default == es  # BOT_LANGUAGE es: everyone else reads Spanish
        assert all(len(text) <= 120 for text in state.short_descriptions.values())
        assert "<" not in es  # the profile shows plain text
