"""Service configuration from ASTROSHOP_* environment variables, and nothing else."""
from __future__ import annotations

import os
from collections.abc import Mapping

PREFIX = "ASTROSHOP_"

# Defaults every service shares; a service adds its own in create_app().
COMMON_DEFAULTS = {
    "MESH_URL": "http://127.0.0.1:10000",
    "CLIENT_TIMEOUT_S": "2.0",
    "LOG_LEVEL": "INFO",
    "FLAGS_FILE": "",
    "MEMORY_BUDGET_MB": "128",  # run by hand; the harness passes each service's memory_mb
}


class ConfigError(RuntimeError):
    """A required setting is missing or malformed; raised at start-up, never later."""


def load(defaults: Mapping[str, str], required: tuple[str, ...] = (),
         environ: Mapping[str, str] | None = None,
         overrides: Mapping[str, object] | None = None) -> dict[str, object]:
    """Defaults, then ASTROSHOP_* environment, then overrides; fail fast on missing keys."""
    environ = os.environ if environ is None else environ
    config: dict[str, object] = {**COMMON_DEFAULTS, **defaults}
    for key, value in environ.items():
        if key.startswith(PREFIX):
            config[key[len(PREFIX):]] = value
    if overrides:
        config.update(overrides)
    missing = [key for key in required if not config.get(key)]
    if missing:
        names = ", ".join(PREFIX + key for key in missing)
        raise ConfigError(f"missing required setting(s): {names}")
    return config


def as_float(config: Mapping[str, object], key: str) -> float:
    """Read a numeric setting, naming the variable when it is not a number."""
    try:
        return float(config[key])  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{PREFIX}{key} must be a number, got {config.get(key)!r}") from exc
