"""PostgreSQL (orders, charges, outbox) and Redis (carts) as StatefulSets."""
from __future__ import annotations

from harness.containers.configs import IMAGES, POSTGRES_UID, REDIS_UID
from harness.k8s import objects
from harness.k8s.objects import stateful_set, volume_claim
from harness.k8s.workloads import SECRET
from harness.model.stores import POSTGRES, REDIS

DATA_DIR = "/var/lib/postgresql/data"


def postgres() -> dict:
    """PostgreSQL with its password from the Secret and its data on a persistent volume."""
    env = [{"name": "POSTGRES_USER", "value": POSTGRES.user},
           {"name": "POSTGRES_DB", "value": POSTGRES.database},
           {"name": "PGDATA", "value": f"{DATA_DIR}/pgdata"},  # a subdirectory it may own
           {"name": "POSTGRES_PASSWORD", "valueFrom": {"secretKeyRef": {
               "name": SECRET, "key": "postgres-password"}}}]
    ready = ["pg_isready", "-h", "127.0.0.1", "-U", POSTGRES.user, "-d", POSTGRES.database]
    main = objects.container(
        "postgres", IMAGES["postgres"], "postgres", env=env,
        ports=[{"name": "postgres", "containerPort": POSTGRES.port, "protocol": "TCP"}],
        readinessProbe=objects.exec_probe(ready, 5), livenessProbe=objects.exec_probe(ready, 10),
        volumeMounts=[{"name": "data", "mountPath": DATA_DIR},
                      {"name": "run", "mountPath": "/var/run/postgresql"}, objects.TMP_MOUNT])
    volumes = [{"name": "run", "emptyDir": {}}, objects.TMP_VOLUME]
    return stateful_set("postgres", "database", POSTGRES_UID, main, volumes,
                        volume_claim("data", "5Gi"))


def redis() -> dict:
    """Redis for the carts, snapshotting to a persistent volume."""
    ping = ["redis-cli", "ping"]
    main = objects.container(
        "redis", IMAGES["redis"], "redis",
        args=["redis-server", "--dir", "/data", "--save", "60", "1", "--appendonly", "no"],
        ports=[{"name": "redis", "containerPort": REDIS.port, "protocol": "TCP"}],
        readinessProbe=objects.exec_probe(ping, 5), livenessProbe=objects.exec_probe(ping, 10),
        volumeMounts=[{"name": "data", "mountPath": "/data"}])
    return stateful_set("redis", "cache", REDIS_UID, main, [], volume_claim("data", "1Gi"))


def store_objects() -> list[dict]:
    """Both StatefulSets and their headless Services."""
    return [postgres(), objects.service("postgres", "database",
                                        [objects.port("postgres", POSTGRES.port)], headless=True),
            redis(), objects.service("redis", "cache", [objects.port("redis", REDIS.port)],
                                     headless=True)]
