"""Bad sign-up input through the edge: a 4xx naming the field, and no account stored."""
from __future__ import annotations

import pytest
import requests
from sqlalchemy import create_engine, func, select

from harness.certs import trust
from shop.accounts.tables import accounts
from tests.support.accounts import PASSWORD

MEGABYTE = "p" * (1024 * 1024)
ROWS = [
    ("malformed email", {"email": "stargazer-at-example", "password": PASSWORD}, "email"),
    ("short password", {"email": "short@example.com", "password": "tooshort"}, "password"),
    ("unicode email", {"email": "stérnguckér@exämple.com", "password": PASSWORD}, "email"),
    ("sql email", {"email": "x' OR '1'='1'; DROP TABLE accounts;--", "password": PASSWORD},
     "email"),
    ("sql short password", {"email": "sql@example.com", "password": "' OR 1=1 --"}, "password"),
    ("common password", {"email": "common@example.com", "password": "password1234"},
     "password"),
    ("number password", {"email": "number@example.com", "password": 1234567890123}, "password"),
    ("extra field", {"email": "extra@example.com", "password": PASSWORD, "admin": True},
     "admin"),
]


def stored(stack) -> int:
    """How many accounts the stack's accounts database holds."""
    engine = create_engine(stack.options().database_for(stack.paths, "accounts"))
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(accounts)).scalar()


@pytest.mark.parametrize("body, field", [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_bad_sign_up_is_a_4xx_naming_the_field_and_stores_nothing(stack, topology, body, field):
    before = stored(stack)
    answer = trust.session().post(f"{topology.public_url()}/api/account/signup", json=body,
                                  timeout=10)
    assert 400 <= answer.status_code < 500, answer.text
    assert field in [e["field"].removeprefix("body.") for e in answer.json()["errors"]]
    assert stored(stack) == before


def test_a_megabyte_password_is_refused_at_the_edge_and_named_by_the_service(stack, topology):
    before = stored(stack)
    body = {"email": "huge@example.com", "password": MEGABYTE}
    edge = trust.session().post(f"{topology.public_url()}/api/account/signup", json=body,
                                timeout=10)
    assert edge.status_code == 413 and "bytes" in edge.json()["detail"]
    mesh = requests.post(f"{topology.mesh_url()}/api/account/signup", json=body, timeout=10,
                         headers={"Host": "accounts"})
    assert mesh.status_code == 422
    assert [e["field"] for e in mesh.json()["errors"]] == ["password"]
    assert stored(stack) == before
