"""The same purchase against real PostgreSQL and Redis servers started by the test, each with
a generated password; every service on PostgreSQL logs in as a role of its own that owns one
schema and can touch nothing else; the stores' exporters are scraped by the stack's Prometheus
and feed the stores' dashboards."""
import time
import uuid

import psycopg
import pytest
import redis
import sqlalchemy
from click.testing import CliRunner

from harness import databases, prometheus
from harness.commands.dashboards import dashboards
from harness.polling import poll_until
from harness.model.stores import role
from harness.shopclient import ShopClient, scripted_purchase
from harness.stack.options import StackOptions
from tests.support.servers import postgres_server, redis_server
from tests.support.stack import running_stack

TABLES = {"checkout": {"orders", "order_items", "checkout_claims"}, "payment": {"charges"},
          "email": {"outbox"}}


@pytest.fixture(scope="module")
def pg_redis_stack(tmp_path_factory):
    root = tmp_path_factory.mktemp("pgredis")
    with postgres_server(root / "pg") as pg_url, redis_server(root / "redis") as redis_url:
        options = StackOptions(database_url=pg_url, redis_url=redis_url)
        with running_stack(root / "run", options) as stack:
            yield stack, pg_url, redis_url


def service_url(stack, service: str) -> str:
    """The database URL one service was given (through its secret file)."""
    return stack.options().database_for(stack.paths, service)


def test_purchase_with_postgresql_and_redis(pg_redis_stack):
    stack, pg_url, _ = pg_redis_stack
    shop = ShopClient(stack.options().topology().public_url())
    order = scripted_purchase(shop, "GBP")
    assert shop.order(order["order_id"])["total"] == order["total"]
    engine = sqlalchemy.create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        inspector = sqlalchemy.inspect(conn)
        for service, tables in TABLES.items():
            assert tables <= set(inspector.get_table_names(schema=role(service))), service
        assert inspector.get_table_names(schema="public") == []


def test_each_service_has_its_own_unprivileged_role(pg_redis_stack):
    stack, pg_url, _ = pg_redis_stack
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute("SELECT rolname, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles "
                            "WHERE rolname LIKE 'astroshop_%'").fetchall()
    assert {row[0] for row in rows} == {role(s) for s in databases.sql_services(
        stack.options().topology())}
    assert {row[1:] for row in rows} == {(False, False, False)}
    urls = {service: service_url(stack, service) for service in TABLES}
    passwords = {sqlalchemy.engine.make_url(url).password for url in urls.values()}
    assert len(passwords) == len(urls), "every role has a password of its own"
    assert sqlalchemy.engine.make_url(pg_url).password not in passwords


@pytest.mark.parametrize("intruder, victim, table", [
    ("payment", "checkout", "orders"), ("checkout", "payment", "charges"),
    ("cart", "email", "outbox"), ("email", "payment", "charges")])
def test_a_service_cannot_read_or_write_another_services_tables(pg_redis_stack, intruder,
                                                                 victim, table):
    stack, _, _ = pg_redis_stack
    with psycopg.connect(service_url(stack, intruder), autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"SELECT * FROM {role(victim)}.{table}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"DELETE FROM {role(victim)}.{table}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TABLE public.planted (x int)")


def test_a_wrong_password_is_refused(pg_redis_stack):
    stack, _, _ = pg_redis_stack
    wrong = sqlalchemy.engine.make_url(service_url(stack, "payment")).set(password="guess")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(wrong.render_as_string(hide_password=False)).close()


def test_cart_lives_in_redis_which_wants_its_password(pg_redis_stack):
    stack, _, redis_url = pg_redis_stack
    shop = ShopClient(stack.options().topology().public_url())
    cart_id = uuid.uuid4().hex
    shop.add_to_cart(cart_id, shop.products()[0]["id"], 2)
    keys = redis.Redis.from_url(redis_url).keys(f"*{cart_id}*")
    assert keys, "the cart was not written to Redis"
    anonymous = redis.Redis.from_url(redis_url.replace(
        f":{redis.connection.parse_url(redis_url)['password']}@", ""))
    with pytest.raises(redis.AuthenticationError):
        anonymous.keys("*")


def test_the_stores_exporters_run_are_scraped_and_feed_their_dashboards(pg_redis_stack):
    stack, _, _ = pg_redis_stack
    names = {row["name"]: row for row in stack.status()}
    assert names["postgres-exporter"]["state"] == "RUNNING"
    assert names["redis-exporter"]["state"] == "RUNNING"
    client = prometheus.connect(stack.prometheus_url())
    poll_until(lambda: client.custom_query('min(pg_up{job="postgres"}) == 1') and
               client.custom_query('min(redis_up{job="redis"}) == 1'), 60,
               "pg_up and redis_up at 1 in the stack's Prometheus")
    shop = ShopClient(stack.options().topology().public_url())
    for _ in range(3):  # the stores' counters move between two scrapes, as under traffic
        scripted_purchase(shop)
    after = time.time()
    poll_until(lambda: client.custom_query(  # a scrape of each store after the purchases
        f'min(timestamp(pg_up{{job="postgres"}})) > {after} and on() '
        f'min(timestamp(redis_up{{job="redis"}})) > {after}'), 60, "a scrape after the purchases")
    result = CliRunner().invoke(dashboards, ["verify", "--dashboard", "astroshop-postgres",
                                             "--dashboard", "astroshop-redis"])
    assert result.exit_code == 0, result.output
    assert "ok 2 dashboards" in result.output
