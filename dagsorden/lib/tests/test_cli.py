"""The ``dagsorden`` console command: dashed command names, help, and errors."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from dagsorden.lib.seeds import REPO


def dagsorden(*args: str, tmp_path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": "", "DAGSORDEN_DATA_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "dagsorden.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_help_lists_our_commands_by_their_dashed_names(tmp_path):
    run = dagsorden("help", tmp_path=tmp_path)

    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert "    export-site" in lines and "    export_site" not in lines
    assert "    import" in lines and "    migrate" in lines


def test_help_commands_lists_the_dashed_name_too(tmp_path):
    run = dagsorden("help", "--commands", tmp_path=tmp_path)

    assert "export-site" in run.stdout.splitlines()
    assert "export_site" not in run.stdout.splitlines()


@pytest.mark.parametrize("args", [("help", "export-site"), ("export-site", "--help")])
def test_help_for_a_dashed_command_names_it_with_its_dash(tmp_path, args):
    run = dagsorden(*args, tmp_path=tmp_path)

    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("usage: dagsorden export-site ")
    assert "OUTDIR" in run.stdout


def test_a_dashed_name_runs_its_command_and_the_module_name_still_works(tmp_path):
    afile = tmp_path / "a-file"
    afile.write_text("not a directory")

    for name in ("export-site", "export_site"):
        run = dagsorden(name, str(afile), tmp_path=tmp_path)
        assert run.returncode == 2
        assert run.stderr == f"dagsorden export-site: {afile}: not a directory\n"


def test_an_unknown_command_is_still_unknown(tmp_path):
    run = dagsorden("no-such-command", tmp_path=tmp_path)

    assert run.returncode == 1
    assert "Unknown command: 'no-such-command'" in run.stderr


def test_an_export_from_a_database_never_migrated_is_one_line(tmp_path):
    out = tmp_path / "site"

    run = dagsorden("export-site", str(out), tmp_path=tmp_path)

    assert run.returncode == 2
    [line] = run.stderr.splitlines()
    assert line.startswith("dagsorden export-site: /: the database could not be read (")
    assert line.endswith("has `dagsorden migrate` been run?")
    assert not out.exists()
