"""The release suite's stack: one real stack (Prometheus scraping every second) for every
release test, in a temporary run directory."""
import pytest

from harness.stack.options import StackOptions
from tests.support.stack import running_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("run"), StackOptions(scrape_interval_s=1)) as up:
        yield up
