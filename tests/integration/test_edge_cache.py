"""Caching, compression and security headers at the edge, live on the session stack."""
from __future__ import annotations

import gzip
import uuid

import brotli
import pytest
import requests

from harness.certs import trust

HIT_STAT = 'envoy_cache_event{cache_label="envoy_extensions_http_cache_v2_simple",event_type="hit"}'


@pytest.fixture()
def edge(ca) -> requests.Session:
    return trust.session(ca)


def hits(topology) -> int:
    """The edge cache's hit counter, from Envoy's admin."""
    text = requests.get(f"http://127.0.0.1:{topology.admin_port}/stats/prometheus",
                        timeout=5).text
    line = next(line for line in text.splitlines() if line.startswith(HIT_STAT))
    return int(float(line.split()[-1]))


def test_the_second_get_of_a_product_list_is_a_cache_hit(topology, edge, ca):
    url = f"{topology.public_url()}/api/products?q={uuid.uuid4().hex[:8]}"
    first = edge.get(url, timeout=10, verify=ca)
    counted = hits(topology)
    second = edge.get(url, timeout=10, verify=ca)
    assert first.status_code == second.status_code == 200
    assert "age" not in first.headers and "age" in second.headers
    assert second.content == first.content
    assert first.headers["cache-control"] == "public, max-age=60"
    assert hits(topology) == counted + 1


def test_a_matching_if_none_match_gets_304_without_a_body(topology, edge, ca):
    url = f"{topology.public_url()}/api/categories"
    tag = edge.get(url, timeout=10, verify=ca).headers["etag"]
    assert not tag.startswith("W/"), "the ETag is strong"
    again = edge.get(url, timeout=10, verify=ca, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == tag
    other = edge.get(url, timeout=10, verify=ca, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200


def test_a_private_answer_is_never_served_from_the_cache(topology, edge, ca):
    cart = f"{topology.public_url()}/api/carts/{uuid.uuid4().hex}"
    empty = edge.get(cart, timeout=10, verify=ca)
    product = edge.get(f"{topology.public_url()}/api/products", timeout=10).json()["products"][0]
    edge.post(f"{cart}/items", json={"product_id": product["id"], "quantity": 2}, timeout=10)
    filled = edge.get(cart, timeout=10, verify=ca)
    assert empty.headers["cache-control"] == filled.headers["cache-control"] == "private, no-store"
    assert "age" not in filled.headers
    assert [line["quantity"] for line in filled.json()["items"]] == [2]


def test_storefront_pages_are_private(topology, edge):
    page = edge.get(topology.public_url() + "/", timeout=10)
    assert page.headers["cache-control"] == "private, no-store" and "age" not in page.headers


@pytest.mark.parametrize("encoding, decode", [("br", brotli.decompress),
                                              ("gzip", gzip.decompress)])
def test_text_over_a_kib_is_compressed_as_the_client_asks(topology, edge, encoding, decode):
    url = f"{topology.public_url()}/api/products"
    plain = edge.get(url, timeout=10, headers={"Accept-Encoding": "identity"})
    packed = edge.get(url, timeout=10, headers={"Accept-Encoding": encoding}, stream=True)
    assert packed.headers["content-encoding"] == encoding
    raw = packed.raw.read(decode_content=False)
    assert len(raw) < len(plain.content) and decode(raw) == plain.content


def test_brotli_is_preferred_when_the_client_likes_both_alike(topology, edge):
    page = edge.get(topology.public_url() + "/", timeout=10,
                    headers={"Accept-Encoding": "gzip, deflate, br"})
    assert page.headers["content-encoding"] == "br"


def test_a_small_answer_is_not_compressed(topology, edge):
    small = edge.get(f"{topology.public_url()}/api/nope", timeout=10,
                     headers={"Accept-Encoding": "br, gzip"})
    assert small.status_code == 404 and len(small.content) < 1024
    assert "content-encoding" not in small.headers


def test_storefront_security_headers(topology, edge):
    page = edge.get(topology.public_url() + "/", timeout=10)
    policy = page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "script-src" not in policy
    assert "'unsafe-inline'" not in policy and "default-src 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "same-origin"


def test_the_session_cookie_is_secure_over_https_only(topology, edge):
    cookie = edge.get(topology.public_url() + "/", timeout=10).headers["set-cookie"]
    assert {"Secure", "HttpOnly", "SameSite=Lax"} <= {part.strip() for part in cookie.split(";")}
    plain = requests.get(topology.plain_url() + "/", timeout=10).headers["set-cookie"]
    assert "Secure" not in plain and "HttpOnly" in plain
