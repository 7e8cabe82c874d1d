"""Every unit test runs against a run directory and a reports directory of its own, so none
depends on (or writes to) ./run or ./reports, whatever stack a person runs there."""
import pytest


@pytest.fixture(autouse=True)
def own_run_and_reports_directories(tmp_path_factory, monkeypatch):
    """$ASTROSHOP_RUN_DIR and $ASTROSHOP_REPORTS_DIR in fresh temporary directories (a test
    may point them elsewhere); the port offset of the defaults, 0."""
    root = tmp_path_factory.mktemp("unit")
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(root / "run"))
    monkeypatch.setenv("ASTROSHOP_REPORTS_DIR", str(root / "reports"))
    monkeypatch.delenv("ASTROSHOP_PORT_OFFSET", raising=False)
