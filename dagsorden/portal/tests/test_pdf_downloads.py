"""The meeting page's PDF downloads: each visitor gets their audience's PDF, the public's
is rendered once per content and kept, a members' PDF is never kept."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from dagsorden.meetings.attachments import attachment_add
from dagsorden.meetings.models import AgendaItem, ItemPart, Meeting
from dagsorden.meetings.tests.personas import meeting_create, member_create, secretary_create
from dagsorden.portal.views import pdfs
from dagsorden.publishing.pdf import html_pdf
from dagsorden.publishing.pdf_store import store_dir

pytestmark = pytest.mark.django_db

S = Meeting.State
CLOSED_TITLE = "Udpegning til bestyrelse"  # the factory's closed item 2.2


def pdf_url(meeting, kind: str = "dagsorden") -> str:
    return reverse("portal:meeting_pdf", args=[meeting.pk, kind])


def pdf_read(response) -> PdfReader:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return PdfReader(io.BytesIO(data))


def pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in pdf_read(response).pages)


@pytest.fixture
def published():
    return meeting_create(state=S.PUBLISHED)


@pytest.fixture
def renders(monkeypatch):
    """Counts the renders behind the downloads."""
    calls = []
    real = pdfs.meeting_pdf

    def counting(meeting, **kwargs):
        calls.append(kwargs)
        return real(meeting, **kwargs)

    monkeypatch.setattr(pdfs, "meeting_pdf", counting)
    return calls


def test_the_meeting_page_links_its_pdfs(client, published):
    page = client.get(reverse("portal:meeting_detail", args=[published.pk])).content.decode()
    assert pdf_url(published) in page
    assert pdf_url(published, "dagsorden-samlet") in page
    # No minutes yet: no minutes PDF is offered.
    assert pdf_url(published, "referat") not in page


def test_the_public_gets_the_public_pdf(client, published):
    response = client.get(pdf_url(published))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "kkr-hovedstaden-2021-10-15-dagsorden.pdf" in response["Content-Disposition"]
    text = pdf_text(response)
    assert "Status for den forberedende grunduddannelse" in text
    assert "2.2. Lukket punkt" in text
    assert CLOSED_TITLE not in text
    assert "2011-29298" not in text


def test_a_member_gets_the_closed_items_and_nothing_is_kept(client, published):
    client.force_login(member_create(body=published.body))
    response = client.get(pdf_url(published))
    assert response.status_code == 200
    assert CLOSED_TITLE in pdf_text(response)
    assert "no-store" in response["Cache-Control"]
    assert not list(store_dir().glob("**/*.pdf"))


def test_the_public_pdf_is_rendered_once_per_content(client, published, renders):
    client.get(pdf_url(published))
    client.get(pdf_url(published))
    assert len(renders) == 1
    part = ItemPart.objects.filter(item__section__meeting=published, item__number="2.1").first()
    part.text = "En helt ny baggrund om FGU."
    part.save()
    response = client.get(pdf_url(published))
    assert len(renders) == 2
    assert "En helt ny baggrund om FGU." in pdf_text(response)
    # The old version is gone from the store: one file per meeting and kind.
    assert len(list(store_dir().glob(f"{published.pk}-dagsorden-*.pdf"))) == 1


def test_a_draft_has_no_pdf_for_the_public(client):
    draft = meeting_create(state=S.DRAFT)
    assert client.get(pdf_url(draft)).status_code == 404
    client.force_login(secretary_create(body=draft.body))
    assert client.get(pdf_url(draft)).status_code == 200


def test_minutes_pdf_only_when_the_minutes_are_out(client):
    agenda = meeting_create(state=S.PUBLISHED)
    assert client.get(pdf_url(agenda, "referat")).status_code == 404
    approved = meeting_create(state=S.MINUTES_APPROVED)
    response = client.get(pdf_url(approved, "referat"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    Meeting.objects.filter(pk=approved.pk).update(state=S.MINUTES_PUBLISHED)
    response = client.get(pdf_url(approved, "referat"))
    assert response.status_code == 200
    text = pdf_text(response)
    assert "Referat" in text and "Beslutning" in text and "Godkendt." in text


def test_an_unknown_kind_is_404(client, published):
    assert client.get(pdf_url(published, "hemmelig")).status_code == 404


def test_the_samlet_pdf_carries_the_public_attachments_only(client, published):
    item = AgendaItem.objects.get(section__meeting=published, number="2.1")
    secretary = secretary_create(body=published.body)
    public_pdf = html_pdf("<html lang='da'><title>B</title><p>Offentligt bilagsindhold</p>")
    closed_pdf = html_pdf("<html lang='da'><title>B</title><p>Fortroligt bilagsindhold</p>")
    for title, data, public in (("Offentligt", public_pdf, True), ("Lukket", closed_pdf, False)):
        attachment_add(
            item=item,
            title=title,
            uploaded_file=SimpleUploadedFile(f"{title}.pdf", data),
            public=public,
            by=secretary,
        )
    alone = pdf_read(client.get(pdf_url(published)))
    merged = pdf_read(client.get(pdf_url(published, "dagsorden-samlet")))
    text = "\n".join(page.extract_text() for page in merged.pages)
    assert len(merged.pages) == len(alone.pages) + 1
    assert "Offentligt bilagsindhold" in text
    assert "Fortroligt bilagsindhold" not in text
    client.force_login(member_create(body=published.body))
    members = client.get(pdf_url(published, "dagsorden-samlet"))
    assert "Fortroligt bilagsindhold" in pdf_text(members)


def test_a_new_agenda_pdf_keeps_the_samlet_pdf(client, published, renders):
    client.get(pdf_url(published, "dagsorden-samlet"))
    part = ItemPart.objects.filter(item__section__meeting=published, item__number="2.1").first()
    part.text = "Ændret."
    part.save()
    client.get(pdf_url(published, "dagsorden-samlet"))
    client.get(pdf_url(published))
    assert len(renders) == 3
    # Each kind keeps exactly its newest file; the agenda's did not remove the samlet one.
    client.get(pdf_url(published, "dagsorden-samlet"))
    assert len(renders) == 3
    assert len(list(store_dir().glob(f"{published.pk}-dagsorden-samlet-*.pdf"))) == 1
