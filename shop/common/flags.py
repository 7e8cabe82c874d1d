"""Feature flags that inject faults: OpenFeature, with the flagd provider reading a file in-process.

The file (ASTROSHOP_FLAGS_FILE, flagd format) is watched by the provider and re-read when it
changes, so `astroshop fault set` takes effect within POLL_MS without a restart. Without a
file every flag evaluates to its off value.
"""
from __future__ import annotations

import json
import random
from time import sleep

from flask import Flask, current_app
from openfeature import api
from openfeature.client import OpenFeatureClient
from openfeature.contrib.provider.flagd import FlagdProvider
from openfeature.contrib.provider.flagd.config import ResolverType
from openfeature.provider import FeatureProvider, ProviderStatus
from openfeature.provider.no_op_provider import NoOpProvider

from shop.common.config import ConfigError
from shop.common.errors import ApiError
from shop.common.leak import Leak

POLL_MS = 250  # how often the provider looks at the file's modification time


class InjectedFault(ApiError):
    """A failure a flag asked for: a 500 whose detail names the flag."""

    status, title = 500, "Internal Server Error"

    def __init__(self, flag: str, what: str):
        super().__init__(f"{what} (fault injected by flag {flag})")
        self.flag = flag


class Flags:
    """Typed evaluation of the fault flags; a missing or mistyped flag reads as off."""

    def __init__(self, client: OpenFeatureClient):
        self.client = client

    def enabled(self, name: str) -> bool:
        """A boolean flag."""
        return self.client.get_boolean_value(name, False)

    def number(self, name: str) -> float:
        """A numeric flag (a ratio, milliseconds, KiB, ...); 0 when off."""
        return self.client.get_float_value(name, 0.0)

    def text(self, name: str) -> str:
        """A string flag; empty when off."""
        return self.client.get_string_value(name, "")

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


def provider_for(path: str) -> FeatureProvider:
    """The flagd provider reading `path` in-process, or a no-op one when there is no file."""
    if not path:
        return NoOpProvider()
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"ASTROSHOP_FLAGS_FILE {path!r} is not a readable JSON file: "
                          f"{exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("flags"), dict):
        raise ConfigError(f"ASTROSHOP_FLAGS_FILE {path!r} has no \"flags\" object "
                          "(expected the flagd format)")
    return FlagdProvider(resolver_type=ResolverType.IN_PROCESS, offline_flag_source_path=path,
                         deadline_ms=POLL_MS)


def init_app(app: Flask) -> None:
    """Give the app its flags (one OpenFeature domain per service) and a leak holder."""
    domain = f"astroshop-{app.config['SERVICE']}"
    path = str(app.config.get("FLAGS_FILE") or "")
    provider = provider_for(path)
    api.set_provider(provider, domain)
    client = api.get_client(domain)
    if client.get_provider_status() != ProviderStatus.READY:
        provider.shutdown()
        raise ConfigError(f"the flag provider could not load {path!r} (status "
                          f"{client.get_provider_status().value}); check it against the "
                          "flagd schema")
    app.extensions["astroshop_flags"] = Flags(client)
    app.extensions["astroshop_leak"] = Leak()


def flags() -> Flags:
    """The current app's flags."""
    return current_app.extensions["astroshop_flags"]

