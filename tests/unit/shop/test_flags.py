"""Unit tests of shop.common.flags: OpenFeature fed from a real flag file, typed helpers, leaks."""
import json
import re
import subprocess
import sys
import time

import pytest
from flask import Flask

from harness.faults.flagfile import DEFAULTS, install_defaults, set_flag
from harness.polling import poll_until
from shop.common import flags as flags_module
from shop.common.config import ConfigError
from shop.common.flagsource import POLL_S
from shop.common.flags import InjectedFault, flags, init_app
from shop.common.leak import Leak


def make_app(path="", service="flagtest"):
    """A bare app with flags, configured like create_service_app would."""
    app = Flask(__name__)
    app.config.update(SERVICE=service, FLAGS_FILE=str(path))
    init_app(app)
    return app


@pytest.fixture
def flag_file(tmp_path):
    return install_defaults(tmp_path / "flags.json")


def evaluate(app, method, name):
    with app.app_context():
        return getattr(flags(), method)(name)


def test_defaults_are_valid_for_the_provider_and_every_flag_is_off(flag_file):
    app = make_app(flag_file)
    names = json.loads(DEFAULTS.read_text())["flags"]
    assert len(names) >= 13
    assert evaluate(app, "enabled", "adsFailure") is False
    assert evaluate(app, "number", "cartFailure") == 0.0
    assert evaluate(app, "text", "catalogFailure") == ""


# A URL, host:port or IP address: a flag value that could choose where data is sent.
ADDRESS_LIKE = re.compile(r"://|^[\w.-]+:\d+(/|$)|\b\d{1,3}(\.\d{1,3}){3}\b|^//|^www\.", re.I)


def test_no_flag_value_is_an_address():
    flags = json.loads(DEFAULTS.read_text())["flags"]
    served = [(name, variant, value) for name, flag in flags.items()
              for variant, value in flag["variants"].items()]
    assert [entry for entry in served
            if isinstance(entry[2], str) and ADDRESS_LIKE.search(entry[2])] == []
    assert flags["paymentUnreachable"]["variants"] == {"off": False, "on": True}


def test_typed_values_follow_the_served_variant(flag_file):
    set_flag(flag_file, "adsFailure", "on")
    set_flag(flag_file, "paymentFailure", "25%")
    set_flag(flag_file, "catalogFailure", "on")
    app = make_app(flag_file)
    assert evaluate(app, "enabled", "adsFailure") is True
    assert evaluate(app, "number", "paymentFailure") == 0.25
    assert evaluate(app, "text", "catalogFailure") == "dobsonian-8"


def test_a_change_to_the_file_is_picked_up_without_a_new_app(flag_file):
    app = make_app(flag_file)
    set_flag(flag_file, "cartStoreDown", "on")
    poll_until(lambda: evaluate(app, "enabled", "cartStoreDown"), 5, "cartStoreDown turning on")
    set_flag(flag_file, "cartStoreDown", "off")
    poll_until(lambda: not evaluate(app, "enabled", "cartStoreDown"), 5,
               "cartStoreDown turning off")


def test_the_next_evaluation_after_poll_s_serves_the_change(flag_file):
    app = make_app(flag_file)
    assert POLL_S <= 1.0 and evaluate(app, "enabled", "adsFailure") is False
    set_flag(flag_file, "adsFailure", "on")
    time.sleep(POLL_S)
    assert evaluate(app, "enabled", "adsFailure") is True


def test_a_file_broken_while_running_keeps_the_last_good_flags(flag_file, caplog):
    set_flag(flag_file, "adsFailure", "on")
    good = flag_file.read_text()
    app = make_app(flag_file)
    flag_file.write_text("{half a file")
    time.sleep(POLL_S)
    assert evaluate(app, "enabled", "adsFailure") is True
    assert "flag file not reloaded" in caplog.text
    flag_file.write_text(good.replace('"defaultVariant": "on"', '"defaultVariant": "off"'))
    time.sleep(POLL_S)
    assert evaluate(app, "enabled", "adsFailure") is False


def test_a_disabled_flag_reads_as_off(flag_file):
    data = json.loads(flag_file.read_text())
    data["flags"]["adsFailure"].update(state="DISABLED", defaultVariant="on")
    flag_file.write_text(json.dumps(data))
    assert evaluate(make_app(flag_file), "enabled", "adsFailure") is False


SERVICES = ("frontend", "catalog", "cart", "currency", "shipping", "payment", "email",
            "recommendation", "ads", "checkout")
NO_GRPC = """
import sys
from shop import {names}
for module in ({names}):
    module.create_app({{"SECRET_KEY": "k" * 32, "FLAGS_FILE": sys.argv[1],
                       "DATABASE_URL": "sqlite:///" + sys.argv[2] + "/" + module.__name__ + ".db"}})
print(sorted(m for m in sys.modules if m.split(".")[0] in ("grpc", "google")))
"""


def test_no_service_imports_grpc(flag_file, tmp_path):
    script = NO_GRPC.format(names=", ".join(SERVICES))
    done = subprocess.run([sys.executable, "-c", script, str(flag_file), str(tmp_path)],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_without_a_file_every_flag_reads_as_off():
    app = make_app("")
    assert evaluate(app, "enabled", "adsFailure") is False
    assert evaluate(app, "number", "catalogLatency") == 0.0
    assert evaluate(app, "chance", "cartFailure") is False


def test_a_wrong_type_or_unknown_flag_reads_as_off(flag_file):
    set_flag(flag_file, "adsFailure", "on")
    app = make_app(flag_file)
    assert evaluate(app, "text", "adsFailure") == ""
    assert evaluate(app, "enabled", "catalogLatency") is False
    assert evaluate(app, "enabled", "noSuchFlag") is False


@pytest.mark.parametrize("content, reason", [
    ("{not json", "not a readable JSON file"),
    ('["flags"]', 'no "flags" object'),
    ('{"flags": {"x": {"state": "ON", "variants": {"a": 1}}}}', "flags.x.state"),
    ('{"flags": {"x": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "b"}}}',
     "defaultVariant 'b' is not one of the variants"),
    ('{"flags": {"x": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a", '
     '"targeting": {"if": [true, "a"]}}}}', "flags.x.targeting"),
])
def test_a_broken_file_stops_the_service_at_start_up(tmp_path, content, reason):
    path = tmp_path / "flags.json"
    path.write_text(content)
    with pytest.raises(ConfigError, match=reason):
        make_app(path)


def test_a_missing_file_names_the_setting(tmp_path):
    with pytest.raises(ConfigError, match="ASTROSHOP_FLAGS_FILE"):
        make_app(tmp_path / "absent.json")


def test_chance_pause_and_fail_if(flag_file, monkeypatch):
    set_flag(flag_file, "cartFailure", "on")
    set_flag(flag_file, "catalogLatency", "250ms")
    set_flag(flag_file, "adsFailure", "on")
    app = make_app(flag_file)
    slept = []
    monkeypatch.setattr(flags_module, "sleep", slept.append)
    with app.app_context():
        assert all(flags().chance("cartFailure") for _ in range(50))
        flags().pause("catalogLatency")
        flags().pause("currencyLatency")
        with pytest.raises(InjectedFault, match="adsFailure") as raised:
            flags().fail_if("adsFailure", "ads broke")
        flags().fail_if("cartStoreDown", "never")
    assert slept == [0.25]
    assert raised.value.status == 500


def test_a_ratio_serves_roughly_its_share(flag_file):
    set_flag(flag_file, "paymentFailure", "50%")
    app = make_app(flag_file)
    with app.app_context():
        hits = sum(flags().chance("paymentFailure") for _ in range(2000))
    assert 800 < hits < 1200


def test_a_leak_grows_to_its_cap_and_is_freed_when_cleared():
    leak = Leak(cap_bytes=10 * 1024)
    leak.follow(4, b"abc")
    leak.follow(4, b"abc")
    assert leak.size == 8 * 1024 and sum(map(len, leak.chunks)) == 8 * 1024
    assert leak.chunks[0][:6] == b"abcabc" and leak.chunks[1][-2:] in (b"ab", b"bc", b"ca")
    leak.follow(4, b"abc")
    assert leak.size == 10 * 1024
    leak.follow(0, b"abc")
    assert leak.size == 0 and leak.chunks == []
