"""How an export replaces the previous one: whole or not at all, even when killed, and
never over files that are not an export."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dagsorden.lib.seeds import REPO
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.tests.personas import meeting_create
from dagsorden.publishing import export
from dagsorden.publishing.export import MARKER, ExportError, site_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def out(tmp_path):
    meeting_create(state=Meeting.State.PUBLISHED)
    parent = tmp_path / "www"
    parent.mkdir()
    return parent / "site"


def snapshot(outdir: Path) -> dict[str, bytes]:
    """Every file an export serves, and what the symlink points to."""
    files = {
        p.relative_to(outdir).as_posix(): p.read_bytes() for p in outdir.rglob("*") if p.is_file()
    }
    return {"->": os.readlink(outdir).encode(), **files}


def siblings(outdir: Path) -> list[str]:
    return sorted(p.name for p in outdir.parent.iterdir() if p.name != f".{outdir.name}.lock")


def test_the_export_is_a_symlink_to_a_version_beside_it(out):
    result = site_export(out)

    assert out.is_symlink() and os.readlink(out) == result.version.name
    assert result.version.parent == out.parent
    assert (out / MARKER).is_file() and (out / "index.html").is_file()
    assert siblings(out) == sorted([out.name, result.version.name])
    # Readable by a web server running as another user.
    assert result.version.stat().st_mode & 0o055 == 0o055


def test_a_second_export_swaps_in_and_removes_the_first(out):
    first = site_export(out)
    second = site_export(out)

    assert os.readlink(out) == second.version.name != first.version.name
    assert not first.version.exists()
    assert siblings(out) == sorted([out.name, second.version.name])


def test_a_failure_midway_leaves_the_previous_export_byte_identical(out, monkeypatch):
    site_export(out)
    before = snapshot(out)
    write = export._file_write
    written = []

    def failing(root, path, chunks):
        if len(written) == 3:
            raise OSError(28, "No space left on device", str(root / path))
        written.append(path)
        write(root, path, chunks)

    monkeypatch.setattr(export, "_file_write", failing)
    with pytest.raises(ExportError, match="No space left on device"):
        site_export(out)

    assert snapshot(out) == before
    assert siblings(out) == sorted([out.name, before["->"].decode()])  # no partial left
    monkeypatch.undo()
    assert site_export(out).pages >= 2


def test_a_failure_before_the_first_export_leaves_nothing(out, monkeypatch):
    def failing(root, path, chunks):
        raise OSError(5, "Input/output error", str(root / path))

    monkeypatch.setattr(export, "_file_write", failing)
    with pytest.raises(ExportError, match="Input/output error"):
        site_export(out)

    assert siblings(out) == []


# A separate process with its own SQLite database, killed with SIGKILL mid-export.
SCRIPT = """
import sys, time
import django

django.setup()
from django.core.management import call_command

mode, outdir = sys.argv[1], sys.argv[2]
if mode == "setup":
    call_command("migrate", verbosity=0)
    from dagsorden.meetings.models import Meeting
    from dagsorden.meetings.tests.personas import meeting_create

    meeting_create(state=Meeting.State.PUBLISHED)
else:
    from dagsorden.publishing import export

    write, count = export._file_write, []

    def stalling(root, path, chunks):
        write(root, path, chunks)
        count.append(path)
        if len(count) == 3:
            print("writing", flush=True)
            time.sleep(120)

    export._file_write = stalling
    call_command("export_site", outdir)
"""


def test_an_export_killed_midway_leaves_the_previous_one_and_the_next_run_cleans_up(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": "",
        "DAGSORDEN_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "dagsorden.settings",
    }
    script = tmp_path / "export_script.py"
    script.write_text(SCRIPT)
    out = tmp_path / "www" / "site"
    out.parent.mkdir()

    def run(*args):
        return subprocess.run(
            [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
        )

    assert run(str(script), "setup", str(out)).returncode == 0
    first = run("-m", "dagsorden.cli", "export-site", str(out))
    assert first.returncode == 0, first.stderr
    before = snapshot(out)

    stalled = subprocess.Popen(
        [sys.executable, str(script), "export", str(out)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert stalled.stdout.readline() == "writing\n"
        os.kill(stalled.pid, signal.SIGKILL)
        stalled.wait(timeout=30)
    finally:
        stalled.kill()
        stalled.stdout.close()

    assert snapshot(out) == before
    assert any(".site.partial-" in name for name in siblings(out))  # what the kill left

    again = run("-m", "dagsorden.cli", "export-site", str(out))
    assert again.returncode == 0, again.stderr
    assert (out / "index.html").is_file()
    assert siblings(out) == sorted([out.name, os.readlink(out)])


# -- what OUTDIR may already be ------------------------------------------------------------


def test_an_empty_directory_becomes_the_export(out):
    out.mkdir()

    site_export(out)

    assert out.is_symlink() and (out / "index.html").is_file()


def test_a_directory_that_is_not_an_export_is_refused_and_kept(out):
    out.mkdir()
    (out / "mine.txt").write_text("the user's own file")

    with pytest.raises(ExportError, match="not an export"):
        site_export(out)

    assert (out / "mine.txt").read_text() == "the user's own file"
    assert siblings(out) == [out.name]


def test_a_copied_export_is_replaced_by_a_symlink(out):
    site_export(out)
    copy = out.parent / "copy"
    os.rename(os.path.realpath(out), copy)
    out.unlink()
    copy.rename(out)  # an export copied into place as a real directory
    (out / "egen-side.html").write_text("Vores egen side")  # and a file of the user's

    export = site_export(out)

    assert out.is_symlink() and (out / "index.html").is_file()
    # The folder that was there is kept whole, the user's own file with it.
    assert export.replaced is not None
    assert (export.replaced / "egen-side.html").read_text() == "Vores egen side"
    assert siblings(out) == sorted([out.name, os.readlink(out), export.replaced.name])
    site_export(out)
    assert (export.replaced / "egen-side.html").is_file(), "a later run keeps it too"


def test_a_symlink_to_somewhere_else_is_refused(out, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.symlink_to(elsewhere)

    with pytest.raises(ExportError, match="not to an earlier export"):
        site_export(out)

    assert os.readlink(out) == str(elsewhere)


def test_a_file_is_refused(out):
    out.write_text("a file")

    with pytest.raises(ExportError, match="not a directory"):
        site_export(out)

    assert out.read_text() == "a file"


def test_a_missing_parent_is_refused(tmp_path):
    with pytest.raises(ExportError, match="no such directory"):
        site_export(tmp_path / "missing" / "site")


def test_an_unwritable_parent_is_refused(out, monkeypatch):
    out.parent.chmod(0o555)
    if os.geteuid() == 0:  # root may write anywhere, so the check is told otherwise
        monkeypatch.setattr(os, "access", lambda path, mode: False)
    try:
        with pytest.raises(ExportError, match="not writable"):
            site_export(out)
    finally:
        out.parent.chmod(0o755)


def test_no_allowed_host_is_refused_before_anything_is_written(out, settings):
    settings.ALLOWED_HOSTS = []
    settings.DEBUG = False

    with pytest.raises(ExportError, match="ALLOWED_HOSTS is empty"):
        site_export(out)

    assert siblings(out) == []


def test_a_second_export_at_the_same_time_is_refused(out):
    with open(out.parent / ".site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(ExportError, match="another export to it is running"):
            site_export(out)


# -- the command -------------------------------------------------------------------------------


def test_the_command_reports_an_error_in_one_line_with_status_2(out, capsys):
    out.write_text("a file")

    with pytest.raises(CommandError) as error:
        call_command("export_site", str(out))

    assert error.value.returncode == 2
    assert capsys.readouterr().err == f"dagsorden export-site: {out}: not a directory\n"


def test_the_command_says_what_it_wrote(out, capsys):
    call_command("export_site", str(out))

    printed = capsys.readouterr().out
    assert printed.startswith("exported ") and f"to {out} (.site.v-" in printed


def test_the_command_reports_progress_on_a_long_run(out, capsys, monkeypatch):
    monkeypatch.setattr(export, "PROGRESS_SECONDS", 0)

    call_command("export_site", str(out))

    assert "written …" in capsys.readouterr().err


def test_the_command_counts_the_links_it_did_not_follow(out, capsys, monkeypatch):
    monkeypatch.setattr(export, "PRIVATE", ("/moeder/",))  # as if meetings were not public

    call_command("export_site", str(out))

    assert "linked but not public, so not exported (-v2 lists them)" in capsys.readouterr().out
    call_command("export_site", str(out), verbosity=2)
    assert "  not public, links left as they are: /moeder/" in capsys.readouterr().out
