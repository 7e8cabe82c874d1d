"""The browser shopper in real headless Chromium: console errors fail steps, with a screenshot."""
import subprocess
import sys
import textwrap

import pytest
from playwright.sync_api import sync_playwright

from harness.bdd.browser import BrowserShopper, chromium_path, launch
from harness.paths import REPO_ROOT

FEATURE = """\
Feature: A page that logs an error
  Scenario: The console is watched
    Given a shopper opens the store in a browser
    When a script on the page logs an error
    Then nothing else happens
"""
CONFTEST = 'pytest_plugins = ["harness.bdd.plugin"]\n'
STEPS = '''\
from pytest_bdd import given, scenarios, then, when

scenarios("console.feature")


@given("a shopper opens the store in a browser")
def opens(storefront):
    storefront.open("/")


@when("a script on the page logs an error")
def logs(storefront):
    storefront.page.evaluate("console.error('boom from the page')")


@then("nothing else happens")
def nothing():
    pass
'''


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def test_chromium_is_the_system_package(chromium):
    assert chromium_path().startswith("/usr/") or chromium_path().startswith("/opt/")
    assert chromium.version.split(".")[0].isdigit()


def test_console_and_script_errors_are_collected(chromium, tmp_path):
    page = chromium.new_page()
    shopper = BrowserShopper(page, "http://127.0.0.1:9")
    page.set_content("<script>console.error('broken widget'); undefinedCall();</script>")
    problems = shopper.console_problems()
    assert "broken widget" in problems and "undefinedCall" in problems
    assert shopper.console_problems() is None
    assert shopper.screenshot(tmp_path / "shot.png").read_bytes()[:4] == b"\x89PNG"
    page.close()


def test_a_console_error_fails_its_step_and_saves_a_screenshot(stack, tmp_path):
    (tmp_path / "console.feature").write_text(FEATURE)
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_console.py").write_text(STEPS)
    reports = tmp_path / "reports"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(REPO_ROOT / "pyproject.toml"), "--rootdir",
         str(REPO_ROOT), "-p", "no:cacheprovider", "-q", "--tb=short", str(tmp_path),
         "--shop-url", stack.options().topology().public_url(), "--bdd-report-dir", str(reports)],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "the browser console reported errors: boom from the page" in output
    shots = list((reports / "screenshots").glob("test_the_console_is_watched-line4.png"))
    assert shots and shots[0].stat().st_size > 1000, textwrap.shorten(output, 500)
