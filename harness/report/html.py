"""report.html: one self-contained page (plots inlined) rendered from a gate result."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from harness.gateresult import GateResult


def pct(value: float | None, digits: int = 2) -> str:
    """A share as a percentage, or '-'."""
    return "-" if value is None else f"{value * 100:.{digits}f}%"


def ms(value: float | None) -> str:
    """Milliseconds with one decimal, or '-'."""
    return "-" if value is None else f"{value:.1f}"


def rate(value: float | None) -> str:
    """A rate per second with two decimals, or '-'."""
    return "-" if value is None else f"{value:.2f}"


def css(status: str) -> str:
    """A status as a CSS class name."""
    return status.replace(" ", "-")


def environment() -> Environment:
    """Jinja with the report's templates and filters, autoescaping HTML."""
    env = Environment(loader=PackageLoader("harness.report", "templates"),
                      autoescape=select_autoescape(["html"]))
    env.filters.update(pct=pct, ms=ms, css=css, rate=rate)
    return env


def write(gate: GateResult, images: list[tuple[str, str]], path: Path) -> Path:
    """Render the report for `gate` with its plot images to `path`."""
    page = environment().get_template("report.html").render(gate=gate, images=images)
    Path(path).write_text(page, encoding="utf-8")
    return Path(path)
