"""The collections' movable clock, reminding bot and office bot, for the pushes' language tests."""

from tests.collections.conftest import clock, reminding_bot
from tests.collections.test_office import office_bot

__all__ = ["clock", "office_bot", "reminding_bot"]
