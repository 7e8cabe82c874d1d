"""Faults injected live through `astroshop fault` into a stack of their own, then cleared.

Not the session's stack: the injected 5xx would land in the SLIs other tests read from it."""
import uuid

import pytest
import requests
from click.testing import CliRunner

from harness.cli import main
from harness.faults import envoy, flagfile
from harness.faults.actions import clear_all
from harness.polling import poll_until
from harness.shopclient import TEST_CARD, ShopClient, ShopError
from harness.stack.options import StackOptions, default_port_offset
from tests.support.mesh import mesh_get
from tests.support.stack import running_stack

LIVE_WITHIN_S = 5  # the services look at the flag file every 250 ms
RELOAD = {"Cache-Control": "no-cache"}
DECLINED = {**TEST_CARD, "number": "4000 0000 0000 0002"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    options = StackOptions(port_offset=default_port_offset() + 7000)
    with running_stack(tmp_path_factory.mktemp("faults"), options) as running:
        yield running


@pytest.fixture
def target(stack):
    """The module's stack, every fault cleared after each test."""
    yield stack
    clear_all(stack)


@pytest.fixture
def shop(target):
    return ShopClient(target.topology().public_url())


def fault(target, *args):
    result = CliRunner().invoke(main, ["fault", *args],
                                env={"ASTROSHOP_RUN_DIR": str(target.paths.root)})
    assert result.exit_code == 0, result.output
    return result.output


def status(url, **kwargs):
    return requests.get(url, timeout=10, **kwargs).status_code


def test_up_installs_the_default_flags_for_every_service(target):
    assert all(state.variant == "off" for state in flagfile.states(target.paths.flags))


def test_a_flag_set_through_the_cli_takes_effect_live_and_clears(target):
    base = target.topology().public_url()
    assert status(f"{base}/api/ads") == 200
    fault(target, "set", "adsFailure", "on")
    poll_until(lambda: status(f"{base}/api/ads") == 500, LIVE_WITHIN_S, "ads failing")
    detail = requests.get(f"{base}/api/ads", timeout=10).json()["detail"]
    assert "adsFailure" in detail
    home = requests.get(f"{base}/", timeout=10)
    assert home.status_code == 200 and 'data-testid="ad"' not in home.text
    fault(target, "clear", "adsFailure")
    poll_until(lambda: status(f"{base}/api/ads") == 200, LIVE_WITHIN_S, "ads recovering")


def test_catalog_failure_breaks_one_product_end_to_end(target, shop):
    base = target.topology().public_url()
    flags = {state.name: state for state in flagfile.states(target.paths.flags)}
    broken = flags["catalogFailure"].variants["on"]
    others = [p["id"] for p in shop.products() if p["id"] != broken]
    fault(target, "set", "catalogFailure", "on")
    # A shopper's reload (no-cache) makes the edge's cache revalidate its copy of the product,
    # which an earlier request may have stored for a minute; a plain GET may still be a hit.
    poll_until(lambda: status(f"{base}/api/products/{broken}", headers=RELOAD) == 500,
               LIVE_WITHIN_S, f"product {broken} failing")
    assert status(f"{base}/api/products/{others[0]}", headers=RELOAD) == 200
    page = requests.get(f"{base}/product/{broken}", timeout=10)
    assert page.status_code == 503 and 'data-testid="error-page"' in page.text
    fault(target, "clear", "catalogFailure")
    poll_until(lambda: status(f"{base}/product/{broken}") == 200, LIVE_WITHIN_S,
               f"product {broken} recovering")


def charge(address, key):
    return requests.post(f"http://{address}/charge", timeout=10,
                         json={"amount": {"currency": "USD", "amount_minor": 500},
                               "card": TEST_CARD}, headers={"Idempotency-Key": key})


def test_payment_failure_fails_its_share_of_charges_and_charges_nothing_then(target):
    address = target.topology().endpoints("payment")[0].address
    fault(target, "set", "paymentFailure", "50%")
    poll_until(lambda: charge(address, uuid.uuid4().hex).status_code == 500, LIVE_WITHIN_S,
               "a charge failing")
    answers = {key: charge(address, key).status_code for key in
               (uuid.uuid4().hex for _ in range(60))}
    failed = [key for key, code in answers.items() if code == 500]
    assert 15 <= len(failed) <= 45, answers
    assert set(answers.values()) == {201, 500}
    for key in failed[:5]:
        assert mesh_get(target.topology(), "payment", "/charges", idempotency_key=key) == {
            "charges": []}


def test_payment_unreachable_fails_checkout_without_an_order(target, shop):
    cart_id, product = uuid.uuid4().hex, shop.products()[1]["id"]
    shop.add_to_cart(cart_id, product, 1)
    probe = uuid.uuid4().hex  # a declined card: 402 while payment answers, never an order
    shop.add_to_cart(probe, product, 1)
    fault(target, "set", "paymentUnreachable", "on")

    def refusal(cart, card=None):
        with pytest.raises(ShopError) as refused:
            shop.checkout(cart, card=card)
        return refused.value

    poll_until(lambda: refusal(probe, DECLINED).status == 503, LIVE_WITHIN_S,
               "checkout no longer reaching payment")
    refused = refusal(cart_id)
    assert refused.status == 503 and "payment is unavailable" in refused.body["detail"]
    assert shop.cart(cart_id)["items"] == [{"product_id": product, "quantity": 1}]
    fault(target, "clear", "paymentUnreachable")
    poll_until(lambda: shop.checkout(cart_id)["order_id"], LIVE_WITHIN_S, "checkout recovering")


def injected(target, kind):
    stats = requests.get(f"http://127.0.0.1:{target.topology().admin_port}/stats",
                         params={"filter": f"http.mesh.fault.{kind}_injected"}, timeout=5).text
    return int(stats.split(":")[1]) if ":" in stats else 0


def test_envoy_abort_and_delay_on_mesh_routes_through_the_runtime(target):
    mesh = target.topology().mesh_url()
    aborts, delays = injected(target, "aborts"), injected(target, "delays")
    fault(target, "abort", "payment", "503", "--percent", "100")
    fault(target, "delay", "currency", "200", "--percent", "100")
    assert status(f"{mesh}/charges", headers={"Host": "payment"}) == 503
    assert status(f"{mesh}/api/currencies", headers={"Host": "currency"}) == 200
    assert injected(target, "aborts") == aborts + 1 and injected(target, "delays") == delays + 1
    assert status(f"{target.topology().public_url()}/api/currencies") == 200
    active = {fault_.shown() for fault_ in envoy.active(target.topology())}
    assert active == {"abort 503 on 100% of calls to payment",
                      "delay 200 ms on 100% of calls to currency"}
    assert "network faults cleared" in fault(target, "clear", "--all")
    assert envoy.active(target.topology()) == []
    assert status(f"{mesh}/charges", headers={"Host": "payment"}) == 200
