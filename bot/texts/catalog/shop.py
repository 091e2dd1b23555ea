"""The school shop: staff's /shop (/tienda) add, remove, list; parents' purchases."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str | dict[str, str]]] = {
    "cmd.shop": {"es": "Tienda de la escuela", "en": "The school shop"},
    "billing.pending.shop.purchase": {"es": "Compra en la tienda", "en": "Shop purchase"},
    # --- Staff: managing the items ---
    "shop.add.usage": {
        "es": (
            "Para agregar un artículo escribe su precio y su nombre, por ejemplo:\n"
            "<code>/tienda agregar 450 Uniforme deportivo</code>"
        ),
        "en": (
            "To add an item, write its price and its name, for example:\n"
            "<code>/shop add 450 Sports uniform</code>"
        ),
    },
    "shop.add.order": {
        "es": (
            "Escribe <code>/tienda agregar PRECIO NOMBRE</code>, por ejemplo "
            "<code>/tienda agregar 450 Uniforme deportivo</code>. No agregué nada."
        ),
        "en": (
            "Write <code>/shop add PRICE NAME</code>, for example "
            "<code>/shop add 450 Sports uniform</code>. Nothing was added."
        ),
    },
    "shop.add.ambiguous": {
        "es": (
            "No sé si el precio es «{text}» o solo el primer número. Escríbelo sin espacios, "
            "por ejemplo <code>1500</code> o <code>1,500</code>, y luego el nombre. "
            "No agregué nada."
        ),
        "en": (
            "I can't tell whether the price is “{text}” or just its first number. Write it "
            "without spaces, for example <code>1500</code> or <code>1,500</code>, then the "
            "name. Nothing was added."
        ),
    },
    "shop.name.bad": {
        "es": (
            "El nombre «{text}» no sirve: debe tener letras y a lo más {max} caracteres. "
            "No agregué nada."
        ),
        "en": (
            "The name “{text}” won't do: it needs letters and at most {max} characters. "
            "Nothing was added."
        ),
    },
    "shop.added": {
        "es": (
            "✅ Agregado a la tienda: <b>{name}</b>, {price} (número {number}).\n"
            "Los papás ya lo ven en /tienda."
        ),
        "en": (
            "✅ Added to the shop: <b>{name}</b>, {price} (number {number}).\n"
            "Parents see it in /shop now."
        ),
    },
    "shop.remove.usage": {
        "es": (
            "Escribe el número del artículo que quieres quitar, por ejemplo "
            "<code>/tienda quitar 3</code>. Los números están en <code>/tienda lista</code>."
        ),
        "en": (
            "Write the number of the item to remove, for example <code>/shop remove 3</code>. "
            "The numbers are in <code>/shop list</code>."
        ),
    },
    "shop.remove.unknown": {
        "es": (
            "No hay ningún artículo a la venta con el número {number}. No quité nada. "
            "Los números están en <code>/tienda lista</code>."
        ),
        "en": (
            "No item on sale has the number {number}. Nothing was removed. "
            "The numbers are in <code>/shop list</code>."
        ),
    },
    "shop.removed": {
        "es": "🗑 Quitado de la tienda: <b>{name}</b> ({price}). Ya no se ofrece a los papás.",
        "en": "🗑 Removed from the shop: <b>{name}</b> ({price}). Parents no longer see it.",
    },
    "shop.list.title": {
        "es": "🛍 <b>Tienda de la escuela</b>",
        "en": "🛍 <b>The school shop</b>",
    },
    "shop.list.line": {
        "es": "{number}. {name}: <b>{price}</b>",
        "en": "{number}. {name}: <b>{price}</b>",
    },
    "shop.list.empty": {
        "es": "La tienda no tiene artículos todavía.",
        "en": "The shop has no items yet.",
    },
    "shop.list.help": {
        "es": (
            "Agrega con <code>/tienda agregar 450 Uniforme deportivo</code>; quita con "
            "<code>/tienda quitar</code> y el número."
        ),
        "en": (
            "Add with <code>/shop add 450 Sports uniform</code>; remove with "
            "<code>/shop remove</code> and the number."
        ),
    },
    "shop.staff.unknown": {
        "es": "No conozco «{text}» en la tienda. Puedes usar: agregar, quitar o lista.",
        "en": "I don't know “{text}” in the shop. You can use: add, remove or list.",
    },
    # --- Parents: buying ---
    "shop.empty": {
        "es": "🛍 La tienda de la escuela no tiene artículos por ahora.",
        "en": "🛍 The school shop has no items for now.",
    },
    "shop.pick_item": {
        "es": "🛍 <b>Tienda de la escuela</b>\n¿Qué quieres comprar?",
        "en": "🛍 <b>The school shop</b>\nWhat would you like to buy?",
    },
    "shop.item_button": {"es": "{name} · {price}", "en": "{name} · {price}"},
    "shop.pick_child": {
        "es": "<b>{item}</b> ({price}). ¿Para quién es?",
        "en": "<b>{item}</b> ({price}). Who is it for?",
    },
    "shop.pick_quantity": {
        "es": "<b>{item}</b> ({price}) para <b>{name}</b>.\n¿Cuántos? Toca un número o escríbelo.",
        "en": "<b>{item}</b> ({price}) for <b>{name}</b>.\nHow many? Tap a number or type it.",
    },
    "shop.quantity.bad": {
        "es": "«{text}» no es una cantidad. Escribe un número del 1 al {max}, por ejemplo 2.",
        "en": "“{text}” isn't a quantity. Type a number from 1 to {max}, for example 2.",
    },
    "shop.summary": {
        "es": (
            "<b>Revisa tu compra</b>\n\n"
            "Artículo: {item}\n"
            "Para: {name}\n"
            "Cantidad: {quantity} × {price}\n"
            "Total: <b>{total}</b>\n\n"
            "Al confirmar te doy aquí la liga para pagar con tarjeta."
        ),
        "en": (
            "<b>Check your purchase</b>\n\n"
            "Item: {item}\n"
            "For: {name}\n"
            "Quantity: {quantity} × {price}\n"
            "Total: <b>{total}</b>\n\n"
            "When you confirm, I'll give you the link to pay by card here."
        ),
    },
    "shop.working": {
        "es": "⏳ Preparando tu liga de pago…",
        "en": "⏳ Preparing your payment link…",
    },
    "shop.done": {
        "es": (
            "✅ ¡Listo! Tu compra quedó registrada: {quantity} × {item} para <b>{name}</b>, "
            "total <b>{total}</b>.\nPágala con tarjeta en la liga; te mando el recibo en cuanto "
            "se pague."
        ),
        "en": (
            "✅ Done! Your purchase is recorded: {quantity} × {item} for <b>{name}</b>, "
            "total <b>{total}</b>.\nPay it by card with the link; I'll send the receipt as soon "
            "as it is paid."
        ),
    },
    "shop.done_again": {
        "es": (
            "Esta compra ya se había hecho: {quantity} × {item} para <b>{name}</b>, total "
            "<b>{total}</b>. Toca el botón para pagarla."
        ),
        "en": (
            "This purchase was already made: {quantity} × {item} for <b>{name}</b>, total "
            "<b>{total}</b>. Tap the button to pay it."
        ),
    },
    "shop.recorded": {
        "es": (
            "🛍 Compra en la tienda: {quantity} × {item} para <b>{name}</b>, total <b>{total}</b>."
        ),
        "en": "🛍 Shop purchase: {quantity} × {item} for <b>{name}</b>, total <b>{total}</b>.",
    },
    "shop.done_elsewhere": {
        "es": (
            "Tu compra quedó registrada, pero no puedo darte la liga de pago aquí. "
            "Pide ayuda en la oficina de la escuela."
        ),
        "en": (
            "Your purchase is recorded, but I can't give you its payment link here. "
            "Please ask the school office for help."
        ),
    },
    "shop.cancelled": {
        "es": "Compra cancelada. No se registró nada.",
        "en": "Purchase cancelled. Nothing was recorded.",
    },
    "shop.expired": {
        "es": (
            "Este resumen ya expiró (más de {minutes} minutos) y no se hizo la compra. "
            "Empieza de nuevo con /tienda."
        ),
        "en": (
            "This summary has expired (over {minutes} minutes) and nothing was bought. "
            "Start again with /shop."
        ),
    },
    "shop.earlier.cancelled": {
        "es": "Esta compra se canceló y no se hizo. Empieza de nuevo con /tienda.",
        "en": "This purchase was cancelled and not made. Start again with /shop.",
    },
    "shop.earlier.in_flight": {
        "es": "Tu compra se está registrando; en un momento llega la liga. Si no, revisa /pagar.",
        "en": "Your purchase is being recorded; the link comes in a moment. If not, see /pay.",
    },
    "shop.earlier.failed": {
        "es": "Esta compra no se pudo hacer. Intenta de nuevo con /tienda.",
        "en": "This purchase could not be made. Try again with /shop.",
    },
    "shop.unknown": {
        "es": (
            "⚠️ No sabemos si tu compra se registró (Quentli no respondió a tiempo). "
            "Revisa /pagar en unos minutos antes de comprar otra vez, para no pagar doble."
        ),
        "en": (
            "⚠️ We don't know whether your purchase was recorded (Quentli didn't answer in "
            "time). Check /pay in a few minutes before buying again, so you don't pay twice."
        ),
    },
    "shop.failed": {
        "es": "⚠️ No se pudo hacer la compra; no se registró nada. Intenta de nuevo con /tienda.",
        "en": "⚠️ The purchase could not be made; nothing was recorded. Try again with /shop.",
    },
    "shop.not_linked_child": {
        "es": "Solo puedes comprar para los alumnos vinculados a este chat. No se hizo nada.",
        "en": "You can only buy for the students linked to this chat. Nothing was done.",
    },
    "shop.item_gone": {
        "es": "Ese artículo ya no está a la venta. Mira lo que hay con /tienda.",
        "en": "That item is no longer on sale. See what there is with /shop.",
    },
    "shop.no_username": {
        "es": (
            "No puedo venderte en el chat para <b>{name}</b>: su cuenta de la escuela no tiene "
            "matrícula registrada. Pide a la oficina que la registren y vuelve a intentarlo."
        ),
        "en": (
            "I can't sell to <b>{name}</b> in the chat: their school account has no student ID. "
            "Ask the office to add it, then try again."
        ),
    },
    "shop.stale": {
        "es": "Este menú ya no está vigente. Abre /tienda otra vez.",
        "en": "This menu is out of date. Open /shop again.",
    },
    "shop.invalid": {
        "es": "Este botón ya no es válido.",
        "en": "This button is no longer valid.",
    },
    "shop.not_yours": {
        "es": "Solo quien preparó esta compra puede confirmarla.",
        "en": "Only whoever prepared this purchase can confirm it.",
    },
}
