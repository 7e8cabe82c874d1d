"""A small steady load for resilience checks: a few threads, bounded in time, loopback only.

It answers one question while a fault is applied: what share of requests still succeeded?
(Locust is the tool for load profiles; this is a probe that a test can run in-process.)
"""
from __future__ import annotations

import itertools
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import urllib3

from harness.certs import trust

MAX_SECONDS = 120
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class Tally:
    """Answers by status (0: no answer at all), and the failures' first lines."""

    statuses: Counter = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int, detail: str = "") -> None:
        """Count one answer; keep the first few failures for the report."""
        with self.lock:
            self.statuses[status] += 1
            if not 200 <= status < 400 and len(self.samples) < 10:
                self.samples.append(f"{status} {detail}"[:200])

    @property
    def total(self) -> int:
        """Requests made."""
        return sum(self.statuses.values())

    @property
    def success_ratio(self) -> float:
        """Share of requests answered with a 2xx or 3xx."""
        good = sum(n for status, n in self.statuses.items() if 200 <= status < 400)
        return good / self.total if self.total else 0.0

    def summary(self) -> str:
        """`1234 requests, 99.84% ok, statuses {200: 1232, 503: 2}; first failures: ...`."""
        text = (f"{self.total} requests, {self.success_ratio:.2%} ok, "
                f"statuses {dict(sorted(self.statuses.items()))}")
        return text + (f"; first failures: {self.samples}" if self.samples else "")


def check_loopback(urls: list[str]) -> None:
    """Refuse any URL that is not on this host's loopback interface."""
    for url in urls:
        if urlsplit(url).hostname not in LOOPBACK:
            raise ValueError(f"steady load goes to 127.0.0.1 only, not {url}")


def run(urls: list[str], seconds: float, threads: int = 4, timeout_s: float = 5.0) -> Tally:
    """Cycle through `urls` from `threads` threads for `seconds`; the tally of answers."""
    check_loopback(urls)
    if not 0 < seconds <= MAX_SECONDS:
        raise ValueError(f"a steady load lasts 0 to {MAX_SECONDS} s, not {seconds}")
    pool = urllib3.PoolManager(maxsize=threads, retries=False, ssl_context=trust.ssl_context(),
                               timeout=urllib3.Timeout(total=timeout_s))
    tally, deadline = Tally(), time.monotonic() + seconds
    cycle, cycle_lock = itertools.cycle(urls), threading.Lock()

    def worker() -> None:
        """Send requests one after another until the deadline."""
        while time.monotonic() < deadline:
            with cycle_lock:
                url = next(cycle)
            try:
                response = pool.request("GET", url)
                tally.add(response.status, response.data[:120].decode(errors="replace"))
            except urllib3.exceptions.HTTPError as exc:
                tally.add(0, f"{url}: {type(exc).__name__}")

    with ThreadPoolExecutor(threads) as executor:
        for future in [executor.submit(worker) for _ in range(threads)]:
            future.result()
    return tally
