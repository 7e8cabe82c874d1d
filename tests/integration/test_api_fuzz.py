"""Schemathesis against every service's OpenAPI document, through Envoy's mesh listener.

Generated requests (valid, edge-case and invalid) must never get a 5xx, must be answered
with the documented status codes, content types and response schemas, and invalid data must
be refused. The storefront's document describes its HTML pages and url-encoded forms (whose
posts, lacking a CSRF token, are refused with 400). The seed is fixed so a failure
reproduces; `st replay` commands are printed.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jwt
import pytest
import requests

from harness.model.services import SERVICES
from shop.contracts.headers import ACCOUNT_HEADER
from tests.support.accounts import PASSWORD, new_email

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
CONFIG = Path(__file__).parent / "fuzz" / "schemathesis.toml"
CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,"
          "response_schema_conformance,response_headers_conformance,negative_data_rejection")


def identity(topology, service: str) -> list[str]:
    """For accounts, the verified-account header of a real account (as Envoy would set it),
    so the signed-in routes are fuzzed past their 401; nothing for the other services."""
    if service != "accounts":
        return []
    body = {"email": new_email(), "password": PASSWORD}
    mesh = topology.mesh_url()
    requests.post(f"{mesh}/api/account/signup", json=body, headers={"Host": service},
                  timeout=10).raise_for_status()
    pair = requests.post(f"{mesh}/api/account/signin", json=body, headers={"Host": service},
                         timeout=10).json()
    account = jwt.decode(pair["access_token"], options={"verify_signature": False})["sub"]
    return ["-H", f"{ACCOUNT_HEADER}: {account}"]


@pytest.mark.parametrize("service", [service.name for service in SERVICES])
def test_generated_requests_get_documented_answers_and_never_a_5xx(stack, service, tmp_path):
    topology = stack.options().topology()
    endpoint = topology.endpoints(service)[0]
    command = [str(SCHEMATHESIS), "--config-file", str(CONFIG), "run",
               f"http://{endpoint.address}/openapi.json", "--url", topology.mesh_url(),
               "-H", f"Host: {service}", *identity(topology, service), "--checks", CHECKS, "--max-examples", "15",
               "--seed", "20261126", "--phases", "examples,coverage,fuzzing", "--no-color",
               "--request-timeout", "10"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path,
                            env={**os.environ, "SCHEMATHESIS_HOOKS": ""})
    assert result.returncode == 0, f"schemathesis found problems in {service}:\n{result.stdout[-6000:]}"
    assert "passed" in result.stdout
