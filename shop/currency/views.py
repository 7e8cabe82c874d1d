"""Currency endpoints: the list of currencies and conversion."""
from __future__ import annotations

from flask import Blueprint, current_app
from pydantic import BaseModel, ConfigDict, Field

from shop.common.api import OpenApi, parse_body, respond
from shop.common.flags import flags
from shop.common.money import CURRENCY_CODE, Money

bp = Blueprint("currency", __name__)
api = OpenApi("AstroShop currency", "Supported currencies and exact conversion.")


@bp.before_request
def injected_latency() -> None:
    """Slow every currency request down by the currencyLatency flag's milliseconds."""
    flags().pause("currencyLatency")


class CurrencyOut(BaseModel):
    code: str
    name: str
    symbol: str
    minor_digits: int


class CurrencyList(BaseModel):
    currencies: list[CurrencyOut]
    base: str = "USD"
    as_of: str


class ConvertIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    money: Money
    to: str = Field(pattern=CURRENCY_CODE)


class ConvertManyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[Money] = Field(max_length=500)
    to: str = Field(pattern=CURRENCY_CODE)


class ConvertManyOut(BaseModel):
    items: list[Money]


@bp.get("/api/currencies")
@api.operation("/api/currencies", "get", "List supported currencies",
               response_model=CurrencyList)
def list_currencies():
    """Every supported currency with its minor digits."""
    rates = current_app.extensions["rates"]
    items = [CurrencyOut(code=c.code, name=c.name, symbol=c.symbol, minor_digits=c.minor_digits)
             for c in rates.currencies.values()]
    return respond(CurrencyList(currencies=items, as_of=rates.as_of))


@bp.post("/convert")
@api.operation("/convert", "post", "Convert money to another currency (internal)",
               request_model=ConvertIn, response_model=Money)
def convert():
    """Convert an amount to another currency, exactly."""
    body = parse_body(ConvertIn)
    return respond(current_app.extensions["rates"].convert(body.money, body.to))


@bp.post("/convert/many")
@api.operation("/convert/many", "post", "Convert many amounts to one currency (internal)",
               request_model=ConvertManyIn, response_model=ConvertManyOut)
def convert_many():
    """Convert a list of amounts to one currency, in order: one call for a whole page."""
    body = parse_body(ConvertManyIn)
    rates = current_app.extensions["rates"]
    return respond(ConvertManyOut(items=[rates.convert(m, body.to) for m in body.items]))
