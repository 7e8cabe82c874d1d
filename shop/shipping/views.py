"""Shipping endpoints: a public quote, and an internal shipment that returns a tracking id."""
from __future__ import annotations

from flask import current_app

from shop.common.api import ApiBlueprint, parse_body, respond
from shop.common.flags import flags
from shop.common.logs import event
from shop.contracts import shipping as contract
from shop.contracts.address import Address
from shop.shipping.quotes import DOMESTIC, convert, quote_usd, tracking_id, units

bp = ApiBlueprint("shipping", __name__)


def international_delay(address: Address) -> None:
    """Slow work for addresses abroad by the shippingInternationalSlow flag's milliseconds."""
    if address.country != DOMESTIC:
        flags().pause("shippingInternationalSlow")


@bp.serve(contract.QUOTE)
def quote():
    """The shipping cost in the requested currency."""
    body = parse_body(contract.QuoteIn)
    international_delay(body.address)
    cost = convert(quote_usd(body.address, body.items), body.currency)
    return respond(contract.QuoteOut(cost=cost))


@bp.serve(contract.SHIP)
def ship():
    """Create a shipment and return its tracking id."""
    body = parse_body(contract.ShipmentIn)
    international_delay(body.address)
    shipment = contract.ShipmentOut(tracking_id=tracking_id())
    event(current_app, "shipment created", tracking_id=shipment.tracking_id,
          country=body.address.country, units=units(body.items))
    return respond(shipment, 201)
