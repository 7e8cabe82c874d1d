"""PromQL series selectors (`name{label="value", ...}`): parsed, checked and rendered."""
from __future__ import annotations

import re
from dataclasses import dataclass

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r"[a-zA-Z_][a-zA-Z0-9_]*"
MATCHER = re.compile(rf'\s*({LABEL})\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*(,|$)')
SELECTOR = re.compile(rf"^\s*({NAME})?\s*(?:\{{(.*)\}})?\s*$", re.DOTALL)


@dataclass(frozen=True)
class Matcher:
    """One label matcher: label, operator (=, !=, =~, !~) and value."""

    label: str
    op: str
    value: str

    def render(self) -> str:
        """The matcher as PromQL text."""
        return f'{self.label}{self.op}"{self.value}"'

    def accepts(self, value: str) -> bool:
        """Whether a label value satisfies this matcher (PromQL regexes are anchored)."""
        if self.op in ("=", "!="):
            return (value == self.value) == (self.op == "=")
        return bool(re.fullmatch(self.value, value)) == (self.op == "=~")


@dataclass(frozen=True)
class Selector:
    """A metric name with label matchers."""

    name: str
    matchers: tuple[Matcher, ...] = ()

    def render(self, extra: tuple[Matcher, ...] = ()) -> str:
        """The selector as PromQL text, with `extra` matchers appended."""
        inner = ",".join(m.render() for m in (*self.matchers, *extra))
        return f"{self.name}{{{inner}}}" if inner else self.name

    def with_name(self, name: str) -> Selector:
        """The same matchers on another metric name."""
        return Selector(name, self.matchers)


def parse_matchers(text: str) -> tuple[Matcher, ...]:
    """Matchers from the inside of `{...}`; ValueError naming the part that does not parse."""
    matchers, rest = [], text.strip()
    while rest:
        found = MATCHER.match(rest)
        if not found:
            raise ValueError(f"cannot read label matcher at {rest!r}; expected label=\"value\"")
        label, op, value, _ = found.groups()
        if op in ("=~", "!~"):
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"bad regular expression {value!r} for {label}: {exc}") from exc
        matchers.append(Matcher(label, op, value))
        rest = rest[found.end():].strip()
    return tuple(matchers)


def parse(text: str, *, name_required: bool = True) -> Selector:
    """A selector from PromQL text such as `up{job="envoy"}`; ValueError when it is not one."""
    found = SELECTOR.match(text or "")
    if not found or (name_required and not found.group(1)):
        raise ValueError(f"{text!r} is not a series selector such as "
                         'metric_name{label="value"} (no functions, no ranges)')
    return Selector(found.group(1) or "", parse_matchers(found.group(2) or ""))
