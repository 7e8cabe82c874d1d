"""Every alert links to a runbook section that exists (docs/runbooks.md)."""
import pytest

from harness.slo import edge, loader, rules, runbooks


def alerts(short_window: bool) -> list[dict]:
    content = rules.render(loader.load_dir(), short_window)
    return [rule for group in content["groups"] for rule in group["rules"] if "alert" in rule]


def missing_runbooks(alert_rules: list[dict], anchors: set[str]) -> list[str]:
    """Alerts without a runbook_url, or whose anchor is no section of the runbook."""
    problems = []
    for rule in alert_rules:
        name = f"{rule['alert']} {rule['labels']}"
        link = rule.get("annotations", {}).get("runbook_url", "")
        document, _, anchor = link.partition("#")
        if document != runbooks.RUNBOOK_DOC or anchor not in anchors:
            problems.append(f"{name}: runbook_url {link!r}")
    return problems


@pytest.mark.parametrize("short_window", [False, True], ids=["standard", "short-window"])
def test_every_alert_links_to_an_existing_runbook_section(short_window):
    found = alerts(short_window)
    assert len(found) == len(loader.load_dir()) * 4 + len(edge.group()["rules"])
    assert missing_runbooks(found, runbooks.anchors()) == []


def test_a_missing_link_or_section_is_reported():
    alert = alerts(False)[0]
    without = {**alert, "annotations": {}}
    wrong = {**alert, "annotations": {"runbook_url": "docs/runbooks.md#no-such-section"}}
    assert len(missing_runbooks([without, wrong, alert], runbooks.anchors())) == 2


def test_anchors_follow_the_headings(tmp_path):
    doc = tmp_path / "runbooks.md"
    doc.write_text("# Runbooks\n\n## edge-down\ntext\n## How to read `a` burn-rate alert\n")
    assert runbooks.anchors(doc) == {"edge-down", "how-to-read-a-burn-rate-alert"}
