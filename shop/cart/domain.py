"""Cart rules: id formats, whole quantities of 1..99 a line, at most 50 lines, real products."""
from __future__ import annotations

import re

from shop.common.app import client
from shop.common.client import UpstreamError
from shop.common.errors import ApiError, Unprocessable
from shop.contracts.cart import MAX_LINES, MAX_QUANTITY
from shop.contracts.catalog import GET_PRODUCT
from shop.contracts.fields import CART_ID, SLUG


def check_path_id(field: str, value: str, pattern: str = CART_ID) -> str:
    """An id taken from the path, or a 400 naming the field and its format."""
    if not re.fullmatch(pattern, value):
        raise ApiError(f"invalid {field.replace('_', ' ')} {value[:80]!r}",
                       [{"field": field, "reason": f"must match {pattern}"}])
    return value


def check_cart_id(cart_id: str) -> str:
    """The cart id from the path, or a 400 naming its format."""
    return check_path_id("cart_id", cart_id)


def check_product_id(product_id: str) -> str:
    """The product id from the path, or a 400 naming its format."""
    return check_path_id("product_id", product_id, SLUG)


def ensure_product(product_id: str) -> None:
    """Ask the catalog that the product exists; 422 naming product_id when it does not."""
    try:
        client().call(GET_PRODUCT, product_id=product_id)
    except UpstreamError as exc:
        if exc.status != 404:
            raise
        raise Unprocessable(f"unknown product {product_id!r}",
                            [{"field": "product_id", "reason": "no such product in the catalog"}]
                            ) from exc


def _check_room(lines: dict[str, int], product_id: str) -> None:
    """A new line must fit under the limit of distinct lines."""
    if product_id not in lines and len(lines) >= MAX_LINES:
        raise Unprocessable(f"the cart already holds {MAX_LINES} different products",
                            [{"field": "product_id",
                              "reason": f"at most {MAX_LINES} lines in a cart"}])


def quantity_after_add(lines: dict[str, int], product_id: str, quantity: int) -> int:
    """The line's quantity once `quantity` more is added; 422 if it leaves 1..99."""
    _check_room(lines, product_id)
    total = lines.get(product_id, 0) + quantity
    if not 1 <= total <= MAX_QUANTITY:
        raise Unprocessable(f"the line would hold {total}; a line holds 1 to {MAX_QUANTITY}",
                            [{"field": "quantity",
                              "reason": f"line total must stay within 1..{MAX_QUANTITY}"}])
    return total


def quantity_to_set(lines: dict[str, int], product_id: str, quantity: int) -> int:
    """The quantity a PUT sets (its range is checked by the schema); a new line must fit."""
    _check_room(lines, product_id)
    return quantity
