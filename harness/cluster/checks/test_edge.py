"""The entry point: the edge host's public listener answers from the root namespace (where
shoppers and the harness are); no other host has a public listener."""
import requests
from testinfra.utils.ansible_runner import AnsibleRunner

from harness.cluster.checks import expected


def test_only_the_edge_has_a_public_listener(host):
    variables = host.ansible.get_variables()
    public = f"tcp://{variables['ansible_host']}:{expected.of(host)['public_port']}"
    assert host.socket(public).is_listening == ("edge" in variables["astroshop_roles"])


def test_the_edge_serves_the_catalog_to_the_root_namespace(pytestconfig):
    runner = AnsibleRunner(pytestconfig.getoption("ansible_inventory"))
    edges = runner.get_hosts("edge")
    assert edges, "the inventory has no edge host"
    for name in edges:
        variables = runner.get_variables(name)
        url = f"http://{variables['ansible_host']}:{variables['astroshop_checks']['public_port']}"
        response = requests.get(f"{url}/api/products", timeout=10)
        assert response.status_code == 200, response.text[:300]
        assert response.json()["products"], "the catalog is empty"
