"""The psql script the cluster's Ansible and the PostgreSQL image run (harness/databases.py),
against a real server: each service's role, its password from the environment, no superuser,
no reach into another service's schema; running it again changes nothing."""
import os
import subprocess

import psycopg
import pytest
import sqlalchemy

from harness import databases
from harness.model.stores import role
from tests.support.servers import postgres_bin, postgres_server

SERVICES = ["payment", "checkout"]


def run_script(owner_url: str, passwords: dict[str, str]) -> None:
    """psql -f the rendered script as the owner, the passwords in its environment only."""
    url = sqlalchemy.engine.make_url(owner_url)
    script = databases.psql_script(SERVICES, url.database)
    env = {**os.environ, **passwords, "PGPASSWORD": url.password}
    subprocess.run([str(postgres_bin() / "psql"), "-qX", "-h", url.host, "-p", str(url.port),
                    "-U", url.username, "-d", url.database], input=script, text=True,
                   env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def provisioned(tmp_path_factory):
    with postgres_server(tmp_path_factory.mktemp("roles") / "pg") as owner_url:
        passwords = databases.derived_passwords(SERVICES, "owner-secret")
        run_script(owner_url, passwords)
        run_script(owner_url, passwords)  # idempotent: a second deploy changes nothing
        urls = databases.derived_urls(SERVICES, "owner-secret", "127.0.0.1")
        port = sqlalchemy.engine.make_url(owner_url).port
        yield owner_url, {s: url.replace("127.0.0.1:5432", f"127.0.0.1:{port}")
                          for s, url in urls.items()}


def test_each_role_logs_in_with_its_derived_password_and_is_no_superuser(provisioned):
    owner_url, urls = provisioned
    for service, url in urls.items():
        with psycopg.connect(url, autocommit=True) as conn:
            assert conn.execute("SELECT current_user, rolsuper, rolcreaterole FROM pg_roles "
                                "WHERE rolname = current_user").fetchone() == (
                role(service), False, False)
            conn.execute(f"CREATE TABLE {role(service)}.mine (x int)")  # its own schema


def test_a_role_cannot_touch_another_schema_or_public(provisioned):
    _, urls = provisioned
    with psycopg.connect(urls["payment"], autocommit=True) as conn:
        for statement in (f"CREATE TABLE {role('checkout')}.planted (x int)",
                          "CREATE TABLE public.planted (x int)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


def test_an_unset_password_variable_stops_the_script(provisioned):
    owner_url, _ = provisioned
    with pytest.raises(subprocess.CalledProcessError):
        run_script(owner_url, {databases.password_variable("payment"): "x"})
    with psycopg.connect(provisioned[1]["payment"]) as conn:  # one transaction: nothing changed
        assert conn.execute("SELECT current_user").fetchone() == (role("payment"),)
