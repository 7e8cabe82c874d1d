"""A postal address, as the shopper gives it and shipping and checkout check it."""
from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

# ISO 3166-1 alpha-2: every officially assigned code.
COUNTRIES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
ZW""".split())
US_ZIP = r"^\d{5}(-\d{4})?$"
POSTAL_CODE = r"^[A-Za-z0-9][A-Za-z0-9 -]{0,19}$"


class Address(BaseModel):
    """A postal address; `state` may be empty outside the United States."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    # country first: the state and zip rules depend on it.
    country: str = Field(min_length=2, max_length=2, examples=["US"],
                         description="ISO 3166-1 alpha-2 code")
    street: str = Field(min_length=1, max_length=200, examples=["1 Observatory Road"])
    city: str = Field(min_length=1, max_length=100, examples=["Flagstaff"])
    state: str = Field("", max_length=100, examples=["AZ"])
    zip: str = Field(min_length=1, max_length=20, pattern=POSTAL_CODE, examples=["86001"])

    @field_validator("country", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        """Country codes compare in upper case."""
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str) -> str:
        """An assigned ISO 3166-1 alpha-2 code."""
        if value not in COUNTRIES:
            raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code")
        return value

    @field_validator("state")
    @classmethod
    def _us_state(cls, value: str, info: ValidationInfo) -> str:
        """A US address names its state."""
        if info.data.get("country") == "US" and not value:
            raise ValueError("the state is required for a US address")
        return value

    @field_validator("zip")
    @classmethod
    def _us_zip(cls, value: str, info: ValidationInfo) -> str:
        """A US address has a ZIP code: 12345 or 12345-6789."""
        if info.data.get("country") == "US" and not re.fullmatch(US_ZIP, value):
            raise ValueError(f"{value!r} is not a US ZIP code (12345 or 12345-6789)")
        return value
