"""Attachments in the item editor: upload, change, replace, delete; bad files refused with
the reason next to the file field."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from dagsorden.audit.models import AuditEntry
from dagsorden.cases.models import Attachment
from dagsorden.meetings.attachments import attachment_add
from dagsorden.meetings.tests.editing_factories import (
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
    return secretary_create(body=kkr_create(), username="anne")


@pytest.fixture
def item(secretary):
    meeting = draft_create(body=secretary.secretariat_of.get(), by=secretary)
    (item,) = items_add(meeting, "3", "Trafik", by=secretary)
    return item


@pytest.fixture
def staff(client, secretary):
    client.force_login(secretary)
    return client


def text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def file_errors(response, prefix: str) -> str:
    page = html.unescape(response.content.decode())
    found = re.search(rf'<ul class="field-errors" id="{prefix}_file_error">(.*?)</ul>', page, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found[1]).split()) if found else ""


def test_an_upload_is_listed_in_the_editor(staff, item, media):
    response = staff.post(
        reverse("staff:attachment_new", args=[item.pk]),
        {"file": upload("Notat om trafik.pdf"), "title": "", "public": "on"},
        follow=True,
    )
    attachment = Attachment.objects.get()
    assert response.redirect_chain[-1][0].endswith("#bilag")
    assert "Bilaget »Notat om trafik« er tilføjet." in text(response)
    assert "Bilag 1: Notat om trafik" in text(response)
    assert attachment.public and (media / attachment.file.name).read_bytes() == PDF
    assert AuditEntry.objects.filter(action="attachment_add").count() == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bilag.exe", EXE, "bilag.exe: filtypen .exe er ikke tilladt (tilladt: .pdf, .docx"),
        ("bilag.pdf", EXE, "bilag.pdf: indholdet er ikke en PDF-fil, selvom navnet ender på .pdf"),
    ],
)
def test_a_program_is_refused_whatever_its_name(staff, item, media, name, content, reason):
    response = staff.post(
        reverse("staff:attachment_new", args=[item.pk]),
        {"file": upload(name, content), "title": "Bilag"},
    )
    assert response.status_code == 400
    assert reason in file_errors(response, "id_nytbilag")
    assert not Attachment.objects.exists() and not list(media.rglob("*.*"))


def test_an_oversized_file_is_refused_with_the_limit(staff, item, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    response = staff.post(
        reverse("staff:attachment_new", args=[item.pk]),
        {"file": upload("referat.pdf", PDF + b"0" * 4096), "title": "Referat"},
    )
    assert response.status_code == 400
    assert "referat.pdf: filen er 4 kB; grænsen er 1 kB" in file_errors(response, "id_nytbilag")
    assert "højst 1 kB" in text(response)
    assert not Attachment.objects.exists()


def test_title_and_public_flag_change_and_the_file_can_be_replaced(staff, item, secretary):
    attachment = attachment_add(
        item=item, title="Notat", uploaded_file=upload("a.pdf"), public=True, by=secretary
    )
    response = staff.post(
        reverse("staff:attachment_edit", args=[attachment.pk]),
        {"title": "Notat, ny udgave", "file": upload("b.png", PNG)},
        follow=True,
    )
    attachment.refresh_from_db()
    assert "Bilaget »Notat, ny udgave« er gemt." in text(response)
    assert (attachment.title, attachment.public) == ("Notat, ny udgave", False)
    assert attachment.file.name.endswith(".png")


def test_a_bad_replacement_keeps_the_old_file(staff, item, secretary):
    attachment = attachment_add(
        item=item, title="Notat", uploaded_file=upload("a.pdf"), public=True, by=secretary
    )
    before = attachment.file.name
    response = staff.post(
        reverse("staff:attachment_edit", args=[attachment.pk]),
        {"title": "Notat", "public": "on", "file": upload("b.pdf", EXE)},
    )
    assert response.status_code == 400
    assert "indholdet er ikke en PDF-fil" in file_errors(response, f"id_bilag{attachment.pk}")
    attachment.refresh_from_db()
    assert attachment.file.name == before


def test_delete_asks_first(staff, item, secretary):
    attachment = attachment_add(
        item=item, title="Notat", uploaded_file=upload("a.pdf"), public=True, by=secretary
    )
    url = reverse("staff:attachment_delete", args=[attachment.pk])
    assert "Slet bilaget »Notat«?" in text(staff.get(url))
    assert Attachment.objects.exists()

    response = staff.post(url, follow=True)
    assert "Bilaget »Notat« er slettet." in text(response)
    assert not Attachment.objects.exists()
