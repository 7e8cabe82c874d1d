"""A load user forgets what it thought its cart held once a checkout did not clearly fail
before the shop acted: a checkout that timed out may have placed the order and emptied the
cart, and a user that kept its lines would post an empty cart for the rest of the run."""
from types import SimpleNamespace

import pytest

from harness.load import apiuser, shoppers, testdata


class Answer(SimpleNamespace):
    """A response with a status and an order id."""

    def json(self):
        return {"order_id": "o1"}


@pytest.fixture(autouse=True)
def no_top_up(monkeypatch):
    monkeypatch.setattr(testdata.DATA, "top_up", lambda lines, add: None)


def shopper(location: str) -> SimpleNamespace:
    """A storefront shopper whose checkout form answers with `location` ("" for a failure)."""
    form = '<input name="idempotency_key" value="k1">'
    return SimpleNamespace(lines={"p1", "p2"}, add=lambda product: None, pages=[],
                           page=lambda path, template: form, submit=lambda path, f: location)


@pytest.mark.parametrize("location", ["/order/o1", ""])
def test_a_shopper_forgets_its_cart_after_any_checkout(location):
    user = shopper(location)
    shoppers.Shopper.checkout(user)
    assert user.lines == set()


@pytest.mark.parametrize("status, kept", [(201, False), (402, True), (504, False), (422, False)])
def test_an_api_client_keeps_its_cart_only_after_a_decline(monkeypatch, status, kept):
    monkeypatch.setattr(apiuser.random, "random", lambda: 0.5)
    user = SimpleNamespace(lines={"p1"}, add=lambda product: None, cart_id="c1",
                           currency="EUR", call=lambda *args, **kwargs: Answer(status_code=status))
    apiuser.ApiShopper.checkout(user)
    assert user.lines == ({"p1"} if kept else set())
