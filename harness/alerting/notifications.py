"""Notifications as the receiver stores them: one JSON line per alert of each webhook call."""
from __future__ import annotations

import json
import threading
from datetime import datetime, timezone
from pathlib import Path

from harness.paths import RunPaths

STORE_ENV = "ASTROSHOP_ALERTS_FILE"  # the receiver's store, set by the supervisor
STATUSES = ("firing", "resolved")
PUBLIC_FIELDS = ("received_at", "status", "alertname", "objective", "severity", "summary")
_LOCK = threading.Lock()


class BadPayload(ValueError):
    """A webhook body that is not Alertmanager's: `field` names what is wrong."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


def store_path(paths: RunPaths) -> Path:
    """Where the stack's receiver appends notifications."""
    return paths.root / "alerts" / "notifications.jsonl"


def records(payload: object, receiver: str) -> list[dict]:
    """One record per alert of a webhook payload; BadPayload before anything is kept."""
    if not isinstance(payload, dict):
        raise BadPayload("body", "must be a JSON object (Alertmanager's webhook payload)")
    alerts = payload.get("alerts")
    if not isinstance(alerts, list) or not alerts:
        raise BadPayload("alerts", "must be a non-empty list")
    received_at = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    found = []
    for index, alert in enumerate(alerts):
        where = f"alerts[{index}]"
        if not isinstance(alert, dict) or not isinstance(alert.get("labels"), dict):
            raise BadPayload(f"{where}.labels", "must be an object of label names to values")
        if alert.get("status") not in STATUSES:
            raise BadPayload(f"{where}.status", f"must be one of {', '.join(STATUSES)}")
        labels, annotations = alert["labels"], alert.get("annotations") or {}
        found.append({
            "received_at": received_at, "status": alert["status"],
            "alertname": labels.get("alertname", ""), "objective": labels.get("slo", ""),
            "severity": labels.get("severity", ""), "summary": annotations.get("summary", ""),
            "receiver": receiver, "group_key": payload.get("groupKey", ""),
            "group_status": payload.get("status", ""),
            "labels": labels, "starts_at": alert.get("startsAt", ""),
            "ends_at": alert.get("endsAt", ""), "fingerprint": alert.get("fingerprint", "")})
    return found


def append(path: Path, found: list[dict]) -> None:
    """Append records to the store, one JSON line each, whole lines only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(record, sort_keys=True) + "\n" for record in found)
    with _LOCK, path.open("a", encoding="utf-8") as out:
        out.write(text)


def read(path: Path) -> list[dict]:
    """Every stored record, oldest first (none when nothing was received yet)."""
    if not Path(path).exists():
        return []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def public(record: dict) -> dict:
    """The fields `astroshop alerts list --json` shows of one record."""
    return {name: record.get(name, "") for name in PUBLIC_FIELDS}
