"""The email service's routes and models: a confirmation of an Order, and the outbox."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from shop.contracts.checkout import Order
from shop.contracts.fields import EmailAddress
from shop.contracts.route import Route


class ConfirmationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: EmailAddress = Field(examples=["shopper@example.com"])
    order: Order


class Sent(BaseModel):
    message_id: str


class Message(BaseModel):
    message_id: str
    to: str
    subject: str
    body: str
    order_id: str
    created_at: str


class MessageList(BaseModel):
    messages: list[Message]


class OutboxQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to: str | None = Field(default=None, min_length=1, max_length=254)


SEND_CONFIRMATION = Route("email", "POST", "/send/order-confirmation",
                          "Send an order confirmation (internal)", request=ConfirmationIn,
                          response=Sent, status=201)
LIST_OUTBOX = Route("email", "GET", "/outbox", "List outbox messages, by recipient (internal)",
                    query=OutboxQuery, response=MessageList)
