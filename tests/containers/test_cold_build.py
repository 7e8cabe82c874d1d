"""The whole offline chain from nothing (tox -e containers): the base rebuilt from Debian's
packages with mmdebstrap, the wheelhouses fetched afresh from the hashed locks into an empty
folder, both images built without the layer cache, and a service served from the result. It
prints each step's time and each image's size."""
from __future__ import annotations

import secrets
import time

import pytest
import requests

from harness.containers import base, basechoice, images, locks, wheelhouse
from harness.polling import poll_until
from tests.support.engine import check_confined, running_engine, started
from tests.support.servers import free_port

pytestmark = pytest.mark.slow


def test_base_wheelhouse_and_images_from_nothing(tmp_path):
    tag = f"cold-{secrets.token_hex(4)}"
    with running_engine() as docker:
        began = time.monotonic()
        found = basechoice.ensure(docker, tmp_path / "base-manifest.json", tmp_path / "mmdebstrap.log",
                            source="debian", rebuild=True)
        base_s = time.monotonic() - began
        assert found.origin == "debian" and found.packages["python3"].startswith("3.11")
        began = time.monotonic()
        house = wheelhouse.ensure(locks.SHOP_LOCK, tmp_path / "wheelhouses", tmp_path / "pip.log")
        wheels_s = time.monotonic() - began
        fetched = {locks.normalise(w.name.split("-")[0]) for w in house.glob("*.whl")}
        assert fetched == set(locks.pinned(locks.SHOP_LOCK)), "one wheel per locked release"
        try:
            own = [spec for spec in images.SPECS if spec.base == base.PYTHON.name]
            built = images.build(docker, own, {base.PYTHON.name: found.reference}, tmp_path,
                                 tag=tag, no_cache=True)
            assert not any(item.reused for item in built)
            print(f"\nbase from Debian's packages: {base_s:.1f}s, "
                  f"{docker.image.inspect(found.reference).size / 1e6:.0f} MB; "
                  f"shop wheelhouse: {wheels_s:.1f}s")
            for item in built:
                print(f"{item.reference}: {item.size_bytes / 1e6:.0f} MB in {item.seconds:.1f}s")
            port = free_port()
            with started(docker, images.image_reference(images.SHOP, tag=tag),
                         envs={"ASTROSHOP_SERVICE": "currency"},
                         publish=[(f"127.0.0.1:{port}", 8000)]) as container:
                answer = poll_until(lambda: requests.get(f"http://127.0.0.1:{port}/healthz",
                                                         timeout=2), 60, "currency answering")
                assert answer.json()["service"] == "currency"
                check_confined(docker, container)
        finally:
            for spec in images.SPECS:
                if docker.image.exists(images.image_reference(spec.name, tag=tag)):
                    docker.image.remove(images.image_reference(spec.name, tag=tag), force=True)
