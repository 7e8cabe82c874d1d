"""The currency service's routes and models: supported currencies and exact conversion."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from shop.contracts.money import CURRENCY_CODE, Money
from shop.contracts.route import Route


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


LIST_CURRENCIES = Route("currency", "GET", "/api/currencies", "List supported currencies",
                        response=CurrencyList)
CONVERT = Route("currency", "POST", "/convert", "Convert money to another currency (internal)",
                request=ConvertIn, response=Money)
CONVERT_MANY = Route("currency", "POST", "/convert/many",
                     "Convert many amounts to one currency (internal)",
                     request=ConvertManyIn, response=ConvertManyOut)
