"""The entry point: the edge host's HTTPS listener answers from the root namespace (where
shoppers and the harness are), its certificate verified against the project CA; plain HTTP
only redirects; no other host has a public listener."""
import requests
from testinfra.utils.ansible_runner import AnsibleRunner

from harness.certs import trust
from harness.cluster.checks import expected


def test_only_the_edge_has_a_public_listener(host):
    variables = host.ansible.get_variables()
    for port in (expected.of(host)["public_port"], expected.of(host)["https_port"]):
        public = f"tcp://{variables['ansible_host']}:{port}"
        assert host.socket(public).is_listening == ("edge" in variables["astroshop_roles"])


def test_the_edge_serves_the_catalog_to_the_root_namespace(pytestconfig):
    runner = AnsibleRunner(pytestconfig.getoption("ansible_inventory"))
    edges = runner.get_hosts("edge")
    assert edges, "the inventory has no edge host"
    for name in edges:
        variables = runner.get_variables(name)
        checks, address = variables["astroshop_checks"], variables["ansible_host"]
        url = f"https://{address}:{checks['https_port']}"
        response = requests.get(f"{url}/api/products", timeout=10, verify=trust.verify())
        assert response.status_code == 200, response.text[:300]
        assert response.json()["products"], "the catalog is empty"
        plain = requests.get(f"http://{address}:{checks['public_port']}/api/products",
                             timeout=10, allow_redirects=False)
        assert plain.status_code == 301, plain.text[:300]
        assert plain.headers["location"] == f"{url}/api/products"
