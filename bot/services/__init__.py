"""What the bot does, without Telegram: finding customers, linking chats, billing."""
