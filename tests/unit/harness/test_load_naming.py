"""Locust request names carry the edge class Envoy files the request under (the model's)."""
import pytest

from harness.envoy.public import virtual_clusters
from harness.load.naming import GROUPS, group_of, request_name
from harness.model.edge import request_class


@pytest.mark.parametrize("method, path, expected", [
    ("POST", "/api/checkout", "checkout"),
    ("GET", "/api/checkout", "api"),
    ("POST", "/api/carts/x/items", "api"),
    ("GET", "/api/products?category=a", "api"),
    ("GET", "/", "storefront"),
    ("POST", "/checkout", "storefront"),
    ("GET", "/product/x", "storefront"),
])
def test_edge_classes_follow_the_virtual_clusters(method, path, expected):
    assert request_class(method, path) == expected


def test_the_classes_are_envoys_virtual_clusters_in_order():
    assert GROUPS == tuple(cluster["name"] for cluster in virtual_clusters())


def test_names_carry_the_class_and_give_it_back():
    name = request_name("GET", "/product/[id]")
    assert name == "[storefront] /product/[id]"
    assert group_of(name) == "storefront"
    assert group_of("Aggregated") is None
    assert group_of("[other] /x") is None
