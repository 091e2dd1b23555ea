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
    "people.remove_nobody": {
        "es": "No hay nadie en el personal que se llame «{given}». Escribe su nombre como "
        "aparece en <code>/personal lista</code>, o su ID, por ejemplo "
        "<code>/personal quitar 123456789</code>.",
        "en": "Nobody on the staff is called “{given}”. Write their name as "
        "<code>/staff list</code> shows it, or their ID, e.g. "
        "<code>/staff remove 123456789</code>.",
    },
    "people.remove_several": {
        "es": "Varias personas del personal se llaman «{given}»:\n{candidates}\n"
        "Escribe el ID de quien quieres quitar, por ejemplo <code>/personal quitar ID</code>.",
        "en": "Several staff members are called “{given}”:\n{candidates}\n"
        "Write the ID of the one to remove, e.g. <code>/staff remove ID</code>.",
    },
    "people.remove_candidate": {
        "es": "• {name} · ID <code>{user_id}</code>",
        "en": "• {name} · ID <code>{user_id}</code>",
    },
    "staff.list_member_unknown": {
        "es": "• <code>{user_id}</code> (desde el {since}; aún no me ha escrito)",
        "en": "• <code>{user_id}</code> (since {since}; has not written to me yet)",
    },
}
