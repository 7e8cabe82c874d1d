"""The memory budget check of shop.common.memory, through a real service app (ads)."""
import pytest

import shop.ads
from harness.model.services import SERVICES
from shop.ads import create_app
from shop.common import memory
from shop.common.config import ConfigError
from shop.common.leak import Leak
from tests.unit.shop.samples import scraped

SERVICE = shop.ads  # the service conftest's `app` fixture builds

CHECKS = "astroshop_memory_budget_checks_total"


def checks(client) -> dict[str, float]:
    """The ads service's checks by result, read from one scrape (which itself counts one)."""
    return {labels["result"]: value for labels, value in scraped(client, CHECKS)
            if labels["service"] == "ads"}


def test_every_scrape_counts_one_check_and_both_results_exist_from_the_start(client):
    first = checks(client)
    second = checks(client)
    assert set(first) == {"within", "over"}
    assert second["within"] + second["over"] == first["within"] + first["over"] + 1


def test_a_process_over_its_budget_is_counted_over(settings):
    client = create_app({**settings, "MEMORY_BUDGET_MB": "1"}).test_client()
    before = checks(client)["over"]
    assert checks(client)["over"] == before + 1


def test_check_compares_the_resident_memory_with_the_budget():
    assert memory.check("ads", budget=100, rss=100) == "within"
    assert memory.check("ads", budget=100, rss=101) == "over"


def test_resident_bytes_reads_the_kernel_figure(tmp_path):
    statm = tmp_path / "statm"
    statm.write_text("5000 1200 300 10 0 900 0\n")
    assert memory.resident_bytes(str(statm)) == 1200 * memory.resource.getpagesize()
    assert memory.resident_bytes() > 10 * 2**20


@pytest.mark.parametrize("value", ["lots", "0", "-5", None])
def test_a_bad_budget_is_refused_with_the_variable_named(value):
    with pytest.raises(ConfigError, match="ASTROSHOP_MEMORY_BUDGET_MB"):
        memory.budget_bytes({"MEMORY_BUDGET_MB": value})


def test_a_leak_is_resident_memory_and_clearing_it_gives_the_memory_back():
    leak, mib = Leak(), 2**20
    before = memory.resident_bytes()
    for _ in range(8):
        leak.follow(8 * 1024, b"a leaked cache entry")
    grown = memory.resident_bytes()
    leak.follow(0, b"")
    assert grown - before >= 60 * mib
    assert grown - memory.resident_bytes() >= 60 * mib
