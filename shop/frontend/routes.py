"""The storefront's routes: HTML pages and the url-encoded forms they post, each declared once."""
from __future__ import annotations

from wtforms import IntegerField
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from shop.contracts.checkout import OrdersQuery
from shop.contracts.route import HTML, Route
from shop.frontend.account_forms import PasswordForm, SignInForm, SignUpForm
from shop.frontend.forms import CheckoutForm, LineForm, RemoveForm

CURRENCY_FORM = {"type": "object", "required": ["currency", "csrf_token"], "properties": {
    "currency": {"type": "string", "pattern": "^[A-Za-z]{3}$"},
    "next": {"type": "string", "description": "the same-site page to go back to"},
    "csrf_token": {"type": "string"}}}


def field_schema(field: UnboundField) -> tuple[dict, bool]:
    """The JSON schema of one WTForms field, and whether the form requires it."""
    schema: dict = {"type": "integer" if field.field_class is IntegerField else "string"}
    required = False
    for rule in field.kwargs.get("validators", []):
        required |= isinstance(rule, (DataRequired, InputRequired))
        if isinstance(rule, NumberRange):
            schema.update(minimum=rule.min, maximum=rule.max)
        if isinstance(rule, Length) and rule.max not in (None, -1):
            schema["maxLength"] = rule.max
    return schema, required


def form_schema(form: type | None) -> dict:
    """The url-encoded body of a form: its WTForms fields plus the CSRF token."""
    properties, required = {"csrf_token": {"type": "string"}}, ["csrf_token"]
    for name in dir(form) if form else ():
        field = getattr(form, name)
        if isinstance(field, UnboundField):
            properties[name], needed = field_schema(field)
            required += [name] if needed else []
    return {"type": "object", "properties": properties, "required": required}


def page(path: str, summary: str, **fields) -> Route:
    """A page the storefront renders (HTML, errors as HTML pages too)."""
    return Route("frontend", "GET", path, summary, media_type=HTML, **fields)


def post(path: str, summary: str, body: dict, **fields) -> Route:
    """A form post: 303 to the next page, or the page again (HTML) naming the problem."""
    return Route("frontend", "POST", path, summary, form=body, status=303, media_type=HTML,
                 **fields)


HOME = page("/", "Home: product grid, category filter, search, an ad")
PRODUCT = page("/product/<product_id>", "A product: details, add to cart, recommendations")
CART = page("/cart", "The cart: lines, quantities, shipping quote, total")
CHECKOUT = page("/checkout", "The checkout form")
ORDER = page("/order/<order_id>", "The order confirmation, with the tracking id")
CHOOSE_CURRENCY = post("/currency", "Choose the shop's currency", CURRENCY_FORM)
CART_ADD = post("/cart/add", "Add units of a product to the cart", form_schema(LineForm))
CART_UPDATE = post("/cart/update", "Set the quantity of a cart line", form_schema(LineForm))
CART_REMOVE = post("/cart/remove", "Remove a cart line", form_schema(RemoveForm))
CART_EMPTY = post("/cart/empty", "Empty the cart", form_schema(None))
SUBMIT_ORDER = post("/checkout", "Place the order (idempotent on the form's key)",
                    form_schema(CheckoutForm))
SIGN_UP_PAGE = page("/signup", "The sign-up form")
SIGN_UP = post("/signup", "Create an account, then sign in", form_schema(SignUpForm))
SIGN_IN_PAGE = page("/signin", "The sign-in form (skipped while the refresh cookie holds)")
SIGN_IN = post("/signin", "Sign in: the token cookies, then the page asked for",
               form_schema(SignInForm))
SIGN_OUT = post("/signout", "Sign out: the cookies go, the refresh tokens are revoked",
                form_schema(None))
ACCOUNT = page("/account", "The signed-in shopper's account", identity="required")
MY_ORDERS = page("/account/orders", "My orders, newest first", query=OrdersQuery,
                 identity="required")
CHANGE_PASSWORD = post("/account/password", "A new password (then sign in again)",
                       form_schema(PasswordForm), identity="required")
