"""junit.xml: one test case per objective, so CI shows the gate like a test suite."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from harness.gateresult import CANNOT_JUDGE, FAIL, GateResult


def document(gate: GateResult) -> ET.ElementTree:
    """A <testsuite> for the gate run: failures for failed objectives, errors for unjudged."""
    suite = ET.Element("testsuite", name=f"astroshop gate {gate.profile}".strip(),
                       tests=str(max(1, len(gate.objectives))), timestamp=gate.started,
                       time=f"{gate.wall_time_s:.1f}")
    failures = errors = 0
    for result in gate.objectives:
        case = ET.SubElement(suite, "testcase", classname="slo", name=result.name)
        details = "\n".join(f"{c.name}: {c.status}: {c.detail}" for c in result.checks)
        if result.status == FAIL:
            failures += 1
            ET.SubElement(case, "failure", message=f"{result.name} failed").text = details
        elif result.status == CANNOT_JUDGE:
            errors += 1
            ET.SubElement(case, "error", message=f"{result.name} cannot be judged").text = details
        else:
            ET.SubElement(case, "system-out").text = details
    if not gate.objectives:
        errors += 1
        case = ET.SubElement(suite, "testcase", classname="slo", name="gate")
        ET.SubElement(case, "error", message=gate.verdict.status).text = \
            "\n".join(gate.verdict.reasons)
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    return ET.ElementTree(suite)


def write(gate: GateResult, path: Path) -> Path:
    """Write junit.xml for the gate run to `path`."""
    tree = document(gate)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return Path(path)
