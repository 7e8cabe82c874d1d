"""flags.json and the fault features' Examples are the fault catalogue's: a new fault is one
catalogue entry, and `astroshop fault generate` writes the rest."""
import json
import re
import shutil

import pytest
from click.testing import CliRunner

from harness.cli import main
from harness.faults import derived, flagfile
from harness.faults.catalogue import FAULTS, Fault, Flag, flag

TELESCOPE = flag("telescopeFailure", "on", "catalog-availability",
                 Flag("catalog", "bool", "Every telescope lookup fails.", {"on": True}), "alert")


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """The derived files copied to `tmp_path`, where derived reads and writes them."""
    features = tmp_path / "features"
    shutil.copytree(derived.FEATURES, features)
    shutil.copy(flagfile.DEFAULTS, tmp_path / "flags.json")
    monkeypatch.setattr(derived, "FEATURES", features)
    monkeypatch.setattr(derived, "DEFAULTS", tmp_path / "flags.json")
    return tmp_path


def test_the_committed_files_agree_with_the_catalogue():
    assert derived.drift() == [], "run `astroshop fault generate`"
    assert list(json.loads(flagfile.DEFAULTS.read_text())["flags"]) == [
        fault.name for fault in FAULTS if fault.kind == "flag"]


def test_every_flag_starts_off_with_the_off_value_of_its_unit():
    flags = derived.flag_file()["flags"]
    assert flags["cartStoreDown"]["variants"]["off"] is False
    assert flags["paymentUnreachable"]["variants"]["off"] is False
    assert flags["paymentFailure"]["variants"]["off"] == 0
    assert {entry["defaultVariant"] for entry in flags.values()} == {"off"}


def test_a_new_flag_fault_is_one_entry_and_generate_writes_the_rest(copy, monkeypatch):
    monkeypatch.setattr(derived, "FAULTS", (*FAULTS, TELESCOPE))
    assert derived.drift() == [copy / "flags.json", copy / "features" / "flags.feature"]
    assert CliRunner().invoke(main, ["fault", "generate", "--check"]).exit_code == 1
    result = CliRunner().invoke(main, ["fault", "generate"])
    assert result.exit_code == 0, result.output
    assert derived.drift() == []
    written = json.loads((copy / "flags.json").read_text())["flags"]["telescopeFailure"]
    assert written["variants"] == {"off": False, "on": True}
    assert written["metadata"]["service"] == "catalog"
    feature = (copy / "features" / "flags.feature").read_text()
    alert_examples = feature.split("Scenario Outline")[1]
    assert "| telescopeFailure        | catalog-availability | 120    | 180     |" in alert_examples


def test_a_fault_without_an_outline_for_its_detection_is_refused(copy, monkeypatch):
    frozen = Fault("catalogFrozen", "process", ("freeze", "catalog"), "catalog-availability",
                   "gate")
    monkeypatch.setattr(derived, "FAULTS", (*FAULTS, frozen))
    with pytest.raises(ValueError, match="process faults detected by gate need a Scenario"):
        derived.drift()
    result = CliRunner().invoke(main, ["fault", "generate"])
    assert result.exit_code == 1 and "need a Scenario Outline" in result.output


def test_no_flag_value_can_choose_where_data_goes():
    """A flag file an attacker can write must not redirect traffic: no variant is an address."""
    address = re.compile(r"(?i)^[a-z][a-z0-9+.-]*://|^\d{1,3}(\.\d{1,3}){3}(:\d+)?$|^[\w.-]+:\d+$")
    for name, entry in derived.flag_file()["flags"].items():
        for variant, value in entry["variants"].items():
            assert not (isinstance(value, str) and address.search(value)), (name, variant, value)
