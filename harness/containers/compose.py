"""compose.yaml, rendered from the model: every service on the one shop image, Envoy,
Prometheus, and PostgreSQL and Redis behind the `stores` profile.

What differs between two stacks is left to variables that `astroshop compose up` writes to the
run directory's env file (ports, subnet, where the secret files are); secrets themselves are
files (harness/containers/secretfiles.py) mounted as compose secrets, never environment.
"""
from __future__ import annotations

from harness import databases
from harness.containers import configs, secretfiles
from harness.containers.images import ENVOY, POSTGRES, PROMETHEUS, REDIS, SHOP, image_reference
from harness.containers.topology import ENVOY_STATS_HOST, PROMETHEUS_DIR, container_topology
from harness.model import budgets
from harness.model.environment import by_reference, service_environment
from harness.model.services import Service
from harness.model.stores import POSTGRES as POSTGRES_STORE, REDIS as REDIS_STORE
from harness.model.topology import Topology
from harness.paths import REPO_ROOT

COMPOSE_FILE = REPO_ROOT / "compose.yaml"
HEADER = ("# Generated from the model (harness/model/) by `astroshop compose render`; do not edit.\n"
          "# Start it with `astroshop compose up [--stores]`: it builds the images, writes the\n"
          "# variables below (ports, subnet, the folder of the secret files, the signing key\n"
          "# set's copy) to <run>/compose/compose.env (0600) and passes them with --env-file;\n"
          "# each secret is a 0600 file of <run>/compose/secrets/, mounted under /run/secrets.\n"
          "# Only Envoy and Prometheus are published, on 127.0.0.1.\n")
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


REDIS_URL_FILE = "ASTROSHOP_REDIS_URL_FILE"  # set (to the mounted file) with the stores only


def service_secrets(service: Service) -> dict[str, str]:
    """Secret variable -> the compose secret that holds it, for one service."""
    found = {"ASTROSHOP_SECRET_KEY": secretfiles.SESSION_KEY} if service.uses_secret_key else {}
    if service.uses(POSTGRES_STORE.name):
        found["ASTROSHOP_DATABASE_URL"] = secretfiles.database_url(service.name)
    if service.uses(REDIS_STORE.name):
        found["ASTROSHOP_REDIS_URL"] = secretfiles.REDIS_URL
    return found


def shop_environment(topology: Topology, service: Service) -> dict[str, str]:
    """A service's environment with every secret replaced by the path of its mounted file
    (Redis's only with the stores: without them the cart keeps carts in memory)."""
    env = service_environment(topology, service, 0, secret_key="file", database_url="file",
                              redis_url="file", flags_file=configs.FLAGS_PATH,
                              signing_keys=configs.KEYS_PATH)
    named = service_secrets(service)
    env = by_reference(env, lambda key: secretfiles.mounted(named[key]))
    if REDIS_URL_FILE in env:
        env[REDIS_URL_FILE] = variable(REDIS_URL_FILE, "")
    return env


def shop_service(topology: Topology, service: Service) -> dict:
    """One service on the shop image: its environment, its data volume, health = readiness."""
    env = shop_environment(topology, service)
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
    if service_secrets(service):
        entry["secrets"] = sorted(set(service_secrets(service).values()))
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
    services = databases.sql_services(topology)
    roles = {databases.password_variable(name) + "_FILE":
             secretfiles.mounted(secretfiles.role_password(name)) for name in services}
    postgres = {"image": image_reference(POSTGRES), "profiles": [STORES_PROFILE], "environment": {
        "POSTGRES_USER": POSTGRES_STORE.user, "POSTGRES_DB": POSTGRES_STORE.database,
        "POSTGRES_PASSWORD_FILE": secretfiles.mounted(secretfiles.POSTGRES_PASSWORD), **roles},
        "secrets": [secretfiles.POSTGRES_PASSWORD,
                    *(secretfiles.role_password(name) for name in services)],
        "volumes": ["postgres-data:/var/lib/postgresql/data",
                    f"{CONFIG}/{configs.ROLES_FILE}:{configs.ROLES_PATH}:ro"],
        "healthcheck": {"test": ["CMD", "pg_isready", "-q", "-h", "127.0.0.1"], **HEALTH}}
    password = secretfiles.mounted(secretfiles.REDIS_PASSWORD)
    redis = {"image": image_reference(REDIS), "profiles": [STORES_PROFILE],
             "environment": {"REDIS_PASSWORD_FILE": password},
             "secrets": [secretfiles.REDIS_PASSWORD], "volumes": ["redis-data:/data"],
             "healthcheck": {"test": ["CMD", "sh", "-c", f'REDISCLI_AUTH="$$(cat {password})" '
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
            "volumes": volumes(topology), "secrets": secret_sources(services)}


def secret_sources(services: dict) -> dict:
    """The top-level secrets: every one a service declares, each from its file."""
    names = sorted({name for entry in services.values() for name in entry.get("secrets", [])})
    return {name: secretfiles.source(name, UNSET) for name in names}


def text(base: Topology | None = None) -> str:
    """compose.yaml's content."""
    return HEADER + configs.dump(render(base))
