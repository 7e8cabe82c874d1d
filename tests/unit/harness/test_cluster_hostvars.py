"""Ansible's host variables and the checks' expectations, from the topology model."""
from harness.cluster import expect, hostvars, placement
from harness.model.stores import role_password
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
        database_url=f"postgresql://astroshop_cart:{role_password('pw-db', 'cart')}"
                     "@10.77.0.10:5432/astroshop",
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
        "astroshop_service", "envoy", "postgresql", "redis", "prometheus", "alertmanager",
        "exporters"]
    assert expect.program_files(TOPOLOGY, MADE.host("app1")) == [
        "astroshop_service", "envoy", "exporters"]
    assert variables("app1")["common_program_files"] == ["astroshop_service", "envoy",
                                                         "exporters"]


def test_expectations_list_programs_sockets_and_loopback_ports():
    checks = expect.expectations(MADE.settings, TOPOLOGY, MADE.host("edge1"))
    assert checks["programs"] == [
        "alert-receiver", "alertmanager", "envoy", "frontend-0", "node-exporter",
        "postgres-exporter", "postgresql", "prometheus", "redis", "redis-exporter"]
    assert "tcp://10.77.0.10:8080" in checks["listening"]
    assert "tcp://10.77.0.10:5432" in checks["listening"]
    assert {"tcp://0.0.0.0:9093", "tcp://0.0.0.0:9096", "tcp://10.77.0.10:9100",
            "tcp://10.77.0.10:9187", "tcp://10.77.0.10:9121"} <= set(checks["listening"])
    assert "http://127.0.0.1:9093/-/ready" in checks["health"]
    app = expect.expectations(MADE.settings, TOPOLOGY, MADE.host("app1"))
    assert [p for p in app["programs"] if "export" in p or "alert" in p] == ["node-exporter"]
    assert "http://10.77.0.11:9100/metrics" in app["health"]
    assert checks["loopback_only"] == list(range(10001, 10001 + len(TOPOLOGY.names())))  # callers
    assert "http://10.77.0.10:7000/readyz" in checks["health"]


def test_files_holding_secrets_are_not_world_readable():
    for spec in expect.files(MADE.settings, TOPOLOGY, MADE.host("edge1")):
        if "supervisor.d" in spec["path"] or spec["path"].endswith(("redis.conf", "pg_hba.conf")):
            assert spec["mode"] & 0o007 == 0, spec


def test_every_host_runs_node_exporter_and_the_data_host_the_stores_exporters():
    app = variables("app1")["exporters_programs"]
    assert [(p["name"], p["user"]) for p in app] == [("node-exporter", "prometheus")]
    assert "--web.listen-address=10.77.0.11:9100" in app[0]["command"]
    data = {p["name"]: p for p in variables("edge1")["exporters_programs"]}
    assert data["postgres-exporter"]["env"] == {"DATA_SOURCE_NAME": (
        "postgresql://postgres:pw-db@127.0.0.1:5432/astroshop?sslmode=disable")}
    assert data["redis-exporter"]["env"] == {"REDIS_ADDR": "redis://10.77.0.10:6379",
                                             "REDIS_PASSWORD": "pw-redis"}
    assert not any("pw-" in arg for p in data.values() for arg in p["command"])


def test_the_data_hosts_prometheus_alerts_its_alertmanager_and_scrapes_every_exporter():
    edge = variables("edge1")
    config = edge["prometheus_config"]
    assert config["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"] == [
        "127.0.0.1:9093"]
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    nodes = [group["targets"][0] for group in jobs["node"]["static_configs"]]
    assert nodes == ["10.77.0.10:9100", "10.77.0.11:9100", "10.77.0.12:9100"]
    assert [g["labels"]["host"] for g in jobs["node"]["static_configs"]] == [
        "edge1", "app1", "app2"]
    assert jobs["postgres"]["static_configs"][0]["targets"] == ["10.77.0.10:9187"]
    assert jobs["redis"]["static_configs"][0]["targets"] == ["10.77.0.10:9121"]
    assert "synthetic" not in jobs  # no blackbox on the cluster
    programs = {p["name"]: p for p in edge["alertmanager_programs"]}
    assert "--web.listen-address=0.0.0.0:9093" in programs["alertmanager"]["command"]
    assert programs["alert-receiver"]["env"]["ASTROSHOP_ALERTS_FILE"].endswith(
        "/data/alerts/notifications.jsonl")
    hooks = [c["url"] for r in edge["alertmanager_config"]["receivers"]
             for c in r["webhook_configs"]]
    assert all(url.startswith("http://127.0.0.1:9096/hooks/") for url in hooks)
    assert "alertmanager_config" not in variables("app1")
def test_the_data_host_gives_each_sql_service_a_role_from_the_bridge_only():
    data = variables(MADE.one("data").name)
    services = ["cart", "payment", "email", "checkout", "accounts"]
    assert data["postgresql_service_roles"] == [f"astroshop_{s}" for s in services]
    assert data["postgresql_user"] == "postgres", "the owner logs in from the host itself only"
    passwords = data["postgresql_roles_environment"]
    assert set(passwords) == {f"ASTROSHOP_DB_PASSWORD_{s.upper()}" for s in services}
    assert len(set(passwords.values())) == len(services) and "pw-db" not in passwords.values()
    for name in passwords:
        assert f"\\getenv {name.lower()} {name}" in data["postgresql_roles_script"]


def test_a_service_promoted_by_a_cluster_release_runs_from_its_release_on_every_host():
    from dataclasses import replace
    released = replace(BUILD, releases={"catalog": {"version": "0.1.0+gabc",
                                                    "archive": "/srv/catalog.tar.gz"}})
    for name in ("app1", "app2"):
        found = hostvars.host_vars(MADE, TOPOLOGY, MADE.host(name), released)
        catalog = next(r for r in found["astroshop_service_replicas"]
                       if r["service"] == "catalog")
        directory = f"/srv/run/cluster/hosts/{name}/releases/catalog/0.1.0+gabc"
        assert catalog["directory"] == catalog["env"]["PYTHONPATH"] == directory
        assert catalog["release"] == "0.1.0+gabc"
        assert found["astroshop_service_releases"] == [
            {"service": "catalog", "version": "0.1.0+gabc", "archive": "/srv/catalog.tar.gz"}]
        cart = next(r for r in found["astroshop_service_replicas"] if r["service"] == "cart")
        assert "directory" not in cart
    edge = hostvars.host_vars(MADE, TOPOLOGY, MADE.host("edge1"), released)
    assert edge["astroshop_service_releases"] == []
