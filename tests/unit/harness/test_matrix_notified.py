"""Pages read from the receiver's store: times, open and resolved pages, the false-alarm rows."""
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from harness.alerting import notifications
from harness.faults.matrix import falsealarm, gates, notified, probes
from harness.faults.matrix.gates import GateRun


def store_with(tmp_path, *alerts):
    """A receiver store holding one notification per (status, objective, severity, fingerprint,
    received)."""
    store = tmp_path / "notifications.jsonl"
    for status, objective, severity, fingerprint, received in alerts:
        labels = {"alertname": "SLOErrorBudgetBurn", "severity": severity}
        labels.update({"slo": objective} if objective else {"alertname": "EdgeDown"})
        found = notifications.records({"alerts": [{
            "status": status, "labels": labels, "fingerprint": fingerprint,
            "startsAt": "2026-03-01T10:00:00.123456789Z"}]}, "astroshop-page")
        found[0]["received_at"] = datetime.fromtimestamp(received, timezone.utc).isoformat()
        notifications.append(store, found)
    return store


@pytest.mark.parametrize("text, expected", [
    ("2026-03-01T10:00:00.123456789Z", 1772359200.123456),
    ("2026-03-01T10:00:00Z", 1772359200.0),
    ("2026-03-01T10:00:00.5+00:00", 1772359200.5),
    ("0001-01-01T00:00:00Z", None),
    ("", None),
])
def test_times_from_alertmanager_and_the_receiver(text, expected):
    assert notified.epoch(text) == (None if expected is None else pytest.approx(expected))


def test_pages_keep_only_the_page_severity_and_the_objective(tmp_path):
    store = store_with(tmp_path, ("firing", "cart-availability", "page", "a", 100),
                       ("firing", "cart-availability", "ticket", "b", 101),
                       ("firing", "checkout-success", "page", "c", 102),
                       ("firing", "", "page", "d", 103))
    assert [p.fingerprint for p in notified.pages(store, "cart-availability")] == ["a"]
    assert [p.fingerprint for p in notified.firing(store, None, 101)] == ["c", "d"]
    assert [p.fingerprint for p in notified.firing(store, None, 0, until=102)] == ["a", "c"]
    assert notified.pages(store)[2].describe() == "EdgeDown page"


def test_a_page_is_open_until_its_last_notification_says_resolved(tmp_path):
    store = store_with(tmp_path, ("firing", "cart-availability", "page", "a", 100),
                       ("firing", "cart-availability", "page", "b", 101),
                       ("resolved", "cart-availability", "page", "a", 110),
                       ("firing", "cart-availability", "page", "a", 120))
    assert sorted(p.fingerprint for p in notified.still_open(store, "cart-availability")) == [
        "a", "b"]
    assert notified.still_open(store, "cart-availability", since=115)[0].received == 120
    assert notified.wait_resolved(store, "cart-availability", 0, deadline=0)


def test_nothing_received_yet_is_no_page(tmp_path):
    assert notified.pages(tmp_path / "none.jsonl") == []
    assert notified.wait_firing(tmp_path / "none.jsonl", "cart-availability", 0, 0) is None


def test_a_clean_gate_during_which_a_page_was_notified_is_a_false_alarm(tmp_path, monkeypatch):
    store = tmp_path / "notifications.jsonl"

    def gate_that_pages(folder, duration_s, users):
        """A passing gate during which Alertmanager delivers one page."""
        store_with(tmp_path, ("firing", "edge-availability", "page", "a",
                              datetime.now(timezone.utc).timestamp()))
        return GateRun("g1", "pass", 0, {"edge-availability": "pass"})

    monkeypatch.setattr(gates, "run", gate_that_pages)
    monkeypatch.setattr(probes, "fired_during", lambda client, seconds: [])
    row = falsealarm.judged(tmp_path, SimpleNamespace(), store)
    assert row["false_alarm"] and row["page_notifications"] == [
        "SLOErrorBudgetBurn edge-availability page"]
    monkeypatch.setattr(gates, "run", lambda folder, duration_s, users: GateRun(
        "g2", "pass", 0, {"edge-availability": "pass"}))
    monkeypatch.setattr(probes, "fired_during", lambda client, seconds: ["x 1m/5s"])
    quiet = falsealarm.judged(tmp_path, SimpleNamespace(), store)
    assert not quiet["false_alarm"] and quiet["fired_in_prometheus"] == ["x 1m/5s"]
