"""Reading and setting flags in a live flag file (flagd format); harness/flags.py says where
it lives and writes it.

`astroshop fault set|clear` rewrite the live copy atomically, and every service's flag source
picks the change up on its own.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from harness.faults.values import BadFaultInput, parse_value
from harness.flags import DEFAULTS, install_defaults, locked, write

# DEFAULTS and install_defaults stay reachable here for the renderings and tests that ship
# or reset the flags (their home is harness/flags.py).
__all__ = ["DEFAULTS", "install_defaults"]
OFF = "off"


class FlagFileError(RuntimeError):
    """The live flag file is missing or broken; the message says how to get a good one."""


@dataclass(frozen=True)
class FlagState:
    """One flag as the file has it now."""

    name: str
    description: str
    service: str
    unit: str
    variant: str
    value: object
    variants: dict

    def shown(self) -> str:
        """The current value as a person reads it: `50% = 0.5`, `on = true`."""
        return f"{self.variant} = {json.dumps(self.value)}"


def load(path: Path) -> dict:
    """The flag file's JSON, or a FlagFileError saying how to get one."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise FlagFileError(f"no flag file at {path}; start the stack with `astroshop up` "
                        "(it installs the defaults there)") from exc
    except ValueError as exc:
        raise FlagFileError(f"{path} is not valid JSON ({exc}); `astroshop fault clear --all` "
                        "restores the defaults") from exc


def state(name: str, flag: dict) -> FlagState:
    """The FlagState of one flag entry."""
    meta = flag.get("metadata", {})
    variant = flag.get("defaultVariant", OFF)
    return FlagState(name, meta.get("description", ""), meta.get("service", ""),
                     meta.get("unit", ""), variant, flag["variants"].get(variant),
                     dict(flag["variants"]))


def states(path: Path) -> list[FlagState]:
    """Every flag in the file, in file order."""
    return [state(name, flag) for name, flag in load(path)["flags"].items()]


def flag_entry(data: dict, name: str) -> dict:
    """The entry of flag `name`, or a BadFaultInput listing the known flags."""
    flag = data["flags"].get(name)
    if flag is None:
        raise BadFaultInput(f"unknown flag {name!r}; known flags: {', '.join(data['flags'])}")
    return flag


def set_flag(path: Path, name: str, text: str) -> FlagState:
    """Serve the variant `text` names (a percentage or duration adds one) for flag `name`."""
    load(path)  # a missing file is reported before a lock is made beside it
    with locked(path):
        data = load(path)
        flag = flag_entry(data, name)
        variant, value = parse_value(name, flag, text)
        flag["variants"][variant] = value
        flag["defaultVariant"] = variant
        write(path, data)
    return state(name, flag)


def clear_flag(path: Path, name: str) -> FlagState:
    """Serve flag `name`'s off variant again."""
    return set_flag(path, name, OFF)
