"""The text of an order confirmation, rendered from the order."""
from __future__ import annotations

from shop.contracts.checkout import Order
from shop.contracts.money import Money

# ISO 4217 exponents that are not 2; every other currency has cents.
MINOR_DIGITS = {"JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "UGX": 0,
                "BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3}


def money_text(money: Money) -> str:
    """An amount as a person reads it: "EUR 1,299.50", "JPY 19,677"."""
    digits = MINOR_DIGITS.get(money.currency, 2)
    major, minor = divmod(money.amount_minor, 10 ** digits)
    fraction = f".{minor:0{digits}d}" if digits else ""
    return f"{money.currency} {major:,}{fraction}"


def subject(order: Order) -> str:
    """The confirmation's subject line."""
    return f"Your AstroShop order {order.order_id}"


def body(order: Order) -> str:
    """The confirmation's plain-text body: lines, shipping, total and tracking id."""
    width = max(len(f"{item.quantity} x {item.product_id}") for item in order.items)
    lines = ["Thank you for your order. Clear skies!", "",
             f"Order:    {order.order_id}", f"Placed:   {order.created_at}", ""]
    for item in order.items:
        label = f"{item.quantity} x {item.product_id}"
        lines.append(f"{label:<{width}}  {money_text(item.line_total):>16}"
                     f"  ({money_text(item.unit_price)} each)")
    lines += ["", f"{'Shipping':<{width}}  {money_text(order.shipping):>16}",
              f"{'Total':<{width}}  {money_text(order.total):>16}", "",
              f"Tracking: {order.tracking_id}", ""]
    return "\n".join(lines)
