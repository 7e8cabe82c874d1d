"""The k8s/ tree: every file of the kustomize base and overlays, rendered from the topology."""
from __future__ import annotations

from pathlib import Path

from harness.containers import configs
from harness.containers.topology import container_topology
from harness.k8s import tls
from harness.k8s.availability import availability_objects
from harness.k8s.edge import CONFIG_MAP as ENVOY_CONFIG_MAP, edge_objects
from harness.k8s.monitoring import CONFIG_MAP as PROMETHEUS_CONFIG_MAP, monitoring_objects
from harness.k8s.overlays import HEADERS, KUSTOMIZATION, OVERLAYS
from harness.k8s.policies import network_policies
from harness.k8s.stores import store_objects
from harness.containers.images import SPECS, image_reference
from harness.k8s.operator import COMPONENT_DIR, component_files
from harness.k8s.workloads import FLAGS_CONFIG_MAP, config_generator, service_objects
from harness.paths import REPO_ROOT
from harness.model.topology import Topology

K8S_DIR = REPO_ROOT / "k8s"
HEADER = "# Generated from the model (harness/model/) by `astroshop k8s generate`; do not edit.\n"


def documents(objects: list[dict]) -> str:
    """A multi-document YAML file."""
    return HEADER + "---\n".join(configs.dump(obj) for obj in objects)


def images() -> list[dict]:
    """kustomize `images:`: each of the project's images at this version's tag (`k8s render
    --registry/--tag` sets name and tag the same way, in a kustomization of its own)."""
    return [{"name": spec.reference().rsplit(":", 1)[0],
             "newTag": image_reference(spec.name).rsplit(":", 1)[1]} for spec in SPECS]


def base_files(topology: Topology) -> dict[str, str]:
    """base/: one file per service, Envoy, Prometheus, stores, policies, autoscaling."""
    files = {f"services/{svc.name}.yaml": documents(service_objects(topology, svc))
             for svc in topology.services}
    files.update({
        "edge.yaml": documents(edge_objects(topology)),
        "monitoring.yaml": documents(monitoring_objects(topology)),
        "stores.yaml": documents(store_objects()),
        "network-policies.yaml": documents(network_policies(topology)),
        "availability.yaml": documents(availability_objects(topology)),
    })
    kustomization = {**KUSTOMIZATION, "resources": sorted(files), "configMapGenerator": [
        {"name": ENVOY_CONFIG_MAP, "files": [f"config/{configs.ENVOY_FILE}"]},
        {"name": PROMETHEUS_CONFIG_MAP, "files": [f"config/{configs.PROMETHEUS_FILE}",
                                                  f"config/{configs.RULES_FILE}"]},
        {"name": FLAGS_CONFIG_MAP, "files": [f"config/{configs.FLAGS_FILE}"],
         "options": {"disableNameSuffixHash": True}},
        *(config_generator(topology, svc) for svc in topology.services)],
        "images": images()}
    files["kustomization.yaml"] = HEADER + configs.dump(kustomization)
    files.update({f"config/{name}": text for name, text in configs.config_files(topology).items()})
    return files


def files(base: Topology | None = None) -> dict[str, str]:
    """Every file under k8s/, by path relative to it."""
    topology = container_topology(base)
    result = {f"base/{path}": text for path, text in base_files(topology).items()}
    for name, render in OVERLAYS.items():
        result[f"overlays/{name}/kustomization.yaml"] = (
            HEADER + HEADERS[name] + configs.dump(render(topology)))
    result.update({f"overlays/production/{path}": text
                   for path, text in tls.config_files(topology, configs.HEADER).items()})
    result.update({f"{COMPONENT_DIR}/{path}": HEADER + text
                   for path, text in component_files(topology).items()})
    return result


def write(root: Path | None = None) -> list[Path]:
    """Write every file under `root` (default k8s/; stale generated files go); return them."""
    root, wanted = root or K8S_DIR, files()
    for path in sorted(root.glob("**/*.yaml")):
        relative = path.relative_to(root).as_posix()
        if relative not in wanted and path.read_text().startswith(HEADER):
            path.unlink()
    written = []
    for relative, text in wanted.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        written.append(path)
    return written


def drift(root: Path | None = None) -> list[str]:
    """Files under `root` (default k8s/) that differ from the rendering, or are missing."""
    root = root or K8S_DIR
    return [relative for relative, text in files().items()
            if not (root / relative).exists() or (root / relative).read_text() != text]
