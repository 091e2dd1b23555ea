"""What plugs into python-telegram-bot: flood limiter, update processor, persistence, outbox."""
