"""Every service names its build: /healthz, astroshop_build_info, the version label on its
RED metrics and the build header of its answers (through a real service app, the catalog)."""
import json

import pytest

import shop.catalog
from shop.common import build
from shop.contracts.headers import BUILD_HEADER
from tests.unit.shop.samples import scraped as samples

SERVICE = shop.catalog
VERSION, COMMIT = "9.9.9+gfeedfacecafe", "feedfacecafe0123456789abcdef0123456789ab"


@pytest.fixture
def settings(settings):
    """The build the harness passes to a checkout's processes."""
    return {**settings, "BUILD_VERSION": VERSION, "BUILD_COMMIT": COMMIT}


def test_healthz_names_the_build(client):
    answer = client.get("/healthz").get_json()
    assert (answer["version"], answer["commit"]) == (VERSION, COMMIT)


def test_every_answer_names_its_build_in_a_header(client):
    assert client.get("/api/categories").headers[BUILD_HEADER] == \
        f"catalog {VERSION} ({COMMIT[:12]})"


def test_build_info_metric_and_the_version_on_red_metrics(client):
    client.get("/api/categories")
    info = [labels for labels, value in samples(client, "astroshop_build_info") if value == 1]
    assert {"service": "catalog", "version": VERSION, "commit": COMMIT} in info
    versions = {labels["version"] for labels, _ in samples(client, "astroshop_http_requests_total")
                if labels["service"] == "catalog"}
    assert VERSION in versions


def test_a_build_file_beside_the_code_wins_over_the_environment(tmp_path):
    path = tmp_path / "BUILD.json"
    path.write_text(json.dumps({"version": "1.2.3+gabc", "commit": "abc"}))
    assert build.current({"BUILD_VERSION": VERSION}, path) == build.Build("1.2.3+gabc", "abc")
    assert build.current({}, tmp_path / "none.json").commit == build.UNKNOWN
