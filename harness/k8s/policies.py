"""NetworkPolicies: deny everything, then allow exactly the flows the topology implies.

Every east-west call goes through Envoy, so a call A -> B is two flows: A to Envoy's mesh
port and Envoy to B's port. Only services with calls may reach the mesh; Envoy may reach only
the services something calls or the edge routes to; stores accept only the services that use
them; Prometheus may scrape every service and Envoy's stats listener.
"""
from __future__ import annotations

from harness.containers.images import ENVOY
from harness.containers.topology import callers, store_services
from harness.k8s import objects
from harness.k8s.monitoring import NAME as PROMETHEUS
from harness.model.stores import STORES
from harness.model.topology import ENVOY_STATS_PORT, Topology

DNS = {"to": [{"namespaceSelector": {"matchLabels": {
    "kubernetes.io/metadata.name": "kube-system"}},
    "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}],
    "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}]}


def pods(*names: str) -> dict:
    """A peer: the pods of the named workloads."""
    return {"podSelector": {"matchExpressions": [
        {"key": objects.NAME_LABEL, "operator": "In", "values": sorted(names)}]}}


def tcp(*numbers: int) -> list[dict]:
    """TCP ports."""
    return [{"protocol": "TCP", "port": number} for number in numbers]


def policy(name: str, ingress: list[dict], egress: list[dict]) -> dict:
    """The policy of workload `name`: only the listed flows in and out (plus DNS out)."""
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": objects.metadata(name, "network-policy"), "spec": {
                "podSelector": {"matchLabels": objects.selector(name)},
                "policyTypes": ["Ingress", "Egress"], "ingress": ingress,
                "egress": [DNS, *egress]}}


def default_deny() -> dict:
    """No pod of the namespace sends or receives anything unless a policy allows it."""
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": objects.metadata("default-deny", "network-policy"),
            "spec": {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}}


def envoy_targets(topology: Topology) -> list[str]:
    """Services Envoy forwards to: those something calls, and those with public routes."""
    called = {name for svc in topology.services for name in svc.calls}
    return [svc.name for svc in topology.services if svc.name in called or svc.public_routes]


def service_policy(topology: Topology, name: str) -> dict:
    """In: from Envoy and Prometheus. Out: the mesh if it calls anything, and its stores."""
    service = topology.service(name)
    ingress = [{"from": [pods(ENVOY)], "ports": tcp(service.port)}] if (
        name in envoy_targets(topology)) else []
    ingress.append({"from": [pods(PROMETHEUS)], "ports": tcp(service.port)})
    egress = [{"to": [pods(ENVOY)], "ports": tcp(topology.mesh_port)}] if service.calls else []
    egress += [{"to": [pods(store.name)], "ports": tcp(store.port)}
               for store in STORES if service.uses(store.name)]
    return policy(name, ingress, egress)


def envoy_policy(topology: Topology) -> dict:
    """In: shoppers on the public ports (HTTPS where an overlay opens it), callers on the
    mesh, Prometheus on stats."""
    ingress = [{"ports": tcp(topology.public_port, topology.https_port)},
               {"from": [pods(*callers(topology))], "ports": tcp(topology.mesh_port)},
               {"from": [pods(PROMETHEUS)], "ports": tcp(ENVOY_STATS_PORT)}]
    egress = [{"to": [pods(name)], "ports": tcp(topology.service(name).port)}
              for name in envoy_targets(topology)]
    return policy(ENVOY, ingress, egress)


def network_policies(topology: Topology) -> list[dict]:
    """Default deny, then one policy per workload."""
    scrape = [{"to": [pods(svc.name)], "ports": tcp(svc.port)} for svc in topology.services]
    scrape.append({"to": [pods(ENVOY)], "ports": tcp(ENVOY_STATS_PORT)})
    return [
        default_deny(),
        *(service_policy(topology, name) for name in topology.names()),
        envoy_policy(topology),
        policy(PROMETHEUS, [], scrape),
        *(policy(store.name, [{"from": [pods(*store_services(topology, store.name))],
                               "ports": tcp(store.port)}], []) for store in STORES),
    ]
