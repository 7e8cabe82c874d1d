"""The base image's choice (found, pulled, or built from Debian's packages) and the
wheelhouse from a hashed lock; docker and pip mocked (the real chain: tests/containers)."""
from __future__ import annotations

from unittest import mock

import pytest
from python_on_whales.exceptions import DockerException

from harness.containers import base, basechoice, locks, wheelhouse


@pytest.fixture
def client():
    """A mocked DockerClient with no image and no registry."""
    docker = mock.Mock()
    docker.image.exists.return_value = False
    docker.image.pull.side_effect = DockerException(["docker", "pull"], 1, b"",
                                                    b"dial tcp: lookup registry: no such host")
    return docker


def test_a_base_already_here_is_used_pulled_first(client, tmp_path):
    client.image.exists.side_effect = lambda ref: True
    assert basechoice.choose(client, "auto", tmp_path / "log", False) == (base.PULLED, "registry")
    client.image.exists.side_effect = lambda ref: ref == base.local_reference()
    assert basechoice.choose(client, "auto", tmp_path / "log", False) == (base.local_reference(),
                                                                   "debian")
    client.image.pull.assert_not_called()


def test_without_a_registry_the_base_is_built_from_debians_packages(client, tmp_path):
    with mock.patch("harness.containers.basechoice.build_debian", return_value="built") as build:
        assert basechoice.choose(client, "auto", tmp_path / "log", False) == ("built", "debian")
    client.image.pull.assert_called_once_with(base.PULLED, quiet=True)
    build.assert_called_once()


def test_a_registry_only_base_fails_clearly_without_one(client, tmp_path):
    with pytest.raises(RuntimeError, match="--source debian"):
        basechoice.choose(client, "registry", tmp_path / "log", False)


def test_rebuild_builds_even_when_one_is_here(client, tmp_path):
    client.image.exists.return_value = True
    with mock.patch("harness.containers.basechoice.build_debian", return_value="again") as build:
        assert basechoice.choose(client, "auto", tmp_path / "log", True) == ("again", "debian")
    build.assert_called_once()


def test_the_local_tag_names_the_recipe():
    first = base.local_reference()
    assert first.startswith(f"astroshop/base:python-{base.SUITE}-")
    more = base.Recipe("python", (*base.PYTHON.packages, "curl"))
    assert base.local_reference(more) != first
    assert len({base.local_reference(r) for r in base.RECIPES.values()}) == len(base.RECIPES)


def test_the_stores_bases_come_only_from_debians_packages(client, tmp_path):
    with pytest.raises(RuntimeError, match="no registry image"):
        basechoice.choose(client, "registry", tmp_path / "log", False, base.REDIS)
    with mock.patch("harness.containers.basechoice.build_debian", return_value="built") as build:
        assert basechoice.choose(client, "auto", tmp_path / "log", False, base.REDIS) == (
            "built", "debian")
    client.image.pull.assert_not_called()
    build.assert_called_once_with(client, tmp_path / "log", base.REDIS)


def test_a_recipe_tidies_the_root_filesystem_with_its_hooks(tmp_path):
    command = base.mmdebstrap_command(tmp_path / "rootfs.tar", base.POSTGRES)
    assert "--include=postgresql-15,passwd" in command
    assert any(part.startswith("--customize-hook=rm -rf") and "libLLVM" in part
               for part in command)


def test_mmdebstrap_builds_bookworm_with_python_from_debian(tmp_path):
    command = base.mmdebstrap_command(tmp_path / "rootfs.tar")
    assert command[0] == "mmdebstrap" and command[-2:] == ["bookworm", str(tmp_path / "rootfs.tar")]
    assert "--include=python3,python3-venv,passwd,libstdc++6" in command


def test_the_manifest_records_every_package(client, tmp_path):
    client.image.exists.side_effect = lambda ref: ref == base.local_reference()
    client.image.inspect.return_value.id = "sha256:abc"
    client.run.return_value = "python3\t3.11.2-1+b1\nlibc6\t2.36-9+deb12u14\n"
    found = basechoice.ensure(client, tmp_path / "base-manifest.json", tmp_path / "log")
    assert found.packages == {"python3": "3.11.2-1+b1", "libc6": "2.36-9+deb12u14"}
    assert '"python3": "3.11.2-1+b1"' in (tmp_path / "base-manifest.json").read_text()
    assert client.run.call_args.kwargs["networks"] == ["none"]


def test_wheels_are_fetched_for_bookworms_python_with_hashes(tmp_path):
    command = wheelhouse.download_command(locks.SHOP_LOCK, tmp_path)
    assert "--require-hashes" in command and "--no-deps" in command
    assert command[command.index("--python-version") + 1] == wheelhouse.PYTHON_VERSION
    tags = wheelhouse.platforms("x86_64")
    assert tags[0] == "manylinux_2_36_x86_64" and "manylinux2014_x86_64" in tags
    assert "manylinux_2_37_x86_64" not in tags


def test_a_complete_wheelhouse_is_reused_and_named_by_the_lock_hash(tmp_path):
    lock = tmp_path / "requirements-x.lock"
    lock.write_text("a==1 \\\n    --hash=sha256:00\n")
    with mock.patch("harness.containers.wheelhouse.subprocess.run") as run:
        run.return_value.returncode = 0
        first = wheelhouse.ensure(lock, tmp_path / "cache", tmp_path / "pip.log")
        again = wheelhouse.ensure(lock, tmp_path / "cache", tmp_path / "pip.log")
    assert first == again and run.call_count == 1
    assert (first / lock.name).read_text() == lock.read_text()
    lock.write_text("a==2 \\\n    --hash=sha256:11\n")
    assert wheelhouse.folder(lock, tmp_path / "cache") != first


def test_a_failed_download_names_its_log(tmp_path):
    lock = tmp_path / "requirements-x.lock"
    lock.write_text("a==1\n")
    with mock.patch("harness.containers.wheelhouse.subprocess.run") as run:
        run.return_value.returncode = 1
        with pytest.raises(RuntimeError, match="pip.log"):
            wheelhouse.ensure(lock, tmp_path / "cache", tmp_path / "pip.log")
