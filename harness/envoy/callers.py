"""The mesh per caller: each service reaches Envoy on a listener of its own (its port is how
Envoy knows who calls), whose route table holds only the calls the model declares for it
(`Service.calls`); a call to any other service is refused with 403 problem+json.

Every caller's listener counts under the one stat prefix `mesh` (faults, dashboards and SLOs
read `http.mesh.*`); its access log names the caller. Where the port is really the caller's
alone is the deployment's business: a NetworkPolicy per caller port (Kubernetes), a packet
filter on the socket's owner (the cluster); locally every process is one user's anyway.
"""
from __future__ import annotations

from harness.envoy.filters import mesh_filters
from harness.envoy.listeners import connection_manager, listener
from harness.envoy.routes import direct, mesh_virtual_host, unknown_service_host
from harness.model.services import Service
from harness.model.topology import Topology

MESH_STATS = "mesh"


def domains(name: str, port: int) -> list[str]:
    """The Host headers that name service `name` on a listener of `port`."""
    return [name, f"{name}:{port}"]


def refused_host(topology: Topology, caller: Service, port: int) -> dict:
    """403 for every service the caller does not declare a call to."""
    others = [name for name in topology.names() if name not in caller.calls]
    allowed = ", ".join(caller.calls) or "no other service"
    detail = (f"{caller.name} may call only {allowed} (its calls in harness/model/services.py); "
              "this call was refused and reached no service")
    return {"name": "undeclared", "domains": [d for name in others for d in domains(name, port)],
            "routes": [direct(f"{caller.name}/undeclared", {"prefix": "/"}, 403, detail)]}


def caller_virtual_hosts(topology: Topology, caller: Service) -> list[dict]:
    """The declared calls of `caller`, then 403 for the other services, 404 for no service."""
    port = topology.mesh_ports()[caller.name]
    declared = [{**mesh_virtual_host(topology, topology.service(name)),
                 "domains": domains(name, port)} for name in caller.calls]
    return [*declared, refused_host(topology, caller, port), unknown_service_host(topology)]


def caller_listener(topology: Topology, caller: Service) -> dict:
    """The listener of one caller, on the mesh's host, at its own port."""
    name = f"mesh_{caller.name}"
    return listener(name, topology.host, topology.mesh_ports()[caller.name], connection_manager(
        name, caller_virtual_hosts(topology, caller), mesh_filters(), edge=False,
        stats=MESH_STATS))


def caller_listeners(topology: Topology) -> list[dict]:
    """One mesh listener per service, in topology order."""
    return [caller_listener(topology, service) for service in topology.services]
