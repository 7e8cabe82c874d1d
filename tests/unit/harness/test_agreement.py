"""Every deployment names the same services, ports and ASTROSHOP_* variables as the topology.

Each view below reads one deployment as its users get it (the committed compose.yaml, the
kustomize rendering of each overlay, the local runner's process table) and reduces it to
{service: (port, variable names)} plus the edge's ports. Adding a deployment is one entry in
VIEWS. The cluster's playbooks are read through the host variables they deploy
(`astroshop_service_replicas`, rendered by harness/cluster/hostvars.py).
"""
from __future__ import annotations

from urllib.parse import urlparse

import pytest
import yaml

from harness.cluster import hostvars, placement
from harness.containers import compose, configs
from harness.k8s import kustomize
from harness.model.environment import service_environment
from harness.model.topology import Topology
from harness.paths import REPO_ROOT, RunPaths
from harness.stack.options import StackOptions
from harness.stack.processes import all_processes
from tests.cluster.fakes import cluster

PREFIX = "ASTROSHOP_"


def reduced(ports: dict[str, int], env: dict[str, set[str]], public: int, mesh_url: str,
            prometheus: int) -> dict:
    """The comparable shape of one deployment."""
    return {"services": {name: (ports[name], frozenset(n for n in env[name]
                                                      if n.startswith(PREFIX)))
                         for name in ports},
            "public": public, "mesh": urlparse(mesh_url).port, "prometheus": prometheus}


def model_view(_tmp_path) -> dict:
    """The topology model itself."""
    topology = Topology()
    env = {svc.name: set(service_environment(topology, svc, 0, database_url="x", redis_url="x",
                                             secret_key="x", flags_file="x"))
           for svc in topology.services}
    return reduced({svc.name: svc.port for svc in topology.services}, env,
                   topology.public_port, topology.mesh_url(), topology.prometheus_port)


def compose_view(_tmp_path) -> dict:
    """The committed compose.yaml."""
    services = yaml.safe_load(compose.COMPOSE_FILE.read_text())["services"]
    shop = {name: entry for name, entry in services.items() if "environment" in entry
            and "ASTROSHOP_SERVICE" in entry["environment"]}
    public = int(services["envoy"]["ports"][0].rsplit(":", 1)[1])
    listen = next(a for a in services["prometheus"]["command"] if "listen-address" in a)
    image = {"SERVICE_PORT", "WORKERS", "THREADS", "HEALTH_PATH"}  # the shop image's own
    return reduced({name: int(e["environment"]["SERVICE_PORT"]) for name, e in shop.items()},
                   {name: set(e["environment"]) - image for name, e in shop.items()}, public,
                   shop["frontend"]["environment"]["ASTROSHOP_MESH_URL"],
                   int(listen.rsplit(":", 1)[1]))


def k8s_view(overlay: str):
    """The kustomize rendering of one overlay."""
    def view(_tmp_path) -> dict:
        objects = kustomize.build(overlay)
        maps = {o["metadata"]["name"]: o["data"] for o in objects if o["kind"] == "ConfigMap"}
        pods = {o["metadata"]["name"]: o["spec"]["template"]["spec"]["containers"][0]
                for o in objects if o["kind"] in ("Deployment", "StatefulSet")}
        shop = {n: c for n, c in pods.items() if c.get("envFrom")}
        env = {n: {*maps[c["envFrom"][0]["configMapRef"]["name"]], *(e["name"] for e in c["env"])}
               for n, c in shop.items()}
        envoy_ports = {p["name"]: p["containerPort"] for p in pods["envoy"]["ports"]}
        return reduced({n: c["ports"][0]["containerPort"] for n, c in shop.items()}, env,
                       envoy_ports["public"],
                       maps[shop["frontend"]["envFrom"][0]["configMapRef"]["name"]][
                           "ASTROSHOP_MESH_URL"],
                       pods["prometheus"]["ports"][0]["containerPort"])
    return view


def rows_view(rows: list[dict], public: int, prometheus: int) -> dict:
    """A deployment given as replica rows {service, address, env} (replica 0 of each counts).

    The local runner's processes and the cluster's Ansible host variables
    (`astroshop_service_replicas`) both reduce to this shape.
    """
    first = {}
    for row in rows:
        first.setdefault(row["service"], row)
    return reduced({n: int(r["address"].rsplit(":", 1)[1]) for n, r in first.items()},
                   {n: set(r["env"]) for n, r in first.items()}, public,
                   first["frontend"]["env"]["ASTROSHOP_MESH_URL"], prometheus)


def local_runner_view(tmp_path) -> dict:
    """The processes `astroshop up` starts (with Redis, so the cart's variable shows)."""
    options = StackOptions(redis_url="redis://127.0.0.1:6379/0", port_offset=0)
    paths = RunPaths(tmp_path).ensure()
    specs = all_processes(options.topology(), paths, options)
    kinds = {s.kind: s for s in specs}
    rows = [{"service": s.service, "address": f"127.0.0.1:{s.port}", "env": s.env}
            for s in specs if s.kind == "service"]
    return rows_view(rows, kinds["envoy"].port, kinds["prometheus"].port)


def playbooks_view(_tmp_path) -> dict:
    """The Ansible host variables the cluster's playbooks deploy, for three hosts."""
    made = cluster(3)
    topology = placement.topology(made)
    build = hostvars.Build(wheels_archive="w", requirements=[], code_archive="c",
                           code_version="v", rules_dir="r", rules_version="v",
                           secrets={"frontend_secret_key": "s", "database_password": "p",
                                    "redis_password": "p"},
                           edge_certificate=hostvars.EdgeCertificate("c", "k", "f" * 64))
    variables = [hostvars.host_vars(made, topology, host, build) for host in made.hosts]
    rows = [row for v in variables for row in v.get("astroshop_service_replicas", [])]
    listeners = {listener["name"]: listener["address"]["socket_address"]["port_value"]
                 for v in variables if "envoy_bootstrap" in v
                 for listener in v["envoy_bootstrap"]["static_resources"]["listeners"]}
    prometheus = next(v["prometheus_port"] for v in variables if "prometheus_port" in v)
    return rows_view(rows, listeners["public"], prometheus)


VIEWS = {
    "compose": compose_view,
    "k8s local overlay": k8s_view("local"),
    "k8s production overlay": k8s_view("production"),
    "local runner": local_runner_view,
    "cluster playbooks": playbooks_view,
}


# Known, reported gaps: variables a deployment does not set yet. Each entry is checked to be
# still missing, so the test fails (and says to drop the entry) once the gap is closed.
KNOWN_GAPS: dict[str, frozenset] = {}


@pytest.mark.parametrize("name", list(VIEWS))
def test_each_deployment_agrees_with_the_topology_model(name, tmp_path):
    expected, actual = model_view(tmp_path), VIEWS[name](tmp_path)
    gaps = KNOWN_GAPS.get(name, frozenset())
    assert sorted(actual["services"]) == sorted(expected["services"]), "service names"
    for service, (port, env) in expected["services"].items():
        assert actual["services"][service][0] == port, f"{service} port"
        assert actual["services"][service][1] == env - gaps, (
            f"{service} ASTROSHOP_* variables (if a known gap closed, drop it from KNOWN_GAPS)")
    for key in ("public", "mesh", "prometheus"):
        assert actual[key] == expected[key], key


def test_envoy_and_prometheus_configs_route_and_scrape_the_models_ports():
    envoy = yaml.safe_load((configs.CONFIG_DIR / configs.ENVOY_FILE).read_text())
    routed = {c["name"]: c["load_assignment"]["endpoints"][0]["lb_endpoints"][0]["endpoint"]
              ["address"]["socket_address"] for c in envoy["static_resources"]["clusters"]
              if c["name"] in Topology().names()}
    prometheus = yaml.safe_load((configs.CONFIG_DIR / configs.PROMETHEUS_FILE).read_text())
    scraped = {job["job_name"]: job["dns_sd_configs"][0]
               for job in prometheus["scrape_configs"] if job["job_name"] in Topology().names()}
    for service in Topology().services:
        assert routed[service.name] == {"address": service.name, "port_value": service.port}
        assert scraped[service.name] == {**scraped[service.name], "names": [service.name],
                                         "port": service.port}


def test_the_playbook_deploys_each_replicas_host_variables_as_they_are():
    tasks = yaml.safe_load((REPO_ROOT / "playbooks/roles/astroshop_service/tasks/main.yml")
                           .read_text())
    described = next(t for t in tasks if t.get("loop") == "{{ astroshop_service_replicas }}")
    program = described["vars"]["astroshop_service_program"]
    assert program["env"].startswith("{{ astroshop_service_replica.env")
    assert "astroshop_service_replica.args" in program["command"]
