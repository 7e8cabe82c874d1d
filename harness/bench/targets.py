"""The bench's targets and the check of a report against them (`astroshop bench --check`).

A target names a measurement of bench.json: a throughput comparison whose `target` it is (its
ratio), or a top-level figure of the report of the same name. Each is a floor or a ceiling;
a target that nothing in the report measures is a miss too, so a check never passes on a
figure that was not taken.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Target:
    """A bound a measurement must keep: at least `limit` (a floor), else at most."""

    limit: float
    at_least: bool = True

    def met(self, value: float) -> bool:
        """Whether `value` keeps the bound."""
        return value >= self.limit if self.at_least else value <= self.limit

    def shown(self) -> str:
        """`>= 0.85` or `<= 10`."""
        return f"{'>=' if self.at_least else '<='} {self.limit:g}"


BASELINE_USERS = 30  # the highest load the shop held before issue 18 (README, breakpoint)
TARGETS = {
    "products_vs_hello": Target(0.7),  # uncached GET /api/products through the mesh / hello
    "page_vs_hello": Target(0.25),  # the product page, no edge cache, / hello
    "envoy_ratio": Target(0.85),  # through Envoy against direct, requests/s
    "https_ratio": Target(0.9),  # HTTPS against plain HTTP at the edge
    "cached_vs_hello": Target(5.0),  # the edge-cached list against one Flask process
    "cold_start_s": Target(3.0, at_least=False),  # up to every process healthy
    "rss_mb": Target(1024.0, at_least=False),  # every process of the stack, RSS summed
    "pss_mb": Target(650.0, at_least=False),  # the same, shared pages counted once
    "breakpoint_users": Target(BASELINE_USERS),  # the most users a breakpoint stage held
}


def measured(report: dict, targets: dict[str, Target] = TARGETS) -> list[tuple[str, str, float]]:
    """Every (target, what, value) the report holds: each comparison's ratio under its target,
    each top-level figure named like a target."""
    found = [(pair["target"], f"{name}: ratio", pair["ratio"])
             for name, pair in report.get("throughput", {}).items()]
    found += [(key, key, report[key]) for key in targets if isinstance(report.get(key),
                                                                        (int, float))]
    return found


def misses(report: dict, targets: dict[str, Target] = TARGETS) -> list[str]:
    """What missed its target, one line each; a target with no measurement is a miss."""
    found = measured(report, targets)
    lines = [f"{what} = {value:g}, target {targets[key].shown()}" for key, what, value in found
             if key in targets and not targets[key].met(value)]
    lines += [f"{what}: no target called {key!r}" for key, what, _ in found if key not in targets]
    seen = {key for key, _, _ in found}
    lines += [f"{key}: not measured (target {target.shown()})" for key, target in targets.items()
              if key not in seen]
    return lines


def as_json(targets: dict[str, Target] = TARGETS) -> dict:
    """The targets for bench.json: {name: {limit, at_least}}."""
    return {key: asdict(target) for key, target in targets.items()}
