"""Alerts that reach someone, live: a fault under load becomes a page notification in the
receiver (through Prometheus and Alertmanager), and clearing it a resolved one.

A stack of its own, scraped every second, with the short-window rules (1h/5m -> 1m/5s) and
the local stack's fast Alertmanager timing (group wait 1 s, group interval 5 s), so the
whole round trip takes about a minute."""
import json
from datetime import datetime, timezone

import pytest
import requests
from click.testing import CliRunner

from harness.cli import main
from harness.faults.actions import clear_all
from harness.faults.matrix.background import BackgroundLoad
from harness.faults.matrix.context import use_rules
from harness.polling import poll_until
from harness.stack.options import StackOptions, default_port_offset
from tests.support.stack import running_stack

OBJECTIVE = "payment-availability"
FIRES_WITHIN_S = 90  # 1m/5s page: seconds at 100% errors; then Prometheus, group wait 1 s
RESOLVES_WITHIN_S = 150  # the 6m/30s page needs its 30 s window clean, then a group interval
LOAD_S = 300


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    options = StackOptions(scrape_interval_s=1, port_offset=default_port_offset() + 7000)
    with running_stack(tmp_path_factory.mktemp("alerting"), options) as running:
        use_rules(running, short_window=True)
        yield running


@pytest.fixture(scope="module")
def load(stack, tmp_path_factory):
    topology = stack.options().topology()
    background = BackgroundLoad(topology.public_url(), tmp_path_factory.mktemp("load"), LOAD_S,
                                stack.options().port_offset).start()
    yield background
    background.stop()


def cli(stack, *args) -> str:
    result = CliRunner().invoke(main, list(args), env={"ASTROSHOP_RUN_DIR": str(stack.paths.root)})
    assert result.exit_code == 0, result.output
    return result.output


def pages(stack, status: str, since: str) -> list[dict]:
    """Page notifications of the objective with `status`, received after `since`."""
    listed = json.loads(cli(stack, "alerts", "list", "--json"))["notifications"]
    return [n for n in listed if n["objective"] == OBJECTIVE and n["severity"] == "page"
            and n["status"] == status and n["received_at"] > since]


def all_resolved(stack, since: str) -> list[dict]:
    """The objective's latest page notification after `since`, when every alert in it is
    resolved (one page alert resolving while the other still fires is not enough)."""
    latest = [*pages(stack, "firing", since), *pages(stack, "resolved", since)]
    last = max((n["received_at"] for n in latest), default=None)
    batch = [n for n in latest if n["received_at"] == last]
    return batch if batch and all(n["status"] == "resolved" for n in batch) else []


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def test_status_reports_alertmanager_and_its_processes(stack):
    status = json.loads(cli(stack, "status", "--json"))
    url = status["urls"]["alertmanager"]
    assert url == f"http://127.0.0.1:{stack.options().topology().alertmanager_port}"
    assert requests.get(f"{url}/-/ready", timeout=5).status_code == 200
    health = {row["name"]: row["health"] for row in status["processes"]}
    assert health["alertmanager"] == health["alert-receiver"] == health["blackbox"] == "healthy"


def test_payment_failure_pages_and_clearing_it_resolves(stack, load):
    assert pages(stack, "firing", "") == []
    injected = now()
    try:
        cli(stack, "fault", "set", "paymentFailure", "100%")
        fired = poll_until(lambda: pages(stack, "firing", injected), FIRES_WITHIN_S,
                           f"a firing page notification of {OBJECTIVE}")
        assert fired[0]["alertname"] == "SLOErrorBudgetBurn"
        assert OBJECTIVE in fired[0]["summary"]
        load.check_running()
    finally:
        clear_all(stack)
    cleared = now()
    resolved = poll_until(lambda: all_resolved(stack, cleared), RESOLVES_WITHIN_S,
                          f"a page notification of {OBJECTIVE} with every alert resolved")
    assert resolved[0]["alertname"] == "SLOErrorBudgetBurn"


def test_a_silence_made_through_the_cli_is_in_force_until_lifted(stack):
    silence_id = cli(stack, "alerts", "silence", f"slo={OBJECTIVE}", "severity=page",
                     "--duration", "10m").strip().splitlines()[-1]
    listed = json.loads(cli(stack, "alerts", "silences", "--json"))["silences"]
    assert [s["matchers"] for s in listed if s["id"] == silence_id] == [
        [f"slo={OBJECTIVE}", "severity=page"]]
    cli(stack, "alerts", "unsilence", silence_id)
    listed = json.loads(cli(stack, "alerts", "silences", "--json"))["silences"]
    assert silence_id not in [s["id"] for s in listed]
