"""The email service's schemas: a confirmation request and the outbox messages."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from shop.checkout.models import EmailAddress, Order


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
