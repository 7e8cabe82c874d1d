"""The shared judgements: exact order money, clear refusals, and charge counting."""
import json

import pytest
import requests

from harness.bdd import checks
from harness.bdd.api import ApiShopper
from harness.target import Target
from harness.shopclient import ShopClient


def money(amount, currency="JPY"):
    return {"currency": currency, "amount_minor": amount}


def order(total=3100, currency="JPY"):
    return {"order_id": "o1", "currency": currency, "shipping": money(100, currency),
            "total": money(total, currency), "items": [
                {"product_id": "a", "quantity": 3, "unit_price": money(1000, currency),
                 "line_total": money(3000, currency)}]}


def answer(status, body):
    made = requests.Response()
    made.status_code, made._content = status, json.dumps(body).encode()
    made.headers["Content-Type"] = "application/problem+json"
    made.url = "http://shop/api/checkout"
    made.request = requests.Request("POST", made.url).prepare()
    return made


def test_an_exact_order_adds_up():
    checks.order_adds_up(order())


def test_a_total_off_by_one_yen_is_caught():
    with pytest.raises(AssertionError, match="is not lines 3000"):
        checks.order_adds_up(order(total=3101))


def test_mixed_currencies_are_caught():
    wrong = order()
    wrong["shipping"] = money(100, "USD")
    with pytest.raises(AssertionError, match="shows amounts in"):
        checks.order_adds_up(wrong)


def test_a_refusal_must_be_a_4xx_with_the_reason():
    declined = answer(402, {"detail": "card declined by the issuer"})
    checks.refused(declined, "Card declined")
    with pytest.raises(AssertionError, match='the refusal to say "expired"'):
        checks.refused(declined, "expired")
    with pytest.raises(AssertionError, match="but saw HTTP 503"):
        checks.refused(answer(503, {"detail": "payment is unavailable"}), "declined")


def test_the_refused_field_is_named():
    refused = answer(422, {"errors": [{"field": "card.exp_month", "reason": "expired"}]})
    checks.names_field(refused, "card.exp")
    with pytest.raises(AssertionError, match=r"it named \['card.exp_month'\]"):
        checks.names_field(refused, "card.cvv")


def test_status_words():
    checks.answered_as(answer(404, {}), "Not Found")
    with pytest.raises(KeyError, match="no status called"):
        checks.answered_as(answer(404, {}), "gone fishing")


def test_without_mesh_access_charges_are_not_judged_from_the_orders_seen():
    shopper = ApiShopper(ShopClient("http://shop.example"), keys=["k1", "k1"],
                         orders=[order(), order()])
    with pytest.raises(pytest.skip.Exception, match="charges not counted.*--shop-mesh-url"):
        checks.charged(Target("http://shop.example"), shopper, 1)


def test_told_unavailable_needs_the_503_to_name_the_service_that_is_down():
    checks.unavailable(answer(503, {"detail": "payment is unavailable: no answer"}), "payment")
    checks.unavailable(answer(503, {"detail": "the cart service is unavailable: no healthy "
                                              "upstream"}), "cart")
    with pytest.raises(AssertionError, match='the 503 to say that "payment" is unavailable'):
        checks.unavailable(answer(503, {"detail": "the cart service is unavailable"}), "payment")
    with pytest.raises(AssertionError, match="unavailable \\(503\\)"):
        checks.unavailable(answer(502, {"detail": "payment is unavailable"}), "payment")
