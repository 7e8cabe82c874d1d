"""The same purchase against real PostgreSQL and Redis servers started by the test, and their
exporters scraped by the stack's Prometheus, feeding the stores' dashboards."""
import time
import uuid

import pytest
import redis
import sqlalchemy
from click.testing import CliRunner

from harness import prometheus
from harness.commands.dashboards import dashboards
from harness.polling import poll_until
from harness.shopclient import ShopClient, scripted_purchase
from harness.stack.options import StackOptions, default_port_offset
from tests.support.servers import postgres_server, redis_server
from tests.support.stack import running_stack

OFFSET = default_port_offset() + 6000  # a second stack beside the session's one


@pytest.fixture(scope="module")
def pg_redis_stack(tmp_path_factory):
    root = tmp_path_factory.mktemp("pgredis")
    with postgres_server(root / "pg") as pg_url, redis_server(root / "redis") as redis_url:
        options = StackOptions(database_url=pg_url, redis_url=redis_url, port_offset=OFFSET)
        with running_stack(root / "run", options) as stack:
            yield stack, pg_url, redis_url


def test_purchase_with_postgresql_and_redis(pg_redis_stack):
    stack, pg_url, redis_url = pg_redis_stack
    shop = ShopClient(stack.options().topology().public_url())
    order = scripted_purchase(shop, "GBP")
    assert shop.order(order["order_id"])["total"] == order["total"]
    engine = sqlalchemy.create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        tables = set(sqlalchemy.inspect(conn).get_table_names())
    assert {"orders", "charges", "outbox"} <= tables


def test_cart_lives_in_redis(pg_redis_stack):
    stack, _, redis_url = pg_redis_stack
    shop = ShopClient(stack.options().topology().public_url())
    cart_id = uuid.uuid4().hex
    shop.add_to_cart(cart_id, shop.products()[0]["id"], 2)
    keys = redis.Redis.from_url(redis_url).keys(f"*{cart_id}*")
    assert keys, "the cart was not written to Redis"


def test_the_stores_exporters_run_are_scraped_and_feed_their_dashboards(pg_redis_stack):
    stack, _, _ = pg_redis_stack
    names = {row["name"]: row for row in stack.status()}
    assert names["postgres-exporter"]["state"] == "RUNNING"
    assert names["redis-exporter"]["state"] == "RUNNING"
    shop = ShopClient(stack.options().topology().public_url())
    for _ in range(3):
        scripted_purchase(shop)
    client = prometheus.connect(stack.prometheus_url())
    poll_until(lambda: client.custom_query('min(pg_up{job="postgres"}) == 1') and
               client.custom_query('min(redis_up{job="redis"}) == 1'), 60,
               "pg_up and redis_up at 1 in the stack's Prometheus")
    time.sleep(2 * stack.options().scrape_interval_s + 1)  # two samples for every rate()
    result = CliRunner().invoke(dashboards, ["verify", "--dashboard", "astroshop-postgres",
                                             "--dashboard", "astroshop-redis"])
    assert result.exit_code == 0, result.output
    assert "ok 2 dashboards" in result.output
