"""Settings come from the environment, and a bad value names its variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from dagsorden.lib.env import database_from_url, env_bool, env_list

REPO = Path(__file__).resolve().parents[3]


def test_postgres_url_becomes_django_settings():
    db = database_from_url("postgres://kkr:hemmelig%21@db.example:6543/dagsorden?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("dagsorden", "kkr", "hemmelig!")
    assert (db["HOST"], db["PORT"], db["OPTIONS"]) == ("db.example", "6543", {"sslmode": "require"})


def test_sqlite_url_keeps_its_path():
    assert (
        database_from_url("sqlite:////srv/dagsorden/db.sqlite3")["NAME"]
        == "/srv/dagsorden/db.sqlite3"
    )
    assert database_from_url("sqlite:///var/db.sqlite3")["NAME"] == "var/db.sqlite3"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://x/y", "unknown scheme 'mysql'"),
        ("postgres://localhost", "names no database"),
        ("postgres://localhost:port/db", "bad port"),
        ("sqlite://", "names no database file"),
    ],
)
def test_bad_database_url_names_the_variable(url, message):
    with pytest.raises(ImproperlyConfigured) as raised:
        database_from_url(url)
    assert str(raised.value).startswith(f"DATABASE_URL={url!r}")
    assert message in str(raised.value)


def test_booleans_and_lists(monkeypatch):
    monkeypatch.setenv("DEBUG", "yes")
    assert env_bool("DEBUG", False) is True
    monkeypatch.setenv("DEBUG", "kanske")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='kanske' is not a boolean"):
        env_bool("DEBUG", False)
    monkeypatch.setenv("ALLOWED_HOSTS", "kkr.example, www.kkr.example ,")
    assert env_list("ALLOWED_HOSTS", []) == ["kkr.example", "www.kkr.example"]


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DATABASE_URL", "mysql://x/y", "DATABASE_URL='mysql://x/y' has an unknown scheme"),
        ("DEBUG", "maybe", "DEBUG='maybe' is not a boolean"),
    ],
)
def test_the_command_stops_with_the_variable_not_a_traceback(variable, value, message):
    env = {**os.environ, variable: value}
    run = subprocess.run(
        [sys.executable, "-m", "dagsorden.cli", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    [line] = run.stderr.splitlines()
    assert line.startswith("dagsorden: configuration error: ")
    assert message in run.stderr
    assert "Traceback" not in run.stderr
