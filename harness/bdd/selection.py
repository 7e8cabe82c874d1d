"""Which scenarios a tag expression selects, decided from the feature files themselves."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pytest_bdd.feature import get_features

from harness.paths import REPO_ROOT

OPERATORS = {"and", "or", "not"}
ALLOWED = re.compile(r"[\w\s()]*")


class TagError(ValueError):
    """A tag expression that names an unknown tag or is not an expression."""


def known_tags(pyproject: Path = REPO_ROOT / "pyproject.toml") -> set[str]:
    """The markers declared in pyproject.toml (the tags a feature may carry)."""
    declared = tomllib.loads(pyproject.read_text())["tool"]["pytest"]["ini_options"]["markers"]
    return {line.split(":", 1)[0].strip() for line in declared}


def tag_expression(tags: str | None, known: set[str]) -> str:
    """A pytest -m expression from "@smoke and not @slow"; unknown tags are refused."""
    if not tags or not tags.strip():
        return ""
    expression = re.sub(r"@(?=\w)", "", tags.strip())
    if not ALLOWED.fullmatch(expression):
        raise TagError(f"{tags!r} is not a tag expression: use tags, and, or, not, parentheses")
    unknown = sorted(set(re.findall(r"\w+", expression)) - OPERATORS - known)
    if unknown:
        raise TagError(f"unknown tag(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    matches(expression, set())
    return expression


def matches(expression: str, tags: set[str]) -> bool:
    """Whether a scenario with these tags is selected by the (checked) expression."""
    if not expression:
        return True
    words = re.sub(r"\w+", lambda m: m.group() if m.group() in OPERATORS
                   else str(m.group() in tags), expression)
    try:
        return bool(eval(words, {"__builtins__": {}}, {}))  # noqa: S307  only True/False/and/or/not
    except SyntaxError as exc:
        raise TagError(f"{expression!r} is not a valid tag expression: {exc.msg}") from exc


def scenario_tags(features_dir: Path) -> list[set[str]]:
    """The tags of every scenario (its own, its rule's and its feature's), per scenario."""
    found = []
    for feature in get_features([str(features_dir)]):
        for scenario in feature.scenarios.values():
            rule = scenario.rule.tags if scenario.rule else set()
            found.append(set(scenario.tags) | set(feature.tags) | set(rule))
    return found


def selected(expression: str, features_dir: Path) -> int:
    """How many scenarios (before examples expand) the expression selects."""
    return sum(matches(expression, tags) for tags in scenario_tags(features_dir))
