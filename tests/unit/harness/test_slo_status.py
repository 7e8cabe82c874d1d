"""`slo status` numbers from query results, and the `slo` commands that need no server."""
import re
from unittest import mock

import pytest
import yaml
from click.testing import CliRunner

from harness.commands.slo import slo
from harness.slo import loader, status
from harness.slo.spec import Objective

OBJECTIVE = Objective.model_validate({
    "name": "cart-availability", "description": "Cart requests without a 5xx.",
    "sli": {"good": 'hits_total{code!~"5.."}', "total": "hits_total"}, "target": 0.99})


def fake_prometheus(error_ratio_by_window, events=1234.0, alerts=()):
    """A client answering error-ratio queries by window, the events query and ALERTS."""
    def answer(query):
        if query.startswith("ALERTS"):
            return [{"metric": labels, "value": [0, "1"]} for labels in alerts]
        if query.endswith(" * 2592000"):  # events: the rate over the period * its seconds
            return [{"metric": {}, "value": [0, str(events)]}]
        window = re.search(r"\[(\w+)\]", query).group(1)
        ratio = error_ratio_by_window.get(window)
        return [] if ratio is None else [{"metric": {}, "value": [0, str(ratio)]}]
    client = mock.Mock()
    client.custom_query.side_effect = answer
    return client


def test_sli_budget_and_burn_follow_from_the_error_ratio():
    ratios = {"5m": 0.05, "1h": 0.02, "30d": 0.005}
    alerts = [{"slo": "cart-availability", "severity": "page", "long_window": "1h",
               "short_window": "5m"}]
    (row,) = status.collect(fake_prometheus(ratios, alerts=alerts), [OBJECTIVE])
    assert row.sli == pytest.approx(0.995)
    assert row.budget_remaining == pytest.approx(0.5)
    assert row.burn_rates["5m"] == pytest.approx(5.0)
    assert row.burn_rates["1h"] == pytest.approx(2.0)
    assert row.burn_rates["6h"] is None
    assert (row.events, row.firing, row.period) == (1234.0, ["page 1h/5m"], "30d")


def test_no_traffic_gives_no_numbers_rather_than_wrong_ones():
    (row,) = status.collect(fake_prometheus({"30d": float("nan")}), [OBJECTIVE])
    assert (row.sli, row.budget_remaining) == (None, None)


def test_short_windows_are_queried_with_the_short_window_option():
    client = fake_prometheus({"12h": 0.0})
    (row,) = status.collect(client, [OBJECTIVE], short_window=True)
    assert list(row.burn_rates) == ["5s", "30s", "1m", "2m", "6m", "24m", "72m", "12h"]
    assert (row.period, row.sli) == ("12h", 1.0)


def test_the_rules_command_prints_the_rules_of_the_specs():
    result = CliRunner().invoke(slo, ["rules"])
    assert result.exit_code == 0, result.output
    groups = yaml.safe_load(result.output)["groups"]
    assert [g["name"] for g in groups] == [*(f"slo:{o.name}" for o in loader.load_dir()),
                                           "astroshop:edge"]


def test_the_rules_command_writes_checked_short_window_rules(tmp_path):
    result = CliRunner().invoke(slo, ["rules", "--short-window", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "slo.rules.yml").read_text()
    assert "long_window: 1m" in text and "short_window: 5s" in text


def test_a_bad_spec_folder_exits_2_naming_the_file(tmp_path):
    (tmp_path / "broken.yaml").write_text("objectives: []\n")
    result = CliRunner().invoke(slo, ["rules", "--specs", str(tmp_path)])
    assert result.exit_code == 2
    assert "broken.yaml" in result.output and "objectives" in result.output
