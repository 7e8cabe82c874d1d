"""Field formats several services share: slugs, cart ids and email addresses."""
from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field, StrictStr

# Product and category ids: lowercase slugs.
SLUG = r"^[a-z0-9-]{1,64}$"
CART_ID = r"^[A-Za-z0-9_-]{1,64}$"
ORDER_ID = r"^[A-Za-z0-9_-]{1,64}$"

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = re.compile(rf"[A-Za-z0-9!#$%&'*+/=?^_`{{|}}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{{|}}~-]+)*"
                   rf"@{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,63}}")


def slug_list(value: str, least: int, most: int, what: str) -> list[str]:
    """Comma-separated slugs, blanks dropped; ValueError when too few, too many or malformed."""
    items = [part.strip() for part in value.split(",") if part.strip()]
    if not least <= len(items) <= most:
        raise ValueError(f"give {least} to {most} {what}, got {len(items)}")
    bad = [item for item in items if not re.fullmatch(SLUG, item)]
    if bad:
        raise ValueError(f"malformed entry {bad[0][:80]!r} in {what}")
    return items


def slug_query(least: int, most: int, what: str) -> Any:
    """A query parameter of comma-separated slugs: a string on the wire, a list once parsed."""
    return Annotated[str, Field("" if least == 0 else ..., max_length=most * 70,
                                validate_default=True,
                                description=f"{least} to {most} comma-separated {what}"),
                     AfterValidator(lambda value: slug_list(value, least, most, what))]


def _email(value: str) -> str:
    """An address of the form local@domain.tld, at most 254 characters."""
    if len(value) > 254 or not EMAIL.fullmatch(value):
        raise ValueError("not a valid email address (expected name@example.com)")
    return value


EmailAddress = Annotated[StrictStr, AfterValidator(_email)]
