"""compose.yaml, rendered from the model: every service on the one shop image, Envoy,
Prometheus, and PostgreSQL and Redis behind the `stores` profile.

What differs between two stacks is left to variables that `astroshop compose up` writes to the
run directory's env file (ports, subnet, secrets, store URLs); none has a default secret.
"""
from __future__ import annotations

from harness import databases
from harness.containers import configs
from harness.containers.images import ENVOY, POSTGRES, PROMETHEUS, REDIS, SHOP, image_reference
from harness.containers.topology import ENVOY_STATS_HOST, PROMETHEUS_DIR, container_topology
from harness.model import budgets
from harness.model.environment import service_environment
from harness.model.services import Service
from harness.model.stores import POSTGRES as POSTGRES_STORE, REDIS as REDIS_STORE
from harness.model.topology import Topology
from harness.paths import REPO_ROOT

COMPOSE_FILE = REPO_ROOT / "compose.yaml"
HEADER = ("# Generated from the model (harness/model/) by `astroshop compose render`; do not edit.\n"
          "# Start it with `astroshop compose up [--stores]`: it builds the images, writes the\n"
          "# variables below (ports, subnet, secrets, the signing key set's copy) to\n"
          "# <run>/compose/compose.env (0600) and passes them with --env-file. Only Envoy and\n"
          "# Prometheus are published, on 127.0.0.1.\n")
CONFIG = f"./{configs.CONFIG_DIR.relative_to(REPO_ROOT).as_posix()}"
STORES_PROFILE = "stores"
DATA_DIR = "/var/lib/astroshop"  # the shop image's volume: SQLite files
USER = f"{configs.APP_UID}:{configs.APP_UID}"
# A probe is a Python start-up: on a busy 2-core machine it can take seconds, so a container
# turns unhealthy only after five slow or failed probes in a row (about a minute).
HEALTH = {"interval": "5s", "timeout": "10s", "retries": 5, "start_period": "60s"}
OWN_CHECK = ["CMD", "python3", "/usr/local/bin/astroshop-healthcheck"]
UNSET = "start it with `astroshop compose up`"


def variable(name: str, default: str | None = None) -> str:
    """A reference to a variable of the env file: with a default, or required."""
    return f"${{{name}:-{default}}}" if default is not None else f"${{{name}:?{UNSET}}}"


def hardened(entry: dict, component: str) -> dict:
    """Non-root, read-only root with a tmpfs /tmp, the memory budget, restarted unless stopped."""
    budget = budgets.budget(component)
    return {**entry, "user": USER, "read_only": True, "tmpfs": ["/tmp"],
            "deploy": {"resources": {"limits": {"memory": f"{budget.memory_limit_mi}M"},
                                     "reservations": {"memory": f"{budget.memory_request_mi}M"}}},
            "restart": "unless-stopped"}


def healthy(*names: str, required: bool = True) -> dict:
    """depends_on: wait until each named container is healthy (if it runs, when not required)."""
    condition = {"condition": "service_healthy"} | ({} if required else {"required": False})
    return {name: dict(condition) for name in names}


def data_volume(name: str) -> str:
    """The named volume of a service's SQLite files."""
    return f"{name}-data"


def database_variable(service: str) -> str:
    """The project variable of one service's database URL (its own role with the stores)."""
    return f"ASTROSHOP_DATABASE_URL_{service.upper()}"


def shop_service(topology: Topology, service: Service) -> dict:
    """One service on the shop image: its environment, its data volume, health = readiness."""
    env = service_environment(
        topology, service, 0, secret_key=variable("ASTROSHOP_SECRET_KEY"),
        database_url=variable(database_variable(service.name),
                              f"sqlite:///{DATA_DIR}/{service.name}.db"),
        redis_url=variable("ASTROSHOP_REDIS_URL", ""), flags_file=configs.FLAGS_PATH,
        signing_keys=configs.KEYS_PATH)
    env.update({"SERVICE_PORT": str(service.port), "WORKERS": str(service.workers),
                "THREADS": str(service.threads), "HEALTH_PATH": "/readyz"})
    volumes = [f"{CONFIG}/{configs.FLAGS_FILE}:{configs.FLAGS_PATH}:ro"]
    stateless = not service.uses(POSTGRES_STORE.name)
    if not stateless:
        volumes.append(f"{data_volume(service.name)}:{DATA_DIR}")
    if service.signing_keys:  # the key set, a 0400 copy the container's user may read
        volumes.append(f"{variable('ASTROSHOP_SIGNING_KEYS_FILE')}:{configs.KEYS_PATH}:ro")
    entry = {"image": image_reference(SHOP), "environment": env, "volumes": volumes,
             "healthcheck": {"test": OWN_CHECK, **HEALTH}}
    if service.stores:
        entry["depends_on"] = healthy(*service.stores, required=False)
    built = hardened(entry, service.name)
    if stateless:  # the image's VOLUME would otherwise leave an anonymous volume behind
        built["tmpfs"] = ["/tmp", DATA_DIR]
    return built


def envoy_service(topology: Topology) -> dict:
    """Envoy: the public edge on 127.0.0.1 and the mesh every service calls through."""
    return hardened({
        "image": image_reference(ENVOY),
        "ports": [f"127.0.0.1:{variable('ASTROSHOP_PUBLIC_PORT', str(topology.public_port))}:"
                  f"{topology.public_port}"],
        "volumes": [f"{CONFIG}/{configs.ENVOY_FILE}:/etc/envoy/envoy.yaml:ro"],
        "networks": {"default": {"aliases": [ENVOY_STATS_HOST]}},
        "healthcheck": {"test": OWN_CHECK, **HEALTH},
        "depends_on": healthy(*topology.names())}, ENVOY)


def prometheus_service(topology: Topology) -> dict:
    """Prometheus (Debian's) with the rendered scrape config and the SLO rules."""
    port = topology.prometheus_port
    return hardened({
        "image": image_reference(PROMETHEUS), "command": configs.server_args(port),
        "ports": [f"127.0.0.1:{variable('ASTROSHOP_PROMETHEUS_PORT', str(port))}:{port}"],
        "volumes": [f"{CONFIG}/{configs.PROMETHEUS_FILE}:{PROMETHEUS_DIR}/"
                    f"{configs.PROMETHEUS_FILE}:ro",
                    f"{CONFIG}/{configs.RULES_FILE}:{PROMETHEUS_DIR}/{configs.RULES_FILE}:ro",
                    "prometheus-data:/prometheus"],
        "healthcheck": {"test": ["CMD", "busybox", "wget", "-q", "-O", "/dev/null",
                                 f"http://127.0.0.1:{port}/-/ready"], **HEALTH},
        "depends_on": healthy(ENVOY)}, PROMETHEUS)


def store_services(topology: Topology) -> dict:
    """PostgreSQL (orders, charges, outbox; a role per service) and Redis (carts), both of
    Debian's packages."""
    roles = {databases.password_variable(name): variable(databases.password_variable(name), "")
             for name in databases.sql_services(topology)}
    postgres = {"image": image_reference(POSTGRES), "profiles": [STORES_PROFILE], "environment": {
        "POSTGRES_USER": POSTGRES_STORE.user, "POSTGRES_DB": POSTGRES_STORE.database,
        "POSTGRES_PASSWORD": variable("ASTROSHOP_POSTGRES_PASSWORD", ""), **roles},
        "volumes": ["postgres-data:/var/lib/postgresql/data",
                    f"{CONFIG}/{configs.ROLES_FILE}:{configs.ROLES_PATH}:ro"],
        "healthcheck": {"test": ["CMD", "pg_isready", "-q", "-h", "127.0.0.1"], **HEALTH}}
    redis = {"image": image_reference(REDIS), "profiles": [STORES_PROFILE],
             "environment": {"REDIS_PASSWORD": variable("ASTROSHOP_REDIS_PASSWORD", "")},
             "volumes": ["redis-data:/data"],
             "healthcheck": {"test": ["CMD", "sh", "-c", 'REDISCLI_AUTH="$$REDIS_PASSWORD" '
                                      "redis-cli ping | grep -q PONG"], **HEALTH}}
    return {POSTGRES_STORE.name: hardened(postgres, POSTGRES),
            REDIS_STORE.name: hardened(redis, REDIS)}


def volumes(topology: Topology) -> dict:
    """The named volumes: each SQL service's SQLite files, Prometheus's, the stores'."""
    names = [data_volume(s.name) for s in topology.services if s.uses(POSTGRES_STORE.name)]
    return {name: {} for name in [*names, "prometheus-data", "postgres-data", "redis-data"]}


def render(base: Topology | None = None) -> dict:
    """The whole compose file."""
    topology = container_topology(base)
    services = {svc.name: shop_service(topology, svc) for svc in topology.services}
    services[ENVOY] = envoy_service(topology)
    services[PROMETHEUS] = prometheus_service(topology)
    services.update(store_services(topology))
    network = {"ipam": {"config": [{"subnet": variable("ASTROSHOP_COMPOSE_SUBNET")}]}}
    return {"name": "astroshop", "services": services, "networks": {"default": network},
            "volumes": volumes(topology)}


def text(base: Topology | None = None) -> str:
    """compose.yaml's content."""
    return HEADER + configs.dump(render(base))
