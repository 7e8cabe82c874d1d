"""compose.yaml: equal to its rendering from the topology, hardened, with no default secret;
the run directory's project (name, subnet, ports, secrets 0600); `astroshop compose` with a
mocked python-on-whales client (the real engine: tests/integration/test_compose_smoke.py)."""
from __future__ import annotations

import json
import stat
from unittest import mock

import pytest
import yaml
from click.testing import CliRunner
from python_on_whales.exceptions import DockerException

from harness.cli import main
from harness.model.stores import role_password
from harness.containers import compose, composestack
from harness.containers.images import image_reference
from harness.containers.project import ComposeProject
from harness.model import budgets
from harness.model.topology import Topology
from harness.paths import REPO_ROOT

INFRASTRUCTURE = ["envoy", "prometheus", "postgres", "redis"]


@pytest.fixture(scope="module")
def services() -> dict:
    """The committed compose file's services."""
    return yaml.safe_load(compose.COMPOSE_FILE.read_text())["services"]


@pytest.fixture
def docker(tmp_path, monkeypatch):
    """A mocked python_on_whales.DockerClient with a working engine and compose plugin."""
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path))
    monkeypatch.setenv("ASTROSHOP_PORT_OFFSET", "300")
    with mock.patch("harness.containers.engine.DockerClient") as client_class:
        client_class.return_value.container.list.return_value = []
        client_class.return_value.network.list.return_value = []
        client_class.return_value.volume.list.return_value = []
        yield client_class


def test_the_committed_file_is_the_rendering_of_the_topology():
    assert compose.COMPOSE_FILE.read_text() == compose.text(), (
        "compose.yaml is out of date: run `astroshop compose render`")


def test_every_service_runs_on_the_one_shop_image_and_nothing_is_built_here(services):
    assert list(services) == [*Topology().names(), *INFRASTRUCTURE]
    for name in Topology().names():
        assert services[name]["image"] == image_reference("shop"), name
        assert services[name]["environment"]["ASTROSHOP_SERVICE"] == name
        assert services[name]["environment"]["HEALTH_PATH"] == "/readyz", "health = readiness"
    assert all("build" not in entry for entry in services.values())
    assert {services[n]["image"] for n in INFRASTRUCTURE} == {
        image_reference(n) for n in INFRASTRUCTURE}


def test_every_container_is_hardened_checked_and_budgeted(services):
    for name, entry in services.items():
        assert entry["healthcheck"]["test"][0] == "CMD", name
        assert entry["user"] == "10001:10001" and entry["read_only"] is True, name
        assert entry["tmpfs"][0] == "/tmp" and entry["restart"] == "unless-stopped", name
        limit = entry["deploy"]["resources"]["limits"]["memory"]
        assert limit == f"{budgets.budget(name).memory_limit_mi}M", name


def test_depends_on_waits_for_health_and_has_no_cycle(services):
    graph = {name: entry.get("depends_on", {}) for name, entry in services.items()}
    for name, needs in graph.items():
        for other, condition in needs.items():
            assert other in services and condition["condition"] == "service_healthy", name
    done: set[str] = set()
    while len(done) < len(graph):
        ready = {n for n, needs in graph.items() if n not in done and set(needs) <= done}
        assert ready, f"depends_on cycle among {sorted(set(graph) - done)}"
        done |= ready
    assert set(graph["envoy"]) == set(Topology().names())
    assert set(graph["checkout"]) == {"postgres"} and set(graph["cart"]) == {"postgres", "redis"}
    assert graph["cart"]["redis"]["required"] is False, "the stores only run with their profile"


def test_the_stores_are_a_profile_and_sqlite_lives_in_volumes(services):
    assert services["postgres"]["profiles"] == services["redis"]["profiles"] == ["stores"]
    checkout = services["checkout"]
    assert checkout["environment"]["ASTROSHOP_DATABASE_URL_FILE"] == (
        "/run/secrets/database-url-checkout")
    postgres = services["postgres"]
    assert postgres["environment"]["ASTROSHOP_DB_PASSWORD_CHECKOUT_FILE"] == (
        "/run/secrets/db-password-checkout")
    assert any(v.endswith(":/etc/astroshop/postgres/postgres-roles.sql:ro")
               for v in postgres["volumes"]), "the image makes each service's role at start"
    assert "checkout-data:/var/lib/astroshop" in checkout["volumes"]
    assert services["catalog"]["tmpfs"] == ["/tmp", "/var/lib/astroshop"], "no anonymous volume"


SECRET_NAMES = ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "PASSWORD")


def test_secrets_are_mounted_files_never_environment(services):
    document = yaml.safe_load(compose.COMPOSE_FILE.read_text())
    for name, entry in services.items():
        for key, value in entry.get("environment", {}).items():
            if any(secret in key for secret in SECRET_NAMES):
                assert key.endswith("_FILE"), (name, key)
                assert value.startswith("/run/secrets/") or value == (
                    "${ASTROSHOP_REDIS_URL_FILE:-}"), (name, key, value)
        mounted = {v.removeprefix("/run/secrets/") for v in entry.get("environment", {}).values()
                   if v.startswith("/run/secrets/")}
        assert mounted <= set(entry.get("secrets", [])), name
    assert services["frontend"]["environment"]["ASTROSHOP_SECRET_KEY_FILE"] == (
        "/run/secrets/session-key")
    assert "session-key" not in services["catalog"].get("secrets", []), "only who needs it"
    for name, source in document["secrets"].items():
        assert source == {"file": "${ASTROSHOP_COMPOSE_SECRETS:?start it with `astroshop "
                                  f"compose up`}}/{name}"}


def test_mounted_configs_exist_and_only_the_edge_and_prometheus_are_published(services):
    for name, entry in services.items():
        for volume in entry.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (REPO_ROOT / source).is_file(), f"{name} mounts missing {source}"
        published = [port.split(":")[0] for port in entry.get("ports", [])]
        assert set(published) <= {"127.0.0.1"}, name
    assert [n for n, e in services.items() if e.get("ports")] == ["envoy", "prometheus"]


def test_the_project_follows_the_port_offset(tmp_path):
    project = ComposeProject(tmp_path, 1500)
    assert project.name == "astroshop-1500" and project.subnet == "10.79.115.0/24"
    assert project.ports() == {"edge": 9580, "prometheus": 10590}
    assert ComposeProject(tmp_path, 0).name == "astroshop"


def test_secrets_are_generated_once_into_private_files_and_none_in_the_env_file(tmp_path):
    project = ComposeProject(tmp_path, 0, stores=True)
    project.write()
    first = project.passwords()
    assert project.passwords() == first and first["postgres"] != first["redis"]
    secret_files = sorted(project.secrets_dir.iterdir())
    assert {path.name for path in secret_files} == set(yaml.safe_load(
        compose.COMPOSE_FILE.read_text())["secrets"]), "a file for every secret compose mounts"
    for path in (project.env_file, project.folder / "secrets.json", *secret_files):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(project.secrets_dir.stat().st_mode) == 0o700
    role = role_password(first["postgres"], "checkout")
    assert (project.secrets_dir / "database-url-checkout").read_text().strip() == (
        f"postgresql://astroshop_checkout:{role}@postgres:5432/astroshop")
    assert (project.secrets_dir / "db-password-checkout").read_text().strip() == role
    env = project.env_file.read_text()
    values = [path.read_text().strip() for path in secret_files]
    assert not [value for value in values if value in env], "a secret in compose.env"
    assert "ASTROSHOP_REDIS_URL_FILE=/run/secrets/redis-url" in env
    plain = ComposeProject(tmp_path, 0)
    assert "ASTROSHOP_REDIS_URL_FILE" not in plain.variables(), "no Redis without the stores"
    assert plain.secret_values()["database-url-checkout"] == (
        "sqlite:////var/lib/astroshop/checkout.db")


def test_render_check_fails_on_a_stale_file(tmp_path, monkeypatch):
    stale = tmp_path / "compose.yaml"
    stale.write_text("services: {}\n")
    monkeypatch.setattr(compose, "COMPOSE_FILE", stale)
    result = CliRunner().invoke(main, ["compose", "render", "--check"])
    assert result.exit_code == 1 and "out of date" in result.output
    assert CliRunner().invoke(main, ["compose", "render"]).exit_code == 0
    assert stale.read_text() == compose.text()


def started_services(services: dict, profiles: list[str]) -> set[str]:
    """What compose starts from the committed file given `profiles`: every service without a
    profile, and those with one of them."""
    return {name for name, spec in services.items()
            if not spec.get("profiles") or set(spec["profiles"]) & set(profiles)}


@pytest.mark.parametrize("stores", [True, False])
def test_up_builds_the_images_first_then_waits_for_health(docker, tmp_path, services, stores):
    with mock.patch("harness.containers.building.build") as build:
        result = CliRunner().invoke(main, ["compose", "up", "--timeout", "90",
                                           *(["--stores"] if stores else [])])
    assert result.exit_code == 0, result.output
    assert [s.name for s in build.call_args.args[1]] == [
        "envoy", "shop", "prometheus", *(["postgres", "redis"] if stores else [])]
    options = docker.call_args.kwargs
    assert options["compose_project_name"] == "astroshop-300"
    # What the profiles handed to the engine start from the committed compose file: the stores
    # with --stores, none without (not merely the flag echoed back).
    started = started_services(services, options.get("compose_profiles") or [])
    assert {"postgres", "redis"} & started == ({"postgres", "redis"} if stores else set())
    assert options["compose_env_files"] == [tmp_path / "compose" / "compose.env"]
    docker.return_value.compose.up.assert_called_once_with(detach=True, wait=True,
                                                           wait_timeout=90, quiet=True)
    assert json.loads((tmp_path / "compose" / "project.json").read_text())["stores"] is stores


def test_up_refuses_a_busy_port(docker):
    with mock.patch("harness.containers.composestack.busy_ports",
                    return_value={"edge": 8380}):
        result = CliRunner().invoke(main, ["compose", "up"])
    assert result.exit_code == 1 and "8380 (edge)" in result.output
    docker.return_value.compose.up.assert_not_called()


def test_down_fails_when_something_is_left_and_forgets_the_project_otherwise(docker, tmp_path):
    ComposeProject(tmp_path, 300).write()
    network = mock.Mock()
    network.name = "astroshop-300_default"
    docker.return_value.network.list.return_value = [network]
    result = CliRunner().invoke(main, ["compose", "down", "--volumes"])
    assert result.exit_code == 1 and "network astroshop-300_default" in result.output
    docker.return_value.compose.down.assert_called_with(volumes=True, remove_orphans=True,
                                                        timeout=10, quiet=True)
    docker.return_value.network.list.return_value = []
    assert CliRunner().invoke(main, ["compose", "down"]).exit_code == 0
    assert not ComposeProject(tmp_path, 300).recorded()


def test_status_reports_the_urls_and_exits_3_when_nothing_runs(docker):
    result = CliRunner().invoke(main, ["compose", "status", "--json"])
    assert result.exit_code == 3
    report = json.loads(result.output)
    assert report["edge_url"] == "http://127.0.0.1:8380"
    assert report["prometheus_url"] == "http://127.0.0.1:9390"
    assert composestack.PROJECT_LABEL in str(docker.return_value.container.list.call_args)


@pytest.mark.parametrize("command", [["up"], ["down"], ["status"]])
def test_without_an_engine_every_command_says_so(docker, command):
    docker.return_value.system.info.side_effect = DockerException(
        ["docker", "system", "info"], 1, b"", b"Cannot connect to the Docker daemon\n")
    result = CliRunner().invoke(main, ["compose", *command])
    assert result.exit_code == 1 and "no Docker engine is reachable" in result.output
    compose_calls = docker.return_value.compose
    compose_calls.up.assert_not_called()
    compose_calls.down.assert_not_called()


def test_without_the_compose_plugin_the_message_names_it(docker):
    docker.return_value.compose.is_installed.return_value = False
    result = CliRunner().invoke(main, ["compose", "up"])
    assert result.exit_code == 1 and "compose plugin is not installed" in result.output
