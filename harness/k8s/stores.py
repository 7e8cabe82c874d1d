"""PostgreSQL (orders, charges, outbox) and Redis (carts) as StatefulSets, on the project's own
images of Debian's packages (images/postgres, images/redis): passwords from the Secret."""
from __future__ import annotations

from harness.containers.configs import APP_UID
from harness.containers.images import POSTGRES as POSTGRES_IMAGE, REDIS as REDIS_IMAGE, image_reference
from harness.k8s import objects
from harness.k8s.objects import stateful_set, volume_claim
from harness.k8s.workloads import SECRET
from harness.model.stores import POSTGRES, REDIS

DATA_DIR = "/var/lib/postgresql/data"


def postgres() -> dict:
    """PostgreSQL with its password from the Secret and its data on a persistent volume."""
    env = [{"name": "POSTGRES_USER", "value": POSTGRES.user},
           {"name": "POSTGRES_DB", "value": POSTGRES.database},
           {"name": "PGDATA", "value": f"{DATA_DIR}/pgdata"},  # beside the volume's lost+found
           {"name": "POSTGRES_PASSWORD", "valueFrom": {"secretKeyRef": {
               "name": SECRET, "key": "postgres-password"}}}]
    ready = ["pg_isready", "-h", "127.0.0.1", "-U", POSTGRES.user, "-d", POSTGRES.database]
    main = objects.container(
        "postgres", image_reference(POSTGRES_IMAGE), "postgres", env=env,
        ports=[{"name": "postgres", "containerPort": POSTGRES.port, "protocol": "TCP"}],
        readinessProbe=objects.exec_probe(ready, 5), livenessProbe=objects.exec_probe(ready, 10),
        volumeMounts=[{"name": "data", "mountPath": DATA_DIR}, objects.TMP_MOUNT])
    return stateful_set("postgres", "database", APP_UID, main, [objects.TMP_VOLUME],
                        volume_claim("data", "5Gi"))


def redis() -> dict:
    """Redis for the carts, snapshotting to a persistent volume."""
    ping = ["sh", "-c", 'REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli ping | grep -q PONG']
    main = objects.container(
        "redis", image_reference(REDIS_IMAGE), "redis",
        env=[{"name": "REDIS_PASSWORD", "valueFrom": {"secretKeyRef": {
            "name": SECRET, "key": "redis-password"}}}],
        ports=[{"name": "redis", "containerPort": REDIS.port, "protocol": "TCP"}],
        readinessProbe=objects.exec_probe(ping, 5), livenessProbe=objects.exec_probe(ping, 10),
        volumeMounts=[{"name": "data", "mountPath": "/data"}, objects.TMP_MOUNT])
    return stateful_set("redis", "cache", APP_UID, main, [objects.TMP_VOLUME],
                        volume_claim("data", "1Gi"))


def store_objects() -> list[dict]:
    """Both StatefulSets and their headless Services."""
    return [postgres(), objects.service("postgres", "database",
                                        [objects.port("postgres", POSTGRES.port)], headless=True),
            redis(), objects.service("redis", "cache", [objects.port("redis", REDIS.port)],
                                     headless=True)]
