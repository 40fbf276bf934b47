"""``dagsorden import`` on the real publications in ``../shared/data``: what is stored."""

from __future__ import annotations

import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from dagsorden.cases.models import Attachment
from dagsorden.lib.seeds import data_dir
from dagsorden.meetings.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db


def sample(name: str):
    path = data_dir() / name
    if not path.exists():
        pytest.skip(f"{path} is not beside this checkout")
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_sbsys_zip_imports_with_its_enclosure_file(media):
    archive = sample("sbsys-ballerup-2013/Publication32.zip")

    out, err = run(str(archive))

    meeting = Meeting.objects.get()
    assert (meeting.body.name, meeting.date.isoformat()) == ("KMB IT-udvalget", "2013-05-15")
    assert meeting.start.strftime("%H:%M") == "16:30"
    assert AgendaItem.objects.filter(section__meeting=meeting).count() == 5
    [enclosure] = Attachment.objects.all()
    assert enclosure.title == "Brev fra KL til Kommunalbestyrelsen vedr Monopolbrud"
    with enclosure.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    assert err == ""
    assert "imported KMB IT-udvalget 2013-05-15: 1 section, 5 items, 1 attachment" in out


def test_importing_the_sbsys_zip_again_keeps_the_stored_file(media):
    archive = sample("sbsys-ballerup-2013/Publication32.zip")
    run(str(archive))
    first = Attachment.objects.get().file.name

    run(str(archive))

    assert Attachment.objects.get().file.name == first
    assert sorted(p.name for p in (media / "attachments").rglob("*.pdf")) == [first.split("/")[-1]]


def test_an_sbsys_folder_imports_like_its_zip(tmp_path, media):
    archive = sample("sbsys-ballerup-2013/Publication32.zip")
    shutil.unpack_archive(archive, tmp_path / "pub")

    run(str(tmp_path / "pub"))

    assert AgendaItem.objects.count() == 5
    assert Attachment.objects.exclude(file="").count() == 1


EDOC = "edoc-ballerup-sfu-2012-12-04"


def test_the_edoc_folder_is_one_minutes_meeting_with_its_attachment_files(media):
    folder = sample(EDOC)

    out, err = run(str(folder))

    meeting = Meeting.objects.get()
    assert (meeting.body.name, meeting.date.isoformat(), meeting.document) == (
        "Sundheds- og Forebyggelsesudvalget",
        "2012-12-04",
        "minutes",
    )
    assert AgendaItem.objects.count() == 8
    attachments = Attachment.objects.all()
    assert attachments.count() == 10
    assert all(a.file and a.file.name.endswith(".pdf") for a in attachments)
    # The per-item PDFs are the items themselves: never imported again on their own.
    assert "1 document," in out and "0 failed" in out
    # The complete minutes PDF the XML names is absent: told, and the import went on.
    [warning] = [line for line in err.splitlines() if "1552814.PDF" in line]
    assert warning.startswith(f"dagsorden import: warning: {folder}/eDocAgendaPublishing.xml: ")
