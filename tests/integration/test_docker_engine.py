"""The images on a real Docker engine (started through `astroshop engine up`'s code when none
answers): built offline on the Debian base, run as uid 10001 on a read-only root filesystem,
answering on a 127.0.0.1 port, then removed."""
from __future__ import annotations

import json
import secrets

import pytest
import requests

from harness.containers import locks
from harness.polling import poll_until
from tests.support.engine import build_images, check_confined, healthy, running_engine, started
from tests.support import ports

pytestmark = pytest.mark.slow
ENVOY_CONFIG = """
admin: {address: {socket_address: {address: 0.0.0.0, port_value: 9902}}}
static_resources:
  listeners:
  - name: probe
    address: {socket_address: {address: 0.0.0.0, port_value: 10000}}
    filter_chains:
    - filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
          stat_prefix: probe
          route_config:
            virtual_hosts:
            - name: all
              domains: ["*"]
              routes: [{match: {prefix: /}, direct_response: {status: 200, body: {inline_string: envoy}}}]
          http_filters:
          - name: envoy.filters.http.router
            typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router}
"""


@pytest.fixture(scope="module")
def docker():
    """A client of an answering engine (started here if none answered)."""
    with running_engine() as client:
        yield client


@pytest.fixture(scope="module")
def built(docker):
    """The base and both images."""
    return build_images(docker)


def test_the_base_records_the_debian_packages_it_carries(built):
    found, _ = built
    assert found.packages["libc6"].startswith("2.36"), "bookworm's glibc"
    if found.origin == "debian":
        assert found.packages["python3"].startswith("3.11")


def test_the_shop_image_holds_exactly_the_shop_lock(docker, built):
    _, made = built
    listing = docker.run(made["shop"].reference, ["python3", "-c", (
        "import importlib.metadata as m, json; "
        "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions()}))")],
        remove=True, networks=["none"])
    installed = {locks.normalise(name): version for name, version in json.loads(listing).items()}
    assert installed == locks.pinned(locks.SHOP_LOCK)


def test_services_run_as_non_root_read_only_and_answer_healthz(docker, built):
    _, made = built
    with ports.single_port() as catalog_port, ports.single_port() as cart_port, \
            started(docker, made["shop"].reference, envs={"ASTROSHOP_SERVICE": "catalog"},
                    publish=[(f"127.0.0.1:{catalog_port.port}", 8000)]) as catalog, \
            started(docker, made["shop"].reference, envs={
                "ASTROSHOP_SERVICE": "cart", "ASTROSHOP_SECRET_KEY": secrets.token_hex(16)},
                publish=[(f"127.0.0.1:{cart_port.port}", 8000)]) as cart:
        published = {"catalog": catalog_port.port, "cart": cart_port.port}
        for service, port in published.items():
            url = f"http://127.0.0.1:{port}/healthz"
            answer = poll_until(lambda: requests.get(url, timeout=2), 60, f"{service} answering")
            assert answer.status_code == 200 and answer.json()["service"] == service
        products = requests.get(f"http://127.0.0.1:{published['catalog']}/api/products",
                                timeout=5)
        assert products.json()["products"]
        assert requests.get(f"http://127.0.0.1:{published['cart']}/readyz", timeout=5).ok, \
            "the cart's SQLite store, in the image's volume, is writable"
        for container in (catalog, cart):
            check_confined(docker, container)
            poll_until(lambda c=container: healthy(docker, c), 60, "the image's HEALTHCHECK")


def test_without_a_service_the_shop_image_says_which_variable(docker, built):
    _, made = built
    with started(docker, made["shop"].reference, networks=["none"]) as container:
        assert docker.container.wait(container) != 0
        assert "set ASTROSHOP_SERVICE" in docker.container.logs(container)


def test_envoy_runs_as_non_root_read_only_and_is_ready(docker, built, tmp_path):
    _, made = built
    config = tmp_path / "envoy.yaml"
    config.write_text(ENVOY_CONFIG)
    config.chmod(0o644)
    with ports.single_port() as admin_lease, ports.single_port() as public_lease, \
            started(docker, made["envoy"].reference,
                    volumes=[(config, "/etc/envoy/envoy.yaml", "ro")],
                    publish=[(f"127.0.0.1:{admin_lease.port}", 9902),
                             (f"127.0.0.1:{public_lease.port}", 10000)]) as envoy:
        admin, public = admin_lease.port, public_lease.port
        ready = poll_until(lambda: requests.get(f"http://127.0.0.1:{admin}/ready", timeout=2).ok,
                           60, "envoy's /ready")
        assert ready
        assert requests.get(f"http://127.0.0.1:{public}/", timeout=5).text == "envoy"
        check_confined(docker, envoy)
        poll_until(lambda: healthy(docker, envoy), 60, "the image's HEALTHCHECK")
