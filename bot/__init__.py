"""The Quentli payments bot for Telegram."""

import os

# python-telegram-bot 22 gives durations (RetryAfter.retry_after...) as int seconds with a
# deprecation warning, or as timedeltas (v23's only way) when PTB_TIMEDELTA is set. Opted in
# here, once for every way the bot runs (run, check, the tests), so all read one type.
os.environ["PTB_TIMEDELTA"] = "1"
