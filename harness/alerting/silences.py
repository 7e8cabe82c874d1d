"""Silences through Alertmanager's API v2: create, expire, list."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import requests

MATCHER = re.compile(r"^([a-zA-Z_][a-zA-Z0-9_]*)(=~|!~|!=|=)(.+)$")
AUTHOR = "astroshop"


class AlertmanagerError(RuntimeError):
    """Alertmanager is unreachable or refused the request; the message says which."""


def matcher(text: str) -> dict:
    """An API matcher from `name=value` (also `!=`, `=~`, `!~`); ValueError naming the text."""
    found = MATCHER.match(text.strip())
    if not found:
        raise ValueError(f"matcher {text!r} is not NAME=VALUE (or !=, =~, !~), "
                         "for example slo=payment-availability")
    name, op, value = found.groups()
    return {"name": name, "value": value.strip('"'), "isRegex": "~" in op,
            "isEqual": not op.startswith("!")}


def _call(method: str, url: str, **kwargs) -> requests.Response:
    """One API request; AlertmanagerError when nobody answers or it says no."""
    try:
        response = requests.request(method, url, timeout=10, **kwargs)
    except requests.RequestException as exc:
        raise AlertmanagerError(f"Alertmanager at {url} is unreachable "
                                f"({type(exc).__name__}); is the stack up?") from exc
    if response.status_code >= 400:
        raise AlertmanagerError(f"Alertmanager refused {method} {url}: "
                                f"HTTP {response.status_code} {response.text.strip()}")
    return response


def create(base_url: str, matchers: list[str], duration: timedelta, comment: str) -> str:
    """Silence the alerts matching every matcher for `duration`; the new silence's id."""
    if not matchers:
        raise ValueError("give at least one matcher, for example slo=payment-availability")
    now = datetime.now(timezone.utc)
    body = {"matchers": [matcher(text) for text in matchers], "startsAt": now.isoformat(),
            "endsAt": (now + duration).isoformat(), "createdBy": AUTHOR, "comment": comment}
    return _call("POST", f"{base_url}/api/v2/silences", json=body).json()["silenceID"]


def expire(base_url: str, silence_id: str) -> None:
    """End one silence now."""
    _call("DELETE", f"{base_url}/api/v2/silence/{silence_id}")


def active(base_url: str) -> list[dict]:
    """The silences in force: id, matchers as text, until, comment."""
    found = _call("GET", f"{base_url}/api/v2/silences").json()
    return [{"id": s["id"], "until": s["endsAt"], "comment": s.get("comment", ""),
             "matchers": [render(m) for m in s["matchers"]]}
            for s in found if s["status"]["state"] == "active"]


def render(api_matcher: dict) -> str:
    """An API matcher back as `name=value` text."""
    op = ("=" if api_matcher.get("isEqual", True) else "!") + (
        "~" if api_matcher["isRegex"] else "")
    op = {"=": "=", "=~": "=~", "!": "!=", "!~": "!~"}[op]
    return f"{api_matcher['name']}{op}{api_matcher['value']}"
