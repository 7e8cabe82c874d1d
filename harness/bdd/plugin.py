"""The acceptance suite's pytest plugin: the target, the shop client, the browser, the reports."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from harness.bdd.api import ApiShopper
from harness.bdd.browser import BrowserShopper, launch
from harness.bdd.control import Outage
from harness.bdd.nssdb import trusting_home
from harness.bdd.results import file_stem
from harness.certs import trust
from harness.runs import reports_root
from harness.shopclient import ShopClient
from harness.stack.runner import Stack
from harness.target import Target, check_open, resolve

STOREFRONT = pytest.StashKey[BrowserShopper]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Where the shop under test is, and where the run's report folder is."""
    group = parser.getgroup("astroshop", "AstroShop acceptance target")
    group.addoption("--shop-url", help="public URL of the shop (default: the local stack)")
    group.addoption("--shop-mesh-url", help="its internal listener, for QA evidence")
    group.addoption("--shop-run-dir", help="its run directory, to stop and start processes")
    group.addoption("--bdd-report-dir", help="where screenshots of failures go")


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config) -> Target:
    """The shop under test, checked to be open once per session."""
    run_dir = pytestconfig.getoption("shop_run_dir", default=None)
    stack = Stack.at(Path(run_dir)) if run_dir else Stack.current()
    found = resolve(pytestconfig.getoption("shop_url", default=None), stack,
                    pytestconfig.getoption("shop_mesh_url", default=None))
    check_open(found)
    return found


@pytest.fixture(scope="session")
def shop(target: Target) -> ShopClient:
    """A public-API client of the target."""
    return ShopClient(target.public_url)


@pytest.fixture(scope="session")
def report_dir(pytestconfig: pytest.Config) -> Path:
    """The run's report folder (screenshots land in its `screenshots/`)."""
    given = pytestconfig.getoption("bdd_report_dir", default=None)
    return Path(given) if given else reports_root() / "bdd-adhoc"


@pytest.fixture
def shopper(shop: ShopClient) -> ApiShopper:
    """A shopper with a fresh, empty cart of their own (a Given step may replace them)."""
    return ApiShopper.new(shop)


@pytest.fixture
def visitor(shop: ShopClient) -> ShopClient:
    """A client with a connection and cookies of its own, for raw requests."""
    return ShopClient(shop.base_url, shop.timeout)


@pytest.fixture
def stack_control(target: Target) -> Target:
    """The target, when its processes can be stopped from here; otherwise the scenario skips."""
    if not target.can_control:
        pytest.skip(f"stops a service process, which only a stack started from this machine "
                    f"allows; {target.public_url} is not one")
    return target


@pytest.fixture
def outages(stack_control: Target):
    """Services the scenario stopped, by name; every one is started again at its end."""
    stopped: dict[str, Outage] = {}
    yield stopped
    for outage in stopped.values():
        outage.restore()


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """One headless Chromium per test process, started on first use, trusting the project CA
    through an NSS database in a HOME of its own (harness/bdd/nssdb.py)."""
    ca = trust.ca_file()
    home = trusting_home(ca, tmp_path_factory.mktemp("chromium-home")) if ca else None
    with sync_playwright() as playwright:
        chromium = launch(playwright, home)
        yield chromium
        chromium.close()


@pytest.fixture
def storefront(browser, target: Target, request: pytest.FixtureRequest):
    """A fresh browser context (own cookies, so own cart) on the store's home page."""
    context = browser.new_context(base_url=target.public_url, viewport={"width": 1280,
                                                                        "height": 900})
    context.set_default_timeout(10_000)
    shopper = BrowserShopper(context.new_page(), target.public_url)
    request.node.stash[STOREFRONT] = shopper
    yield shopper
    context.close()


def pytest_bdd_step_error(request, feature, scenario, step, step_func, step_func_args,
                          exception) -> None:
    """Save a screenshot of the shopper's tab into the run's report folder."""
    shopper = request.node.stash.get(STOREFRONT, None)
    if shopper is None or shopper.page.is_closed():
        return
    name = f"{file_stem(request.node.name)}-line{step.line_number}.png"
    path = shopper.screenshot(request.getfixturevalue("report_dir") / "screenshots" / name)
    exception.add_note(f"screenshot: {path}")
    if shopper.page.url not in str(exception):
        exception.add_note(f"the shopper saw {shopper.seen()}")


@pytest.hookimpl(trylast=True)
def pytest_bdd_after_step(request, feature, scenario, step, step_func, step_func_args) -> None:
    """Fail the step that left errors in the browser console."""
    shopper = request.node.stash.get(STOREFRONT, None)
    problems = shopper.console_problems() if shopper is not None else None
    if problems is None:
        return
    error = AssertionError(problems)
    request.config.hook.pytest_bdd_step_error(
        request=request, feature=feature, scenario=scenario, step=step, step_func=step_func,
        step_func_args=step_func_args, exception=error)
    raise error
