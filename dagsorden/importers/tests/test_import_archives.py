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


def test_the_per_item_pdfs_alone_make_the_meeting_the_xml_describes(tmp_path, media):
    from dagsorden.importers import edoc_xml

    folder = sample(EDOC)
    xml = folder / "eDocAgendaPublishing.xml"
    expected = edoc_xml.parse(xml.read_bytes(), str(xml))
    item_pdfs = [
        name for name in edoc_xml.companions(xml.read_bytes(), str(xml)) if (folder / name).exists()
    ]
    pdfs = tmp_path / "punkter"
    pdfs.mkdir()
    for item in item_pdfs:
        shutil.copy(folder / item, pdfs / item)
    # Only the item PDFs: the XML and the attachments stay behind.
    item_files = {
        name
        for name in item_pdfs
        if not any(a.file == name for i in expected.items for a in i.attachments)
    }
    for name in set(item_pdfs) - item_files:
        (pdfs / name).unlink()

    out, err = run(str(pdfs))

    meeting = Meeting.objects.get()
    assert (meeting.body.name, meeting.date, meeting.document) == (
        expected.body,
        expected.meeting.date,
        "minutes",
    )
    got = {
        i.number: (i.title, i.case.number if i.case else None, _words(i.decision))
        for i in AgendaItem.objects.select_related("case")
    }
    # A PDF shows no difference between a line break and a paragraph break.
    assert got == {i.number: (i.title, i.case_number, _words(i.decision)) for i in expected.items}
    assert "2012-28504" in {case for _title, case, _decision in got.values()}
    assert err == ""
    assert f"{len(item_files)} documents" not in out  # merged: one meeting, not one per file


def _words(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None
