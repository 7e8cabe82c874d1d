"""Ansible's host variables and the checks' expectations, from the topology model."""
from harness.cluster import expect, hostvars, placement
from harness.model.environment import service_environment
from tests.cluster.fakes import cluster

MADE = cluster(3)
TOPOLOGY = placement.topology(MADE)
BUILD = hostvars.Build(wheels_archive="/srv/build/wheels.tar", requirements=["flask==3.1.3"],
                       code_archive="/srv/build/code.tar.gz", code_version="abc",
                       rules_dir="/srv/build/rules", rules_version="def",
                       secrets={"frontend_secret_key": "s3cret", "database_password": "pw-db",
                                "redis_password": "pw-redis"},
                       edge_certificate=hostvars.EdgeCertificate(
                           "/srv/tls/live/cert.pem", "/srv/tls/live/key.pem", "ab" * 32),
                       signing_keys="/srv/run/cluster/signing/keyset.json")


def variables(name: str) -> dict:
    return hostvars.host_vars(MADE, TOPOLOGY, MADE.host(name), BUILD)


def test_replica_environment_is_the_topologys_with_the_data_hosts_stores():
    cart = next(r for r in variables("app2")["astroshop_service_replicas"] if r["service"] == "cart")
    expected = service_environment(
        TOPOLOGY, TOPOLOGY.service("cart"), 1,
        database_url="postgresql://astroshop:pw-db@10.77.0.10:5432/astroshop",
        redis_url="redis://:pw-redis@10.77.0.10:6379/0", secret_key="s3cret",
        flags_file="/srv/run/cluster/hosts/app2/etc/flags.json")
    assert cart["env"] == expected
    assert cart["address"] == "10.77.0.12:7021"
    assert cart["args"][cart["args"].index("--bind") + 1] == "10.77.0.12:7021"


def test_only_hosts_with_replicas_get_code_and_only_the_data_host_gets_stores():
    app = variables("app1")
    assert len(app["astroshop_service_replicas"]) == len(TOPOLOGY.names()) - 1
    assert "postgresql_password" not in app and "prometheus_config" not in app
    edge = variables("edge1")
    assert [r["name"] for r in edge["astroshop_service_replicas"]] == ["frontend-0"]
    assert edge["postgresql_listen_addresses"] == ["127.0.0.1", "10.77.0.10"]
    assert edge["postgresql_client_subnet"] == "10.77.0.0/24"


def test_hosts_running_accounts_get_the_clusters_signing_keys_and_no_other_host_does():
    app = variables("app1")
    accounts = next(r for r in app["astroshop_service_replicas"] if r["service"] == "accounts")
    assert accounts["env"]["ASTROSHOP_SIGNING_KEYS"] == app["astroshop_service_signing_keys_path"]
    assert app["astroshop_service_signing_keys_src"] == "/srv/run/cluster/signing/keyset.json"
    assert "astroshop_service_signing_keys_src" not in variables("edge1")


def test_program_files_name_what_runs_on_each_host():
    assert expect.program_files(TOPOLOGY, MADE.host("edge1")) == [
        "astroshop_service", "envoy", "postgresql", "redis", "prometheus"]
    assert expect.program_files(TOPOLOGY, MADE.host("app1")) == ["astroshop_service", "envoy"]
    assert variables("app1")["common_program_files"] == ["astroshop_service", "envoy"]


def test_expectations_list_programs_sockets_and_loopback_ports():
    checks = expect.expectations(TOPOLOGY, MADE.host("edge1"))
    assert checks["programs"] == ["envoy", "frontend-0", "postgresql", "prometheus", "redis"]
    assert "tcp://10.77.0.10:8080" in checks["listening"]
    assert "tcp://10.77.0.10:5432" in checks["listening"]
    assert checks["loopback_only"] == [9901, 10000]
    assert "http://10.77.0.10:7000/readyz" in checks["health"]


def test_files_holding_secrets_are_not_world_readable():
    for spec in expect.files(TOPOLOGY, MADE.host("edge1")):
        if "supervisor.d" in spec["path"] or spec["path"].endswith(("redis.conf", "pg_hba.conf")):
            assert spec["mode"] & 0o007 == 0, spec
