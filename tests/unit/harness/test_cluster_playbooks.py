"""The playbooks: clean under ansible-lint, syntactically valid, their host layout the one the
checks expect, and the playbook recap parsed into numbers."""
import subprocess
import sys
from pathlib import Path

import jinja2
import yaml

from harness.cluster import ansible
from harness.cluster.layout import HostLayout

BIN = Path(sys.executable).parent
COMMON_DEFAULTS = ansible.PLAYBOOK_DIR / "roles" / "common" / "defaults" / "main.yml"


def test_ansible_lint_passes_on_the_production_profile():
    result = subprocess.run([str(BIN / "ansible-lint"), "--offline", "--profile", "production",
                             "--nocolor"], cwd=ansible.PLAYBOOK_DIR, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_the_site_playbook_passes_the_syntax_check(tmp_path):
    inventory = tmp_path / "inventory.yml"
    inventory.write_text(yaml.safe_dump({"all": {"children": {
        "edge": {"hosts": {"edge1": {}}}, "app": {"hosts": {"app1": {}}},
        "data": {"hosts": {"edge1": {}}}}}}))
    result = subprocess.run([str(BIN / "ansible-playbook"), "--syntax-check", "-i",
                             str(inventory), str(ansible.SITE)],
                            env={**ansible.environment_for(tmp_path)}, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def rendered_defaults(host_dir: str) -> dict[str, str]:
    """The common role's path defaults, rendered the way Ansible would for `host_dir`."""
    raw = yaml.safe_load(COMMON_DEFAULTS.read_text())
    values = {"astroshop_host_dir": host_dir}
    for _ in range(5):
        values.update({key: jinja2.Template(value).render(**values) if isinstance(value, str)
                       else value for key, value in raw.items()})
    return values


def test_the_checks_layout_is_the_common_roles_layout():
    values, layout = rendered_defaults("/srv/hosts/app1"), HostLayout("/srv/hosts/app1")
    assert values["common_venv_dir"] == layout.venv
    assert values["common_etc_dir"] == layout.etc
    assert values["common_programs_dir"] == layout.programs
    assert values["common_supervisor_conf"] == layout.supervisor_conf
    assert values["common_log_dir"] == layout.log
    assert values["common_supervisorctl"].split() == layout.supervisorctl()


def test_the_recap_is_parsed_per_host():
    lines = ["TASK [common : Start the supervisor] ***", "changed: [app1]", "",
             "PLAY RECAP *********",
             "app1    : ok=40   changed=0    unreachable=0    failed=0    skipped=12   rescued=0",
             "edge1   : ok=52   changed=3    unreachable=0    failed=1    skipped=3    rescued=0"]
    recap = ansible.parse_recap(lines)
    assert recap["app1"]["changed"] == 0 and recap["app1"]["ok"] == 40
    assert recap["edge1"]["failed"] == 1


def test_failures_pick_the_lines_that_say_what_failed():
    lines = ["ok: [app1]", 'fatal: [edge1]: FAILED! => {"msg": "boom"}', "PLAY RECAP"]
    assert ansible.failures(lines) == 'fatal: [edge1]: FAILED! => {"msg": "boom"}'
