"""Feature flags that inject faults: OpenFeature, fed from a flagd-format file in-process.

The file (ASTROSHOP_FLAGS_FILE) is served by the SDK's in-memory provider and re-read when it
changes (shop.common.flagsource), so `astroshop fault set` takes effect within POLL_S without a
restart. Without a file every flag evaluates to its off value.
"""
from __future__ import annotations

import random
from time import sleep

from flask import Flask, current_app
from openfeature import api
from openfeature.client import OpenFeatureClient
from openfeature.provider.no_op_provider import NoOpProvider

from shop.common.errors import ApiError
from shop.common.flagsource import FlagSource
from shop.common.leak import Leak


class InjectedFault(ApiError):
    """A failure a flag asked for: a 500 whose detail names the flag."""

    status, title = 500, "Internal Server Error"

    def __init__(self, flag: str, what: str):
        super().__init__(f"{what} (fault injected by flag {flag})")
        self.flag = flag


class Flags:
    """Typed evaluation of the fault flags; a missing or mistyped flag reads as off.

    The flags carry no targeting, so a value depends on the file alone: each is evaluated
    through OpenFeature once per version of the file, then served from `values`.
    """

    def __init__(self, client: OpenFeatureClient, source: FlagSource | None = None):
        self.client = client
        self.source = source
        self.values: dict[tuple[str, str], object] = {}
        self.version = 0

    def _value(self, kind: str, name: str, default: object):
        """The flag's value as get_<kind>_value evaluates it, for the file's current version."""
        version = self.source.refresh() if self.source is not None else 0
        if version != self.version:
            self.values, self.version = {}, version
        values, key = self.values, (kind, name)
        if key not in values:
            values[key] = getattr(self.client, f"get_{kind}_value")(name, default)
        return values[key]

    def enabled(self, name: str) -> bool:
        """A boolean flag."""
        return self._value("boolean", name, False)

    def number(self, name: str) -> float:
        """A numeric flag (a ratio, milliseconds, KiB, ...); 0 when off."""
        return self._value("float", name, 0.0)

    def text(self, name: str) -> str:
        """A string flag; empty when off."""
        return self._value("string", name, "")

    def chance(self, name: str) -> bool:
        """True for the share of calls a ratio flag (0..1) names."""
        rate = self.number(name)
        return rate > 0 and random.random() < rate

    def pause(self, name: str) -> None:
        """Sleep for the milliseconds a latency flag names."""
        delay_ms = self.number(name)
        if delay_ms > 0:
            sleep(delay_ms / 1000)

    def fail_if(self, name: str, what: str) -> None:
        """Raise InjectedFault when the boolean flag is on."""
        if self.enabled(name):
            raise InjectedFault(name, what)


def init_app(app: Flask) -> None:
    """Give the app its flags (one OpenFeature domain per service) and a leak holder.

    A file that is unreadable or not in the flagd format stops the service here (ConfigError).
    """
    domain = f"astroshop-{app.config['SERVICE']}"
    path = str(app.config.get("FLAGS_FILE") or "")
    source = FlagSource(path, domain, app.logger) if path else None
    if source is None:
        api.set_provider(NoOpProvider(), domain)
    app.extensions["astroshop_flags"] = Flags(api.get_client(domain), source)
    app.extensions["astroshop_leak"] = Leak()


def flags() -> Flags:
    """The current app's flags."""
    return current_app.extensions["astroshop_flags"]

