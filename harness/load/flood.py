"""The homepageFlood fault, which the load generator itself commits: a burst of extra
home-page requests, sent at once, from every home-page visit while the flag is on.

Locust users run under gevent; the burst is a group of greenlets on the user's own client.
Its connection pool must let the whole burst go out at once (IN_FLIGHT): with Locust's
default of 10, forty of the heavy variant's fifty requests queued inside the load generator,
where Locust timed them (p95 640 ms) but the shop never felt them (the edge's p95 stayed at
230 ms), and on a quiet machine the fault went unnoticed.
"""
from __future__ import annotations

from gevent.pool import Group

from harness.load.flagreader import FlagReader
from harness.stack.runner import Stack

FLAGS = FlagReader.of(Stack.current())
IN_FLIGHT = 50  # the largest variant of homepageFlood (a unit test keeps them equal)


def flood_home_page(client, name: str, reader: FlagReader = FLAGS) -> int:
    """Send homepageFlood's number of GET / at once through `client`; how many were sent."""
    count = reader.homepage_flood()
    if count:
        burst = Group()
        for _ in range(count):
            burst.spawn(client.get, "/", name=name)
        burst.join()
    return count
