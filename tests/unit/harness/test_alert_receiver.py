"""The webhook receiver: Alertmanager's payload stored one line per alert; bad input gets a
problem+json 400 naming the field and stores nothing."""
import pytest

from harness.alerting import notifications, silences
from harness.alerting.receiver import create_app


def payload(status="firing", **labels):
    return {"version": "4", "groupKey": "{}:{slo=\"payment-availability\"}", "status": status,
            "receiver": "astroshop-page", "alerts": [{
                "status": status, "fingerprint": "abc", "startsAt": "2026-01-01T00:00:00Z",
                "endsAt": "0001-01-01T00:00:00Z",
                "labels": {"alertname": "SLOErrorBudgetBurn", "slo": "payment-availability",
                           "severity": "page", **labels},
                "annotations": {"summary": "payment-availability is burning"}}]}


@pytest.fixture
def store(tmp_path):
    return tmp_path / "alerts" / "notifications.jsonl"


@pytest.fixture
def client(store):
    return create_app({"STORE": str(store), "TESTING": True}).test_client()


def test_a_notification_is_stored_and_listed(client, store):
    assert client.post("/hooks/astroshop-page", json=payload()).json == {"stored": 1}
    assert client.post("/hooks/astroshop-page", json=payload("resolved")).status_code == 200
    listed = client.get("/notifications").json["notifications"]
    assert [(n["status"], n["alertname"], n["objective"], n["severity"], n["summary"])
            for n in listed] == [
        ("firing", "SLOErrorBudgetBurn", "payment-availability", "page",
         "payment-availability is burning"),
        ("resolved", "SLOErrorBudgetBurn", "payment-availability", "page",
         "payment-availability is burning")]
    assert set(listed[0]) == set(notifications.PUBLIC_FIELDS)
    kept = notifications.read(store)
    assert kept[0]["receiver"] == "astroshop-page" and kept[1]["group_status"] == "resolved"


@pytest.mark.parametrize("body, field", [
    ([], "body"),
    ({"alerts": []}, "alerts"),
    ({"alerts": [{"status": "firing"}]}, "alerts[0].labels"),
    ({"alerts": [{"status": "burning", "labels": {}}]}, "alerts[0].status"),
])
def test_a_bad_payload_is_refused_naming_the_field(client, store, body, field):
    answer = client.post("/hooks/astroshop-page", json=body)
    assert answer.status_code == 400
    assert answer.mimetype == "application/problem+json"
    assert answer.json["errors"][0]["field"] == field
    assert notifications.read(store) == []


def test_a_body_that_is_not_json_is_refused(client, store):
    answer = client.post("/hooks/astroshop-page", data="x", content_type="text/plain")
    assert answer.status_code == 400 and answer.json["errors"][0]["field"] == "body"
    assert not store.exists()


def test_the_app_refuses_to_start_without_a_store(monkeypatch):
    monkeypatch.delenv(notifications.STORE_ENV, raising=False)
    with pytest.raises(RuntimeError, match=notifications.STORE_ENV):
        create_app()


@pytest.mark.parametrize("text, expected", [
    ("slo=payment-availability", ("slo", "payment-availability", False, True)),
    ("severity!=ticket", ("severity", "ticket", False, False)),
    ('service=~"cart|ads"', ("service", "cart|ads", True, True)),
    ("slo!~pay.*", ("slo", "pay.*", True, False)),
])
def test_matchers_are_read_as_alertmanager_wants_them(text, expected):
    found = silences.matcher(text)
    assert (found["name"], found["value"], found["isRegex"], found["isEqual"]) == expected
    assert silences.render(found) == text.replace('"', "")


@pytest.mark.parametrize("text", ["slo", "=x", "bad matcher", "slo="])
def test_a_bad_matcher_is_refused_by_name(text):
    with pytest.raises(ValueError, match="is not NAME=VALUE"):
        silences.matcher(text)
