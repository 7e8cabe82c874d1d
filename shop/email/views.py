"""Email endpoints (internal): send an order confirmation once per order, read the outbox."""
from __future__ import annotations

from flask import current_app

from shop.common.api import ApiBlueprint, parse_body, parse_query, respond
from shop.common.business import EMAILS_SENT
from shop.common.flags import flags
from shop.common.leak import leak
from shop.common.logs import event
from shop.contracts import email as contract
from shop.email import render
from shop.email.store import Outbox

bp = ApiBlueprint("email", __name__)


def outbox() -> Outbox:
    """This app's outbox."""
    return current_app.extensions["outbox"]


@bp.serve(contract.SEND_CONFIRMATION)
def send_order_confirmation():
    """Write the confirmation to the outbox; the same order again returns the same message."""
    body = parse_body(contract.ConfirmationIn)
    text = render.body(body.order)
    leak().follow(flags().number("emailMemoryLeak"), text.encode())
    message, created = outbox().write_once(body.order.order_id, body.email,
                                           render.subject(body.order), text)
    if created:
        EMAILS_SENT.labels("order_confirmation").inc()
    event(current_app, "order confirmation sent" if created else "order confirmation repeated",
          message_id=message.message_id, order_id=message.order_id)
    return respond(contract.Sent(message_id=message.message_id), 201)


@bp.serve(contract.LIST_OUTBOX)
def list_outbox():
    """Messages, newest first; ?to= narrows to one recipient."""
    query = parse_query(contract.OutboxQuery)
    return respond(contract.MessageList(messages=outbox().messages(query.to)))
