"""The shipping service's routes and models: quotes in the shopper's currency, shipments."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from shop.contracts.address import Address
from shop.contracts.cart import MAX_LINES, LineItem
from shop.contracts.money import CURRENCY_CODE, Money
from shop.contracts.route import Route

TRACKING_ID = r"^AS-[A-Z2-7]{12}$"


class ShipmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    address: Address
    items: list[LineItem] = Field(min_length=1, max_length=MAX_LINES)


class QuoteIn(ShipmentIn):
    currency: str = Field(pattern=CURRENCY_CODE, examples=["EUR"])


class QuoteOut(BaseModel):
    cost: Money


class ShipmentOut(BaseModel):
    tracking_id: str = Field(pattern=TRACKING_ID, examples=["AS-7QK2M4XZ3PLA"])


QUOTE = Route("shipping", "POST", "/api/shipping/quote",
              "Quote the cost of shipping items to an address", request=QuoteIn,
              response=QuoteOut)
SHIP = Route("shipping", "POST", "/ship", "Ship items to an address (internal)",
             request=ShipmentIn, response=ShipmentOut, status=201)
