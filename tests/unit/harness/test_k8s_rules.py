"""The project's rules catch what they should, and NetworkPolicies follow Service.calls."""
from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from harness.containers.topology import container_topology
from harness.k8s import policies, validate
from harness.k8s.edge import edge_objects
from harness.k8s.policies import network_policies
from harness.k8s.workloads import service_objects
from harness.model.topology import ENVOY_STATS_PORT, Topology


def catalog_objects() -> list[dict]:
    """The catalog's objects and the policies, valid as rendered."""
    topology = container_topology()
    return [*service_objects(topology, topology.service("catalog")), *network_policies(topology)]


def catalog_container(objects: list[dict]) -> dict:
    """The catalog Deployment's container, for editing."""
    deployment = next(o for o in objects if o["kind"] == "Deployment")
    return deployment["spec"]["template"]["spec"]["containers"][0]


def test_the_rendered_objects_break_no_rule():
    assert validate.validate(catalog_objects()) == []


@pytest.mark.parametrize(("edit", "complaint"), [
    (lambda c, pod: c.pop("readinessProbe"), "no readinessProbe"),
    (lambda c, pod: c.pop("livenessProbe"), "no livenessProbe"),
    (lambda c, pod: c["resources"].pop("limits"), "no cpu limit"),
    (lambda c, pod: c["resources"]["limits"].pop("memory"), "no memory limit"),
    (lambda c, pod: c["securityContext"].update(runAsUser=0), "may run as root"),
    (lambda c, pod: (c["securityContext"].pop("runAsNonRoot"), pod.pop("runAsNonRoot")),
     "may run as root"),
    (lambda c, pod: c["securityContext"].update(readOnlyRootFilesystem=False), "writable"),
])
def test_each_container_rule_catches_its_violation(edit, complaint):
    objects = copy.deepcopy(catalog_objects())
    deployment = next(o for o in objects if o["kind"] == "Deployment")
    edit(catalog_container(objects), deployment["spec"]["template"]["spec"]["securityContext"])
    errors = validate.rule_errors(objects)
    assert any(complaint in error and "Deployment/catalog" in error for error in errors), errors


def test_a_workload_without_its_own_policy_is_reported():
    objects = [o for o in catalog_objects()
               if not (o["kind"] == "NetworkPolicy" and o["metadata"]["name"] == "catalog")]
    assert validate.policy_errors(objects) == ["Deployment/catalog: no NetworkPolicy selects "
                                               "its pods"]


def test_a_missing_default_deny_is_reported():
    objects = [o for o in catalog_objects() if o["metadata"]["name"] != "default-deny"]
    assert validate.policy_errors(objects) == ["no default-deny NetworkPolicy (podSelector {})"]


@pytest.mark.parametrize(("field", "value", "complaint"), [
    ("livenessProbes", {}, "Additional properties are not allowed ('livenessProbes'"),
    ("ports", [{"containerPort": "http"}], "'http' is not of type 'integer'"),
])
def test_schemas_reject_unknown_and_mistyped_fields(field, value, complaint):
    objects = copy.deepcopy(catalog_objects())
    catalog_container(objects)[field] = value
    errors = validate.schema_errors(objects)
    assert len(errors) == 1 and errors[0].startswith("Deployment/catalog: "), errors
    assert complaint in errors[0]


def policy(topology: Topology, name: str) -> dict:
    """The NetworkPolicy of workload `name`."""
    return next(p for p in network_policies(topology) if p["metadata"]["name"] == name)


def peers(rules: list[dict]) -> dict[int, set[str]]:
    """port -> the workloads named by the rules (None for 'anyone')."""
    result: dict[int, set[str]] = {}
    for rule in rules:
        names = {v for peer in rule.get("from", rule.get("to", [{}]))
                 for e in peer.get("podSelector", {}).get("matchExpressions", [])
                 for v in e["values"]} or {None}
        for port in rule["ports"]:
            result.setdefault(port["port"], set()).update(names)
    return result


def test_each_caller_reaches_its_own_mesh_port_only_and_envoy_what_is_called_or_public():
    topology = container_topology()
    envoy_in = peers(policy(topology, "envoy")["spec"]["ingress"])
    callers = {svc.name for svc in topology.services if svc.calls}
    ports = topology.mesh_ports()
    assert {port: names for port, names in envoy_in.items() if port in ports.values()} == {
        ports[name]: {name} for name in callers}
    assert envoy_in[topology.public_port] == {None}
    assert envoy_in[ENVOY_STATS_PORT] == {"prometheus"}
    envoy_out = peers(policy(topology, "envoy")["spec"]["egress"][1:])
    assert {name for names in envoy_out.values() for name in names} == set(topology.names())


def test_service_egress_is_the_mesh_only_when_it_calls_and_its_stores():
    topology = container_topology()
    for service in topology.services:
        out = peers(policy(topology, service.name)["spec"]["egress"][1:])
        own = topology.mesh_ports()[service.name]
        expected = {own: {"envoy"}} if service.calls else {}
        if service.name in ("accounts", "cart", "checkout", "email", "payment"):
            expected[5432] = {"postgres"}
        if service.name == "cart":
            expected[6379] = {"redis"}
        assert out == expected, service.name


def test_policies_follow_a_changed_topology():
    base = Topology()
    services = tuple(replace(s, calls=("catalog",)) if s.name == "ads" else s
                     for s in base.services)
    changed = container_topology(replace(base, services=services))
    port = changed.mesh_ports()["ads"]
    assert peers(policy(changed, "ads")["spec"]["egress"][1:]) == {port: {"envoy"}}
    assert peers(policy(changed, "envoy")["spec"]["ingress"])[port] == {"ads"}
    assert port not in peers(policy(container_topology(), "envoy")["spec"]["ingress"])


def test_envoy_forwards_only_to_called_or_public_services():
    base = Topology()
    frontend = base.service("frontend")
    calls = tuple(name for name in frontend.calls if name != "ads")
    edited = {"ads": {"public_routes": ()},
              "frontend": {"calls": calls}}
    services = tuple(replace(s, **edited.get(s.name, {})) for s in base.services)
    hidden = container_topology(replace(base, services=services))
    assert "ads" not in policies.envoy_targets(hidden)
    assert peers(policy(hidden, "ads")["spec"]["ingress"]) == {7080: {"prometheus"}}
    assert edge_objects(hidden)[0]["kind"] == "Deployment"
