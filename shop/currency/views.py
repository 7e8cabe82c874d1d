"""Currency endpoints: the list of currencies and conversion."""
from __future__ import annotations

from flask import current_app

from shop.common.api import ApiBlueprint, parse_body, respond
from shop.common.flags import flags
from shop.contracts import currency as contract
from shop.currency.rates import RateTable

bp = ApiBlueprint("currency", __name__)


@bp.before_request
def injected_latency() -> None:
    """Slow every currency request down by the currencyLatency flag's milliseconds."""
    flags().pause("currencyLatency")


def rates() -> RateTable:
    """The app's rate table, loaded once at start-up."""
    return current_app.extensions["rates"]


@bp.serve(contract.LIST_CURRENCIES)
def list_currencies():
    """Every supported currency with its minor digits."""
    items = [contract.CurrencyOut(code=c.code, name=c.name, symbol=c.symbol,
                                  minor_digits=c.minor_digits)
             for c in rates().currencies.values()]
    return respond(contract.CurrencyList(currencies=items, as_of=rates().as_of))


@bp.serve(contract.CONVERT)
def convert():
    """Convert an amount to another currency, exactly."""
    body = parse_body(contract.ConvertIn)
    return respond(rates().convert(body.money, body.to))


@bp.serve(contract.CONVERT_MANY)
def convert_many():
    """Convert a list of amounts to one currency, in order: one call for a whole page."""
    body = parse_body(contract.ConvertManyIn)
    return respond(contract.ConvertManyOut(items=[rates().convert(m, body.to)
                                                  for m in body.items]))
