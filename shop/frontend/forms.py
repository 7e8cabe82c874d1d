"""The storefront's forms (WTForms through flask-wtf) and how service errors land on them."""
from __future__ import annotations

import re
import uuid

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Regexp

from shop.contracts.fields import SLUG
from shop.contracts.headers import IDEMPOTENCY_KEY

QUANTITY_HINT = "Choose a quantity from 1 to 99."
PRODUCT_ID = Regexp(SLUG, message="That product is not in our catalog.")


class LineForm(FlaskForm):
    """One product of the cart: add it, set its quantity."""

    product_id = HiddenField(validators=[DataRequired(), PRODUCT_ID])
    quantity = IntegerField("Quantity", default=1, validators=[
        InputRequired(message=QUANTITY_HINT), NumberRange(1, 99, message=QUANTITY_HINT)])

    def problem(self) -> str:
        """One friendly sentence for what is wrong with this form."""
        return QUANTITY_HINT if self.quantity.errors else "That product is not in our catalog."


class RemoveForm(FlaskForm):
    """One cart line to remove."""

    product_id = HiddenField(validators=[DataRequired(), PRODUCT_ID])


def _text(label: str, maximum: int, *extra) -> StringField:
    """A required text field of at most `maximum` characters."""
    required = DataRequired(message=f"Please enter your {label.lower()}.")
    return StringField(label, validators=[required, Length(max=maximum), *extra])


class CheckoutForm(FlaskForm):
    """Contact, shipping address and card; a fresh Idempotency-Key with every render."""

    email = _text("Email", 254)
    street = _text("Street", 200)
    city = _text("City", 100)
    state = StringField("State", validators=[Length(max=100)])  # required only in the US
    zip = _text("ZIP code", 20)
    country = _text("Country", 2, Regexp(r"^[A-Za-z]{2}$",
                                         message="Use the two-letter country code, like US."))
    card_number = _text("Card number", 40)
    exp_month = IntegerField("Expiry month", validators=[
        InputRequired(message="Please enter the expiry month."), NumberRange(1, 12)])
    exp_year = IntegerField("Expiry year", validators=[
        InputRequired(message="Please enter the expiry year."), NumberRange(2000, 2200)])
    cvv = _text("Security code", 8)
    idempotency_key = HiddenField(validators=[
        DataRequired(), Length(max=IDEMPOTENCY_KEY.max_length),
        Regexp(IDEMPOTENCY_KEY.pattern, message="This form was damaged; please try again.")])

    def fresh(self) -> CheckoutForm:
        """Ready to render: a new idempotency key, and no card number or code echoed back."""
        self.idempotency_key.data = uuid.uuid4().hex
        self.card_number.data = ""
        self.cvv.data = ""
        return self

    def address(self) -> dict:
        """The shipping address as the checkout service wants it."""
        return {"street": self.street.data.strip(), "city": self.city.data.strip(),
                "state": (self.state.data or "").strip(), "zip": self.zip.data.strip(),
                "country": self.country.data.strip().upper()}

    def order_request(self, cart_id: str, currency: str) -> dict:
        """The body of POST /api/checkout."""
        return {"cart_id": cart_id, "currency": currency, "email": self.email.data.strip(),
                "address": self.address(),
                "card": {"number": self.card_number.data.strip(),
                         "exp_month": self.exp_month.data, "exp_year": self.exp_year.data,
                         "cvv": self.cvv.data.strip()}}

    def attach(self, errors: list[dict]) -> list[str]:
        """Put each service error next to its field; return the ones that fit no field."""
        loose = []
        for error in errors:
            field = getattr(self, field_name(str(error.get("field", ""))), None)
            reason = str(error.get("reason", "not accepted"))
            if field is None or field is self.idempotency_key:
                loose.append(reason)
            else:
                field.errors = [*field.errors, reason]
        return loose


def field_name(path: str) -> str:
    """The form field for a service's error path: card.number -> card_number, address.zip -> zip."""
    path = re.sub(r"^body\.", "", path)
    if path.startswith("card"):
        return {"card.exp_month": "exp_month", "card.exp_year": "exp_year",
                "card.cvv": "cvv"}.get(path, "card_number")
    return path.removeprefix("address.")
