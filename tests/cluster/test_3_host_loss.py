"""Losing an app host under load: catalog and cart (every app service) keep a replica on the
other app host, so at least 99% of requests succeed, and every order placed before the loss
can still be read after it; no plain write is stored twice (the failed ones are counted and
printed exactly). Then the host comes back."""
import pytest

from harness.cluster import placement
from harness.cluster.model import Cluster
from harness.polling import poll_until
from harness.shopclient import ShopClient, scripted_purchase
from tests.cluster import load, session

LOAD_S, LOSS_AFTER_REQUESTS, SHOPPERS = 40, 150, 4  # the loss once the load is going


@pytest.fixture(scope="module")
def edge(paths) -> str:
    cluster = Cluster.load(paths)
    return placement.edge_url(cluster, placement.topology(cluster))


@pytest.fixture(scope="module")
def loss(cluster_root, edge) -> tuple[list[str], load.Tally]:
    """app2 lost under the shoppers' load: the orders placed before, and the load's tally."""
    before = [scripted_purchase(ShopClient(edge))["order_id"] for _ in range(5)]
    tally, shoppers = load.run(edge, LOAD_S, SHOPPERS)
    poll_until(lambda: tally.total >= LOSS_AFTER_REQUESTS, LOAD_S, "the load getting going")
    lost = session.astroshop(cluster_root, "cluster", "fault", "host-down", "app2")
    for shopper in shoppers:
        shopper.join(LOAD_S + 30)
    assert lost.returncode == 0, lost.stdout + lost.stderr
    return before, tally


def test_losing_an_app_host_costs_under_one_percent_no_orders_and_no_duplicates(loss, edge):
    before, tally = loss
    print(f"\nhost loss: {tally.summary()}")
    assert tally.total > 100, "the load never got going"
    assert tally.success_ratio >= 0.99, tally.summary()
    client = ShopClient(edge)
    assert [client.order(order_id)["order_id"] for order_id in before + tally.orders] == \
        before + tally.orders
    writes = load.audit(edge, tally)
    print(f"host loss: {writes.summary()}")
    assert writes.writes > 20, "too few plain writes to judge"
    assert (writes.duplicated, writes.lost) == (0, 0), writes.summary()


def test_the_lost_host_comes_back_healthy(cluster_root, paths, edge, loss):
    result = session.astroshop(cluster_root, "cluster", "fault", "recover", "app2")
    assert result.returncode == 0, result.stdout + result.stderr
    assert Cluster.load(paths).faults == {}
    assert ShopClient(edge).products()
