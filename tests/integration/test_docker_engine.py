"""The images and compose.yaml on a real Docker engine; skipped where there is none."""
from __future__ import annotations

import pytest
import requests
from click.testing import CliRunner
from python_on_whales import DockerClient

from harness.cli import main
from harness.containers import images
from harness.containers.engine import EngineUnavailable, ready_client
from harness.polling import poll_until
from harness.shopclient import ShopClient, scripted_purchase
from tests.support.servers import free_port


def engine_missing() -> str:
    """Why no engine can be used here, or an empty string when one answers."""
    try:
        ready_client("buildx")
        ready_client("compose")
    except EngineUnavailable as exc:
        return str(exc)
    return ""


REASON = engine_missing()
pytestmark = pytest.mark.skipif(bool(REASON), reason=f"no Docker engine: {REASON}")


@pytest.fixture(scope="module")
def built() -> list[str]:
    """Every image, built from the one Dockerfile through python-on-whales."""
    return images.build(ready_client("buildx"), images.image_specs())


def test_a_service_image_runs_as_non_root_and_reports_healthy(built):
    docker = DockerClient()
    catalog = next(ref for ref in built if "/catalog:" in ref)
    assert docker.image.inspect(catalog).config.user == "10001:10001"
    port = free_port()
    container = docker.run(catalog, detach=True, publish=[(f"127.0.0.1:{port}", 7010)],
                           read_only=True, tmpfs=["/tmp"], remove=True)
    try:
        poll_until(lambda: docker.container.inspect(container.id).state.health.status
                   == "healthy", 60, "the catalog container's HEALTHCHECK passing")
        products = requests.get(f"http://127.0.0.1:{port}/api/products", timeout=5).json()
        assert products["products"]
    finally:
        container.stop()


def test_compose_up_serves_a_purchase_then_down(built, monkeypatch):
    public = free_port()
    monkeypatch.setenv("COMPOSE_PROJECT_NAME", "astroshop-test")
    monkeypatch.setenv("ASTROSHOP_PUBLIC_PORT", str(public))
    monkeypatch.setenv("ASTROSHOP_PROMETHEUS_PORT", str(free_port()))
    runner = CliRunner()
    try:
        up = runner.invoke(main, ["compose", "up", "--timeout", "240"])
        assert up.exit_code == 0, up.output
        order = scripted_purchase(ShopClient(f"http://127.0.0.1:{public}"))
        assert order["order_id"]
        status = runner.invoke(main, ["compose", "status"])
        assert status.exit_code == 0 and "unhealthy" not in status.output
    finally:
        down = runner.invoke(main, ["compose", "down", "--volumes"])
    assert down.exit_code == 0, down.output
