"""Unit tests of the services' configuration: secrets read from files named by *_FILE."""
import pytest

import shop.checkout
from shop.common.config import ConfigError, load


def test_a_secret_setting_is_read_from_the_file_its_variable_names(tmp_path):
    secret = tmp_path / "secret-key"
    secret.write_text("s3cret\n")
    config = load({}, ("SECRET_KEY",), environ={"ASTROSHOP_SECRET_KEY_FILE": str(secret)})
    assert config["SECRET_KEY"] == "s3cret"
    assert "SECRET_KEY_FILE" not in config


def test_a_missing_or_empty_secret_file_fails_at_start_naming_the_variable(tmp_path):
    with pytest.raises(ConfigError, match="ASTROSHOP_DATABASE_URL_FILE: cannot read"):
        load({}, environ={"ASTROSHOP_DATABASE_URL_FILE": str(tmp_path / "absent")})
    (tmp_path / "empty").write_text(" \n")
    with pytest.raises(ConfigError, match="ASTROSHOP_REDIS_URL_FILE: .* is empty"):
        load({}, environ={"ASTROSHOP_REDIS_URL_FILE": str(tmp_path / "empty")})


def test_only_secret_settings_are_read_from_files(tmp_path):
    (tmp_path / "mesh").write_text("http://elsewhere")
    config = load({}, environ={"ASTROSHOP_MESH_URL_FILE": str(tmp_path / "mesh")})
    assert config["MESH_URL"] == "http://127.0.0.1:10000"


def test_a_service_starts_with_its_secret_and_database_from_files(tmp_path, monkeypatch):
    (tmp_path / "key").write_text("from-a-file")
    (tmp_path / "db").write_text(f"sqlite:///{tmp_path}/checkout.db")
    monkeypatch.setenv("ASTROSHOP_SECRET_KEY_FILE", str(tmp_path / "key"))
    monkeypatch.setenv("ASTROSHOP_DATABASE_URL_FILE", str(tmp_path / "db"))
    app = shop.checkout.create_app()
    assert app.config["SECRET_KEY"] == "from-a-file"
    assert (tmp_path / "checkout.db").exists()
