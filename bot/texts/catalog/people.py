"""Texts of people by name: the staff's news (who joined, who was added or removed)."""

from __future__ import annotations

TEXTS = {
    "people.staff_joined": {
        "es": "👋 <b>{name}</b> usó tu invitación y ya es parte del personal.",
        "en": "👋 <b>{name}</b> used your invite and is now staff.",
    },
    "people.you_were_added": {
        "es": "✅ Un administrador te agregó al personal de la escuela. "
        "Usa /ayuda para ver tus comandos.",
        "en": "✅ An administrator added you to the school's staff. "
        "Use /help to see your commands.",
    },
    "people.you_were_removed": {
        "es": "Un administrador te quitó del personal de la escuela: ya no tienes acceso a "
        "los comandos del personal.",
        "en": "An administrator removed you from the school's staff: you no longer have "
        "access to the staff commands.",
    },
    "people.who": {
        "es": "<b>{name}</b> (ID <code>{user_id}</code>)",
        "en": "<b>{name}</b> (ID <code>{user_id}</code>)",
    },
    "people.who_unknown": {
        "es": "ID <code>{user_id}</code>",
        "en": "ID <code>{user_id}</code>",
    },
    "staff.list_member_unknown": {
        "es": "• <code>{user_id}</code> (desde el {since}; aún no me ha escrito)",
        "en": "• <code>{user_id}</code> (since {since}; has not written to me yet)",
    },
}
