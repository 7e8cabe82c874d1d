"""The readable side of a run: summary.md and report.html, one line per scenario."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from jinja2 import Environment, select_autoescape

from harness.bdd.results import Row, file_stem

HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AstroShop acceptance {{ run_id }}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1f3b}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem;
text-align:left;vertical-align:top}.passed{color:#17713a}.failed,.error{color:#b00020;
font-weight:bold}.skipped{color:#8a6d00}code{white-space:pre-wrap}
</style></head><body>
<h1>AstroShop acceptance: {{ verdict }}</h1>
<p>Run <code>{{ run_id }}</code> against <code>{{ target }}</code>, tags <code>{{ tags }}</code>:
{% for result, count in counts %}{{ count }} {{ result }}{% if not loop.last %}, {% endif %}
{% endfor %} in {{ "%.1f"|format(seconds) }} s.</p>
<table><thead><tr><th>Feature</th><th>Scenario</th><th>Result</th><th>Duration</th>
<th>Failing step</th></tr></thead><tbody>
{% for row in rows %}<tr><td>{{ row.feature }}</td><td>{{ row.scenario }}</td>
<td class="{{ row.result }}">{{ row.result }}</td><td>{{ "%.2f"|format(row.seconds) }} s</td>
<td>{% if row.failing_step %}<strong>{{ row.failing_step }}</strong><br>
<code>{{ row.message }}</code>
{% for shot in shots.get(row.test_name, []) %}<br><a href="{{ shot }}">screenshot</a>{% endfor %}
{% elif row.message %}{{ row.message }}{% endif %}</td></tr>
{% endfor %}</tbody></table></body></html>
"""


def verdict(rows: list[Row]) -> str:
    """passed, or failed when any scenario failed or errored, or 'nothing ran'."""
    if not rows:
        return "nothing ran"
    return "failed" if any(r.result in ("failed", "error") for r in rows) else "passed"


def ordered(rows: list[Row]) -> list[Row]:
    """Failures first, then by feature and scenario."""
    rank = {"error": 0, "failed": 0, "skipped": 1, "passed": 2}
    return sorted(rows, key=lambda r: (rank.get(r.result, 3), r.feature, r.scenario))


def screenshots(folder: Path, rows: list[Row]) -> dict[str, list[str]]:
    """The screenshots taken for each failed scenario, as paths relative to the folder."""
    shots = sorted((folder / "screenshots").glob("*.png"))
    found = {}
    for row in rows:
        stem = file_stem(row.test_name) + "-line"
        found[row.test_name] = [str(p.relative_to(folder)) for p in shots
                                if p.name.startswith(stem)]
    return found


def markdown(rows: list[Row], run_id: str, target: str, tags: str, seconds: float) -> str:
    """A Markdown table of the run."""
    counts = Counter(r.result for r in rows)
    lines = [f"# AstroShop acceptance: {verdict(rows)}", "",
             f"Run `{run_id}` against `{target}`, tags `{tags}`: "
             + ", ".join(f"{n} {result}" for result, n in sorted(counts.items()))
             + f" in {seconds:.1f} s.", "",
             "| Feature | Scenario | Result | Duration | Failing step |", "|---|---|---|---|---|"]
    for r in ordered(rows):
        failing = f"**{r.failing_step}**: {r.message}" if r.failing_step else r.message
        cells = [r.feature, r.scenario, r.result, f"{r.seconds:.2f} s", failing]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells)
                     + " |")
    return "\n".join(lines) + "\n"


def write(folder: Path, rows: list[Row], run_id: str, target: str, tags: str,
          seconds: float) -> tuple[Path, Path]:
    """Write summary.md and report.html into the run's folder; return both paths."""
    md, html = folder / "summary.md", folder / "report.html"
    md.write_text(markdown(rows, run_id, target, tags, seconds), encoding="utf-8")
    template = Environment(autoescape=select_autoescape(default=True)).from_string(HTML)
    html.write_text(template.render(
        rows=ordered(rows), run_id=run_id, target=target, tags=tags, seconds=seconds,
        verdict=verdict(rows), counts=sorted(Counter(r.result for r in rows).items()),
        shots=screenshots(folder, rows)), encoding="utf-8")
    return md, html
