"""Render every target of the model in the tree this runs from; print, as JSON, where each
rendering names the service given as argument (test_adding_a_service runs it in a copy).

Run as `python every_target.py SERVICE OUT_DIR` with the tree on PYTHONPATH: writes Envoy's
configs to OUT_DIR (for `envoy --mode validate`) and prints a JSON report on stdout.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

import harness
import shop
from harness import envoy, prometheus, prometheus_config
from harness.certs.files import TlsDir, ensure
from harness.cluster import hostvars, placement, sites
from harness.cluster.model import Cluster, Settings
from harness.containers import compose, configs
from harness.dashboards import sources
from harness.k8s import tree
from harness.envoy.tls import write_sds
from harness.model.edge import certificate_names
from harness.model.topology import Topology
from harness.paths import RunPaths
from harness.slo import loader
from harness.stack import supervisor
from harness.stack.options import StackOptions
from harness.stack.processes import all_processes

BUILD = hostvars.Build(wheels_archive="w.tar", requirements=[], code_archive="c.tgz",
                       code_version="v", rules_dir="rules", rules_version="v",
                       secrets={"frontend_secret_key": "s", "database_password": "p",
                                "redis_password": "r"},
                       edge_certificate=hostvars.EdgeCertificate("c.pem", "k.pem", "f" * 64))


def three_hosts(root: Path) -> Cluster:
    """A cluster of an edge-and-data host and two app hosts, as Terraform describes one."""
    roles = {"edge1": ["edge", "data"], "app1": ["app"], "app2": ["app"]}
    hosts = {name: {"address": f"10.77.0.{10 + i}", "roles": role, "namespace": f"a-{name}",
                    "host_dir": str(root / name)} for i, (name, role) in enumerate(roles.items())}
    return Cluster.from_outputs(Settings(), {"hosts": hosts, "network": {"gateway": "10.77.0.1"},
                                            "inventory_path": "i", "ssh_private_key": "k"})


def cluster_report(name: str, out: Path) -> dict:
    """Where the new service shows in each host's Ansible variables and Envoy config."""
    made = three_hosts(out / "hosts")
    topology = placement.topology(made)
    report = {}
    for host in made.hosts:
        variables = hostvars.host_vars(made, topology, host, BUILD)
        if "envoy_tls" in variables:  # what the envoy role installs on the edge host
            ensure(TlsDir(Path(variables["envoy_tls"]["dir"])), certificate_names())
            write_sds(sites.edge_tls(host))
        bootstrap = out / f"envoy-{host.name}.yaml"
        bootstrap.write_text(yaml.safe_dump(variables["envoy_bootstrap"], sort_keys=False))
        report[host.name] = {
            "replicas": [r["name"] for r in variables.get("astroshop_service_replicas", [])],
            "envoy_clusters": [c["name"] for c in
                               variables["envoy_bootstrap"]["static_resources"]["clusters"]],
            "scrape_jobs": [j["job_name"] for j in
                            variables.get("prometheus_config", {}).get("scrape_configs", [])]}
    return report


def main(name: str, out: Path) -> dict:
    """Every target's rendering, reduced to where `name` appears."""
    out.mkdir(parents=True, exist_ok=True)
    paths, options = RunPaths(out / "run").ensure(), StackOptions(port_offset=0)
    programs = supervisor.render(paths, all_processes(options.topology(), paths, options))
    local = envoy.write(Topology(), out / "envoy-local.yaml")
    config = yaml.safe_load(local.read_text())
    k8s = tree.files()
    app = __import__(f"shop.{name}", fromlist=["create_app"]).create_app({"TESTING": True})
    return {
        "trees": [str(Path(harness.__file__).parent.parent), str(Path(shop.__file__).parent.parent)],
        "health": app.test_client().get("/healthz").status_code,
        "supervisor": f"[program:{name}-0]" in programs,
        "envoy": {"clusters": [c["name"] for c in config["static_resources"]["clusters"]],
                  "public_routes": [r["name"] for r in config["static_resources"]["listeners"][0][
                      "filter_chains"][0]["filters"][0]["typed_config"]["route_config"][
                      "virtual_hosts"][0]["routes"]]},
        "prometheus": [j["job_name"] for j in prometheus_config.render(
            Topology(), prometheus.local_site(out / "rules"))["scrape_configs"]],
        "compose": sorted(compose.render()["services"]),
        "k8s": sorted(path for path in k8s if name in k8s[path]),
        "k8s_envoy": f"name: {name}\n" in k8s[f"base/config/{configs.ENVOY_FILE}"],
        "cluster": cluster_report(name, out),
        "dashboards": [d.uid for d in sources.load_all()],
        "objectives": [objective.name for objective in loader.load_dir()],
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], Path(sys.argv[2]))))
