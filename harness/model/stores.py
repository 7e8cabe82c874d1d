"""The stores the services use: kind, port, database and the variable that carries the URL.

Locally a service's SQL store is its own SQLite file unless `astroshop up --database-url`
names a PostgreSQL; in containers and on the cluster it is the one PostgreSQL below.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass


@dataclass(frozen=True)
class Store:
    """One store: its workload name, kind, port, database and the services' URL variable."""

    name: str
    kind: str  # "sql" (PostgreSQL) or "key-value" (Redis)
    port: int
    database: str
    variable: str
    user: str = ""

    def url(self, host: str, password: str = "", user: str = "") -> str:
        """The URL a service is given to reach this store on `host` (as `user`, by default the
        store's owner; a service is given its own role, `role(service)`)."""
        if self.kind == "sql":
            return (f"postgresql://{user or self.user}:{password}@{host}:{self.port}/"
                    f"{self.database}")
        secret = f":{password}@" if password else ""
        return f"redis://{secret}{host}:{self.port}/{self.database}"


POSTGRES = Store("postgres", "sql", 5432, "astroshop", "ASTROSHOP_DATABASE_URL", "postgres")
REDIS = Store("redis", "key-value", 6379, "0", "ASTROSHOP_REDIS_URL")
STORES: tuple[Store, ...] = (POSTGRES, REDIS)


def store(name: str) -> Store:
    """The store called `name`, or a KeyError naming the known ones."""
    for candidate in STORES:
        if candidate.name == name:
            return candidate
    raise KeyError(f"unknown store {name!r}; known: {', '.join(s.name for s in STORES)}")


def role(service: str) -> str:
    """The PostgreSQL role (and schema) of one service: its own, no other's."""
    return f"astroshop_{service}"


def role_password(owner_secret: str, service: str) -> str:
    """The password of `service`'s role where a target keeps one generated secret for its
    PostgreSQL (cluster, containers, Kubernetes): an HMAC of the role's name under that secret,
    so each role's differs and none reveals the owner's or another role's."""
    return hmac.new(owner_secret.encode(), role(service).encode(), hashlib.sha256).hexdigest()
