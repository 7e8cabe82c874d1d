"""`astroshop load` against the real stack: Locust master and worker, with its web UI on the
port moved by the offset, leaving Locust's files and the load window in the run folder."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import requests

from harness.load.locustcmd import LocustJob
from harness.polling import poll_until

ASTROSHOP = str(Path(sys.executable).with_name("astroshop"))


def test_a_short_load_with_a_worker_and_the_web_ui(stack, tmp_path):
    offset = stack.options().port_offset
    web = LocustJob("", tmp_path, web=True, port_offset=offset).web_url()
    env = {**os.environ, "ASTROSHOP_REPORTS_DIR": str(tmp_path), "COLUMNS": "200"}
    process = subprocess.Popen([ASTROSHOP, "load", "--profile", "smoke", "--duration", "12",
                                "--workers", "1", "--web"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        ui = poll_until(lambda: requests.get(web, timeout=2).status_code == 200, 60,
                        f"Locust's web UI answering at {web}")
        output, _ = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert ui and process.returncode == 0, output
    folder = Path(re.search(r"report folder: (\S+) ", output).group(1))
    result = json.loads((folder / "load.json").read_text())
    assert result["locust"]["requests"] > 50 and result["locust"]["failures"] == 0
    assert 10 <= result["window"]["end"] - result["window"]["start"] <= 40
    assert (folder / "locust-worker-1.log").exists() and (folder / "locust.html").exists()
    assert list(folder.glob("locust-groups-*.json")), "the worker left no counts"
