"""The storefront's OpenAPI document: its HTML pages and the url-encoded forms they post."""
from __future__ import annotations

from wtforms import IntegerField
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from shop.common.api import OpenApi
from shop.frontend.forms import CheckoutForm, LineForm, RemoveForm

HTML = "text/html"
CURRENCY_FORM = {"type": "object", "required": ["currency", "csrf_token"], "properties": {
    "currency": {"type": "string", "pattern": "^[A-Za-z]{3}$"},
    "next": {"type": "string", "description": "the same-site page to go back to"},
    "csrf_token": {"type": "string"}}}
PAGES = (
    ("/", "get", "Home: product grid, category filter, search, an ad", None),
    ("/product/<product_id>", "get", "A product: details, add to cart, recommendations", None),
    ("/cart", "get", "The cart: lines, quantities, shipping quote, total", None),
    ("/checkout", "get", "The checkout form", None),
    ("/order/<order_id>", "get", "The order confirmation, with the tracking id", None),
)
FORMS = (
    ("/currency", "Choose the shop's currency", CURRENCY_FORM),
    ("/cart/add", "Add units of a product to the cart", LineForm),
    ("/cart/update", "Set the quantity of a cart line", LineForm),
    ("/cart/remove", "Remove a cart line", RemoveForm),
    ("/cart/empty", "Empty the cart", None),
    ("/checkout", "Place the order (idempotent on the form's key)", CheckoutForm),
)


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


def form_schema(form: type | dict | None) -> dict:
    """The url-encoded body of a form: its WTForms fields plus the CSRF token."""
    if isinstance(form, dict):
        return form
    properties, required = {"csrf_token": {"type": "string"}}, ["csrf_token"]
    for name in dir(form) if form else ():
        field = getattr(form, name)
        if isinstance(field, UnboundField):
            properties[name], needed = field_schema(field)
            required += [name] if needed else []
    return {"type": "object", "properties": properties, "required": required}


def document() -> OpenApi:
    """Every storefront page (HTML) and form post (303 to the next page, HTML on a problem)."""
    api = OpenApi("AstroShop storefront", "Server-rendered pages; forms are CSRF-protected.")
    for path, method, summary, _ in PAGES:
        api.operation(path, method, summary, media_type=HTML)(_named(path, method))
    for path, summary, form in FORMS:
        api.operation(path, "post", summary, form_schema=form_schema(form), status=303,
                      media_type=HTML)(_named(path, "post"))
    return api


def _named(path: str, method: str):
    """A stand-in callable whose name becomes the operation id (`post_cart_add`)."""
    def operation() -> None:
        """Documented only; the blueprints serve it."""
    words = path.strip("/").translate(str.maketrans("/", "_", "<>")) or "home"
    operation.__name__ = f"{method}_{words}"
    return operation
