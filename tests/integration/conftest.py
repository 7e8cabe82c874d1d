"""One real stack (Envoy and every service under supervisord) per integration session."""
import os
from contextlib import contextmanager

import pytest

from harness.certs import trust
from harness.certs.files import TlsDir
from harness.shopclient import ShopClient
from harness.stack.options import StackOptions
from tests.support.stack import running_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    # Prometheus scrapes every second, so observability tests see traffic within seconds.
    options = StackOptions(scrape_interval_s=1)
    with running_stack(tmp_path_factory.mktemp("run"), options) as running:
        with trusting(TlsDir(running.paths.tls).ca_cert):
            yield running


@pytest.fixture(scope="session")
def topology(stack):
    """The session stack's topology (its ports)."""
    return stack.options().topology()


@pytest.fixture(scope="session")
def ca(stack) -> str:
    """The session stack's CA file."""
    return str(TlsDir(stack.paths.tls).ca_cert)


@contextmanager
def trusting(ca):
    """Every client of this test process trusts the stack's CA: the harness's own (through
    ASTROSHOP_CA_FILE) and plain `requests` calls (REQUESTS_CA_BUNDLE), then as before."""
    names = (trust.CA_ENV, "REQUESTS_CA_BUNDLE")
    previous = {name: os.environ.get(name) for name in names}
    os.environ.update({name: str(ca) for name in names})
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="session")
def shop(stack) -> ShopClient:
    return ShopClient(stack.options().topology().public_url())
