"""Before any load the gate refuses, with a clear reason, what it could not judge."""
import pytest

from harness.gate.preflight import CannotJudge, check_target, prepare
from harness.slo.loader import SPEC_DIR
from tests.support import ports


def test_a_bad_spec_names_the_file_and_field(tmp_path):
    (tmp_path / "bad.yaml").write_text("objectives:\n  - name: x-y\n    description: d\n"
                                       "    sli: {good: 'a', total: 'b'}\n    target: 2\n")
    with pytest.raises(CannotJudge, match=r"bad\.yaml: objective 'x-y' field 'target'"):
        prepare(tmp_path, "http://127.0.0.1:1", "http://127.0.0.1:1", None, "smoke", "run")


def test_an_empty_spec_dir_cannot_be_judged(tmp_path):
    with pytest.raises(CannotJudge, match="no \\*.yaml SLO spec files"):
        prepare(tmp_path, "http://127.0.0.1:1", "http://127.0.0.1:1", None, "smoke", "run")


def test_an_unreachable_prometheus_is_named():
    with ports.single_port() as closed:
        url = f"http://127.0.0.1:{closed.port}"
        with pytest.raises(CannotJudge, match=f"Prometheus at {url} is unreachable"):
            prepare(SPEC_DIR, url, url, None, "smoke", "run")


def test_a_target_that_does_not_answer_is_named():
    with ports.single_port() as closed:
        url = f"http://127.0.0.1:{closed.port}"
        with pytest.raises(CannotJudge, match=f"the target {url} does not answer"):
            check_target(url)
