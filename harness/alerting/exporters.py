"""Exporters for what the services cannot see themselves, from Debian's packages:
postgres_exporter and redis_exporter beside the stores they watch, node_exporter on every
cluster host. One definition per exporter serves every target (local stack, cluster,
compose, Kubernetes): its binary, its arguments, the environment that carries the store's
address and password (never the command line), and Prometheus's job."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from harness.model.stores import POSTGRES, REDIS
from harness.model.topology import Topology


@dataclass(frozen=True)
class Exporter:
    """One exporter: its process and job name, the Debian binary, the store it watches."""

    name: str  # process, container and Deployment name
    job: str  # Prometheus's job
    binary: str
    store: str = ""  # the store it watches ("" for the host's own metrics)
    up_metric: str = ""  # 1 when it reaches what it watches (node_exporter: always there)
    health_path: str = "/metrics"

    def port(self, topology: Topology) -> int:
        """Where it listens in `topology` (moved by the port offset like every port)."""
        return {"postgres": topology.postgres_exporter_port,
                "redis": topology.redis_exporter_port,
                "node": topology.node_exporter_port}[self.job]

    def command(self, listen: str) -> list[str]:
        """The exporter listening on `listen` (`host:port`), its own logs quiet."""
        if self is REDIS_EXPORTER:  # Go's flag package: single dashes
            return [f"/usr/bin/{self.binary}", f"-web.listen-address={listen}",
                    "-log-format=txt", "-ping-on-connect"]
        extra = ["--disable-settings-metrics"] if self is POSTGRES_EXPORTER else [
            "--collector.disable-defaults", *(f"--collector.{name}" for name in NODE_COLLECTORS)]
        return [f"/usr/bin/{self.binary}", f"--web.listen-address={listen}",
                "--log.level=warn", *extra]


POSTGRES_EXPORTER = Exporter("postgres-exporter", "postgres", "prometheus-postgres-exporter",
                             POSTGRES.name, "pg_up")
REDIS_EXPORTER = Exporter("redis-exporter", "redis", "prometheus-redis-exporter", REDIS.name,
                          "redis_up")
NODE_EXPORTER = Exporter("node-exporter", "node", "prometheus-node-exporter",
                         up_metric="node_exporter_build_info")
STORE_EXPORTERS = (POSTGRES_EXPORTER, REDIS_EXPORTER)
# What the host dashboard shows, and nothing that reads another namespace's hardware twice.
NODE_COLLECTORS = ("cpu", "loadavg", "meminfo", "filesystem", "netdev", "pressure", "uname",
                   "time", "stat")


def postgres_dsn(database_url: str) -> str:
    """The URL postgres_exporter connects with: the services' own, without TLS unless the URL
    asks for it (lib/pq wants TLS by default, the stores here speak plain TCP)."""
    parts = urlsplit(database_url.replace("postgresql+psycopg://", "postgresql://", 1))
    query = dict(parse_qsl(parts.query))
    query.setdefault("sslmode", "disable")
    return urlunsplit(parts._replace(query=urlencode(query)))


def redis_address(redis_url: str) -> tuple[str, str]:
    """redis_exporter's address (`redis://host:port`) and the password, from a services' URL."""
    parts = urlsplit(redis_url)
    return f"redis://{parts.hostname}:{parts.port or REDIS.port}", parts.password or ""


def environment(exporter: Exporter, url: str) -> dict[str, str]:
    """The variables that tell a store exporter where its store is, secret included."""
    if exporter is POSTGRES_EXPORTER:
        return {"DATA_SOURCE_NAME": postgres_dsn(url)}
    if exporter is REDIS_EXPORTER:
        address, password = redis_address(url)
        return {"REDIS_ADDR": address, **({"REDIS_PASSWORD": password} if password else {})}
    return {}


def running(database_url: str, redis_url: str) -> list[tuple[Exporter, str]]:
    """The store exporters a deployment runs, each with its store's URL: only for the stores
    it has (a local stack on SQLite runs none)."""
    urls = {POSTGRES.name: database_url, REDIS.name: redis_url}
    return [(exporter, urls[exporter.store]) for exporter in STORE_EXPORTERS
            if urls[exporter.store].startswith(("postgresql", "redis"))]
