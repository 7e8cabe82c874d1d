"""Config files: present, with the mode and owner their secrets call for (program files and
redis.conf carry passwords: root-only, or root and the daemon's group)."""
from harness.cluster.checks import expected


def test_config_files_have_their_mode_and_owner(host):
    wrong = []
    for spec in expected.of(host)["files"]:
        found = host.file(spec["path"])
        if not found.is_file:
            wrong.append(f"{spec['path']} is missing")
        elif (found.mode, found.user, found.group) != (spec["mode"], spec["user"], spec["group"]):
            wrong.append(f"{spec['path']} is {oct(found.mode)} {found.user}:{found.group}, "
                         f"expected {oct(spec['mode'])} {spec['user']}:{spec['group']}")
    assert wrong == []
