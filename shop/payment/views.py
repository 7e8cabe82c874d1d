"""Payment endpoints (internal): charge a card once per idempotency key, read charges."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app

from shop.common.api import ApiBlueprint, parse_body, parse_header, parse_query, respond
from shop.common.business import CHARGES
from shop.common.fingerprint import fingerprint, same
from shop.common.errors import ApiError, Conflict, NotFound
from shop.common.flags import InjectedFault, flags
from shop.common.logs import event
from shop.contracts import payment as contract
from shop.contracts.headers import IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY
from shop.payment import cards
from shop.payment.store import ChargeStore

bp = ApiBlueprint("payment", __name__)


def store() -> ChargeStore:
    """This app's charge store."""
    return current_app.extensions["charge_store"]


@bp.serve(contract.CHARGE)
def charge():
    """Validate the card and charge it; the same key again returns the first charge."""
    key = parse_header(IDEMPOTENCY_KEY)
    body = parse_body(contract.ChargeIn)
    if body.amount.amount_minor < 1:
        raise ApiError("the amount to charge must be positive", [
            {"field": "amount.amount_minor", "reason": "must be at least 1"}], status=422)
    if flags().chance("paymentFailure"):
        raise InjectedFault("paymentFailure", "the charge failed before anything was charged")
    try:
        card = cards.check(body.card, datetime.now(UTC))
        if flags().enabled("paymentDecline"):
            raise cards.CardRefused("card declined by the issuer", [
                {"field": "card.number", "reason": "card declined"}], 402, card.brand, "declined")
    except cards.CardRefused as refused:
        CHARGES.labels(refused.result, refused.brand).inc()
        event(current_app, "charge refused", result=refused.result, brand=refused.brand,
              fields=[e["field"] for e in refused.errors])
        raise
    digest = fingerprint(body, current_app.extensions["fingerprint_key"])
    made, created = store().charge_once(key, body.amount, card, digest)
    if not created and not same(store().fingerprint_of(key) or "", digest):
        raise Conflict(f"this {IDEMPOTENCY_HEADER} was used for a different charge",
                       [{"field": IDEMPOTENCY_HEADER, "reason": "reused with another amount "
                                                                "or card"}])
    CHARGES.labels("success" if created else "replayed", card.brand).inc()
    event(current_app, "card charged" if created else "charge replayed",
          charge_id=made.charge_id, brand=made.brand, last4=made.last4,
          amount=made.amount.model_dump())
    return respond(made, 201)


@bp.serve(contract.LIST_CHARGES)
def list_charges():
    """Charges, newest first; ?idempotency_key= narrows to one key."""
    query = parse_query(contract.ChargeQuery)
    return respond(contract.ChargeList(charges=store().select(query.idempotency_key)))


@bp.serve(contract.GET_CHARGE)
def get_charge(charge_id: str):
    """One charge by id, or 404 naming it."""
    found = store().by_id(charge_id)
    if found is None:
        raise NotFound(f"no charge {charge_id[:80]!r}",
                       [{"field": "charge_id", "reason": "unknown charge"}])
    return respond(found)
