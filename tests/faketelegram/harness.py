"""The driving API tests use: make users and chats, send updates, read what the bot did."""

from __future__ import annotations

from .harness_actions import UserActions
from .harness_observe import Observations


class Harness(UserActions, Observations):
    """Mixed into FakeTelegram; every method works on ``self.state``."""
