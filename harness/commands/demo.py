"""`astroshop purchase`: one scripted purchase through Envoy, printing the order."""
from __future__ import annotations

import click
import requests
from rich.console import Console

from harness.commands.errors import fail
from harness.shopclient import ShopClient, ShopError, scripted_purchase
from harness.stack.runner import Stack

console = Console()


@click.command()
@click.option("--target", help="The shop's public URL [default: the local stack's edge]")
@click.option("--currency", default="EUR", show_default=True)
def purchase(target, currency):
    """Buy two products through the public API; print the order id and its page in the store."""
    base = (target or Stack.current().public_url()).rstrip("/")
    try:
        order = scripted_purchase(ShopClient(base), currency)
    except (ShopError, requests.RequestException) as exc:
        fail(f"purchase failed: {exc}")
    total = order["total"]
    console.print(f"order {order['order_id']} placed: {len(order['items'])} lines, total "
                  f"{total['amount_minor']} {total['currency']} (minor units), "
                  f"tracking {order['tracking_id']}", soft_wrap=True)
    console.print(f"order page  {base}/order/{order['order_id']}", highlight=False)
    click.echo(f"ORDER_ID={order['order_id']}")
