"""One real stack (Envoy and every service under supervisord) per integration session."""
import pytest

from harness.certs.files import TlsDir
from harness.shopclient import ShopClient
from harness.stack.options import StackOptions
from tests.support.stack import running_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    # Prometheus scrapes every second, so observability tests see traffic within seconds.
    options = StackOptions(scrape_interval_s=1)
    with running_stack(tmp_path_factory.mktemp("run"), options) as running:
        yield running


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
