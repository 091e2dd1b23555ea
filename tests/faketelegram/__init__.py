"""A strict fake of the Telegram Bot API over HTTP, with a harness to drive it from tests."""

from .models import (
    ApiCall,
    BotApiError,
    Button,
    CallbackAnswer,
    MyCommandsCall,
    SentMessage,
    WebhookDelivery,
)
from .server import FakeTelegram

__all__ = [
    "ApiCall",
    "BotApiError",
    "Button",
    "CallbackAnswer",
    "FakeTelegram",
    "MyCommandsCall",
    "SentMessage",
    "WebhookDelivery",
]
