"""A release's report files: release.json (the typed result), junit.xml (a test case per
step and test) and release.html (per step: the split, the plots, every test, the decision)."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from jinja2 import Environment

from harness.release import plots
from harness.release.result import RELEASE_FILE, ReleaseResult, write
from harness.stats.comparison import NO_DATA, UNDERPOWERED, WORSE

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>release {{ r.service }} {{ r.canary_version }}: {{ r.decision }}</title>
<style>body{font-family:sans-serif;margin:2rem;max-width:72rem}td,th{border:1px solid #ccc;
padding:.25rem .5rem;font-size:.85rem;vertical-align:top}table{border-collapse:collapse}
.worse{background:#fdd}.underpowered,.no-data{background:#ffd}.ok{background:#dfd}</style>
</head><body>
<h1>{{ r.service }}: {{ r.stable_version }} &rarr; {{ r.canary_version }}: {{ r.decision }}</h1>
<p>{{ r.reason }}</p>
<p>built from {{ r.source }} (commit {{ r.canary_commit }}); exit {{ r.exit_code }};
{{ "%.0f"|format(r.wall_time_s) }} s. Canary logs: {{ r.canary_logs|join(", ") }}</p>
{% if r.budget %}<h2>What it cost the shoppers</h2><table><tr><th>objective</th><th>bad</th>
<th>events</th><th>allowed by the target</th><th>share of allowed</th>
<th>the canary's excess</th><th>its share of allowed</th></tr>
{% for b in r.budget %}<tr><td>{{ b.objective }}</td><td>{{ "%.0f"|format(b.bad) }}</td>
<td>{{ "%.0f"|format(b.total) }}</td><td>{{ "%.1f"|format(b.allowed) }}</td>
<td>{{ "%.2f"|format(b.share) if b.share is not none else "-" }}</td>
<td>{{ "%.1f"|format(b.canary_excess) }}</td>
<td>{{ "%.2f"|format(b.canary_share) if b.canary_share is not none else "-" }}</td></tr>
{% endfor %}
</table>{% endif %}
{% for step, images in steps %}
<h2>step {{ step.index + 1 }}: {{ step.weight }} % to the canary: {{ step.decision }}</h2>
<p>{{ step.reason }}</p>
<p>traffic split: canary {{ step.canary_requests }} requests, stable {{ step.stable_requests }}
({{ step.reference }}); {{ step.attempts }} run(s) of the load,
{{ "%.0f"|format(step.end - step.start) }} s; answered by the edge's cache (in neither sample):
{{ step.cached.values()|sum }} (routed to the canary {{ step.cached.get("canary", 0) }},
to stable {{ step.cached.get("stable", 0) }})</p>
{% for image in images %}<img src="{{ image }}" alt="plot">{% endfor %}
<table><tr><th>test</th><th>canary</th><th>stable</th><th>effect</th><th>interval</th>
<th>p</th><th>detectable</th><th>tolerance</th><th>verdict</th></tr>
{% for c in [step.errors, step.latency] + step.objectives|list %}
<tr class="{{ c.verdict|replace(' ', '-') }}"><td>{{ c.name }}<br><small>{{ c.test }}</small></td>
<td>{{ num(c.candidate_value) }} (n={{ c.candidate_n }})</td>
<td>{{ num(c.reference_value) }} (n={{ c.reference_n }})</td><td>{{ num(c.effect) }}</td>
<td>{{ num(c.ci_low) }} .. {{ num(c.ci_high) }} ({{ "%.0f"|format(100 * c.confidence) }} %)</td>
<td>{{ num(c.p_value) }}</td><td>{{ num(c.mde) }} (power {{ c.power }})</td>
<td>{{ num(c.tolerance) }} {{ c.unit }}</td><td>{{ c.verdict }}: {{ c.reason }}</td></tr>
{% endfor %}</table>{% endfor %}</body></html>"""


def num(value) -> str:
    """A number for the tables (four significant digits), or a dash."""
    return "-" if value is None else f"{value:.4g}"


def html(result: ReleaseResult, folder: Path) -> str:
    """The report page, with each step's plots."""
    steps = []
    for step in result.steps:
        path = folder / "steps" / f"{step.index}-samples.json"
        samples = json.loads(path.read_text()) if path.exists() else {}
        steps.append((step, [plots.latency(step, samples), plots.errors(step)]))
    return Environment(autoescape=True).from_string(PAGE).render(r=result, steps=steps, num=num)


def junit(result: ReleaseResult) -> ET.ElementTree:
    """A test case per step and test: failures for a worse canary, errors when underpowered."""
    suite = ET.Element("testsuite", name=f"astroshop release {result.service}",
                       time=f"{result.wall_time_s:.1f}")
    failures = errors = tests = 0
    for step in result.steps:
        for test in (step.errors, step.latency, *step.objectives):
            tests += 1
            case = ET.SubElement(suite, "testcase", classname=f"step {step.index + 1} "
                                 f"({step.weight} %)", name=test.name)
            if test.verdict == WORSE:
                failures += 1
                ET.SubElement(case, "failure", message=test.reason)
            elif test.verdict in (UNDERPOWERED, NO_DATA):
                errors += 1
                ET.SubElement(case, "error", message=test.reason)
    if not result.steps:
        tests, errors = 1, 1
        case = ET.SubElement(suite, "testcase", classname="release", name="canary start")
        ET.SubElement(case, "failure" if result.exit_code == 1 else "error",
                      message=result.reason)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    return ET.ElementTree(suite)


def write_all(folder: Path, result: ReleaseResult) -> None:
    """release.json, junit.xml and release.html into the run's report folder."""
    write(folder / RELEASE_FILE, result)
    tree = junit(result)
    ET.indent(tree)
    tree.write(folder / "junit.xml", encoding="utf-8", xml_declaration=True)
    (folder / "release.html").write_text(html(result, folder))
