"""The shared pieces of the Telegram layer: replies, gates, keyboards, menus, error texts."""
