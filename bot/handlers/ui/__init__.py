"""The shared pieces of the Telegram layer: replies, gates, keyboards, callback data, menus,
error texts, and the words of the notices the services queue."""
