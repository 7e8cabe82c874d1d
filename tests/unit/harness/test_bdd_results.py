"""Merging a run's reports and summarising it: one row per scenario, failures first."""
import json
import xml.etree.ElementTree as ET

from harness.bdd import results, summary

FAILED_STEP = {"keyword": "Then", "name": 'their cart holds 2 "filters" items', "line": 9,
               "result": {"status": "failed", "duration": 2_000_000,
                          "error_message": "features/conftest.py:1: in x\n    y\n"
                                           "E   AssertionError: the shopper expected their "
                                           "cart, but saw HTTP 503"}}


def step(name, status="passed", ns=1_000_000):
    return {"keyword": "Given", "name": name, "line": 1,
            "result": {"status": status, "duration": ns}}


def feature(uri, name, *elements):
    return {"uri": uri, "name": name, "keyword": "Feature", "elements": list(elements)}


def element(test_id, name, *steps):
    return {"id": test_id, "name": name, "keyword": "Scenario", "steps": list(steps)}


def test_merging_joins_features_across_phases(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([feature("cart/x.feature", "Cart", element(
        "test_one", "One", step("a")))]))
    (tmp_path / "b.json").write_text(json.dumps([feature("cart/x.feature", "Cart", element(
        "test_two", "Two", step("b")))]))
    merged = results.merge_cucumber([tmp_path / "a.json", tmp_path / "b.json",
                                     tmp_path / "missing.json"], tmp_path / "all.json",
                                    {"test_two": "needs the mesh"})
    assert [e["id"] for e in merged[0]["elements"]] == ["test_one", "test_two"]
    assert [e["steps"][-1]["result"]["status"] for e in merged[0]["elements"]] == [
        "passed", "skipped"]
    assert json.loads((tmp_path / "all.json").read_text()) == merged


def junit(tmp_path, name, *cases):
    suite = ET.Element("testsuite", name="pytest")
    for case in cases:
        suite.append(case)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.ElementTree(root).write(tmp_path / name)
    return tmp_path / name


def test_rows_cover_steps_failures_outlines_and_setup_errors(tmp_path):
    broken = ET.Element("testcase", classname="features.cart.test_cart", name="test_setup",
                        time="0.5")
    ET.SubElement(broken, "error", message="setup").text = "E   TargetError: shop does not answer"
    merged = results.merge_junit([junit(tmp_path, "a.xml", ET.Element(
        "testcase", name="test_ok[EUR]")), junit(tmp_path, "b.xml", broken)],
        tmp_path / "junit.xml")
    skipped = ET.Element("testcase", name="test_remote")
    ET.SubElement(skipped, "skipped", message="the outbox is internal")
    merged.find("testsuite").append(skipped)
    cucumber = [feature("c.feature", "Cart", element("test_ok[EUR]", "Pay", step("a")),
                        element("test_bad", "Hold", step("a"), FAILED_STEP),
                        element("test_remote", "Mail", step("a")))]
    rows = {r.test_name: r for r in results.rows_of(cucumber, merged)}
    assert rows["test_ok[EUR]"].scenario == "Pay (EUR)" and rows["test_ok[EUR]"].result == "passed"
    bad = rows["test_bad"]
    assert (bad.result, bad.seconds) == ("failed", 0.003)
    assert bad.failing_step == 'Then their cart holds 2 "filters" items'
    assert bad.message == "AssertionError: the shopper expected their cart, but saw HTTP 503"
    assert (rows["test_remote"].result, rows["test_remote"].message) == (
        "skipped", "the outbox is internal")
    assert rows["test_setup"].result == "error"
    assert "shop does not answer" in rows["test_setup"].message
    assert len(ET.parse(tmp_path / "junit.xml").getroot().findall("testsuite")) == 2


def test_summary_puts_failures_first_and_links_screenshots(tmp_path):
    rows = [results.Row("Cart", "Hold", "passed", 0.1, test_name="test_hold"),
            results.Row("Store", "Checkout | page", "failed", 2.0, "When they pay", "HTTP 503",
                        "test_checkout[x]")]
    (tmp_path / "screenshots").mkdir()
    (tmp_path / "screenshots" / f"{results.file_stem('test_checkout[x]')}-line9.png").write_bytes(
        b"png")
    md, html = summary.write(tmp_path, rows, "run-1", "http://shop", "smoke", 3.0)
    lines = md.read_text().splitlines()
    assert lines[0] == "# AstroShop acceptance: failed"
    assert lines[6].startswith("| Store | Checkout \\| page | failed | 2.00 s | **When they pay**")
    page = html.read_text()
    assert "screenshots/test_checkout_x_-line9.png" in page and "HTTP 503" in page


def test_a_run_without_scenarios_says_nothing_ran(tmp_path):
    md, _ = summary.write(tmp_path, [], "run-2", "http://shop", "ui", 0.5)
    assert md.read_text().startswith("# AstroShop acceptance: nothing ran")
