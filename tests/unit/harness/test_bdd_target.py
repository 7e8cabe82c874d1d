"""Choosing the shop under test: a URL, the local stack, or that stack by its URL."""
import pytest

from harness.stack.runner import Stack
from harness.target import Target, TargetError, check_open, normalised, resolve


def test_without_a_url_or_a_stack_the_message_says_what_to_do(tmp_path):
    with pytest.raises(TargetError, match="start one with `astroshop up`"):
        resolve(None, Stack.at(tmp_path))


def test_a_remote_url_has_no_mesh_and_no_process_control(tmp_path):
    target = resolve("http://staging.example:8080/", Stack.at(tmp_path))
    assert target == Target("http://staging.example:8080")
    assert not target.can_control
    assert target.options() == ["--shop-url", "http://staging.example:8080"]


def test_a_mesh_url_can_be_given_for_a_remote_shop(tmp_path):
    target = resolve("http://10.0.0.5:8080", Stack.at(tmp_path), "http://10.0.0.5:10000/")
    assert target.mesh_url == "http://10.0.0.5:10000"


def test_a_host_without_scheme_is_refused():
    with pytest.raises(TargetError, match="is not a URL"):
        normalised("shop.example:8080")


def test_a_shop_that_does_not_answer_is_reported():
    with pytest.raises(TargetError, match="does not answer"):
        check_open(Target("http://127.0.0.1:9"), timeout=2)
