"""Attachments: only allowed, honest, small enough files; stored under a random name."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from dagsorden.audit.models import AuditEntry
from dagsorden.cases.models import Attachment
from dagsorden.meetings.attachments import (
    attachment_add,
    attachment_delete,
    attachment_update,
    size_format,
)
from dagsorden.meetings.editing import AgendaLocked
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.tests.editing_factories import (
    DOCX,
    EXE,
    PDF,
    PNG,
    draft_create,
    items_add,
    kkr_create,
    upload,
)
from dagsorden.meetings.tests.personas import secretary_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary():
    return secretary_create(body=kkr_create(), username="sekretaer")


@pytest.fixture
def item(secretary):
    meeting = draft_create(body=secretary.secretariat_of.get(), by=secretary)
    (item,) = items_add(meeting, "3", "Trafik", by=secretary)
    return item


def test_a_pdf_is_stored_under_a_random_name(item, secretary, media):
    attachment = attachment_add(
        item=item,
        title="Notat om trafik",
        uploaded_file=upload("../../etc/Notat om trafik.pdf", PDF),
        public=False,
        by=secretary,
    )

    assert attachment.title == "Notat om trafik" and not attachment.public
    assert attachment.file.name.startswith(f"attachments/{dt.date.today().year}/")
    assert attachment.file.name.endswith(".pdf") and "Notat" not in attachment.file.name
    assert (media / attachment.file.name).read_bytes() == PDF
    entry = AuditEntry.objects.get(action="attachment_add")
    assert entry.changes == {"item": "3.1", "title": "Notat om trafik", "public": False}


def test_the_title_defaults_to_the_file_name(item, secretary):
    attachment = attachment_add(
        item=item, title="", uploaded_file=upload("Tidsplan.docx", DOCX), public=True, by=secretary
    )
    assert attachment.title == "Tidsplan"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bilag.exe", EXE, "bilag.exe: filtypen .exe er ikke tilladt (tilladt: .pdf, .docx,"),
        ("bilag", PDF, "bilag: en fil uden filtype er ikke tilladt"),
        ("bilag.pdf", EXE, "bilag.pdf: indholdet er ikke en PDF-fil, selvom navnet ender på .pdf"),
        ("bilag.docx", PDF, "bilag.docx: indholdet er ikke en Word-fil"),
        ("foto.png", b"GIF89a" + b"\x00" * 20, "foto.png: indholdet er ikke en PNG-fil"),
        ("noter.txt", EXE, "noter.txt: indholdet er ikke en .txt-fil"),
        ("noter.txt", b"abc\x00def", "noter.txt: indholdet er ikke tekst"),
        ("tom.pdf", b"", "tom.pdf: filen er tom"),
    ],
)
def test_a_disallowed_or_disguised_file_is_refused(item, secretary, media, name, content, message):
    with pytest.raises(ValidationError) as refused:
        attachment_add(
            item=item, title="", uploaded_file=upload(name, content), public=True, by=secretary
        )
    assert message in refused.value.messages[0]
    assert not Attachment.objects.exists()
    assert not list(media.rglob("*.*"))


def test_an_oversized_file_is_refused_with_both_sizes(item, secretary, settings):
    settings.ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024
    big = upload("referat.pdf", PDF + b"0" * (3 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        attachment_add(item=item, title="Referat", uploaded_file=big, public=True, by=secretary)
    assert refused.value.messages == ["referat.pdf: filen er 3 MB; grænsen er 2 MB"]
    assert not Attachment.objects.exists()


def test_sizes_read_like_people_say_them():
    assert size_format(31 * 1024 * 1024 + 5) == "31 MB"
    assert size_format(25 * 1024 * 1024) == "25 MB"
    assert size_format(2_621_440) == "2,5 MB"
    assert size_format(900 * 1024) == "900 kB"
    assert size_format(12) == "12 bytes"


def test_update_changes_title_and_flag_and_can_replace_the_file(item, secretary, media):
    attachment = attachment_add(
        item=item, title="Notat", uploaded_file=upload("a.pdf", PDF), public=True, by=secretary
    )
    old_name = attachment.file.name
    with transaction.atomic():  # the old file goes when the change is committed
        attachment_update(
            attachment=attachment,
            title="Notat, ny udgave",
            public=False,
            uploaded_file=upload("b.png", PNG),
            by=secretary,
        )

    attachment.refresh_from_db()
    assert (attachment.title, attachment.public) == ("Notat, ny udgave", False)
    assert attachment.file.name.endswith(".png")
    assert (media / attachment.file.name).read_bytes() == PNG
    entry = AuditEntry.objects.get(action="attachment_update")
    assert entry.changes["title"] == ["Notat", "Notat, ny udgave"]
    assert entry.changes["file"] == [old_name, attachment.file.name]


def test_delete_removes_the_row_and_records_it(item, secretary):
    attachment = attachment_add(
        item=item, title="Notat", uploaded_file=upload("a.pdf", PDF), public=True, by=secretary
    )
    attachment_delete(attachment=attachment, by=secretary)
    assert not Attachment.objects.exists()
    assert AuditEntry.objects.get(action="attachment_delete").changes["title"] == "Notat"


def test_a_held_meeting_takes_no_attachments(item, secretary):
    Meeting.objects.update(state=Meeting.State.HELD)
    with pytest.raises(AgendaLocked):
        attachment_add(
            item=item, title="Sent", uploaded_file=upload("a.pdf", PDF), public=True, by=secretary
        )
    assert not Attachment.objects.exists()
