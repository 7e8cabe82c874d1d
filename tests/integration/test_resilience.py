"""Resilience, measured on a real stack with two catalog replicas: a replica killed under load,
optional services down, payment down, and process faults through the CLI."""
import re
import html
import threading
import uuid

import pytest
import requests
import sqlalchemy
from click.testing import CliRunner

from harness.cli import main
from harness.faults import envoy, processes, steady
from harness.faults.actions import clear_all
from harness.polling import poll_until
from harness.shopclient import ShopClient, ShopError
from harness.stack.options import StackOptions
from tests.support.mesh import mesh_get
from tests.support.stack import running_stack

LOAD_SECONDS = 15
KILL_AFTER_S = 4


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    options = StackOptions(replicas={"catalog": 2})
    with running_stack(tmp_path_factory.mktemp("resilience"), options) as stack:
        yield stack


def recovered(target):
    """Wait until every replica runs and Envoy sends to every one of them again."""
    poll_until(lambda: not processes.disturbed(target), 30,
               "every replica running again")
    poll_until(lambda: not envoy.unhealthy_hosts(target), 30,
               "Envoy sending to every replica again")


@pytest.fixture
def shop(target):
    yield ShopClient(target.topology().public_url())
    clear_all(target)
    recovered(target)


def fault(target, *args):
    result = CliRunner().invoke(main, ["fault", *args],
                                env={"ASTROSHOP_RUN_DIR": str(target.paths.root)})
    assert result.exit_code == 0, result.output
    return result.output


def pid(target, name):
    return processes.pid_of(target, name)


def test_catalog_keeps_answering_while_a_replica_is_killed_under_load(target, shop):
    base = target.topology().public_url()
    ids = [product["id"] for product in shop.products()]
    urls = [f"{base}/api/products/{product}" for product in ids[:8]]
    urls += [f"{base}/api/products", f"{base}/product/{ids[3]}"]
    before = pid(target, "catalog-1")
    killer = threading.Timer(KILL_AFTER_S, lambda: processes.kill(target, ["catalog-1"]))
    killer.start()
    tally = steady.run(urls, LOAD_SECONDS, threads=8)
    killer.join()
    assert tally.total > 200, tally.summary()
    assert tally.success_ratio >= 0.99, tally.summary()
    poll_until(lambda: pid(target, "catalog-1") != before, 30, "supervisord restarting catalog-1")


PAGES = {"ads": ("/", 'data-testid="ad"'),
         "recommendation": ("/product/{product}", 'data-testid="recommendations"')}


@pytest.mark.parametrize("down", ["ads", "recommendation"])
def test_pages_render_without_the_block_of_a_service_that_is_down(target, shop, down):
    base, first = target.topology().public_url(), shop.products()[0]
    product = first["id"]

    def page(service):
        path, _ = PAGES[service]
        response = requests.get(base + path.format(product=product), timeout=10)
        assert response.status_code == 200, response.text[:300]
        return response.text

    poll_until(lambda: all(marker in page(service) for service, (_, marker) in PAGES.items()),
               20, "the ad and the recommendations showing before the fault")
    target.stop(target.replicas(down))
    other = next(service for service in PAGES if service != down)
    assert PAGES[down][1] not in page(down)
    assert PAGES[other][1] in page(other)
    assert html.escape(first["name"]) in page("recommendation")


def order_count(target):
    engine = sqlalchemy.create_engine(
        target.options().database_for(target.paths, "checkout"))
    with engine.connect() as conn:
        return conn.execute(sqlalchemy.text("SELECT count(*) FROM orders")).scalar_one()


def test_with_payment_down_checkout_refuses_clearly_and_changes_nothing(target, shop):
    cart_id, key = uuid.uuid4().hex, uuid.uuid4().hex
    shop.add_to_cart(cart_id, shop.products()[0]["id"], 2)
    orders_before = order_count(target)
    fault(target, "kill", "payment", "--stay-down")
    with pytest.raises(ShopError) as refused:
        shop.checkout(cart_id, idempotency_key=key)
    assert refused.value.status == 503
    assert re.match(r"payment is unavailable: ", refused.value.body["detail"])
    assert shop.cart(cart_id)["items"] == [{"product_id": shop.products()[0]["id"],
                                            "quantity": 2}]
    assert order_count(target) == orders_before
    fault(target, "clear", "payment")
    recovered(target)
    charges = mesh_get(target.topology(), "payment", "/charges", idempotency_key=f"checkout-{key}")
    assert charges["charges"] == []
    order = shop.checkout(cart_id, idempotency_key=key)
    assert order_count(target) == orders_before + 1 and shop.cart(cart_id)["items"] == []
    charged = mesh_get(target.topology(), "payment", "/charges", idempotency_key=f"checkout-{key}")
    assert [c["amount"] for c in charged["charges"]] == [order["total"]]


def test_freeze_and_thaw_through_the_cli(target, shop):
    replica = target.topology().endpoints("catalog")[0]
    health = f"http://{replica.address}/healthz"
    assert "frozen: catalog-0" in fault(target, "freeze", "catalog", "--replica", "0")
    with pytest.raises(requests.Timeout):
        requests.get(health, timeout=1)
    assert shop.products(), "the other replica should still answer"
    listing = fault(target, "list", "--json")
    assert '"catalog-0": "frozen"' in listing
    fault(target, "thaw", "catalog", "--replica", "0")
    assert requests.get(health, timeout=5).status_code == 200


def test_kill_through_the_cli_is_a_crash_that_supervisord_repairs(target, shop):
    before = pid(target, "catalog-0")
    assert "killed: catalog-0" in fault(target, "kill", "catalog", "--replica", "0")
    poll_until(lambda: pid(target, "catalog-0") != before, 30, "catalog-0 being restarted")
    replica = target.topology().endpoints("catalog")[0]
    poll_until(lambda: requests.get(f"http://{replica.address}/healthz", timeout=2).ok, 30,
               "the restarted catalog-0 answering")
