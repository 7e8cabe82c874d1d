"""The model's registry holds together: unique ports, known calls and stores, host roles, the
edge's request classes; a component without a measured RSS still gets a budget."""
import json
from dataclasses import replace

import pytest

from harness.model import budgets, hosts
from harness.model.edge import REQUEST_CLASSES, request_class
from harness.model.environment import service_environment
from harness.model.services import SERVICES
from harness.model.stores import POSTGRES, REDIS, STORES, role, store
from harness.model.topology import Topology


def test_every_replica_port_is_unique_and_every_call_names_a_service():
    ports = [port for service in SERVICES for port in service.replica_ports()]
    assert len(ports) == len(set(ports))
    most = [replace(service, replicas=9, canary_replicas=9) for service in SERVICES]
    canaries = [port for service in most for port in service.canary_ports()]
    stable = {port for service in most for port in service.replica_ports()}
    assert len(canaries) == len(set(canaries)) and not set(canaries) & stable  # 9 of each
    names = {service.name for service in SERVICES}
    for service in SERVICES:
        assert set(service.calls) <= names, service.name
        assert all(store(name) for name in service.stores), service.name
        assert service.host_role in hosts.SERVICE_ROLES, service.name


def test_store_urls_come_from_the_stores_port_and_database():
    assert POSTGRES.url("postgres", "pw") == "postgresql://postgres:pw@postgres:5432/astroshop"
    assert POSTGRES.url("db", "pw", role("cart")) == (
        "postgresql://astroshop_cart:pw@db:5432/astroshop")
    assert REDIS.url("redis") == "redis://redis:6379/0"
    assert REDIS.url("10.0.0.3", "pw") == "redis://:pw@10.0.0.3:6379/0"
    assert [s.name for s in STORES] == ["postgres", "redis"]
    with pytest.raises(KeyError, match="postgres, redis"):
        store("mysql")


def test_a_replica_gets_the_variables_of_the_stores_it_uses_and_its_memory_budget():
    topology = Topology()
    env = {s.name: service_environment(topology, s, 0, database_url="db", redis_url="kv",
                                       secret_key="key", signing_keys="keys.json")
           for s in SERVICES}
    assert env["cart"]["ASTROSHOP_DATABASE_URL"] == "db" and env["cart"]["ASTROSHOP_REDIS_URL"] == "kv"
    assert "ASTROSHOP_REDIS_URL" not in env["checkout"]
    assert "ASTROSHOP_DATABASE_URL" not in env["catalog"]
    assert [name for name, e in env.items() if "ASTROSHOP_SECRET_KEY" in e] == [
        "frontend", "payment", "checkout", "accounts"]
    assert [name for name, e in env.items() if "ASTROSHOP_SIGNING_KEYS" in e] == ["accounts"]
    assert env["accounts"]["ASTROSHOP_SIGNING_KEYS"] == "keys.json"
    heavy = replace(topology.service("ads"), memory_mb=300)
    assert service_environment(topology, heavy, 0, database_url="")[
        "ASTROSHOP_MEMORY_BUDGET_MB"] == "300"


def test_placement_puts_each_service_on_every_host_of_its_role():
    placed = hosts.placement(SERVICES, {"edge": ("10.0.0.1",), "app": ("10.0.0.2", "10.0.0.3")})
    assert placed["frontend"] == ("10.0.0.1",)
    assert placed["catalog"] == ("10.0.0.2", "10.0.0.3")
    stray = (replace(SERVICES[0], host_role="data"),)
    with pytest.raises(ValueError, match="host_role must be one of edge, app"):
        hosts.placement(stray, {})
    assert hosts.runs_envoy(("app",)) and not hosts.runs_envoy(("data",))


def test_the_last_request_class_takes_every_request():
    assert request_class("DELETE", "/anything/at/all") == REQUEST_CLASSES[-1].name
    assert request_class("post", "/api/checkout?x=1") == "checkout"


def test_a_component_without_a_measured_rss_gets_the_default_budget_with_a_warning():
    with pytest.warns(budgets.UnmeasuredComponent, match="'telescope-rental'"):
        unmeasured = budgets.budget("telescope-rental")
    rss = budgets.UNMEASURED_RSS_MB
    assert unmeasured.memory_request_mi == budgets.round_up(rss * budgets.REQUEST_FACTOR, 8)
    assert unmeasured.memory_limit_mi == budgets.round_up(rss * budgets.LIMIT_FACTOR, 16)
    assert unmeasured.cpu_request_m == budgets.round_up(
        budgets.UNMEASURED_CPU_M * budgets.REQUEST_FACTOR, 5)
    assert unmeasured.cpu_limit_m == budgets.SERVICE_CPU[1]


def test_cpu_requests_and_autoscaling_targets_come_from_the_measured_cpu(recwarn):
    measured = json.loads(budgets.MEASURED_CPU.read_text())["millicores"]
    for name in Topology().names():
        assert budgets.budget(name).cpu_request_m == max(
            budgets.CPU_REQUEST_FLOOR_M, budgets.round_up(measured[name] * budgets.REQUEST_FACTOR, 5))
        assert budgets.hpa_target_m(name) >= budgets.HPA_FLOOR_M
    assert budgets.hpa_target_m("frontend") == budgets.round_up(
        measured["frontend"] * budgets.HPA_LOAD_FACTOR, 5)
    assert not [w for w in recwarn if issubclass(w.category, budgets.UnmeasuredComponent)]
    with pytest.warns(budgets.UnmeasuredComponent, match="measured CPU for 'telescope-rental'"):
        assert budgets.hpa_target_m("telescope-rental") == budgets.round_up(
            budgets.UNMEASURED_CPU_M * budgets.HPA_LOAD_FACTOR, 5)


def test_a_measured_component_is_budgeted_from_its_measurement_without_a_warning(recwarn):
    measured = budgets.measured_rss_mb()["catalog"]
    assert budgets.budget("catalog").memory_limit_mi == budgets.round_up(
        measured * budgets.LIMIT_FACTOR, 16)
    assert not [w for w in recwarn if issubclass(w.category, budgets.UnmeasuredComponent)]


def test_every_service_waits_at_least_as_long_as_each_service_it_calls():
    by_name = {service.name: service for service in SERVICES}
    short = [(s.name, callee) for s in SERVICES for callee in s.calls
             if s.timeout_ms < by_name[callee].timeout_ms]
    assert not short, f"callers that give up before their callee's own budget: {short}"
