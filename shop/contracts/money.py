"""Money: integer minor units plus an ISO 4217 code, never a float."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictInt

CURRENCY_CODE = r"^[A-Z]{3}$"


class Money(BaseModel):
    """An amount in minor units (cents, yen...) of one currency."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    currency: str = Field(pattern=CURRENCY_CODE, examples=["EUR"])
    amount_minor: StrictInt = Field(ge=0, le=10**12, examples=[12999])

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(currency=self.currency, amount_minor=self.amount_minor + other.amount_minor)

    def times(self, quantity: int) -> Money:
        """This amount multiplied by a whole quantity."""
        return Money(currency=self.currency, amount_minor=self.amount_minor * quantity)

    @classmethod
    def zero(cls, currency: str) -> Money:
        """Nothing, in `currency`."""
        return cls(currency=currency, amount_minor=0)
