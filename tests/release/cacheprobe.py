"""A shopper reading the product list through the edge while a release runs, and after it:
which build answered each read, and whether the edge's cache gave it (an `age` header)."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import requests

BUILD_HEADER = "x-astroshop-build"


@dataclass(frozen=True)
class Answer:
    """One read of the product list as the shopper got it."""

    at: float
    status: int
    build: str
    from_cache: bool
    cache_control: str


@dataclass
class CacheProbe:
    """Reads `url`/api/products every `pause` s in a thread until stopped (bounded by `limit`)."""

    url: str
    pause: float = 0.05
    limit: float = 900.0
    answers: list[Answer] = field(default_factory=list)
    stop_at: float = 0.0

    def __post_init__(self):
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        """Read until `stop_at` (or the limit), recording every answer."""
        session, deadline = requests.Session(), time.monotonic() + self.limit
        while time.monotonic() < deadline and not (self.stop_at and time.time() > self.stop_at):
            try:
                got = session.get(f"{self.url}/api/products", timeout=5)
                self.answers.append(Answer(time.time(), got.status_code,
                                           got.headers.get(BUILD_HEADER, ""),
                                           "age" in got.headers,
                                           got.headers.get("cache-control", "")))
            except requests.RequestException:
                pass
            time.sleep(self.pause)

    def start(self) -> CacheProbe:
        """Begin reading."""
        self.thread.start()
        return self

    def finish(self, seconds_more: float) -> None:
        """Read for `seconds_more` s from now, then stop and wait for the thread."""
        self.stop_at = time.time() + seconds_more
        self.thread.join()

    def by(self, version: str, since: float = 0.0) -> list[Answer]:
        """The answers a build of `version` produced, from `since` on."""
        return [a for a in self.answers if version in a.build and a.at >= since]
