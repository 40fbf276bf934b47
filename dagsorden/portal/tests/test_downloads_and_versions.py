"""Attachment downloads through /bilag/<id>/, and the corrections of a sent agenda."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from dagsorden.cases.models import Attachment
from dagsorden.meetings.models import AgendaItem, Meeting
from dagsorden.meetings.tests.personas import meeting_create, member_create
from dagsorden.meetings.versions import version_record
from dagsorden.portal.views import download_name

pytestmark = pytest.mark.django_db

S = Meeting.State


@pytest.fixture
def meeting():
    return meeting_create(state=S.PUBLISHED)


def attachment_with_file(meeting, title="Notat om FGU", name="notat.pdf", data=b"%PDF-1.4\n"):
    attachment = Attachment.objects.get(item__section__meeting=meeting, title=title)
    attachment.file.save(name, ContentFile(data))
    return attachment


# -- downloads ----------------------------------------------------------------------------------


def test_a_public_attachment_downloads_inline_with_a_safe_name(client, meeting):
    attachment = attachment_with_file(meeting)
    response = client.get(reverse("portal:attachment", args=[attachment.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="Notat-om-FGU.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"


def test_a_danish_title_keeps_its_letters(client, meeting):
    attachment = attachment_with_file(meeting)
    Attachment.objects.filter(pk=attachment.pk).update(title="Ældre- og sundhedsområdet: status")
    response = client.get(reverse("portal:attachment", args=[attachment.pk]))
    assert response["Content-Disposition"] == (
        "inline; filename*=utf-8''%C3%86ldre-og-sundhedsomr%C3%A5det-status.pdf"
    )


@pytest.mark.parametrize(
    ("title", "extension", "name"),
    [
        ("Notat om FGU", ".pdf", "Notat-om-FGU.pdf"),
        ('../../etc/passwd"; x=', ".txt", "etcpasswd-x.txt"),
        ("", ".docx", "bilag.docx"),
        ("Tidsplan", ".pdf\r\nX-Evil: 1", "Tidsplan"),
        ("Bilag\u0000med\u0007styretegn", ".pdf", "Bilagmedstyretegn.pdf"),
    ],
)
def test_the_download_name_is_never_a_path_or_a_header(title, extension, name):
    assert download_name(title, extension) == name


def test_an_unknown_file_type_is_sent_as_bytes(client, meeting):
    attachment = attachment_with_file(meeting, name="notat.html", data=b"<script>alert(1)</script>")
    response = client.get(reverse("portal:attachment", args=[attachment.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_attachment_without_a_file_is_404(client, meeting):
    attachment = Attachment.objects.get(item__section__meeting=meeting, title="Notat om FGU")
    assert client.get(reverse("portal:attachment", args=[attachment.pk])).status_code == 404


def test_a_file_gone_from_the_disk_is_404(client, meeting, media):
    attachment = attachment_with_file(meeting)
    (media / attachment.file.name).unlink()
    assert client.get(reverse("portal:attachment", args=[attachment.pk])).status_code == 404


def test_an_unknown_attachment_is_404(client):
    assert client.get(reverse("portal:attachment", args=[999999])).status_code == 404


def test_the_meeting_page_links_to_the_download_view_not_to_media(client, meeting):
    attachment = attachment_with_file(meeting)
    html = client.get(reverse("portal:meeting_detail", args=[meeting.pk])).content.decode()
    assert f'<a href="/bilag/{attachment.pk}/">Notat om FGU</a>' in html
    assert "/media/" not in html
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_a_closed_attachment_is_marked_for_members(client, meeting):
    attachment = attachment_with_file(meeting, title="Fortroligt bilag")
    client.force_login(member_create(body=meeting.body))
    html = client.get(reverse("portal:meeting_detail", args=[meeting.pk])).content.decode()
    assert f'<a href="/bilag/{attachment.pk}/">Fortroligt bilag</a>' in html
    assert "(lukket bilag)" in html
    download = client.get(reverse("portal:attachment", args=[attachment.pk]))
    # Never left on the disk of a shared meeting-room PC.
    assert download.status_code == 200 and "no-store" in download["Cache-Control"]


# -- versions -----------------------------------------------------------------------------------


@pytest.fixture
def corrected(meeting):
    """The published meeting as sent (version 1) and after a correction (version 2)."""
    version_record(meeting=meeting, by=None, note="Udsendt til medlemmerne")
    AgendaItem.objects.filter(section__meeting=meeting, number="1.2").update(
        title="Godkendelse af dagsordenen"
    )
    version_record(meeting=meeting, by=None, note="Titlen på 1.2 er rettet")
    return meeting


@pytest.fixture
def member_client(client, meeting):
    client.force_login(member_create(body=meeting.body))
    return client


def test_the_meeting_page_says_the_agenda_was_corrected(member_client, corrected):
    html = member_client.get(reverse("portal:meeting_detail", args=[corrected.pk])).content
    assert (
        "Dagsordenen er rettet efter udsendelsen: "
        f'<a href="/moeder/{corrected.pk}/rettelser/">se rettelser</a>'
    ) in html.decode()


def test_one_version_is_no_correction(member_client, meeting):
    version_record(meeting=meeting, by=None, note="Udsendt til medlemmerne")
    html = member_client.get(reverse("portal:meeting_detail", args=[meeting.pk])).content
    assert "se rettelser" not in html.decode()


def test_the_public_is_not_told_about_corrections(client, corrected):
    html = client.get(reverse("portal:meeting_detail", args=[corrected.pk])).content.decode()
    assert "se rettelser" not in html


def test_the_versions_list_numbers_dates_and_notes(member_client, corrected):
    html = member_client.get(reverse("portal:version_list", args=[corrected.pk])).content.decode()
    assert "<h1>Rettelser til dagsordenen</h1>" in html
    assert "<td>Udsendt til medlemmerne</td>" in html and "<td>Titlen på 1.2 er rettet</td>" in html
    assert f'<a href="/moeder/{corrected.pk}/rettelser/1/2/">Se ændringer fra version 1</a>' in html


def test_the_diff_marks_removed_and_added_lines_in_words_too(member_client, corrected):
    url = reverse("portal:version_compare", args=[corrected.pk, 1, 2])
    html = member_client.get(url).content.decode()
    assert "<h1>Ændringer fra version 1 til 2</h1>" in html
    assert "1.2. Godkendelse af dagsordenen – ændret</h2>" in html
    removed = '<del><span class="visually-hidden">fjernet: </span>- 1.2. Godkendelse af dagsorden'
    added = '<ins><span class="visually-hidden">tilføjet: </span>+ 1.2. Godkendelse af dagsordenen'
    assert removed in html and added in html
    assert "Rettelse: Titlen på 1.2 er rettet" in html


def test_the_same_version_twice_has_no_changes(member_client, corrected):
    url = reverse("portal:version_compare", args=[corrected.pk, 2, 2])
    assert "Der er ingen forskel" in member_client.get(url).content.decode()


def test_a_missing_version_is_404(member_client, corrected):
    url = reverse("portal:version_compare", args=[corrected.pk, 1, 7])
    assert member_client.get(url).status_code == 404


def test_a_logged_in_outsider_gets_a_danish_refusal(client, corrected):
    client.force_login(member_create(body=meeting_create(state=S.DRAFT, body="KKR Sjælland").body))
    response = client.get(reverse("portal:version_list", args=[corrected.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Ingen adgang</h1>" in html
    assert "kan kun ses af organets medlemmer og sekretariatet" in html
