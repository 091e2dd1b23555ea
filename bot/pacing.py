"""``Pacing``: every real-time wait the bot paces itself with, production's by default.

The flood limiter's windows (bot/ptb/flood.py), the outbox worker's intervals (bot/ptb/outbox.py)
and the Quentli client's retry backoff. ``BotRunner(settings, pacing=...)`` hands one to each;
ordinary tests pass short ones, the few tests about pacing itself keep these.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Pacing"]


@dataclass(frozen=True, slots=True)
class Pacing:
    """Real-time waits, in seconds; the defaults are production's.

    Attributes:
        overall_period: the window of the whole bot's 30 Bot API calls.
        group_period: the window of a group's 20 sends.
        private_period: the window of a private chat's 3 reply sends.
        margin: added to each of those windows, so a slot frees surely after Telegram's.
        retry_after_margin: added to the wait a Telegram ``RetryAfter`` asked for.
        outbox_per_chat: between two outbox messages to one chat.
        outbox_idle_check: the longest the outbox worker sleeps without a wake-up.
        outbox_refresh: the least time between two reads of new outbox rows.
        outbox_backoff: the first retry delay of an outbox message after a network error or
            a 5xx (it doubles on each attempt, up to ten minutes).
        quentli_backoff: the first retry delay of a failed Quentli read (it doubles).
        telegram_backoff: the first retry delay of a reply after a transient Telegram failure
            (a 5xx, a connection that failed); it doubles.
    """

    overall_period: float = 1.0
    group_period: float = 60.0
    private_period: float = 3.0
    margin: float = 0.005
    retry_after_margin: float = 0.1
    outbox_per_chat: float = 1.0
    outbox_idle_check: float = 5.0
    outbox_refresh: float = 0.25
    outbox_backoff: float = 2.0
    quentli_backoff: float = 0.25
    telegram_backoff: float = 0.5
