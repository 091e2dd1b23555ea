"""The command table of SPEC.md: English name, Spanish alias, who may use it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.handlers.ui.common import Role


@dataclass(frozen=True)
class CommandSpec:
    """One command: its two names, the lowest role that sees it, and its help text key."""

    en: str
    es: str
    role: Role

    @property
    def names(self) -> list[str]:
        """Both names, for a CommandHandler (deduplicated, e.g. /portal)."""
        return list(dict.fromkeys([self.en, self.es]))

    def name(self, lang: str) -> str:
        """The name shown in a menu or help text in that language."""
        return self.es if lang == "es" else self.en

    @property
    def help_key(self) -> str:
        """The catalog key describing the command."""
        return f"cmd.{self.en}"


COMMANDS: dict[str, CommandSpec] = {
    spec.en: spec
    for spec in (
        CommandSpec("start", "inicio", Role.STRANGER),
        CommandSpec("pay", "pagar", Role.PARENT),
        CommandSpec("status", "estado", Role.PARENT),
        CommandSpec("portal", "portal", Role.PARENT),
        CommandSpec("unlink", "desvincular", Role.PARENT),
        CommandSpec("language", "idioma", Role.STRANGER),
        CommandSpec("help", "ayuda", Role.STRANGER),
        CommandSpec("notifications", "avisos", Role.PARENT),
        CommandSpec("shop", "tienda", Role.PARENT),
        CommandSpec("cancel", "cancelar", Role.STRANGER),
        CommandSpec("invoice", "cobrar", Role.STAFF),
        CommandSpec("markpaid", "pagado", Role.STAFF),
        CommandSpec("charge", "cargar", Role.STAFF),
        CommandSpec("link", "liga", Role.STAFF),
        CommandSpec("void", "anular", Role.STAFF),
        CommandSpec("checkout", "sesion", Role.STAFF),
        CommandSpec("customer", "alumno", Role.STAFF),
        CommandSpec("invite", "invitar", Role.STAFF),
        CommandSpec("overdue", "vencidos", Role.STAFF),
        CommandSpec("today", "corte", Role.STAFF),
        CommandSpec("remind", "recordar", Role.STAFF),
        CommandSpec("proofs", "comprobantes", Role.STAFF),
        CommandSpec("bulk", "masivo", Role.STAFF),
        CommandSpec("staff", "personal", Role.ADMIN),
    )
}


def names(en: str) -> list[str]:
    """Both names of a command, by its English name."""
    return COMMANDS[en].names


def visible_to(role: Role) -> list[CommandSpec]:
    """The commands a role sees in its menu and help, parents' first."""
    shown = [c for c in COMMANDS.values() if c.role <= role]
    # A stranger can still type /pay (and is told to link first), but the menu stays short.
    if role == Role.STRANGER:
        shown = [c for c in COMMANDS.values() if c.role <= Role.PARENT]
    return shown
