"""What `astroshop fault set NAME VALUE` accepts: a variant, or a percentage or a duration."""
from __future__ import annotations

import re

PERCENT = re.compile(r"^(\d{1,3}(?:\.\d{1,2})?)%$")
DURATION = re.compile(r"^(\d{1,6})(ms|s)$")


class BadFaultInput(ValueError):
    """A fault name, value or target a person mistyped; the message says what is allowed."""


def allowed(flag: dict) -> str:
    """The values flag `flag` accepts, as a sentence."""
    text = "one of the variants " + ", ".join(flag["variants"])
    unit = flag.get("metadata", {}).get("unit")
    if unit == "ratio":
        text += ", or a percentage such as 50%"
    elif unit == "ms":
        text += ", or a duration such as 250ms or 2s"
    return text


def percentage(name: str, number: str) -> tuple[str, float]:
    """A ratio variant from `50` (per cent): ('50%', 0.5)."""
    share = float(number)
    if share > 100:
        raise BadFaultInput(f"{name}: a percentage is 0% to 100%, got {number}%")
    return f"{share:g}%", round(share / 100, 4)


def duration(number: str, suffix: str) -> tuple[str, int]:
    """A milliseconds variant from `2` `s`: ('2000ms', 2000)."""
    millis = int(number) * (1000 if suffix == "s" else 1)
    return f"{millis}ms", millis


def parse_value(name: str, flag: dict, text: str) -> tuple[str, object]:
    """The variant to serve for `text`, and its value; BadFaultInput naming what is allowed."""
    text = text.strip()
    if text in flag["variants"]:
        return text, flag["variants"][text]
    unit = flag.get("metadata", {}).get("unit")
    if unit == "ratio" and (match := PERCENT.match(text)):
        return percentage(name, match.group(1))
    if unit == "ms" and (match := DURATION.match(text)):
        return duration(*match.groups())
    raise BadFaultInput(f"{name} cannot be set to {text!r}; give {allowed(flag)}")
