"""The homepageFlood fault, which the load generator itself commits: a burst of extra
home-page requests, sent at once, from every home-page visit while the flag is on.

Locust users run under gevent; the burst is a group of greenlets on the user's own client,
as many requests in flight as its connection pool allows (FastHttpUser: 10).
"""
from __future__ import annotations

from gevent.pool import Group

from harness.faults.reader import FlagReader

FLAGS = FlagReader.for_run_dir()


def flood_home_page(client, name: str, reader: FlagReader = FLAGS) -> int:
    """Send homepageFlood's number of GET / at once through `client`; how many were sent."""
    count = reader.homepage_flood()
    if count:
        burst = Group()
        for _ in range(count):
            burst.spawn(client.get, "/", name=name)
        burst.join()
    return count
