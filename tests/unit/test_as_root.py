"""scripts/as-root.sh, which `make test` runs the root suites through: as root it runs the
suite, as a user with passwordless sudo it runs it under sudo with the test variables, without
either it fails saying what to do, and a skip happens only when asked for, out loud. `id` and
`sudo` are stand-ins on the script's PATH (who the user is, whether sudo lets them in)."""
import subprocess
from pathlib import Path

import pytest

from harness.paths import REPO_ROOT

SCRIPT = REPO_ROOT / "scripts" / "as-root.sh"
FAKE_ID = '#!/bin/sh\necho "$FAKE_UID"\n'
SUDO = """#!/bin/sh
# sudo for a user whom it lets in without a password ({allowed}): records the call, runs it.
[ "$1" = "-n" ] && [ "$2" = "true" ] && exit {code}
echo "sudo $*" > "$(dirname "$0")/sudo-called"
shift
exec "$@"
"""


@pytest.fixture
def bin_dir(tmp_path) -> Path:
    """A bin/ with the stand-in `id`."""
    (tmp_path / "id").write_text(FAKE_ID)
    (tmp_path / "id").chmod(0o755)
    return tmp_path


def with_sudo(bin_dir: Path, allowed: bool) -> None:
    """Put a `sudo` on the PATH that lets the user in (or asks for a password)."""
    (bin_dir / "sudo").write_text(SUDO.format(allowed=allowed, code=0 if allowed else 1))
    (bin_dir / "sudo").chmod(0o755)


def run(bin_dir: Path, uid: int, **env: str) -> subprocess.CompletedProcess:
    """The script asked to run `echo ran` for the `demo` suite, by a user of `uid`."""
    return subprocess.run([str(SCRIPT), "ASTROSHOP_SKIP_DEMO", "the demo suite", "echo", "ran"],
                          capture_output=True, text=True, timeout=30,
                          env={"PATH": f"{bin_dir}:/usr/bin:/bin", "FAKE_UID": str(uid), **env})


def test_root_runs_the_suite_as_it_is(bin_dir):
    with_sudo(bin_dir, allowed=True)
    result = run(bin_dir, 0)
    assert result.returncode == 0 and result.stdout == "ran\n"
    assert not (bin_dir / "sudo-called").exists()


def test_a_user_with_passwordless_sudo_runs_it_under_sudo_with_the_test_variables(bin_dir):
    with_sudo(bin_dir, allowed=True)
    result = run(bin_dir, 1000, ASTROSHOP_PORT_OFFSET="700")
    assert result.returncode == 0 and result.stdout == "ran\n", result.stderr
    assert "running the demo suite under sudo" in result.stderr
    assert (bin_dir / "sudo-called").read_text().split() == [
        "sudo", "-n", "env", "ASTROSHOP_PORT_OFFSET=700", "echo", "ran"]


def test_without_root_or_sudo_it_fails_saying_what_to_do(bin_dir):
    with_sudo(bin_dir, allowed=False)
    result = run(bin_dir, 1000)
    assert result.returncode == 1 and result.stdout == ""
    said = " ".join(result.stderr.split())
    assert "the demo suite needs root" in said and "ASTROSHOP_SKIP_DEMO=1" in said


def test_a_skip_happens_only_on_request_and_out_loud(bin_dir):
    with_sudo(bin_dir, allowed=True)
    result = run(bin_dir, 1000, ASTROSHOP_SKIP_DEMO="1")
    assert result.returncode == 0 and result.stdout == ""
    assert "SKIPPED on request (ASTROSHOP_SKIP_DEMO=1): the demo suite" in result.stderr
