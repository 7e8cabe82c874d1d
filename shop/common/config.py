"""Service configuration from ASTROSHOP_* environment variables, and nothing else.

A secret setting (SECRET_SETTINGS) may instead be named by ASTROSHOP_<KEY>_FILE, the path of a
file that holds it (readable by the service alone): the harness gives secrets that way, so no
process listing, supervisor config or environment dump shows them.
"""
from __future__ import annotations

import os
from collections.abc import Mapping

PREFIX = "ASTROSHOP_"
FILE_SUFFIX = "_FILE"
SECRET_SETTINGS = ("SECRET_KEY", "DATABASE_URL", "REDIS_URL")

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
    for key in SECRET_SETTINGS:
        if config.get(key + FILE_SUFFIX):
            config[key] = read_secret(key, str(config.pop(key + FILE_SUFFIX)))
    if overrides:
        config.update(overrides)
    missing = [key for key in required if not config.get(key)]
    if missing:
        names = ", ".join(PREFIX + key for key in missing)
        raise ConfigError(f"missing required setting(s): {names}")
    return config


def read_secret(key: str, path: str) -> str:
    """The secret in the file at `path` (surrounding whitespace dropped), or a ConfigError."""
    try:
        with open(path, encoding="utf-8") as handle:
            value = handle.read().strip()
    except OSError as exc:
        raise ConfigError(f"{PREFIX}{key}{FILE_SUFFIX}: cannot read {path} "
                          f"({exc.strerror})") from exc
    if not value:
        raise ConfigError(f"{PREFIX}{key}{FILE_SUFFIX}: {path} is empty")
    return value


def as_float(config: Mapping[str, object], key: str) -> float:
    """Read a numeric setting, naming the variable when it is not a number."""
    try:
        return float(config[key])  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{PREFIX}{key} must be a number, got {config.get(key)!r}") from exc
