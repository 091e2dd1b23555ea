"""The bot's Telegram profile (description and short description) in each language."""

from __future__ import annotations

import logging
from datetime import tzinfo

from telegram import Bot
from telegram.error import TelegramError

from bot.handlers.ui.common import plain
from bot.texts import SUPPORTED, Texts

__all__ = ["DESCRIPTION_LIMIT", "SHORT_LIMIT", "profile_texts", "set_profile"]

log = logging.getLogger(__name__)

#: Telegram's limits on the two texts.
DESCRIPTION_LIMIT = 512
SHORT_LIMIT = 120


def profile_texts(t: Texts, school: str | None) -> tuple[str, str]:
    """The description and the short description in ``t``'s language, naming ``school`` when
    known; plain text (the profile shows no HTML), cut to Telegram's limits."""
    if school:
        description = t("profile.description_school", school=school)
        short = t("profile.short_school", school=school)
    else:
        description, short = t("profile.description"), t("profile.short")
    return plain(description)[:DESCRIPTION_LIMIT], plain(short)[:SHORT_LIMIT]


async def set_profile(bot: Bot, school: str | None, default_lang: str, tz: tzinfo) -> None:
    """Say what the bot is, for which school, in each language and in the school's language
    for everyone else: an invite opens onto a profile that explains itself. Cosmetic: a
    refusal is logged, never stops the bot."""
    for lang in (*SUPPORTED, None):
        description, short = profile_texts(Texts(lang or default_lang, tz), school)
        try:
            await bot.set_my_description(description, language_code=lang)
            await bot.set_my_short_description(short, language_code=lang)
        except TelegramError as exc:
            log.info("could not set the bot's profile (%s): %s", lang or "default", exc)
