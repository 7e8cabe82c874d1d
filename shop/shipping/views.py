"""Shipping endpoints: a public quote, and an internal shipment that returns a tracking id."""
from __future__ import annotations

from flask import Blueprint, current_app
from pydantic import BaseModel, ConfigDict, Field

from shop.common.api import OpenApi, parse_body, respond
from shop.common.flags import flags
from shop.common.logs import event
from shop.common.money import CURRENCY_CODE, Money
from shop.shipping.models import Address, LineItem
from shop.shipping.quotes import DOMESTIC, convert, quote_usd, tracking_id, units

bp = Blueprint("shipping", __name__)
api = OpenApi("AstroShop shipping", "Shipping quotes and shipments.")
TRACKING_ID = r"^AS-[A-Z2-7]{12}$"


def international_delay(address: Address) -> None:
    """Slow work for addresses abroad by the shippingInternationalSlow flag's milliseconds."""
    if address.country != DOMESTIC:
        flags().pause("shippingInternationalSlow")


class ShipmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    address: Address
    items: list[LineItem] = Field(min_length=1, max_length=50)


class QuoteIn(ShipmentIn):
    currency: str = Field(pattern=CURRENCY_CODE, examples=["EUR"])


class QuoteOut(BaseModel):
    cost: Money


class ShipmentOut(BaseModel):
    tracking_id: str = Field(pattern=TRACKING_ID, examples=["AS-7QK2M4XZ3PLA"])


@bp.post("/api/shipping/quote")
@api.operation("/api/shipping/quote", "post", "Quote the cost of shipping items to an address",
               request_model=QuoteIn, response_model=QuoteOut)
def quote():
    """The shipping cost in the requested currency."""
    body = parse_body(QuoteIn)
    international_delay(body.address)
    cost = convert(quote_usd(body.address, body.items), body.currency)
    return respond(QuoteOut(cost=cost))


@bp.post("/ship")
@api.operation("/ship", "post", "Ship items to an address (internal)",
               request_model=ShipmentIn, response_model=ShipmentOut, status=201)
def ship():
    """Create a shipment and return its tracking id."""
    body = parse_body(ShipmentIn)
    international_delay(body.address)
    shipment = ShipmentOut(tracking_id=tracking_id())
    event(current_app, "shipment created", tracking_id=shipment.tracking_id,
          country=body.address.country, units=units(body.items))
    return respond(shipment, 201)
