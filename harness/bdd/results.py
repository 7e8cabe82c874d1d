"""A run's results: merging the phases' cucumber JSON and JUnit XML, one row per scenario."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class Row:
    """One scenario's outcome, as the summary shows it."""

    feature: str
    scenario: str
    result: str  # passed, failed, skipped, error
    seconds: float
    failing_step: str = ""
    message: str = ""
    test_name: str = ""


def file_stem(test_name: str) -> str:
    """A test's name made safe for a file name (screenshots are named after their test)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)[:120]


def merge_cucumber(parts: list[Path], into: Path, skipped: dict[str, str]) -> list[dict]:
    """One cucumber JSON of every part, features merged by file, skipped scenarios marked."""
    features: dict[str, dict] = {}
    for part in parts:
        for feature in json.loads(part.read_text()) if part.exists() else []:
            known = features.setdefault(feature["uri"], {**feature, "elements": []})
            known["elements"] += feature["elements"]
    merged = sorted(features.values(), key=lambda f: f["uri"])
    for element in (e for f in merged for e in f["elements"]):
        if element["id"] in skipped and element["steps"]:
            # pytest-bdd reports the step that skipped as passed: mark it as what it was
            element["steps"][-1]["result"]["status"] = "skipped"
    into.write_text(json.dumps(merged, indent=1))
    return merged


def merge_junit(parts: list[Path], into: Path) -> ET.Element:
    """One JUnit XML whose <testsuites> holds every part's suites."""
    root = ET.Element("testsuites", name="astroshop bdd")
    for part in parts:
        if part.exists():
            root.extend(ET.parse(part).getroot().iter("testsuite"))
    ET.ElementTree(root).write(into, encoding="utf-8", xml_declaration=True)
    return root


def error_lines(text: str) -> str:
    """The assertion lines ("E   ...") of a pytest failure, else its last line."""
    found = [line[1:].strip() for line in text.splitlines() if line.startswith("E ")]
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " ".join(found) if found else (lines[-1] if lines else "")


def scenario_row(feature: dict, element: dict) -> Row:
    """A cucumber scenario as a row: its result, duration and first failing step."""
    steps = element.get("steps", [])
    statuses = [s["result"]["status"] for s in steps]
    failed = next((s for s in steps if s["result"]["status"] == "failed"), None)
    result = "failed" if failed else "skipped" if "skipped" in statuses else "passed"
    example = re.search(r"\[(.*)\]$", element["id"])
    name = element["name"] + (f" ({example.group(1)})" if example else "")
    return Row(feature["name"], name, result,
               sum(s["result"].get("duration", 0) for s in steps) / 1e9,
               f"{failed['keyword']} {failed['name']}" if failed else "",
               error_lines(failed["result"].get("error_message", "")) if failed else "",
               element["id"])


def outcomes(root: ET.Element) -> dict[str, tuple[str, str]]:
    """Each JUnit test case's result (passed, failed, error, skipped) and message, by name."""
    found = {}
    for case in root.iter("testcase"):
        result, message = "passed", ""
        for tag in ("skipped", "error", "failure"):
            problem = case.find(tag)
            if problem is not None:
                result = "failed" if tag == "failure" else tag
                message = problem.get("message", "") if tag == "skipped" else error_lines(
                    problem.text or problem.get("message", ""))
        found[case.get("name", "")] = (result, message)
    return found


def junit_only_rows(root: ET.Element, known: set[str]) -> list[Row]:
    """Tests that never reached their steps (an error while setting up), from the JUnit XML."""
    rows = []
    for case in root.iter("testcase"):
        problem = case.find("error")
        if case.get("name") in known or problem is None:
            continue
        rows.append(Row(case.get("classname", ""), case.get("name", ""), "error",
                        float(case.get("time", 0)), "(before the first step)",
                        error_lines(problem.text or problem.get("message", "")), case.get("name")))
    return rows


def rows_of(cucumber: list[dict], junit: ET.Element) -> list[Row]:
    """Every scenario of the run: steps from cucumber, the result from JUnit when it has one."""
    results = outcomes(junit)
    rows = []
    for row in (scenario_row(f, e) for f in cucumber for e in f["elements"]):
        result, message = results.get(row.test_name, (row.result, row.message))
        if result == "skipped":
            row = replace(row, failing_step="", message=message)
        rows.append(replace(row, result=result))
    return rows + junit_only_rows(junit, {row.test_name for row in rows})
