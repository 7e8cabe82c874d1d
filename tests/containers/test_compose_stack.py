"""The whole shop judged in containers (tox -e compose): compose up, a purchase through the
edge, the smoke BDD suite and the smoke gate pass against the edge and the stack's own
Prometheus; payment's container killed through the engine fails the gate, started again it passes;
down --volumes leaves nothing. Then the same shop on PostgreSQL and Redis (--stores), every
secret a mounted file: none in any container's environment."""
from __future__ import annotations

import pytest

from harness.exits import Exit
from harness.polling import poll_until
from harness.shopclient import ShopClient, scripted_purchase
from tests.support.compose import (astroshop, checked, compose_stack, get, health,
                                   secrets_in_environment)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(3600)]  # a cold machine builds the images
PASSED = (Exit.OK, Exit.WARNING)  # a pass, or a pass with a warning


def gate(root, status) -> int:
    """The smoke gate against the compose edge, measured by the compose Prometheus."""
    result = astroshop(root, "gate", "--profile", "smoke", "--target", status["edge_url"],
                       "--prometheus", status["prometheus_url"], timeout=900)
    print(result.stdout[-2500:])
    return result.returncode


def test_the_harness_judges_the_compose_stack_unchanged(tmp_path):
    with compose_stack(tmp_path) as status:
        client = ShopClient(status["edge_url"])
        order = scripted_purchase(client)
        assert client.order(order["order_id"])["items"] == order["items"]
        poll_until(lambda: get(f"{status['edge_url']}/").status_code == 200, 120,
                   "the storefront's home page answering")  # the first page renders slowly
        bdd = astroshop(tmp_path, "bdd", "--target", status["edge_url"], "--tags", "smoke")
        assert bdd.returncode == 0, bdd.stdout[-3000:] + bdd.stderr[-2000:]
        assert gate(tmp_path, status) in PASSED, "the clean smoke gate"
        # payment, not catalog: without the catalog the load cannot start (the gate exits 3)
        killed = checked(astroshop(tmp_path, "fault", "kill", "payment")).stdout
        assert "astroshop-" in killed and "payment" in killed
        assert health(tmp_path)["payment"] == "exited", "Docker restarts no container it killed"
        assert gate(tmp_path, status) == Exit.FAILED, "the gate under the fault"
        checked(astroshop(tmp_path, "fault", "clear", "payment"))
        poll_until(lambda: set(health(tmp_path).values()) == {"healthy"}, 240,
                   "every container healthy again")
        assert gate(tmp_path, status) in PASSED, "the gate after recovery"


def test_the_stores_profile_runs_on_postgresql_and_redis_with_generated_passwords(tmp_path):
    with compose_stack(tmp_path, "--stores") as status:
        assert {c["service"] for c in status["containers"]} >= {"postgres", "redis"}
        assert set(health(tmp_path).values()) == {"healthy"}
        assert "postgresql://" not in (tmp_path / "compose" / "compose.env").read_text()
        assert secrets_in_environment(tmp_path) == {}, "a secret in a container's Env"
        order = scripted_purchase(ShopClient(status["edge_url"]))
        assert order["order_id"]
