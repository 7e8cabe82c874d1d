"""The flag file (flagd format) fed to OpenFeature's in-memory provider, re-read when it changes.

No flagd daemon and no gRPC: the file is read here, checked against the part of the flagd
format the shop uses (state, variants, defaultVariant, metadata; no targeting), and served by
the SDK's InMemoryProvider. Evaluations look at the file's identity (inode, size, mtime) at
most every POLL_S seconds and swap in a fresh provider when it moved, so `astroshop fault set`
takes effect without a restart and without a watcher thread (which a fork would not carry).
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
from typing import Literal

from openfeature import api
from openfeature.provider.in_memory_provider import InMemoryFlag, InMemoryProvider
from pydantic import (BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt,
                      StrictStr, ValidationError, model_validator)

from shop.common.config import ConfigError

POLL_S = 0.25  # the longest a change waits for the next evaluation to notice it
Value = StrictBool | StrictInt | StrictFloat | StrictStr | dict | list


class FlagEntry(BaseModel):
    """One flag of a flagd file, as far as the shop's faults use the format."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    state: Literal["ENABLED", "DISABLED"]
    variants: dict[str, Value] = Field(min_length=1)
    default_variant: str = Field(alias="defaultVariant")
    targeting: dict = Field(default_factory=dict, max_length=0,
                            description="targeting rules are not supported: serve a variant")
    metadata: dict[str, StrictBool | StrictInt | StrictFloat | StrictStr] = Field(
        default_factory=dict)

    @model_validator(mode="after")
    def _default_is_a_variant(self) -> FlagEntry:
        if self.default_variant not in self.variants:
            raise ValueError(f"defaultVariant {self.default_variant!r} is not one of the "
                             f"variants {sorted(self.variants)}")
        return self

    def served(self) -> InMemoryFlag:
        """The SDK's in-memory flag; numbers are served as floats, as flagd does for them."""
        variants = {name: float(value) if type(value) is int else value
                    for name, value in self.variants.items()}
        return InMemoryFlag(self.default_variant, variants, dict(self.metadata))


class FlagFile(BaseModel):
    """A flagd file: its flags (its `$schema` and other top-level keys are not read)."""

    flags: dict[str, FlagEntry]


def read_flags(path: str) -> dict[str, InMemoryFlag]:
    """The enabled flags of the file at `path` (a disabled flag reads as absent: off)."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"ASTROSHOP_FLAGS_FILE {path!r} is not a readable JSON file: "
                          f"{exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("flags"), dict):
        raise ConfigError(f"ASTROSHOP_FLAGS_FILE {path!r} has no \"flags\" object "
                          "(expected the flagd format)")
    try:
        parsed = FlagFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in err["loc"])
        raise ConfigError(f"ASTROSHOP_FLAGS_FILE {path!r} does not follow the flagd format: "
                          f"{where}: {err['msg']}") from exc
    return {name: flag.served() for name, flag in parsed.flags.items()
            if flag.state == "ENABLED"}


def identity(path: str) -> tuple[int, int, int] | None:
    """What changes when the file is rewritten: inode, size and modification time (None when
    there is no file)."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


class FlagSource:
    """The file behind one OpenFeature domain: its provider, refreshed when the file moves."""

    def __init__(self, path: str, domain: str, logger: logging.Logger):
        self.path, self.domain, self.logger = path, domain, logger
        self.seen = identity(path)
        api.set_provider(InMemoryProvider(read_flags(path)), domain)
        self.next_look = time.monotonic() + POLL_S
        self.lock = threading.Lock()
        self.version = 0  # one up at every swap of the provider

    def refresh(self) -> int:
        """Swap in the file's new flags if it changed (a broken file keeps the last good ones);
        return the version of the flags now served."""
        if time.monotonic() < self.next_look or not self.lock.acquire(blocking=False):
            return self.version
        try:
            self.next_look = time.monotonic() + POLL_S
            now = identity(self.path)
            if now != self.seen:
                self.seen = now
                api.set_provider(InMemoryProvider(read_flags(self.path)), self.domain)
                self.version += 1
        except ConfigError as exc:
            self.logger.warning("flag file not reloaded, the last good flags stay",
                                extra={"fields": {"reason": str(exc)}})
        finally:
            self.lock.release()
        return self.version
