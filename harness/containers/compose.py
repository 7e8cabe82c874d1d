"""compose.yaml for Docker users, rendered from the topology model."""
from __future__ import annotations

from harness.containers import configs
from harness.containers.images import ENVOY, image_reference
from harness.containers.topology import ENVOY_STATS_HOST, container_topology
from harness.model import budgets
from harness.model.environment import service_environment
from harness.model.services import Service
from harness.model.stores import POSTGRES, REDIS, STORES
from harness.model.topology import Topology
from harness.paths import REPO_ROOT

COMPOSE_FILE = REPO_ROOT / "compose.yaml"
HEADER = ("# Generated from the model (harness/model/) by `astroshop compose render`; do not edit.\n"
          "# Start it with `astroshop compose up` (or `docker compose up` with\n"
          "# ASTROSHOP_SECRET_KEY set). Only Envoy (8080) and Prometheus (9090) are published,\n"
          "# on 127.0.0.1 (move them with ASTROSHOP_PUBLIC_PORT, ASTROSHOP_PROMETHEUS_PORT).\n")
CONFIG = f"./{configs.CONFIG_DIR.relative_to(REPO_ROOT).as_posix()}"
PASSWORD = "${ASTROSHOP_POSTGRES_PASSWORD:-astroshop}"
DATABASE_URL = POSTGRES.url(POSTGRES.name, PASSWORD)
REDIS_URL = REDIS.url(REDIS.name)
SECRET_KEY = ("${ASTROSHOP_SECRET_KEY:?set ASTROSHOP_SECRET_KEY to a long random string, "
              "or start with astroshop compose up}")
SIGNING_KEYS = ("${ASTROSHOP_SIGNING_KEYS_FILE:?name the accounts key set (readable by uid "
                "10001), or start with astroshop compose up}")
HEALTH = {"interval": "10s", "timeout": "3s", "retries": 3, "start_period": "15s"}
OWN_CHECK = ["CMD", "python", "/usr/local/bin/astroshop-healthcheck"]


def limits(component: str) -> dict:
    """The memory limit and reservation of a container, from the measured RSS."""
    budget = budgets.budget(component)
    return {"resources": {"limits": {"memory": f"{budget.memory_limit_mi}M"},
                          "reservations": {"memory": f"{budget.memory_request_mi}M"}}}


def healthy(*names: str) -> dict:
    """depends_on: wait until each named container is healthy."""
    return {name: {"condition": "service_healthy"} for name in names}


def shop_service(topology: Topology, service: Service) -> dict:
    """One shop service: its image, environment, health check and limits."""
    env = service_environment(topology, service, 0, database_url=DATABASE_URL,
                              redis_url=REDIS_URL, secret_key=SECRET_KEY,
                              flags_file=configs.FLAGS_PATH, signing_keys=configs.KEYS_PATH)
    stores = [store.name for store in STORES if service.uses(store.name)]
    entry = {"image": image_reference(service.name), "build": {
        "context": ".", "target": "service", "args": {
            "SERVICE": service.name, "PORT": str(service.port),
            "WORKERS": str(service.workers), "THREADS": str(service.threads)}},
        "environment": env, "read_only": True, "tmpfs": ["/tmp"],
        "volumes": [f"{CONFIG}/{configs.FLAGS_FILE}:{configs.FLAGS_PATH}:ro",
                    *([f"{SIGNING_KEYS}:{configs.KEYS_PATH}:ro"] if service.signing_keys else [])],
        "healthcheck": {"test": OWN_CHECK, **HEALTH}, "deploy": limits(service.name),
        "restart": "unless-stopped"}
    if stores:
        entry["depends_on"] = healthy(*stores)
    return entry


def envoy_service(topology: Topology) -> dict:
    """Envoy: the public edge on 127.0.0.1 and the mesh every service calls through."""
    return {"image": image_reference(ENVOY), "build": {"context": ".", "target": ENVOY},
            "ports": [f"127.0.0.1:${{ASTROSHOP_PUBLIC_PORT:-{topology.public_port}}}:"
                      f"{topology.public_port}"],
            "volumes": [f"{CONFIG}/{configs.ENVOY_FILE}:/etc/envoy/envoy.yaml:ro"],
            "networks": {"default": {"aliases": [ENVOY_STATS_HOST]}},
            "read_only": True, "tmpfs": ["/tmp"],
            "healthcheck": {"test": OWN_CHECK, **HEALTH}, "deploy": limits(ENVOY),
            "depends_on": healthy(*topology.names()), "restart": "unless-stopped"}


def prometheus_service(topology: Topology) -> dict:
    """Prometheus with the rendered scrape config and the SLO rules."""
    port = topology.prometheus_port
    return {"image": configs.IMAGES["prometheus"],
            "command": configs.server_args(port),
            "ports": [f"127.0.0.1:${{ASTROSHOP_PROMETHEUS_PORT:-{port}}}:{port}"],
            "volumes": [f"{CONFIG}/{configs.PROMETHEUS_FILE}:/etc/prometheus/prometheus.yml:ro",
                        f"{CONFIG}/{configs.RULES_FILE}:/etc/prometheus/{configs.RULES_FILE}:ro",
                        "prometheus-data:/prometheus"],
            "healthcheck": {"test": ["CMD", "wget", "-q", "-O", "/dev/null",
                                     f"http://localhost:{port}/-/ready"], **HEALTH},
            "deploy": limits("prometheus"), "depends_on": healthy(ENVOY),
            "restart": "unless-stopped"}


def store_services_entries() -> dict:
    """PostgreSQL (orders, charges, outbox) and Redis (carts)."""
    return {
        "postgres": {"image": configs.IMAGES["postgres"], "environment": {
            "POSTGRES_USER": POSTGRES.user, "POSTGRES_PASSWORD": PASSWORD,
            "POSTGRES_DB": POSTGRES.database},
            "volumes": ["postgres-data:/var/lib/postgresql/data"],
            "healthcheck": {"test": ["CMD", "pg_isready", "-U", POSTGRES.user, "-d",
                                     POSTGRES.database], **HEALTH},
            "deploy": limits("postgres"), "restart": "unless-stopped"},
        "redis": {"image": configs.IMAGES["redis"], "command": ["redis-server", "--save", "60",
                                                                "1", "--appendonly", "no"],
                  "volumes": ["redis-data:/data"],
                  "healthcheck": {"test": ["CMD", "redis-cli", "ping"], **HEALTH},
                  "deploy": limits("redis"), "restart": "unless-stopped"},
    }


def render(base: Topology | None = None) -> dict:
    """The whole compose file: every service, Envoy, Prometheus, PostgreSQL and Redis."""
    topology = container_topology(base)
    services = {svc.name: shop_service(topology, svc) for svc in topology.services}
    services[ENVOY] = envoy_service(topology)
    services["prometheus"] = prometheus_service(topology)
    services.update(store_services_entries())
    return {"name": "astroshop", "services": services,
            "volumes": {"postgres-data": {}, "redis-data": {}, "prometheus-data": {}}}


def text(base: Topology | None = None) -> str:
    """compose.yaml's content."""
    return HEADER + configs.dump(render(base))
