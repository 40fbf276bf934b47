"""``dagsorden render``: from a file without a database, from a meeting id, and bad input."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from dagsorden.lib.seeds import seed_agenda
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.services import document_import

REPO = Path(__file__).resolve().parents[3]
SEED = seed_agenda()
needs_seed = pytest.mark.skipif(
    SEED is None, reason="the seed agenda (../shared/seeds) is not beside this checkout"
)


def dagsorden(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """The command as an operator runs it, with a database that cannot be opened: any
    use of it would fail the run."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/no/such/folder/db.sqlite3",
        "DAGSORDEN_DATA_DIR": str(tmp_path / "data"),
    }
    return subprocess.run(
        [sys.executable, "-m", "dagsorden.cli", "render", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@needs_seed
def test_a_file_renders_without_a_database(tmp_path):
    out = tmp_path / "dagsorden.pdf"
    run = dagsorden(str(SEED), "-o", str(out), tmp_path=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    reader = PdfReader(out)
    assert reader.metadata.title == "KKR Hovedstaden – Dagsorden 15. oktober 2021"
    assert "SIDE | 9" in reader.pages[8].extract_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@needs_seed
def test_a_file_for_members_with_its_attachments_merged(tmp_path):
    # The seed names no attachment files: the samlet PDF is the agenda, nothing to warn.
    out = tmp_path / "samlet.pdf"
    run = dagsorden(
        str(SEED), "-o", str(out), "--audience", "members", "--merged", tmp_path=tmp_path
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert "./. Bilag: Udkast til model for behandlingsansvar" in " ".join(text(out).split())


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: d / "findes-ikke.txt", "findes-ikke.txt: no such file"),
        (lambda d: _write(d / "tom.txt", b""), "tom.txt: the file is empty"),
        (lambda d: _write(d / "binær.txt", b"\x00\x01PDF"), "binær.txt: this is a binary file"),
        (lambda d: "12", "meeting 12: the database could not be read"),
    ],
    ids=["missing", "empty", "binary", "no-database"],
)
def test_bad_input_is_one_line_and_exit_2_and_no_pdf(tmp_path, make, reason):
    out = tmp_path / "ud.pdf"
    run = dagsorden(str(make(tmp_path)), "-o", str(out), tmp_path=tmp_path)
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("dagsorden render: ") and reason in lines[0]
    assert not out.exists()
    assert list(tmp_path.glob("*.tmp")) == []


@needs_seed
def test_an_unwritable_output_is_refused_before_rendering_and_the_old_pdf_kept(tmp_path):
    run = dagsorden(str(SEED), "-o", str(tmp_path / "nej" / "ud.pdf"), tmp_path=tmp_path)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        f"dagsorden render: {tmp_path}/nej/ud.pdf: folder '{tmp_path}/nej' does not exist"
    ]

    old = tmp_path / "gammel.pdf"
    old.write_bytes(b"the previous PDF")
    run = dagsorden(str(tmp_path / "findes-ikke.txt"), "-o", str(old), tmp_path=tmp_path)
    assert run.returncode == 2
    assert old.read_bytes() == b"the previous PDF"


def test_an_unknown_audience_is_a_usage_error(tmp_path):
    run = dagsorden("1", "-o", str(tmp_path / "x.pdf"), "--audience", "alle", tmp_path=tmp_path)
    assert run.returncode == 2
    assert "invalid choice: 'alle'" in run.stderr
    assert "Traceback" not in run.stderr


# -- a meeting in the database -------------------------------------------------------------


@pytest.fixture
def meeting(db):
    from dagsorden.publishing.tests.test_pdf_minutes import minutes

    return document_import(document=minutes(), state=Meeting.State.MINUTES_PUBLISHED)


def render(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("render", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_meeting_for_the_public_and_for_members(meeting, tmp_path):
    public, members = tmp_path / "public.pdf", tmp_path / "members.pdf"
    render(str(meeting.pk), "-o", str(public))
    render(str(meeting.pk), "-o", str(members), "--audience", "members")
    shown, full = text(public), text(members)
    assert "1.2. Lukket punkt" in shown and "Salg af grund" not in shown
    assert "Salg af grund" in full and "Firma ApS" in full
    # Published minutes: the public sees decisions and attendance too.
    assert "Beslutning" in shown and "Anne Hansen" in shown


def test_the_public_gets_no_minutes_before_they_are_published(meeting, tmp_path):
    meeting.state = Meeting.State.MINUTES_APPROVED
    meeting.save()
    out = tmp_path / "public.pdf"
    render(str(meeting.pk), "-o", str(out))
    assert "Beslutning" not in text(out) and "Fremmøde" not in text(out)
    render(str(meeting.pk), "-o", str(out), "--audience", "members")
    assert "Beslutning" in text(out)


def test_an_unpublished_meeting_renders_for_the_public_with_a_note(meeting, tmp_path):
    meeting.state = Meeting.State.DRAFT
    meeting.save()
    out = tmp_path / "public.pdf"
    _, err = render(str(meeting.pk), "-o", str(out))
    assert "is not published yet (Kladde)" in err
    assert "Salg af grund" not in text(out)


@pytest.mark.django_db
def test_an_unknown_meeting_is_exit_2(tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(CommandError) as raised:
        render("4711", "-o", str(out))
    assert raised.value.returncode == 2
    assert str(raised.value) == "meeting 4711: no such meeting"
    assert not out.exists()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.django_db
def test_a_merged_meeting_names_each_skipped_attachment_on_one_line(tmp_path):
    from dagsorden.publishing.tests.test_pdf_merge import agenda, attachment_pdf

    meeting = document_import(document=agenda(folder_files=False), state=Meeting.State.PUBLISHED)
    files = {
        a.title: a
        for s in meeting.sections.all()
        for i in s.items.all()
        for a in i.attachments.all()
    }
    files["Kort over ruten"].file.save("kort.pdf", ContentFile(attachment_pdf("BILAG-KORT")))
    files["Ødelagt"].file.save("oedelagt.pdf", ContentFile(b"%PDF-1.7 broken"))
    out = tmp_path / "samlet.pdf"
    _, err = render(str(meeting.pk), "-o", str(out), "--merged")
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(
        f"dagsorden render: warning: {files['Ødelagt'].file.name}: skipped, not a readable PDF"
    )
    assert "BILAG-KORT" in text(out)
