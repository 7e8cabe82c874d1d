"""A full purchase through Envoy, against the real stack."""
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

from harness.shopclient import scripted_purchase
from tests.support.mesh import mesh_get


def test_full_purchase_through_envoy(shop):
    order = scripted_purchase(shop, "EUR")
    assert order["currency"] == "EUR"
    assert order["tracking_id"]
    line_sum = sum(item["line_total"]["amount_minor"] for item in order["items"])
    assert order["total"]["amount_minor"] == line_sum + order["shipping"]["amount_minor"]
    assert shop.order(order["order_id"]) == order


def test_cart_is_empty_after_the_order(shop):
    cart_id = uuid.uuid4().hex
    product = shop.products()[0]
    shop.add_to_cart(cart_id, product["id"], 3)
    shop.checkout(cart_id)
    assert shop.cart(cart_id)["items"] == []


def _filled_cart(shop) -> str:
    cart_id = uuid.uuid4().hex
    shop.add_to_cart(cart_id, shop.products()[1]["id"], 2)
    return cart_id


def test_same_idempotency_key_twice_gives_one_order_and_one_charge(shop, stack):
    cart_id, key = _filled_cart(shop), uuid.uuid4().hex
    first = shop.checkout(cart_id, idempotency_key=key)
    second = shop.checkout(cart_id, idempotency_key=key)
    assert first["order_id"] == second["order_id"]
    charges = mesh_get(stack.options().topology(), "payment", "/charges",
                       idempotency_key=f"checkout-{key}")
    assert len(charges["charges"]) == 1


def test_six_concurrent_retries_give_one_order_and_one_charge(shop, stack):
    cart_id, key = _filled_cart(shop), uuid.uuid4().hex
    with ThreadPoolExecutor(6) as pool:
        orders = list(pool.map(lambda _: shop.checkout(cart_id, idempotency_key=key), range(6)))
    assert len({o["order_id"] for o in orders}) == 1
    charges = mesh_get(stack.options().topology(), "payment", "/charges",
                       idempotency_key=f"checkout-{key}")
    assert len(charges["charges"]) == 1


def test_confirmation_email_lands_in_the_outbox(shop, stack):
    email = f"{uuid.uuid4().hex[:10]}@example.com"
    cart_id = _filled_cart(shop)
    order = shop.checkout(cart_id, email=email)
    outbox = mesh_get(stack.options().topology(), "email", "/outbox", to=email)
    assert [m["order_id"] for m in outbox["messages"]] == [order["order_id"]]


def test_order_survives_down_and_up(shop, stack):
    order = scripted_purchase(shop, "USD")
    options = stack.options()
    assert stack.down()
    with_stack_down = requests.Session()
    try:
        with_stack_down.get(shop.base_url + "/api/products", timeout=2)
        reachable = True
    except requests.ConnectionError:
        reachable = False
    assert not reachable, "the shop still answered after `down`"
    stack.up(options, timeout=120)
    assert shop.order(order["order_id"]) == order
