"""One real stack (Envoy and every service under supervisord) per integration session."""
import pytest

from harness.certs.files import TlsDir
from harness.shopclient import ShopClient
from harness.stack.options import StackOptions
from tests.support.privilege import require_root
from tests.support.stack import running_stack, terminated_as_interrupt

NEEDS_ROOT = ("test_engine_lifecycle.py",)  # modules that start dockerd whatever answers


def pytest_collection_modifyitems(config, items):
    """The modules that start dockerd need root: without it the run stops saying so, unless
    ASTROSHOP_SKIP_ENGINE=1 skips them on purpose (and says so)."""
    require_root([item for item in items if item.path.name in NEEDS_ROOT],
                 "ASTROSHOP_SKIP_ENGINE", "the Docker engine's lifecycle tests (dockerd needs root)")


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    # Prometheus scrapes every second, so observability tests see traffic within seconds.
    options = StackOptions(scrape_interval_s=1)
    with terminated_as_interrupt(), running_stack(tmp_path_factory.mktemp("run"),
                                                  options) as running:
        yield running  # stopped by its supervisor at the end, after a SIGTERM too


@pytest.fixture(scope="session")
def topology(stack):
    """The session stack's topology (its ports)."""
    return stack.options().topology()


@pytest.fixture(scope="session")
def ca(stack) -> str:
    """The session stack's CA file."""
    return str(TlsDir(stack.paths.tls).ca_cert)


@pytest.fixture(scope="session")
def shop(stack) -> ShopClient:
    return ShopClient(stack.options().topology().public_url())
