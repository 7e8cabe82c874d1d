"""The compose smoke of `make test`: the whole shop in containers on the real engine, a purchase
through the edge, the readiness case (payment's container stopped: browsing and the cart keep
working, checkout fails with the storefront's friendly page, nothing but payment goes
unhealthy), then `down --volumes` leaves nothing behind. The full container suite (BDD, gates,
a killed container): tox -e compose."""
from __future__ import annotations

import re
import uuid

import pytest
import requests

from harness.model.services import SERVICES
from harness.polling import poll_until
from harness.shopclient import TEST_ADDRESS, TEST_CARD, ShopClient, scripted_purchase
from tests.support.compose import astroshop, checked, compose_stack, get, health

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]  # a cold machine builds the images
CSRF = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')
KEY = re.compile(r'name="idempotency_key"[^>]*?value="([^"]+)"')


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    root = tmp_path_factory.mktemp("compose")
    with compose_stack(root) as status:
        yield root, status


def test_every_container_is_healthy_and_only_the_edge_and_prometheus_are_published(stack):
    root, status = stack
    assert set(health(root).values()) == {"healthy"}
    assert requests.get(f"{status['prometheus_url']}/-/ready", timeout=20).ok
    ports = {c["name"] for c in status["containers"]}
    assert len(ports) == len(SERVICES) + 2, "every service, Envoy and Prometheus (no stores)"


def test_a_purchase_through_the_edge_can_be_read_back(stack):
    _, status = stack
    client = ShopClient(status["edge_url"])
    order = scripted_purchase(client)
    assert client.order(order["order_id"])["total"] == order["total"]


def form_fields(page: str) -> dict:
    """The hidden fields of the checkout form: its CSRF token and idempotency key."""
    return {"csrf_token": CSRF.search(page).group(1),
            "idempotency_key": KEY.search(page).group(1)}


def api_checkout(edge: str, product: str) -> int:
    """The status of one checkout through the public API (a fresh cart of one product)."""
    cart = uuid.uuid4().hex
    requests.post(f"{edge}/api/carts/{cart}/items", timeout=20,
                  json={"product_id": product, "quantity": 1})
    return requests.post(f"{edge}/api/checkout", timeout=30, headers={
        "Idempotency-Key": uuid.uuid4().hex}, json={
        "cart_id": cart, "currency": "EUR", "email": "ready@example.com",
        "address": TEST_ADDRESS, "card": TEST_CARD}).status_code


def test_without_payment_browsing_and_cart_work_and_checkout_fails_kindly(stack):
    root, status = stack
    edge = status["edge_url"]
    product = get(f"{edge}/api/products").json()["products"][0]["id"]
    checked(astroshop(root, "fault", "kill", "payment", "--stay-down"))
    try:
        shopper = requests.Session()
        assert get(f"{edge}/", shopper).status_code == 200
        assert get(f"{edge}/product/{product}", shopper).status_code == 200
        cart = uuid.uuid4().hex
        added = shopper.post(f"{edge}/api/carts/{cart}/items", timeout=20,
                             json={"product_id": product, "quantity": 1})
        assert added.status_code in (200, 201), added.text
        page = get(f"{edge}/product/{product}", shopper).text
        into_cart = shopper.post(f"{edge}/cart/add", timeout=20, allow_redirects=False, data={
            "csrf_token": CSRF.search(page).group(1), "product_id": product, "quantity": "1"})
        assert into_cart.status_code == 303
        assert product in get(f"{edge}/cart", shopper).text
        poll_until(lambda: api_checkout(edge, product) == 503, 60,
                   "the mesh answering that payment is unavailable")
        form = get(f"{edge}/checkout", shopper).text
        answer = shopper.post(f"{edge}/checkout", timeout=30, allow_redirects=False, data={
            **form_fields(form), **TEST_ADDRESS, "email": "ready@example.com",
            "card_number": TEST_CARD["number"], "exp_month": TEST_CARD["exp_month"],
            "exp_year": TEST_CARD["exp_year"], "cvv": TEST_CARD["cvv"]})
        assert answer.status_code == 503, answer.status_code
        assert "taking a short break" in answer.text and "Traceback" not in answer.text
        states = poll_until(lambda: (lambda h: h if h["payment"] == "exited" else None)(
            health(root)), 60, "payment's container stopped")
        assert {name: how for name, how in states.items() if how != "healthy"} == {
            "payment": "exited"}, "nothing but payment goes unhealthy"
    finally:
        checked(astroshop(root, "fault", "clear", "payment"))
    poll_until(lambda: health(root)["payment"] == "healthy", 180, "payment healthy again")
