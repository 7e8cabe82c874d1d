"""Files derived from the fault catalogue: the flag file and the fault features' Examples.

harness/faults/flags.json holds every flag fault's flag (each off); each Scenario Outline of
features/faults/*.feature lists, as Examples, the faults of its kind detected its way (an
alert or the gate). `write()` regenerates both and `drift()` names what disagrees with the
catalogue (a unit test runs it; `astroshop fault generate [--check]` from the command line).
"""
from __future__ import annotations

import json
from pathlib import Path

from harness.faults.catalogue import FAULTS, Fault
from harness.faults.flagfile import DEFAULTS
from harness.paths import REPO_ROOT

SCHEMA = "https://flagd.dev/schema/v0/flags.json"
FEATURES = REPO_ROOT / "features" / "faults"
FEATURE_FILES = {"flag": "flags.feature", "network": "network.feature",
                 "process": "processes.feature"}
OUTLINES = {"alert": "fires a burn-rate alert", "gate": "fails the gate"}
COLUMNS = ("fault", "objective", "detect", "recover")


def flag_file() -> dict:
    """The flagd file: every flag fault's flag, serving its `off` variant."""
    flags = {}
    for fault in FAULTS:
        if fault.definition is not None:
            flags[fault.name] = {
                "state": "ENABLED", "variants": fault.definition.all_variants(),
                "defaultVariant": "off", "metadata": {
                    "description": fault.definition.description,
                    "service": fault.definition.service, "unit": fault.definition.unit}}
    return {"$schema": SCHEMA, "flags": flags}


def flag_text() -> str:
    """flags.json's content."""
    return json.dumps(flag_file(), indent=2) + "\n"


def table(faults: list[Fault], indent: str) -> list[str]:
    """An aligned Examples table of `faults`."""
    rows = [COLUMNS, *((f.name, f.objective, str(f.detect_within_s), str(f.recover_within_s))
                       for f in faults)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    return [indent + "| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths)) + " |"
            for row in rows]


def outline_via(title: str, path: Path) -> str:
    """Which detection a Scenario Outline's title names; ValueError when neither."""
    for via, words in OUTLINES.items():
        if words in title:
            return via
    raise ValueError(f"{path}: outline {title.strip()!r} names neither "
                     f"{' nor '.join(repr(w) for w in OUTLINES.values())}")


def feature_text(kind: str, text: str, path: Path) -> str:
    """The feature `text` with each outline's Examples listing the catalogue's faults."""
    lines, out, via, wanted = text.splitlines(), [], "", set()
    index = 0
    while index < len(lines):
        line = lines[index]
        out.append(line)
        index += 1
        if line.strip().startswith("Scenario Outline:"):
            via = outline_via(line, path)
        elif line.strip() == "Examples:":
            faults = [f for f in FAULTS if f.kind == kind and f.via == via]
            if not faults:
                raise ValueError(f"{path}: no {kind} fault is detected by {via}; "
                                 "remove that Scenario Outline")
            while index < len(lines) and lines[index].strip().startswith("|"):
                index += 1  # the old table, replaced by the catalogue's
            out.extend(table(faults, line[:len(line) - len(line.lstrip())] + "  "))
            wanted.add(via)
    missing = {f.via for f in FAULTS if f.kind == kind} - wanted
    if missing:
        raise ValueError(f"{path}: {kind} faults detected by {', '.join(sorted(missing))} "
                         "need a Scenario Outline for it")
    return "\n".join(out) + "\n"


def files() -> dict[Path, str]:
    """Every derived file and the text the catalogue gives it."""
    result = {DEFAULTS: flag_text()}
    for kind, name in FEATURE_FILES.items():
        path = FEATURES / name
        result[path] = feature_text(kind, path.read_text(encoding="utf-8"), path)
    return result


def drift() -> list[Path]:
    """Derived files that disagree with the catalogue."""
    return [path for path, text in files().items()
            if not path.exists() or path.read_text(encoding="utf-8") != text]


def write() -> list[Path]:
    """Regenerate every derived file that disagrees with the catalogue; return them."""
    stale = drift()
    for path, text in files().items():
        if path in stale:
            path.write_text(text, encoding="utf-8")
    return stale
