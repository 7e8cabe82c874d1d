"""Email endpoints (internal): send an order confirmation once per order, read the outbox."""
from __future__ import annotations

from flask import Blueprint, current_app

from shop.common.api import OpenApi, parse_body, parse_query, respond
from shop.common.business import EMAILS_SENT
from shop.common.flags import flags
from shop.common.leak import leak
from shop.common.logs import event
from shop.email import render
from shop.email.models import ConfirmationIn, MessageList, OutboxQuery, Sent
from shop.email.store import Outbox

bp = Blueprint("email", __name__)
api = OpenApi("AstroShop email", "Order confirmations, written to an outbox.")


def outbox() -> Outbox:
    """This app's outbox."""
    return current_app.extensions["outbox"]


@bp.post("/send/order-confirmation")
@api.operation("/send/order-confirmation", "post", "Send an order confirmation (internal)",
               request_model=ConfirmationIn, response_model=Sent, status=201)
def send_order_confirmation():
    """Write the confirmation to the outbox; the same order again returns the same message."""
    body = parse_body(ConfirmationIn)
    text = render.body(body.order)
    leak().follow(flags().number("emailMemoryLeak"), text.encode())
    message, created = outbox().write_once(body.order.order_id, body.email,
                                           render.subject(body.order), text)
    if created:
        EMAILS_SENT.labels("order_confirmation").inc()
    event(current_app, "order confirmation sent" if created else "order confirmation repeated",
          message_id=message.message_id, order_id=message.order_id)
    return respond(Sent(message_id=message.message_id), 201)


@bp.get("/outbox")
@api.operation("/outbox", "get", "List outbox messages, by recipient (internal)",
               query_model=OutboxQuery, response_model=MessageList)
def list_outbox():
    """Messages, newest first; ?to= narrows to one recipient."""
    query = parse_query(OutboxQuery)
    return respond(MessageList(messages=outbox().messages(query.to)))
