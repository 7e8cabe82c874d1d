"""Describing what a shopper saw, from real `requests` responses built in memory."""
import json
from http import HTTPStatus

import requests

from harness.bdd.seen import describe, failure, html_summary, shorten

PAGE = """<!doctype html><html><head><title>Oops · AstroShop</title></head><body>
<header>Shop Cart</header><main><section><p aria-hidden="true">503</p>
<h1>Our cart is taking a short break</h1><p>Please try again in a moment.</p></section></main>
<footer>clear skies</footer></body></html>"""


def response(status: int, body: str, kind: str, url: str = "http://shop/api/x"):
    made = requests.Response()
    made.status_code, made._content = status, body.encode()
    made.reason = HTTPStatus(status).phrase
    made.headers["Content-Type"] = kind
    made.url = url
    made.request = requests.Request("POST", url).prepare()
    return made


def test_a_problem_names_its_detail_and_fields():
    body = json.dumps({"detail": "card declined by the issuer",
                       "errors": [{"field": "card.number", "reason": "card declined"}]})
    seen = describe(response(402, body, "application/problem+json"))
    assert seen.startswith("HTTP 402")
    assert "card declined by the issuer; card.number: card declined" in seen


def test_a_page_is_read_like_a_shopper_reads_it():
    assert html_summary(PAGE) == ("the page 'Our cart is taking a short break': 503 Please try "
                                  "again in a moment.")
    assert "with the page 'Our cart is taking a short break'" in describe(
        response(503, PAGE, "text/html; charset=utf-8"))


def test_plain_text_and_empty_bodies():
    assert describe(response(503, "no healthy upstream", "text/plain")).endswith(
        ": no healthy upstream")
    assert describe(response(404, "", "text/plain")).endswith(": no body")


def test_a_failure_says_what_was_expected_and_where():
    error = failure(response(503, "down", "text/plain"), "their cart")
    assert str(error).startswith("the shopper expected their cart, but saw HTTP 503")
    assert "(POST http://shop/api/x)" in str(error)


def test_long_text_is_shortened_on_one_line():
    assert shorten("a\n b  " * 200, 20) == "a b a b a b a b a b…"
