"""``dagsorden import`` on folders and zip archives: batches, progress and the summary."""

from __future__ import annotations

import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dagsorden.importers.tests.test_import_command import AGENDA
from dagsorden.meetings.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args: str) -> tuple[CommandError, str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import", *args, stdout=out, stderr=err)
    return raised.value, out.getvalue(), err.getvalue()


def agenda_for(day: int) -> str:
    return AGENDA.replace("15-10-2021", f"{day:02d}-10-2021")


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "arkiv"
    (folder / "2021").mkdir(parents=True)
    (folder / "2021" / "a.txt").write_text(agenda_for(1), encoding="utf-8")
    (folder / "2021" / "b.txt").write_text(agenda_for(2), encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return folder


def test_a_folder_imports_every_file_in_it_and_sums_up(folder):
    out, err = run(str(folder))

    assert sorted(Meeting.objects.values_list("date__day", flat=True)) == [1, 2]
    assert err == ""
    assert out.splitlines()[-1] == (
        "imported 2 documents, 4 items, 0 attachments (0 files stored); 0 problems, 0 failed"
    )


def test_a_zip_archive_imports_like_the_folder_it_holds(folder, tmp_path):
    archive = tmp_path / "arkiv.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(folder.rglob("*.txt")):
            z.write(path, path.relative_to(folder).as_posix())

    run(str(archive))

    assert Meeting.objects.count() == 2
    assert AgendaItem.objects.count() == 4
    # The source names the file inside the archive, never the temporary folder.
    sources = sorted(m.source["path"] for m in Meeting.objects.all())
    assert sources == [f"{archive}/2021/a.txt", f"{archive}/2021/b.txt"]


def test_one_bad_file_in_a_folder_does_not_stop_the_batch(folder):
    (folder / "2021" / "c.txt").write_text("Referat fra grundejerforeningen\n", encoding="utf-8")

    error, out, err = fails(str(folder))

    assert error.returncode == 2
    assert Meeting.objects.count() == 2
    lines = err.splitlines()
    assert lines[0].startswith(f"dagsorden import: {folder}/2021/c.txt: ")
    assert lines[-1] == "dagsorden import: 1 of 3 inputs failed; nothing from them was written"
    assert out.splitlines()[-1].endswith("0 problems, 1 failed")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../../evil.txt", "names a file outside itself"),
        ("/etc/evil.txt", "names a file outside itself"),
    ],
)
def test_an_archive_naming_files_outside_itself_is_refused(tmp_path, name, reason):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("ok.txt", agenda_for(3))
        z.writestr(name, agenda_for(4))

    _, _, err = fails(str(archive))

    assert reason in err and err.startswith(f"dagsorden import: {archive}: ")
    assert Meeting.objects.count() == 0
    assert not (tmp_path.parent / "evil.txt").exists()


def test_an_archive_with_a_link_is_refused(tmp_path):
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as z:
        info = zipfile.ZipInfo("passwd.txt")
        info.external_attr = 0o120777 << 16  # a symbolic link
        z.writestr(info, "/etc/passwd")

    _, _, err = fails(str(archive))

    assert "holds a link" in err


def test_a_broken_zip_archive_is_one_line(tmp_path):
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04" + b"\x00" * 40)

    error, _, err = fails(str(archive))

    assert error.returncode == 2
    assert err.splitlines()[0].startswith(f"dagsorden import: {archive}: not a readable zip")


def test_an_empty_folder_says_so(tmp_path):
    _, _, err = fails(str(tmp_path))

    assert err == f"dagsorden import: {tmp_path}: the folder holds no files to import\n"


def test_the_progress_bar_counts_the_batch_and_leaves_the_lines_clean(folder):
    out, err = run("--progress", str(folder))

    assert "[" + "#" * 24 + "] 2/2 " in err
    assert "1/2" in err
    # The per-document lines on stdout carry no bar.
    assert all(not line.startswith("\r") for line in out.splitlines())


def test_no_progress_bar_when_not_asked_and_not_a_terminal(folder):
    _, err = run(str(folder))

    assert "#" not in err
