"""After `astroshop up`, the run directory keeps its secrets to its owner: folders 0700, every
file holding a secret created 0600, logs and databases readable by this user alone, and no
secret written into the supervisor's config or any process's environment."""
import stat

import psutil

FOLDERS = ("logs", "data", "metrics", "secrets", "tls")
SECRET_FILES = ("state.json", "supervisord.conf", "secret-key", "tls/ca-key.pem",
                "tls/live/key.pem", "tls/sds.yaml")


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_folders_are_0700_and_secret_files_0600(stack):
    root = stack.paths.root
    assert {name: oct(mode(root / name)) for name in FOLDERS} == {
        name: "0o700" for name in FOLDERS}
    assert {name: oct(mode(root / name)) for name in SECRET_FILES} == {
        name: "0o600" for name in SECRET_FILES}
    kept = list(stack.paths.secrets.glob("*/*"))
    assert {path.parent.name for path in kept} == {"frontend", "payment", "checkout", "cart",
                                                   "email", "accounts"}
    assert {oct(mode(path)) for path in kept} == {"0o600"}
    assert {oct(mode(path.parent)) for path in kept} == {"0o700"}


def test_logs_databases_and_metrics_are_readable_by_their_owner_alone(stack):
    paths = stack.paths
    made = [*paths.logs.glob("*.log"), *paths.data.glob("*.db*"),
            *(p for p in paths.metrics.rglob("*") if p.is_file())]
    assert len(made) > 20
    assert {str(p): oct(mode(p)) for p in made if mode(p) & 0o077} == {}
    assert mode(paths.root / "prometheus") & 0o077 == 0


def test_no_secret_reaches_the_supervisor_config_or_a_process_environment(stack):
    secret = stack.paths.secret.read_text().strip()
    assert secret not in stack.paths.supervisor_conf.read_text()
    assert "ASTROSHOP_SECRET_KEY_FILE" in stack.paths.supervisor_conf.read_text()
    for info in stack.control().getAllProcessInfo():
        process = psutil.Process(info["pid"])
        for member in (process, *process.children(recursive=True)):
            environ = member.environ()
            assert "ASTROSHOP_SECRET_KEY" not in environ, info["name"]
            assert secret not in "".join(environ.values()), info["name"]
