"""Config files every container deployment mounts: Envoy's, Prometheus's, SLO rules, flags.

They live in k8s/base/config/ (kustomize turns them into ConfigMaps); compose.yaml mounts the
same files, so Docker and Kubernetes run one configuration.
"""
from __future__ import annotations

import yaml

from harness import databases, envoy, prometheus_config
from harness.containers.topology import ENVOY_SITE, PROMETHEUS_DIR, SCRAPE_SITE
from harness.flags import DEFAULTS as FLAG_DEFAULTS
from harness.model.topology import Topology
from harness.paths import REPO_ROOT
from harness.slo import loader, rules
from harness.slo.rules import RULES_FILE

CONFIG_DIR = REPO_ROOT / "k8s" / "base" / "config"
ENVOY_FILE = "envoy.yaml"
PROMETHEUS_FILE = "prometheus.yml"
FLAGS_FILE = "flags.json"
FLAGS_DIR = "/etc/astroshop/flags"  # where every service container finds the fault flags
FLAGS_PATH = f"{FLAGS_DIR}/{FLAGS_FILE}"
ROLES_FILE = "postgres-roles.sql"  # every SQL service's role (harness/databases.py)
ROLES_PATH = f"/etc/astroshop/postgres/{ROLES_FILE}"  # the PostgreSQL image runs it at start
KEYS_DIR = "/etc/astroshop/keys"  # the accounts service's signing key set (a secret, mounted)
KEYS_PATH = f"{KEYS_DIR}/keyset.json"
HEADER = ("# Generated from the model (harness/model/) by `astroshop k8s generate`; do not edit.\n"
          "# Shared by compose.yaml and the Kubernetes manifests.\n")
APP_UID = 10001  # the user of every image (the Dockerfiles' astroshop user)
RETENTION = "31d"  # a whole 30-day SLO period, as the local stack keeps


class _PlainDumper(yaml.SafeDumper):
    """A safe dumper that writes repeated values out instead of as anchors and aliases."""

    def ignore_aliases(self, data) -> bool:
        """Never use an alias."""
        return True


def dump(content: dict) -> str:
    """YAML text in the topology's order, without anchors."""
    return yaml.dump(content, Dumper=_PlainDumper, sort_keys=False, width=100)


def server_args(port: int) -> list[str]:
    """Prometheus's command line in a container: the mounted config, data in /prometheus."""
    return [f"--config.file={PROMETHEUS_DIR}/{PROMETHEUS_FILE}", "--storage.tsdb.path=/prometheus",
            f"--storage.tsdb.retention.time={RETENTION}", f"--web.listen-address=:{port}"]


def config_files(topology: Topology) -> dict[str, str]:
    """File name -> text of every shared config, rendered from `topology` for containers."""
    return {
        ENVOY_FILE: HEADER + dump(envoy.render(topology, ENVOY_SITE)),
        PROMETHEUS_FILE: HEADER + dump(prometheus_config.render(topology, SCRAPE_SITE)),
        RULES_FILE: HEADER + rules.dump(rules.render(loader.load_dir())),
        ROLES_FILE: HEADER.replace("# ", "-- ") + databases.psql_script(
            databases.sql_services(topology)),
        FLAGS_FILE: FLAG_DEFAULTS.read_text(),  # JSON: no comment; edited live to set faults
    }
