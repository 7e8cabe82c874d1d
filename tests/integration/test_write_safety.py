"""A plain write is never sent twice, on the real services: cart at two replicas, an `add to
cart` held open by its replica (the catalog it asks first is slowed through Envoy's fault
filter), and that replica SIGKILLed while it holds the request. Envoy may not send the write
to the other replica (the first one had it already): the shopper gets the edge's 503 and the
cart store holds the line at most once (here: not at all, the write died with its replica)."""
import threading
import uuid

import pytest
import requests
import sqlalchemy

from harness.faults import envoy, processes
from harness.polling import poll_until
from harness.stack.options import StackOptions
from tests.support.stack import running_stack

HOLD_MS = 350  # well inside the cart route's 1.5 s for its one try, so a retry would still land
ATTEMPTS = 5  # a kill that comes after the answer proves nothing: try again with a new cart


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("writes"), StackOptions(replicas={"cart": 2})) \
            as running:
        yield running


def admin(stack, path: str, **params) -> list[str]:
    """Lines of an Envoy admin page."""
    return stack.envoy_admin().text(path, **params).splitlines()


def holding_replica(stack) -> str | None:
    """The cart replica holding a request while its call to the catalog is being delayed,
    by process name (so the replica has read the write); None while there is none."""
    if "http.mesh.fault.active_faults: 1" not in admin(stack, "/stats", filter="active_faults"):
        return None
    clusters = admin(stack, "/clusters")
    for endpoint in stack.topology().endpoints("cart"):
        if f"cart::{endpoint.address}::rq_active::1" in clusters:
            return endpoint.name
    return None


def stored_quantity(stack, cart_id: str) -> int:
    """The cart's quantities summed, read from the cart store itself."""
    engine = sqlalchemy.create_engine(stack.options().database_for(stack.paths, "cart"))
    with engine.connect() as conn:
        return conn.execute(sqlalchemy.text(
            "SELECT coalesce(sum(quantity), 0) FROM cart_items WHERE cart_id = :cart"),
            {"cart": cart_id}).scalar_one()


def add_while_killing(stack, product: str) -> tuple[str, requests.Response | None, str | None]:
    """Send one plain `add to cart`; kill the replica holding it. The cart id, the answer
    and the replica killed (None when the answer came first)."""
    cart_id, answer = uuid.uuid4().hex, {}
    url = f"{stack.topology().public_url()}/api/carts/{cart_id}/items"
    sender = threading.Thread(target=lambda: answer.setdefault("response", requests.post(
        url, json={"product_id": product, "quantity": 1}, timeout=10)))
    sender.start()
    name = poll_until(lambda: holding_replica(stack) or "response" in answer, 5,
                      "a cart replica holding the write", interval=0.01)
    killed = None
    if name is not True and "response" not in answer:
        killed = processes.kill(stack, [name])[0]
    sender.join(10)
    return cart_id, answer.get("response"), killed


def test_a_plain_write_whose_replica_dies_holding_it_is_not_sent_again(stack):
    product = requests.get(f"{stack.topology().public_url()}/api/products",
                           timeout=10).json()["products"][0]["id"]
    envoy.delay(stack, "catalog", HOLD_MS)
    try:
        for _ in range(ATTEMPTS):
            cart_id, response, killed = add_while_killing(stack, product)
            if killed:
                break
            poll_until(lambda: not processes.disturbed(stack), 30, "every replica running")
    finally:
        envoy.clear(stack, "catalog")
    assert killed, f"no kill landed inside the {HOLD_MS} ms hold in {ATTEMPTS} attempts"
    assert response is not None and response.status_code == 503, (
        f"{killed} died holding the write; Envoy must not send it elsewhere, yet the shopper "
        f"got {response.status_code if response is not None else 'no answer'}")
    assert "the cart service is unavailable" in response.json()["detail"]
    assert stored_quantity(stack, cart_id) == 0, "the write was applied after its replica died"
    poll_until(lambda: not processes.disturbed(stack), 30, f"supervisord restarting {killed}")
