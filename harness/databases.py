"""PostgreSQL roles, one per service, rendered once for every target.

Each service that keeps data in PostgreSQL (`Service.stores`) logs in as a role of its own
(`role(service)`): not a superuser, unable to create roles or databases, owning one schema of
its own name and nothing else. The default search path ("$user", public) puts its tables in
that schema; PUBLIC loses CONNECT on the database and CREATE on the public schema, so no role
reads or writes another's tables. The same statements run locally (psycopg, each password
bound as a literal) and on the cluster and in containers (psql, each password read from the
environment with \\getenv), so no target can drift from another.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from harness.model.stores import POSTGRES, role, role_password
from harness.model.topology import Topology

NAME = re.compile(r"[a-z][a-z0-9_]*")


def sql_services(topology: Topology) -> list[str]:
    """The services that keep data in PostgreSQL, in topology order."""
    return [svc.name for svc in topology.services if svc.uses(POSTGRES.name)]


def password_variable(service: str) -> str:
    """The environment variable that carries a service's database password (psql, containers)."""
    return f"ASTROSHOP_DB_PASSWORD_{service.upper()}"


def derived_passwords(services: list[str], owner_password: str) -> dict[str, str]:
    """Each service's password variable -> its role's password derived from the owner's
    (targets that keep one generated secret for PostgreSQL: cluster, containers, Kubernetes)."""
    return {password_variable(s): role_password(owner_password, s) for s in services}


def derived_urls(services: list[str], owner_password: str, host: str) -> dict[str, str]:
    """Each service -> its URL on PostgreSQL at `host`, as its own role."""
    return {s: POSTGRES.url(host, role_password(owner_password, s), role(s)) for s in services}


def statements(services: list[str], password: Callable[[str], str],
               database: str = POSTGRES.database) -> list[str]:
    """Idempotent SQL: every service's role (its password the SQL `password(service)` gives),
    its schema, CONNECT on the database; PUBLIC's rights revoked."""
    for name in (database, *services):
        if not NAME.fullmatch(name):
            raise ValueError(f"{name!r} is not a plain SQL identifier")
    found = [f"REVOKE ALL ON DATABASE {database} FROM PUBLIC",
             "REVOKE CREATE ON SCHEMA public FROM PUBLIC"]
    for service in services:
        name = role(service)
        found += [
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN "
            f"CREATE ROLE {name}; END IF; END $$",
            f"ALTER ROLE {name} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
            f"NOBYPASSRLS NOINHERIT PASSWORD {password(service)}",
            f"GRANT CONNECT ON DATABASE {database} TO {name}",
            f"CREATE SCHEMA IF NOT EXISTS {name} AUTHORIZATION {name}",
            f"REVOKE ALL ON SCHEMA {name} FROM PUBLIC",
        ]
    return found


def psql_script(services: list[str], database: str = POSTGRES.database) -> str:
    """The statements as a psql script reading each password from its environment variable
    (\\getenv; an unset one stops the script), for Ansible and the containers' init. One
    transaction: a script stopped by an error changes nothing."""
    lines = ["\\set ON_ERROR_STOP on"]
    lines += [f"\\getenv {password_variable(s).lower()} {password_variable(s)}" for s in services]
    found = statements(services, lambda s: f":'{password_variable(s).lower()}'", database)
    return "\n".join([*lines, "BEGIN;", *(f"{statement};" for statement in found),
                      "COMMIT;"]) + "\n"


def provision(admin_url: str, passwords: Mapping[str, str]) -> None:
    """Run the statements for `passwords` (service -> password) as the owner at `admin_url`."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        database = conn.info.dbname
        literal = {service: sql.Literal(value).as_string(conn)
                   for service, value in passwords.items()}
        for statement in statements(list(passwords), literal.__getitem__, database):
            conn.execute(statement)
