"""Config files: present, with the mode and owner their secrets call for (program files and
redis.conf carry passwords: root-only, or root and the daemon's group)."""
from harness.cluster.checks import expected


def test_config_files_have_their_mode_and_owner(host):
    specs = expected.of(host)["files"]
    paths = [spec["path"] for spec in specs]
    result = host.run("stat -c %s" + " %s" * len(paths), "%n %a %U %G", *paths)
    found = {line.split()[0]: tuple(line.split()[1:]) for line in result.stdout.splitlines()}
    wanted = {spec["path"]: (f"{spec['mode']:o}", spec["user"], spec["group"]) for spec in specs}
    assert found == wanted, result.stderr
