"""The portal's meeting list and meeting page, on the demo agenda."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dagsorden.bodies.models import Body
from dagsorden.demo.management.commands.demo import DEMO_AGENDA
from dagsorden.documents.format import MeetingInfo
from dagsorden.importers.registry import load
from dagsorden.meetings.models import AgendaItem, ItemNote, Meeting
from dagsorden.meetings.services import document_import
from dagsorden.meetings.tests.personas import meeting_create, member_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    [document] = load(DEMO_AGENDA)
    return document_import(document=document)


def test_the_list_links_every_meeting(client, meeting):
    page = client.get(reverse("portal:meeting_list"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "KKR Hovedstaden" in html and "11. december 2026" in html
    assert reverse("portal:meeting_detail", args=[meeting.pk]) in html


def test_the_list_says_when_there_is_nothing(client):
    html = client.get(reverse("portal:meeting_list")).content.decode()
    assert "Der er ingen offentliggjorte møder endnu" in html


def test_the_meeting_page_shows_the_agenda(client, meeting):
    html = client.get(reverse("portal:meeting_detail", args=[meeting.pk])).content.decode()
    assert "<h1>KKR Hovedstaden</h1>" in html
    assert "kl. 09.30–12.00" in html and "Weidekampsgade 10" in html
    assert '<h2 id="sektion-3-titel">3. Regionalpolitiske sager</h2>' in html
    assert "<h3>3.1. Sundhedsklyngernes første år i hovedstadsområdet</h3>" in html
    assert "SAG-2026-01877" in html and "asfp" in html and "frbe" in html
    assert "<h4>Indstilling</h4>" in html
    # the text form becomes lists and paragraphs
    assert "<li>færre genindlæggelser af ældre medicinske patienter</li>" in html
    assert "./. Statusnotat om sundhedsklyngerne i Region Hovedstaden 2026" in html
    assert '<a href="https://www.kl.dk/kommunale-opgaver/sundhed-og-aeldre">' in html
    assert 'id="punkt-5.1"' in html


def test_a_closed_item_shows_only_its_number(client, meeting):
    html = client.get(reverse("portal:meeting_detail", args=[meeting.pk])).content.decode()
    assert "<h3>3.3. Lukket punkt</h3>" in html
    assert "plejeboliger" not in html
    assert "SAG-2026-02455" not in html


def test_an_unknown_meeting_is_404(client):
    assert client.get(reverse("portal:meeting_detail", args=[999999])).status_code == 404


# -- who sees what: the rules themselves are in test_access_pages.py --------------------------


def test_a_member_sees_a_closed_item_whole_and_marked(client, meeting):
    client.force_login(member_create(body=meeting.body))
    html = client.get(reverse("portal:meeting_detail", args=[meeting.pk])).content.decode()
    assert '<p class="closed-marker"><strong>Lukket punkt</strong>' in html
    assert "SAG-2026-02455" in html
    assert "(lukket punkt)</a>" in html  # in the table of contents too


def test_a_body_that_shows_closed_titles_shows_them_to_the_public(client, meeting):
    Body.objects.filter(pk=meeting.body.pk).update(show_closed_titles=True)
    html = client.get(reverse("portal:meeting_detail", args=[meeting.pk])).content.decode()
    closed = AgendaItem.objects.get(section__meeting=meeting, number="3.3")
    assert f"<h3>3.3. {closed.title}</h3>" in html
    assert "SAG-2026-02455" not in html  # the title only: no case, parts or attachments


def test_the_minutes_show_attendance_decisions_and_notes():
    meeting = meeting_create(state=Meeting.State.MINUTES_PUBLISHED)
    item = AgendaItem.objects.get(section__meeting=meeting, number="1.1")
    ItemNote.objects.create(item=item, text="Åse Ærø deltog ikke i behandlingen.")
    html = Client().get(reverse("portal:meeting_detail", args=[meeting.pk])).content.decode()
    assert '<p class="kind">Referat</p>' in html
    assert '<h2 id="fremmoede">Fremmøde</h2>' in html
    assert "<li>Steen Christiansen (A), formand</li>" in html
    assert "<li>Åse Ærø (Ø)</li>" in html
    assert "<h4>Beslutning</h4><p>Godkendt.</p>" in html
    assert "Åse Ærø deltog ikke i behandlingen." in html


def test_minutes_not_yet_published_are_an_agenda_to_the_public():
    meeting = meeting_create(state=Meeting.State.MINUTES_APPROVED)
    html = Client().get(reverse("portal:meeting_detail", args=[meeting.pk])).content.decode()
    assert '<p class="kind">Dagsorden</p>' in html
    assert "Beslutning" not in html and "Fremmøde" not in html


def test_the_state_is_shown_to_members_and_not_to_the_public(client, meeting):
    listing_url = reverse("portal:meeting_list")
    assert "Offentliggjort" not in client.get(listing_url).content.decode()
    client.force_login(member_create(body=meeting.body))
    listing = client.get(listing_url).content.decode()
    assert '<th scope="col">Status</th>' in listing and "<td>Offentliggjort</td>" in listing
    page = client.get(reverse("portal:meeting_detail", args=[meeting.pk])).content.decode()
    assert "<dt>Status</dt><dd>Offentliggjort</dd>" in page


def test_a_draft_is_neither_listed_nor_found_by_the_public(client):
    draft = meeting_create(state=Meeting.State.DRAFT)
    listing = client.get(reverse("portal:meeting_list")).content.decode()
    assert reverse("portal:meeting_detail", args=[draft.pk]) not in listing
    page = client.get(reverse("portal:meeting_detail", args=[draft.pk]))
    assert page.status_code == 404
    assert "<h1>Siden findes ikke</h1>" in page.content.decode()


# -- the header ---------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_offered_to_log_in(client, meeting):
    url = reverse("portal:meeting_detail", args=[meeting.pk])
    html = client.get(url).content.decode()
    assert f'<a href="/konto/login/?next={url}">Log ind</a>' in html
    assert "Log ud" not in html


def test_a_logged_in_user_sees_their_name_and_can_log_out(client, meeting):
    client.force_login(member_create(body=meeting.body, first_name="Steen", last_name="C."))
    html = client.get("/").content.decode()
    assert '<span class="user">Steen C.</span>' in html
    assert '<form method="post" action="/konto/logout/"' in html and ">Log ud</button>" in html
    assert ">Log ind</a>" not in html


# -- the number of queries does not grow with the list (pages: test_query_counts.py) ----------


def test_the_list_costs_the_same_for_1_and_10_meetings(client):
    first = meeting_create(state=Meeting.State.PUBLISHED)
    client.force_login(member_create(body=first.body))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("portal:meeting_list"))
    for day in range(1, 10):
        meeting_create(state=Meeting.State.SENT, meeting=MeetingInfo(date=dt.date(2022, 1, day)))
    with CaptureQueriesContext(connection) as ten:
        html = client.get(reverse("portal:meeting_list")).content.decode()
    assert html.count("<tr>") == 11  # the header and ten meetings
    assert len(one) == len(ten)


def test_an_empty_part_shows_no_bare_heading(client, meeting):
    from dagsorden.meetings.models import ItemPart

    part = ItemPart.objects.filter(item__section__meeting=meeting, heading="Sagsfremstilling")
    part.filter(item__number="5.1").update(text="")
    html = client.get(reverse("portal:meeting_detail", args=[meeting.pk])).content.decode()
    item = html.split('id="punkt-5.1"')[1].split("</article>")[0]
    assert "<h4>Indstilling</h4>" in item and "<h4>Sagsfremstilling</h4>" not in item


def test_a_javascript_link_from_an_import_never_becomes_a_link(client, meeting):
    from dagsorden.meetings.models import AgendaItem

    AgendaItem.objects.filter(section__meeting=meeting, number="3.1").update(
        links=["javascript:alert(1)", "https://www.kl.dk/"]
    )
    html = client.get(reverse("portal:meeting_detail", args=[meeting.pk])).content.decode()
    assert 'href="javascript:' not in html
    assert "<li>javascript:alert(1)</li>" in html
    assert '<a href="https://www.kl.dk/">' in html
