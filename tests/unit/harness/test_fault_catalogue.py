"""The fault catalogue is ready for the matrix: every fault injectable, every signal known."""
import pytest

from harness.faults import catalogue, flagfile
from harness.faults.catalogue import FAULTS, KINDS, VIA
from harness.faults.values import parse_value
from harness.slo.loader import load_dir
from harness.model.topology import Topology

OBJECTIVES = {objective.name for objective in load_dir()}
FLAGS = {state.name: state for state in flagfile.states(flagfile.DEFAULTS)}


def test_every_flag_is_in_the_catalogue_and_names_are_unique():
    names = [fault.name for fault in FAULTS]
    assert len(names) == len(set(names))
    assert set(FLAGS) <= set(names)


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.name)
def test_every_fault_can_be_injected_and_names_its_signal(fault):
    assert fault.kind in KINDS and fault.via in VIA
    assert fault.detect_within_s > 0 and fault.recover_within_s > 0
    assert fault.objective in OBJECTIVES
    command, target, *rest = fault.inject
    if fault.kind == "flag":
        assert command == "set" and target in FLAGS
        flag = {"variants": FLAGS[target].variants, "metadata": {"unit": FLAGS[target].unit}}
        parse_value(target, flag, rest[0])
    else:
        assert command in {"network": ("delay", "abort"), "process": ("kill", "freeze")}[fault.kind]
        Topology().service(target)


def test_the_quick_subset_has_every_kind():
    assert {fault.kind for fault in catalogue.fast_subset()} == set(KINDS)


def test_by_name_names_the_known_faults():
    assert catalogue.by_name("paymentAbort").kind == "network"
    with pytest.raises(KeyError, match="paymentFailure"):
        catalogue.by_name("nothing")
