"""The Terraform configuration: formatted, valid, offline with the wheel's null provider, and
planning the hosts and roles the harness expects (no root needed: nothing is applied)."""
import json

import pytest

from harness.cluster import terraform, tools
from harness.cluster.paths import ClusterPaths


@pytest.fixture(scope="module")
def initialised(tmp_path_factory):
    """A Terraform working directory initialised offline, with a throw-away local state."""
    paths = ClusterPaths(tmp_path_factory.mktemp("cluster"))
    paths.ensure()
    terraform.init(paths, paths.logs / "terraform.log")
    return paths


def test_the_plugin_directory_holds_the_wheels_provider(tmp_path):
    binary, version = tools.null_provider()
    root = terraform.plugin_dir(tmp_path)
    link = root / "registry.terraform.io" / "hashicorp" / "null" / version / "linux_amd64" / binary.name
    assert link.resolve() == binary
    assert terraform.plugin_dir(tmp_path) == root


def test_the_configuration_is_formatted(tmp_path):
    terraform.run(tmp_path, "fmt", "-check", "-diff", "-recursive")


def test_the_configuration_validates(initialised):
    result = terraform.run(initialised.terraform_data, "validate", "-json", "-no-color")
    assert json.loads(result.stdout)["valid"] is True


@pytest.mark.parametrize("host_count, layout", [
    (1, {"edge1": ["edge", "app", "data"]}),
    (3, {"edge1": ["edge", "data"], "app1": ["app"], "app2": ["app"]}),
    (5, {"edge1": ["edge"], "app1": ["app"], "app2": ["app"], "app3": ["app"],
         "data1": ["data"]}),
])
def test_the_plan_makes_the_hosts_with_their_roles(initialised, host_count, layout):
    plan = initialised.root / f"plan-{host_count}"
    terraform.run(initialised.terraform_data, "plan", "-no-color", "-input=false",
                  f"-out={plan}", f"-var=host_count={host_count}",
                  f"-var=state_dir={initialised.root}")
    shown = json.loads(terraform.run(initialised.terraform_data, "show", "-json", str(plan)).stdout)
    hosts = shown["planned_values"]["outputs"]["hosts"]["value"]
    assert {name: host["roles"] for name, host in hosts.items()} == layout
    assert sorted(host["address"] for host in hosts.values()) == sorted(
        f"10.77.0.{10 + index}" for index in range(host_count))


def test_a_bad_host_count_is_refused_with_the_rule(initialised):
    with pytest.raises(tools.ClusterError, match="host_count must be a whole number from 1 to 9"):
        terraform.run(initialised.terraform_data, "plan", "-no-color", "-input=false",
                      "-var=host_count=12", f"-var=state_dir={initialised.root}")
