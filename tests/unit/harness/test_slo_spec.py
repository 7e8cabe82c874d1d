"""SLO spec files: the shipped ones load, bad ones fail naming the file, objective and field."""
import textwrap

import pytest

from harness.slo import loader
from harness.slo.loader import SpecError
from harness.slo.spec import Objective

GOOD = """
objectives:
  - name: edge-availability
    description: Requests without a 5xx.
    sli:
      good: 'envoy_http_downstream_rq_xx{envoy_response_code_class!="5"}'
      total: 'envoy_http_downstream_rq_xx'
    target: 0.995
"""


def write(tmp_path, text, name="spec.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def test_the_shipped_specs_hold_the_objectives_of_the_issue():
    objectives = {o.name: o for o in loader.load_dir()}
    assert {"edge-availability", "checkout-success", "storefront-latency", "api-latency",
            "catalog-availability", "cart-availability", "payment-availability"} <= set(objectives)
    assert objectives["edge-availability"].target == 0.995
    assert objectives["checkout-success"].target == 0.99
    storefront = objectives["storefront-latency"]
    assert (storefront.target, storefront.sli.latency.threshold_ms) == (0.95, 300)
    api = objectives["api-latency"]
    assert (api.target, api.sli.latency.threshold_ms) == (0.99, 500)
    assert all(o.description and o.period for o in objectives.values())
    assert any(o.key for o in objectives.values()) and not all(o.key for o in objectives.values())


def test_a_latency_sli_reads_the_threshold_bucket_and_the_count():
    storefront = next(o for o in loader.load_dir() if o.name == "storefront-latency")
    good, total = storefront.sli.selectors()
    assert good.render() == ('envoy_vhost_vcluster_upstream_rq_time_bucket{envoy_virtual_host='
                             '"public",envoy_virtual_cluster="storefront",le="300"}')
    assert total.name == "envoy_vhost_vcluster_upstream_rq_time_count"


@pytest.mark.parametrize("unit, threshold, le", [("ms", 300, "300"), ("s", 300, "0.3"),
                                                  ("s", 1000, "1.0")])
def test_the_bucket_label_is_spelled_as_the_exporter_spells_it(tmp_path, unit, threshold, le):
    path = write(tmp_path, f"""
        objectives:
          - name: fast
            description: d
            sli: {{latency: {{histogram: h_seconds, threshold_ms: {threshold}, unit: {unit}}}}}
            target: 0.99
        """)
    (objective,) = loader.load_file(path)
    assert objective.sli.latency.le() == le


@pytest.mark.parametrize("change, field, reason", [
    (("target: 0.995", "target: 1.5"), "'target'", "less than 1"),
    (("name: edge-availability", "name: Edge_Availability"), "'name'", "pattern"),
    (("total: 'envoy_http_downstream_rq_xx'", "total: 'rate(x[5m])'"), "'sli.total'",
     "not a series selector"),
    (("total: 'envoy_http_downstream_rq_xx'", "total: 'x{a=~\"(\"}'"), "'sli.total'",
     "bad regular expression"),
    (("    target: 0.995", "    target: 0.995\n    period: 2d"), "'period'", "at least 3d"),
    (("    target: 0.995", "    target: 0.995\n    owner: me"), "'owner'", "not permitted"),
    (("    target: 0.995", "    target: 0.9"), "(the objective itself)", "could never fire"),
])
def test_a_bad_field_is_named_with_its_file_and_objective(tmp_path, change, field, reason):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(SpecError) as failure:
        loader.load_file(path)
    message = str(failure.value)
    assert str(path) in message and "objective '" in message
    assert f"field {field}" in message if field.startswith("'") else field in message
    assert reason in message


def test_both_kinds_of_sli_at_once_are_refused(tmp_path):
    path = write(tmp_path, GOOD.replace("    target:", "      latency: {histogram: h, "
                                        "threshold_ms: 5, unit: ms}\n    target:"))
    with pytest.raises(SpecError, match="either both `good` and `total`, or `latency`"):
        loader.load_file(path)


def test_a_nameless_objective_is_named_by_its_position(tmp_path):
    path = write(tmp_path, GOOD.replace("name: edge-availability\n    ", ""))
    with pytest.raises(SpecError, match=r"objective #1 field 'name': Field required"):
        loader.load_file(path)


def test_yaml_that_does_not_parse_names_the_file(tmp_path):
    path = write(tmp_path, "objectives: [\n")
    with pytest.raises(SpecError, match=rf"{path}: not valid YAML"):
        loader.load_file(path)


def test_a_name_used_twice_across_files_names_both(tmp_path):
    first, second = write(tmp_path, GOOD, "a.yaml"), write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(SpecError) as failure:
        loader.load_dir(tmp_path)
    assert str(second) in str(failure.value) and f"already defined in {first}" in str(failure.value)


def test_an_empty_directory_is_an_error(tmp_path):
    with pytest.raises(SpecError, match="no \\*.yaml SLO spec files"):
        loader.load_dir(tmp_path)


def test_a_probe_sli_is_a_kind_of_its_own_and_can_stay_out_of_the_gate():
    probe = Objective.model_validate({
        "name": "synthetic-availability", "description": "Probes answered.", "gate": False,
        "sli": {"probe": 'probe_success{job="synthetic"}'}, "target": 0.99})
    good, total = probe.sli.selectors()
    assert good == total and good.name == "probe_success" and probe.gate is False
    with pytest.raises(ValueError, match="or `probe`"):
        Objective.model_validate({
            "name": "x-y", "description": "Both kinds.", "target": 0.99,
            "sli": {"probe": "probe_success", "good": "a_total", "total": "b_total"}})
