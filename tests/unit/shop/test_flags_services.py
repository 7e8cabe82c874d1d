"""Each fault flag does what it says in the service that reads it (Flask test clients)."""
import json

import pytest
from sqlalchemy import func, select

from harness.faults.flagfile import install_defaults, set_flag
from harness.polling import poll_until
from shop import accounts, ads, cart, catalog, checkout, currency, email, payment, recommendation, shipping
from shop.checkout.store import orders
from shop.common import flags as flags_module
from shop.payment.store import charges
from tests.unit.shop.fakes import FakeServices, convert, product
from tests.unit.shop.fakes import catalog as fake_catalog
from tests.unit.shop.samples import sample
from tests.unit.shop.test_email import ORDER

CARD = {"number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2039, "cvv": "123"}
US = {"street": "1 Observatory Rd", "city": "Flagstaff", "state": "AZ", "zip": "86001",
      "country": "US"}
DE = {"street": "Sternwartestr. 5", "city": "Hamburg", "state": "", "zip": "21029",
      "country": "DE"}
CHARGE = {"amount": {"currency": "USD", "amount_minor": 12999}, "card": CARD}


@pytest.fixture
def flag_file(tmp_path):
    return install_defaults(tmp_path / "flags.json")


@pytest.fixture
def build(settings, flag_file):
    """Build a service's app on the shared test settings, reading the flag file set so far."""

    def build(module, **flags):
        for name, value in flags.items():
            set_flag(flag_file, name, value)
        return module.create_app({**settings, "FLAGS_FILE": str(flag_file)})

    return build


@pytest.fixture
def slept(monkeypatch):
    calls = []
    monkeypatch.setattr(flags_module, "sleep", calls.append)
    return calls


def test_catalog_failure_breaks_one_product_only(build):
    client = build(catalog, catalogFailure="on").test_client()
    broken = client.get("/api/products/dobsonian-8")
    assert broken.status_code == 500
    assert "catalogFailure" in broken.get_json()["detail"]
    assert client.get("/api/products/dobsonian-8/image").status_code == 500
    assert client.get("/api/products/sct-8").status_code == 200
    assert client.get("/api/products").status_code == 200


def test_catalog_failure_names_a_real_product(build):
    client = build(catalog).test_client()
    assert client.get("/api/products/dobsonian-8").status_code == 200


@pytest.mark.parametrize("module, flag, path", [
    (catalog, "catalogLatency", "/api/categories"),
    (currency, "currencyLatency", "/api/currencies"),
])
def test_latency_flags_delay_every_request_but_health(build, slept, module, flag, path):
    client = build(module, **{flag: "300ms"}).test_client()
    assert client.get(path).status_code == 200
    assert client.get("/healthz").status_code == 200
    assert slept == [0.3]


def test_cart_failure_fails_cart_operations(build):
    app = build(cart, cartFailure="on")
    FakeServices().install(app)
    response = app.test_client().get("/api/carts/c1")
    assert response.status_code == 500
    assert "cartFailure" in response.get_json()["detail"]


def test_cart_store_down_answers_503_and_writes_nothing(build, flag_file):
    app = build(cart, cartStoreDown="on")
    fake_catalog(FakeServices().install(app), {"sct-8": 100})
    client = app.test_client()
    response = client.post("/api/carts/c1/items", json={"product_id": "sct-8", "quantity": 1})
    assert response.status_code == 503
    assert "cart store" in response.get_json()["detail"]
    set_flag(flag_file, "cartStoreDown", "off")
    poll_until(lambda: client.get("/api/carts/c1").status_code == 200, 5, "the store coming back")
    assert client.get("/api/carts/c1").get_json()["items"] == []


def charge_count(app):
    with app.extensions["charge_store"].engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(charges)).scalar_one()


def test_payment_failure_errors_before_charging(build):
    app = build(payment, paymentFailure="on")
    response = app.test_client().post("/charge", json=CHARGE, headers={"Idempotency-Key": "k"})
    assert response.status_code == 500
    assert charge_count(app) == 0


def test_payment_decline_declines_a_good_card_and_counts_it(build):
    app = build(payment, paymentDecline="on")
    before = sample("astroshop_payment_charges_total", result="declined", brand="visa")
    response = app.test_client().post("/charge", json=CHARGE, headers={"Idempotency-Key": "k"})
    assert response.status_code == 402
    assert charge_count(app) == 0
    assert sample("astroshop_payment_charges_total", result="declined", brand="visa") == \
        before + 1


def checkout_through_fakes(app) -> tuple:
    """Place one order with every dependency of checkout faked: the answer and the fakes."""
    fake = FakeServices().install(app)
    fake_catalog(fake, {"sct-8": 100})
    fake.on("cart", "GET", "/api/carts/c1",
            {"cart_id": "c1", "items": [{"product_id": "sct-8", "quantity": 1}]})
    fake.on("cart", "DELETE", "/api/carts/c1", {"cart_id": "c1", "items": []})
    fake.on("currency", "POST", "/convert/many",
            lambda body, h: {"items": [convert(m, body["to"]) for m in body["items"]]})
    fake.on("shipping", "POST", "/api/shipping/quote",
            {"cost": {"currency": "USD", "amount_minor": 599}})
    fake.on("payment", "POST", "/charge", {
        "charge_id": "ch1", "brand": "visa", "last4": "4242", "created_at": "2030-01-01",
        "amount": {"currency": "USD", "amount_minor": 699}})
    fake.on("shipping", "POST", "/ship", {"tracking_id": "AS-7QK2M4XZ3PLA"})
    fake.on("email", "POST", "/send/order-confirmation", {"message_id": "m1"})
    body = {"cart_id": "c1", "currency": "USD", "email": "vera@example.com", "address": US,
            "card": CARD}
    response = app.test_client().post("/api/checkout", json=body,
                                      headers={"Idempotency-Key": "k1"})
    return response, fake


def test_payment_unreachable_sends_the_charge_to_a_dead_address(build):
    app = build(checkout, paymentUnreachable="on")
    response, fake = checkout_through_fakes(app)
    assert response.status_code == 503
    assert response.get_json()["detail"].startswith("payment is unavailable: no answer")
    assert fake.to("payment") == [] and fake.to("shipping", "POST")[-1].path.endswith("quote")
    with app.extensions["order_store"].engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(orders)).scalar_one() == 0


def test_no_value_of_payment_unreachable_chooses_where_the_card_goes(build, flag_file):
    data = json.loads(flag_file.read_text())
    data["flags"]["paymentUnreachable"]["variants"]["on"] = "http://127.0.0.1:9/collect"
    flag_file.write_text(json.dumps(data))
    app = build(checkout, paymentUnreachable="on")
    response, fake = checkout_through_fakes(app)
    assert response.status_code == 201, response.get_json()
    assert [call.path for call in fake.to("payment")] == ["/charge"]  # through the mesh


@pytest.mark.parametrize("address, delays", [(US, []), (DE, [2.0, 2.0])])
def test_shipping_is_slow_only_abroad(build, slept, address, delays):
    client = build(shipping, shippingInternationalSlow="on").test_client()
    items = [{"product_id": "sct-8", "quantity": 1}]
    quote = client.post("/api/shipping/quote",
                        json={"address": address, "items": items, "currency": "USD"})
    ship = client.post("/ship", json={"address": address, "items": items})
    assert (quote.status_code, ship.status_code) == (200, 201)
    assert slept == delays


def test_ads_failure_fails_every_ads_request(build):
    response = build(ads, adsFailure="on").test_client().get("/api/ads?categories=telescopes")
    assert response.status_code == 500
    assert "adsFailure" in response.get_json()["detail"]


def test_recommendation_cache_leak_grows_per_lookup_and_is_freed(build, flag_file):
    app = build(recommendation, recommendationCacheLeak="on")
    products = [product(pid, 100) for pid in ("a-1", "b-2", "c-3")]
    FakeServices().install(app).on("catalog", "GET", "/api/products", {"products": products})
    client = app.test_client()
    for _ in range(3):
        assert client.get("/api/recommendations?product_ids=a-1").status_code == 200
    assert app.extensions["astroshop_leak"].size == 3 * 256 * 1024
    set_flag(flag_file, "recommendationCacheLeak", "off")

    def freed():
        client.get("/api/recommendations?product_ids=a-1")
        return app.extensions["astroshop_leak"].size == 0

    poll_until(freed, 5, "the leaked cache being freed")


def test_email_memory_leak_keeps_memory_per_confirmation(build):
    app = build(email, emailMemoryLeak="on")
    response = app.test_client().post("/send/order-confirmation",
                                      json={"email": "vera@example.com", "order": ORDER})
    assert response.status_code == 201
    leaked = app.extensions["astroshop_leak"]
    assert leaked.size == 1024 * 1024 and leaked.chunks[0][:9] == b"Thank you"


def test_accounts_failure_fails_sign_ins_before_any_password_is_checked(build):
    client = build(accounts, accountsFailure="on").test_client()
    body = {"email": "vera@example.com", "password": "a quiet night under dark skies"}
    assert client.post("/api/account/signup", json=body).status_code == 201
    failed = client.post("/api/account/signin", json=body)
    assert failed.status_code == 500 and "accountsFailure" in failed.get_json()["detail"]
    healthy = build(accounts, accountsFailure="off").test_client()
    assert healthy.post("/api/account/signin", json=body).status_code == 200
