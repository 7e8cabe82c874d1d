"""The rendered Alertmanager config in a real Alertmanager, notifying the real receiver:
alerts posted to its API v2 reach the receiver by severity, and inhibition holds back a
ticket under its objective's page and per-service pages under EdgeDown (amtool cannot test
inhibition offline). No shop runs: only the two processes, started and stopped here."""
import os
import subprocess
from datetime import datetime, timedelta, timezone

import pytest
import requests

from harness.alerting import alertmanager, notifications, supervised
from harness.paths import RunPaths
from harness.polling import poll_until
from harness.stack.options import default_port_offset
from harness.model.topology import FAST_ALERTS, Topology

OFFSET = default_port_offset() + 6500  # beside the +5000..+7000 stacks, clear of their ports


@pytest.fixture(scope="module")
def alerting(tmp_path_factory):
    paths = RunPaths(tmp_path_factory.mktemp("alerting")).ensure()
    topology = Topology(alert_timing=FAST_ALERTS).shifted(OFFSET)
    supervised.write_configs(topology, paths)
    specs = [s for s in supervised.processes(topology, paths) if s["name"] != "blackbox"]
    started = []
    try:
        for spec in specs:
            log = (paths.logs / f"{spec['name']}.log").open("w")
            started.append(subprocess.Popen(spec["command"], stdout=log, stderr=log,
                                            env={**os.environ, **spec.get("env", {})}))
        for spec in specs:
            poll_until(lambda: requests.get(spec["health_url"], timeout=2).ok, 30,
                       f"{spec['name']} healthy")
        yield topology, paths
    finally:
        for process in started:
            process.terminate()
            process.wait(10)


def post(topology, *label_sets):
    """Fire alerts with these labels through Alertmanager's API v2."""
    now = datetime.now(timezone.utc)
    body = [{"labels": labels, "annotations": {"summary": labels["alertname"]},
             "startsAt": now.isoformat(), "endsAt": (now + timedelta(minutes=5)).isoformat()}
            for labels in label_sets]
    requests.post(f"{alertmanager.url(topology)}/api/v2/alerts", json=body,
                  timeout=5).raise_for_status()


def received(paths, slo):
    return [(r["receiver"], r["severity"], r["alertname"])
            for r in notifications.read(notifications.store_path(paths)) if r["objective"] == slo]


def burn(slo, severity, **extra):
    return {"alertname": "SLOErrorBudgetBurn", "slo": slo, "severity": severity, **extra}


def test_a_page_holds_back_its_objectives_ticket_only(alerting):
    topology, paths = alerting
    post(topology, burn("checkout-success", "page"), burn("checkout-success", "ticket"),
         burn("api-latency", "ticket"))
    poll_until(lambda: received(paths, "api-latency"), 30, "the api-latency ticket notified")
    poll_until(lambda: received(paths, "checkout-success"), 30, "the checkout-success page")
    assert received(paths, "api-latency") == [("astroshop-ticket", "ticket", "SLOErrorBudgetBurn")]
    assert received(paths, "checkout-success") == [
        ("astroshop-page", "page", "SLOErrorBudgetBurn")]


def test_edge_down_holds_back_per_service_pages(alerting):
    topology, paths = alerting
    post(topology, {"alertname": "EdgeDown", "severity": "page", "scope": "edge"})
    poll_until(lambda: requests.get(f"{alertmanager.url(topology)}/api/v2/alerts",
                                    timeout=5).json(), 10, "EdgeDown known to Alertmanager")
    post(topology, burn("cart-availability", "page", service="cart"),
         burn("edge-availability", "page"))
    poll_until(lambda: received(paths, "edge-availability"), 30, "the edge-availability page")
    states = {a["labels"].get("slo", a["labels"]["alertname"]): a["status"]
              for a in requests.get(f"{alertmanager.url(topology)}/api/v2/alerts",
                                    timeout=5).json()}
    assert states["cart-availability"]["inhibitedBy"] != []
    assert states["edge-availability"]["inhibitedBy"] == []
    assert received(paths, "cart-availability") == []
