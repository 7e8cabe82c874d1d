"""Static checks of built dashboards: unique uids, a unit on every panel, queries that parse,
and counters only ever read through rate() or increase()."""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import promql_parser

from harness.dashboards.sources import Panel

RATE_FUNCTIONS = {"rate", "increase", "irate"}
COUNTER_SUFFIXES = ("_total", "_bucket", "_count", "_sum")
COUNTER_TYPES = {"counter", "histogram", "summary"}
NO_UNIT = {"", "none"}


def is_counter(name: str, types: Mapping[str, str]) -> bool:
    """Whether a series name is a counter: by its metadata type if known, else its suffix."""
    if name in types:
        return types[name] in COUNTER_TYPES
    for suffix in COUNTER_SUFFIXES[1:]:
        if name.endswith(suffix) and types.get(name[: -len(suffix)]) in COUNTER_TYPES:
            return True
    return name.endswith(COUNTER_SUFFIXES) and not name.startswith("slo:")


def bare_counters(query: str, types: Mapping[str, str]) -> list[str]:
    """Counters the query reads outside rate/increase/irate; ValueError if it does not parse."""
    stack: list[str] = []
    bare: list[str] = []

    def enter(node) -> None:
        if isinstance(node, promql_parser.Call):
            stack.append(node.func.name)
        elif isinstance(node, promql_parser.VectorSelector) and node.name and \
                is_counter(node.name, types) and not RATE_FUNCTIONS & set(stack):
            bare.append(node.name)

    def leave(node) -> None:
        if isinstance(node, promql_parser.Call):
            stack.pop()

    promql_parser.walk(promql_parser.parse(query), enter, leave)
    return bare


def uid_problems(models: list[dict]) -> list[str]:
    """Dashboards without a uid, or sharing one."""
    counts = Counter(m.get("uid") for m in models)
    problems = [f'dashboard "{m.get("title")}": no uid' for m in models if not m.get("uid")]
    problems += [f"uid {uid!r} is used by {n} dashboards" for uid, n in counts.items()
                 if uid and n > 1]
    return problems


def panel_problems(panel: Panel, types: Mapping[str, str]) -> list[str]:
    """What is wrong with one panel: title, unit, queries that are missing or misuse counters."""
    problems = []
    if not panel.title:
        problems.append(f'dashboard "{panel.dashboard}": a panel has no title')
    if panel.unit in NO_UNIT:
        problems.append(f"{panel.where}: no unit set")
    if not panel.queries or not all(q.strip() for q in panel.queries):
        problems.append(f"{panel.where}: no query (or an empty one)")
    for query in filter(str.strip, panel.queries):
        try:
            bare = bare_counters(query, types)
        except ValueError as exc:
            problems.append(f"{panel.where}: query does not parse ({exc}): {query}")
            continue
        problems += [f"{panel.where}: counter {name} read without rate()/increase(): {query}"
                     for name in bare]
    return problems


def static_problems(models: list[dict], panels: list[Panel],
                    types: Mapping[str, str] | None = None) -> list[str]:
    """Every static problem of a set of dashboards (an empty list when all is well)."""
    problems = uid_problems(models)
    titles = Counter((p.dashboard, p.title) for p in panels)
    problems += [f'dashboard "{d}": {n} panels are titled "{t}"'
                 for (d, t), n in titles.items() if n > 1]
    for panel in panels:
        problems += panel_problems(panel, types or {})
    return problems
